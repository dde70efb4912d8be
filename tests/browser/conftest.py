"""Fixtures for the real-browser suite: one service, one Chromium profile, one walk over every page.

The suite needs Debian's Chromium, Java and `npm ci`. Where they are missing the
tests skip, except in CI (the `CI` environment variable is set), where they fail.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field

import coverage
import pytest

from . import harness


@dataclass
class Figures:
    """What the suite audited and how long it took, printed at the end of the run."""

    pages: int = 0
    widths: int = 0
    started: float = field(default_factory=time.monotonic)
    finished: float | None = None


FIGURES = Figures()


@pytest.fixture(scope="package")
def browser_tools():
    missing = harness.missing_tools()
    if missing:
        message = "the browser tests need " + "; ".join(missing)
        if os.environ.get("CI"):
            pytest.fail(message + " (CI is set, so they must run)")
        pytest.skip(message)
    FIGURES.started = time.monotonic()
    yield
    FIGURES.finished = time.monotonic()


@pytest.fixture(scope="package", autouse=True)
def untraced():
    """Coverage paused while the browser tests run: the service they drive runs in a process of its own, so
    tracing here measures nothing of the app and only slows the Playwright driver's every call."""
    measuring = coverage.Coverage.current()
    if measuring is not None:
        measuring.stop()
    yield
    if measuring is not None:
        measuring.start()


@pytest.fixture(scope="package")
def origin(browser_tools):
    with harness.service() as origin:
        yield origin


@pytest.fixture(scope="package")
def requests_seen() -> list[str]:
    """Every request any page of the browser made during the session, as 'METHOD url'."""
    return []


@pytest.fixture(scope="package")
def playwright(browser_tools):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as running:
        yield running


@pytest.fixture(scope="package")
def context(playwright, requests_seen):
    with harness.chromium(playwright) as context:
        context.on("request", lambda request: requests_seen.append(f"{request.method} {request.url}"))
        yield context


@pytest.fixture(scope="package")
def neutral(browser_tools):
    """The quick exit's destination in tests: a local page, so Back and history are real."""
    with harness.neutral_site() as url:
        yield url


@pytest.fixture(scope="package")
def exiting_origin(neutral):
    """The service with its quick exit pointed at the local neutral page."""
    with harness.service(VAGVISAREN_EXIT_URL=neutral) as origin:
        yield origin


@pytest.fixture(scope="package")
def scripted_context(playwright):
    """A second Chromium profile with the page's JavaScript on, for the exit script."""
    with harness.chromium(playwright, javascript=True) as context:
        yield context


@pytest.fixture
def page(context):
    page = context.new_page()
    yield page
    page.close()


@dataclass
class Walk:
    """The pages found from both start pages, and the tab that walked them (left open, on the site)."""

    pages: list[harness.Crawled]
    tab: object


@pytest.fixture(scope="package")
def walk(context, origin) -> Walk:
    tab = context.new_page()
    pages = harness.crawl(tab, origin)
    FIGURES.pages = len(pages)
    return Walk(pages, tab)


def _summary() -> str | None:
    if not FIGURES.pages:
        return None
    seconds = (FIGURES.finished or time.monotonic()) - FIGURES.started
    return (
        f"browser audit: {FIGURES.pages} pages × {FIGURES.widths} widths with axe-core, "
        f"{harness.BROWSERS} Chromium profiles side by side, browser tests {seconds:.0f} s"
    )


def pytest_sessionfinish(session) -> None:
    """In a pytest-xdist worker: hand the summary to the main process (tests/conftest.py prints it)."""
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None and (line := _summary()):
        workeroutput["browser_audit"] = line


def pytest_terminal_summary(terminalreporter) -> None:
    if line := _summary():
        terminalreporter.write_line(line)
