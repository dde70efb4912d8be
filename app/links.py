"""`python -m app links`: is every source and service address still there?

Official pages move and disappear; a source that no longer opens cannot back a
fact. This asks each address once (many pages share a source), a few at a time
so no site is hammered, with a timeout per request and a User-Agent that says
who is asking, and reports what is broken or moved, by the page that cites it.
It never runs in the service and never in tests against the internet.
"""

from __future__ import annotations

import asyncio
import sys
from collections import defaultdict
from dataclasses import dataclass
from typing import TextIO

import httpx

from .content.model import Guide

USER_AGENT = "Vagvisaren-linkcheck/1 (checks the sources cited by the Vagvisaren guide; one request per address)"
CONCURRENCY = 6
TIMEOUT = 15.0


@dataclass(frozen=True)
class Result:
    """What one address answered: `ok`, `moved` (with where to) or `broken` (with why)."""

    url: str
    verdict: str
    detail: str


def cited_urls(guide: Guide) -> dict[str, list[str]]:
    """Every source and service address, with the files that cite it (`sv/kontaktforbud.md`)."""
    cited: dict[str, list[str]] = defaultdict(list)
    for tree in guide.trees.values():
        for step in tree.steps.values():
            for source in step.sources:
                cited[source.url].append(step.path)
    for service in guide.services.values():
        addresses = [service.url] if service.url else []
        addresses += [source.url for source in service.sources]
        addresses += [channel.url for channel in service.channels if channel.url]
        addresses += [channel.source.url for channel in service.channels]
        for url in dict.fromkeys(addresses):
            cited[url].append(service.path)
    return {url: sorted(set(paths)) for url, paths in cited.items()}


def make_client(timeout: float) -> httpx.AsyncClient:
    """One client for the run: redirects are reported, not followed."""
    return httpx.AsyncClient(
        headers={"User-Agent": USER_AGENT},
        timeout=httpx.Timeout(timeout),
        follow_redirects=False,
    )


async def check_urls(
    urls: list[str],
    *,
    concurrency: int = CONCURRENCY,
    timeout: float = TIMEOUT,
    progress: TextIO | None = None,
) -> list[Result]:
    """Ask each address with GET (some sites refuse HEAD), reading only the status line and headers."""
    limit = asyncio.Semaphore(concurrency)
    done = 0

    async def one(client: httpx.AsyncClient, url: str) -> Result:
        nonlocal done
        async with limit:
            result = await _ask(client, url)
        done += 1
        if progress is not None:
            progress.write(f"\rchecked {done}/{len(urls)}")
            progress.flush()
        return result

    async with make_client(timeout) as client:
        results = await asyncio.gather(*(one(client, url) for url in urls))
    if progress is not None and urls:
        progress.write("\n")
    return list(results)


async def _ask(client: httpx.AsyncClient, url: str) -> Result:
    try:
        async with client.stream("GET", url) as response:
            status = response.status_code
            location = response.headers.get("location", "")
    except httpx.TimeoutException:
        return Result(url, "broken", "no answer in time")
    except httpx.HTTPError as error:
        return Result(url, "broken", f"{type(error).__name__}: {error}".rstrip(": "))
    if 200 <= status < 300:
        return Result(url, "ok", str(status))
    if 300 <= status < 400:
        target = str(httpx.URL(url).join(location)) if location else "(no Location)"
        return Result(url, "moved", f"{status} → {target}")
    return Result(url, "broken", str(status))


def report(cited: dict[str, list[str]], results: list[Result]) -> str:
    """Broken and moved addresses grouped by the file that cites them, then a count."""
    by_file: dict[str, list[Result]] = defaultdict(list)
    for result in results:
        if result.verdict != "ok":
            for path in cited.get(result.url, ["(not cited)"]):
                by_file[path].append(result)
    lines = []
    for path in sorted(by_file):
        lines.append(path)
        for result in sorted(by_file[path], key=lambda r: (r.verdict, r.url)):
            lines.append(f"  {result.verdict:6}  {result.url}  {result.detail}")
    counts = {verdict: sum(r.verdict == verdict for r in results) for verdict in ("ok", "moved", "broken")}
    lines.append(f"{len(results)} addresses: {counts['ok']} ok, {counts['moved']} moved, {counts['broken']} broken")
    return "\n".join(lines) + "\n"


def run(guide: Guide, *, concurrency: int, timeout: float, out: TextIO, progress: TextIO | None = None) -> int:
    """Check every cited address; 1 if any is broken, so a scheduled job can alert someone."""
    cited = cited_urls(guide)
    results = asyncio.run(
        check_urls(list(cited), concurrency=concurrency, timeout=timeout, progress=progress or sys.stderr)
    )
    out.write(report(cited, results))
    return 1 if any(result.verdict == "broken" for result in results) else 0
