"""Refresh the pictures in docs/screenshots: `python -m tests.browser.screenshots [--out DIR]`.

Starts the service on the bundled content and Debian's Chromium with the page's
JavaScript off, and writes the start page, one question, one information page and
the all-topics page in Swedish and English at 320 and 1280 px wide.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import harness


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.browser.screenshots", description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=harness.ROOT / "docs" / "screenshots")
    args = parser.parse_args(argv)
    missing = harness.missing_tools()
    if missing:
        print("missing: " + "; ".join(missing), file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    with harness.service() as origin, sync_playwright() as playwright, harness.chromium(playwright) as context:
        for path in harness.screenshots(context, origin, args.out):
            print(path.relative_to(harness.ROOT) if path.is_relative_to(harness.ROOT) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
