"""The README's test command spreads the suite over the CPUs without splitting what must stay together."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MODULE = """import pytest
{mark}
@pytest.mark.parametrize("n", range(4))
def test_{name}(n):
    pass
"""


def test_the_browser_tests_run_in_one_worker_and_every_other_module_whole_in_one(tmp_path):
    """Were the groups lost (pytest 9.2 dropped them from node ids), every worker would walk every page itself."""
    (tmp_path / "conftest.py").write_text("from tests.conftest import pytest_collection_modifyitems  # noqa: F401\n")
    for name, browser in (("walk", True), ("keys", True), ("plain", False), ("other", False)):
        mark = "pytestmark = pytest.mark.browser" if browser else ""
        (tmp_path / f"test_{name}.py").write_text(MODULE.format(mark=mark, name=name))
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-n", "2", "--dist", "loadgroup", "-v", "-p", "no:cacheprovider"]
        + ["-o", "markers=browser", "-o", "addopts=", "--rootdir", str(tmp_path), str(tmp_path)],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    workers: dict[str, set[str]] = {}
    for worker, group in re.findall(r"\[(gw\d)\].* PASSED \S+@(\S+)", run.stdout):
        workers.setdefault(group, set()).add(worker)
    assert set(workers) == {"browser", "test_plain.py", "test_other.py"}, run.stdout
    assert all(len(found) == 1 for found in workers.values()), workers
