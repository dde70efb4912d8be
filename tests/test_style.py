"""The code follows the project's lint rules (ruff, configured in pyproject.toml), in modules of a readable size."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent


def test_ruff_finds_nothing():
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "app", "tests"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


# A module a newcomer can read in one sitting (issue 11): over this, split it by what its parts are about.
MODULE_LINES = 400


def test_no_module_of_the_app_is_over_the_size_a_reader_takes_in():
    long = {
        str(path.relative_to(ROOT)): lines
        for path in sorted((ROOT / "app").rglob("*.py"))
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MODULE_LINES
    }
    assert not long, f"split these modules (lines): {long}"
