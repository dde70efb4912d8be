"""Every page the walk found is valid HTML, by the Nu HTML Checker run once as a local server."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from . import harness

pytestmark = pytest.mark.browser


@pytest.fixture(scope="package")
def checker(browser_tools):
    with harness.nu_checker() as url:
        yield url


def test_the_checker_finds_errors(checker):
    assert harness.check_html(checker, b"<!doctype html><html lang=en><title>x</title><p><div></p>")


def test_every_page_is_valid_html(walk, checker):
    """The checker is a server with threads of its own: the pages go to it several at a time."""
    with ThreadPoolExecutor(harness.BROWSERS * 2) as pool:
        checked = pool.map(lambda crawled: harness.check_html(checker, crawled.html), walk.pages)
        errors = {crawled.visit.name: found for crawled, found in zip(walk.pages, checked, strict=True) if found}
    assert not errors, "\n".join(f"{name}: {problems}" for name, problems in errors.items())
