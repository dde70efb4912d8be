"""The embed snippet in a real browser: a page on another origin frames the guide.

It renders when the service allows that origin (VAGVISAREN_EMBED_ORIGINS) and is
blocked by the browser when it does not.
"""

from __future__ import annotations

import pytest

from . import harness

pytestmark = pytest.mark.browser


def host_page(iframe_src: str, port: int):
    """A municipality's page on another local port, framing the guide; yields its address."""
    return harness.one_page_site(
        '<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Kommunen</title></head><body>'
        f'<h1>Våld i nära relationer</h1><iframe src="{iframe_src}" title="Vägvisaren" '
        'style="width: 100%; height: 48rem; border: 0;"></iframe></body></html>',
        port,
    )


def framed_heading(page, url: str, guide: str) -> str | None:
    """The h1 inside the frame showing the guide, or None when the browser refused to show it."""
    page.goto(url)
    page.wait_for_load_state("load")
    for frame in page.frames:
        if frame.url.startswith(guide):
            heading = frame.query_selector("h1")
            return heading.inner_text() if heading else None
    return None


def test_an_allowed_origin_shows_the_guide_and_another_is_refused(playwright):
    allowed_port = harness.free_port()
    allowed = f"http://127.0.0.1:{allowed_port}"
    with harness.service(VAGVISAREN_EMBED_ORIGINS=allowed) as guide:
        src = f"{guide}/embed/sv/start"
        with harness.chromium(playwright) as context:
            page = context.new_page()
            with host_page(src, harness.free_port()) as other:
                assert framed_heading(page, other, guide) is None
            with host_page(src, allowed_port) as host:
                assert framed_heading(page, host, guide) == "Vad gäller det?"
                frame = next(f for f in page.frames if f.url.startswith(guide))
                assert frame.get_attribute("a.exit", "target") == "_top"
                assert frame.query_selector("header.site-header") is None
