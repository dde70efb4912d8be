"""Shared fixtures: small content trees to break, and clients that talk ASGI."""

from __future__ import annotations

import shutil
from pathlib import Path

import httpx
import pytest
from bs4 import BeautifulSoup

from app.settings import Settings
from app.web.app import create_app

FIXTURES = Path(__file__).parent / "fixtures"
ROOT_DIR = Path(__file__).parent.parent
BUNDLED = ROOT_DIR / "content"


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist's own hook reads the groups
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """With `-n` (pytest-xdist, `--dist loadgroup`): the browser tests share one service, one Chromium and one
    walk, so they run together in one worker; every other module runs whole in one worker, where its fixtures
    are built once."""
    for item in items:
        group = "browser" if item.get_closest_marker("browser") else item.nodeid.split("::")[0]
        item.add_marker(pytest.mark.xdist_group(group))


_FROM_WORKERS: list[str] = []


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error) -> None:
    """A pytest-xdist worker finished: keep the browser audit's summary it handed over."""
    if line := getattr(node, "workeroutput", {}).get("browser_audit"):
        _FROM_WORKERS.append(line)


def pytest_terminal_summary(terminalreporter) -> None:
    for line in _FROM_WORKERS:
        terminalreporter.write_line(line)


@pytest.fixture
def minimal(tmp_path: Path) -> Path:
    """A copy of the smallest valid content tree, free to be broken by a test."""
    target = tmp_path / "content"
    shutil.copytree(FIXTURES / "minimal", target)
    return target


@pytest.fixture
def bundled_copy(tmp_path: Path) -> Path:
    """A copy of the real content, free to be broken by a test."""
    target = tmp_path / "content"
    shutil.copytree(BUNDLED, target)
    return target


def client_for(content: Path, raise_app_exceptions: bool = True, **settings) -> httpx.AsyncClient:
    app = create_app(Settings(content_dir=content, **settings))
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=raise_app_exceptions)
    return httpx.AsyncClient(transport=transport, base_url="http://testserver")


@pytest.fixture(scope="session")
def bundled_app():
    return create_app(Settings())


@pytest.fixture
async def client(bundled_app):
    """A client for the service on the bundled content."""
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=bundled_app), base_url="http://testserver") as c:
        yield c


def parse(response: httpx.Response) -> BeautifulSoup:
    return BeautifulSoup(response.text, "html.parser")
