"""What the Dockerfile builds, built without Docker; and every install reads the same lock.

The image is built from exactly the files the Dockerfile copies: a file the
package needs but the Dockerfile leaves out (or `pip install .` leaves out of the
package) shows here as a service that does not start or a page that fails.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import tomllib
import urllib.request
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).parent.parent
DOCKERFILE = (ROOT / "Dockerfile").read_text(encoding="utf-8")
RUNTIME_LOCK = ROOT / "requirements.lock"
TEST_LOCK = ROOT / "requirements-test.lock"


def _pins(lock: Path) -> dict[str, str]:
    pins = {}
    for line in lock.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            pins[name.lower().replace("_", "-")] = version
    return pins


def test_every_dependency_is_pinned_within_its_range_and_the_two_locks_agree():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime, test = _pins(RUNTIME_LOCK), _pins(TEST_LOCK)
    for lock, specs in ((runtime, project["dependencies"]), (test, project["optional-dependencies"]["test"])):
        for spec in specs:
            requirement = Requirement(spec)
            name = requirement.name.lower().replace("_", "-")
            assert name in lock, f"{name} is not pinned"
            assert requirement.specifier.contains(lock[name]), (
                f"{name}=={lock[name]} is outside {requirement.specifier}"
            )
    assert "fastapi" in runtime
    assert {name: version for name, version in test.items() if name in runtime} == runtime


def test_the_readme_ci_and_dockerfile_install_from_the_locks():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    test_command = re.search(r"^python3 -m venv .*pytest.*$", readme, re.M)
    assert test_command and "-r requirements-test.lock" in test_command[0] and "--cov-fail-under=" in test_command[0]
    assert ci.rstrip().splitlines()[-1] == test_command[0]
    for check in (".venv/bin/ruff format --check", ".venv/bin/ruff check", ".venv/bin/mypy app"):
        assert check in ci
    assert "pip install -r requirements.lock && pip install --no-deps ." in DOCKERFILE


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.status, response.read().decode("utf-8")


def test_what_the_dockerfile_builds_serves_pages(tmp_path):
    """Copy what the Dockerfile copies, install it as it does, start it as it does, fetch pages.

    Docker is not needed: the image's Python is ours. Its dependencies come from the
    runtime lock, which this test venv was installed from (the test above holds the
    two locks equal), so the project is installed with `--no-deps` into a folder of its
    own: no network, and the build still finds any file the package leaves out.
    """
    workdir = re.search(r"^WORKDIR (\S+)", DOCKERFILE, re.M)[1]
    image = tmp_path / "image"
    image.mkdir()
    for line in re.findall(r"^COPY (.+)$", DOCKERFILE, re.M):
        *sources, target = line.split()
        for source in sources:
            destination = image / target / source if target.endswith("/") else image / target
            if (ROOT / source).is_dir():
                shutil.copytree(ROOT / source, destination, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(ROOT / source, destination)
    site_packages = tmp_path / "site-packages"
    install = [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation"]
    subprocess.run([*install, "--target", str(site_packages), str(image)], check=True, timeout=300)
    assert (site_packages / "app" / "templates" / "base.html").is_file()
    assert (site_packages / "app" / "locales" / "sv" / "LC_MESSAGES" / "messages.po").is_file()

    env = {"PATH": os.environ["PATH"], "PYTHONPATH": str(site_packages)}
    for name, value in re.findall(r"(VAGVISAREN_\w+)=(\S+)", DOCKERFILE):
        env[name] = value.replace(workdir, str(image))
    # The snapshot of the checked content, made at build time as the Dockerfile makes it.
    folder = re.search(r"^RUN mkdir (\S+) && python -m app check$", DOCKERFILE, re.M)[1]
    assert env["VAGVISAREN_SNAPSHOT_DIR"] == str(image / folder)
    (image / folder).mkdir()
    subprocess.run([sys.executable, "-m", "app", "check"], cwd=image, env=env, check=True, capture_output=True)
    assert len(list((image / folder).glob("guide-*.pickle"))) == 1
    port = _free_port()
    command = re.search(r"^CMD (\[.*\])$", DOCKERFILE, re.M)[1]
    assert command == f'["{workdir}/deploy/start"]'
    # deploy/start runs the service on the loopback behind nginx (tests/test_front.py tests the front).
    start = (image / "deploy" / "start").read_text(encoding="utf-8")
    assert "python -m app serve --host 127.0.0.1 --port 8001 &" in start
    # Another working folder than the copy, so the app is imported from the installed package.
    log = tmp_path / "server.log"
    with log.open("wb") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "app", "serve", "--host", "127.0.0.1", "--port", str(port)],
            cwd=tmp_path,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                health = _get(f"http://127.0.0.1:{port}/healthz")
                break
            except OSError:
                assert server.poll() is None, log.read_text(encoding="utf-8")
                assert time.monotonic() < deadline, "the service did not start within 60 s"
                time.sleep(0.2)
        assert health == (200, "ok")
        status, page = _get(f"http://127.0.0.1:{port}/sv/start")
        assert status == 200 and 'class="exit"' in page and "/static/style.css" in page
        assert _get(f"http://127.0.0.1:{port}/static/style.css")[0] == 200
    finally:
        server.terminate()
        server.wait(timeout=10)
