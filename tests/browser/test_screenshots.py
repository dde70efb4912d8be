"""Pictures of the main pages in every language and width, for reviewers (artefacts/screenshots)."""

from __future__ import annotations

import struct

import pytest

from . import harness

pytestmark = pytest.mark.browser

ARTEFACTS = harness.ROOT / "artefacts" / "screenshots"


def png_size(path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", header[16:24])


def test_screenshots_of_the_main_pages(context, origin):
    written = harness.screenshots(context, origin, ARTEFACTS)
    main = len(harness.SCREENSHOT_PAGES) * len(harness.LANGUAGES) * len(harness.WIDTHS) * 2
    right_to_left = [code for code in harness.LANGUAGES if harness.LANGUAGE[code].direction == "rtl"]
    assert right_to_left, "Arabic and Persian are written right to left"
    assert len(written) == main + len(right_to_left) * len(harness.MIRRORED_PAGES)
    assert sum("-dark-" in path.name for path in written) == main // 2
    for path in written:
        width = int(path.stem.rsplit("-", 1)[1])
        assert png_size(path)[0] == width, path
        assert path.stat().st_size > 5_000, path
