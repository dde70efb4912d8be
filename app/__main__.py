"""The command line: `python -m app serve | check | graph | eval | reload | links | review | translations | stats`."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import signal
import sys
import time
from pathlib import Path

from . import serving
from .content import readability, translations
from .content.validate import load_guide
from .export import DEFAULT_DEPTH
from .languages import CODES, DEFAULT, LANGUAGE
from .review import listing, stale_pages
from .settings import Settings, SettingsError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m app", description="Vägvisaren")
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="run the web service")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=1)
    serve.add_argument(
        "--timeout-keep-alive",
        type=int,
        default=serving.KEEP_ALIVE_SECONDS,
        help="seconds an idle connection stays open",
    )
    serve.add_argument("--limit-concurrency", type=int, default=serving.CONCURRENCY, help="requests at once before 503")

    check = commands.add_parser("check", help="validate the content and overlays and list every problem")
    reload = commands.add_parser("reload", help="check, then tell a running server to load the content (SIGHUP)")
    reload.add_argument("pid", type=int, help="the process id of `python -m app serve`")
    for command in (check, reload):
        command.add_argument("--content", type=Path, help="folder with sv/ and en/ (default: the bundled content)")
        command.add_argument("--site", type=Path, help="one overlay's folder (default: VAGVISAREN_SITE)")
        command.add_argument("--sites-dir", type=Path, help="a folder of overlays (default: VAGVISAREN_SITES_DIR)")

    evaluate = commands.add_parser("eval", help="measure how well free text is understood, on the evaluation sets")
    evaluate.add_argument("--content", type=Path, help="folder with sv/ and en/ (default: the bundled content)")
    evaluate.add_argument(
        "--eval-dir",
        type=Path,
        default=Path("tests") / "eval",
        help="folder with tuning/ and heldout/ (default: tests/eval)",
    )

    graph = commands.add_parser("graph", help="write the flow as Graphviz DOT")
    graph.add_argument("--content", type=Path, help="folder with sv/ and en/ (default: the bundled content)")
    graph.add_argument("--lang", default=DEFAULT, choices=CODES)

    links = commands.add_parser("links", help="check that every source and service address still answers")
    links.add_argument("--content", type=Path, help="folder with sv/ and en/ (default: the bundled content)")
    links.add_argument("--concurrency", type=int, default=6, help="requests at the same time (default 6)")
    links.add_argument("--timeout", type=float, default=15.0, help="seconds to wait for each address (default 15)")

    review = commands.add_parser("review", help="list pages and services by the age of their review, oldest first")
    review.add_argument("--content", type=Path, help="folder with sv/ and en/ (default: the bundled content)")

    translated = commands.add_parser(
        "translations", help="list translated pages whose source page changed or that do not say which version"
    )
    translated.add_argument("--content", type=Path, help="folder with sv/ and en/ (default: the bundled content)")
    translated.add_argument(
        "--stamp",
        type=Path,
        nargs="+",
        metavar="FILE",
        help="translated pages now up to date with their source page: write its current hash into them",
    )
    figures = commands.add_parser(
        "stats", help="print the follow-up figures (VAGVISAREN_STATS), counts under 10 hidden"
    )
    figures.add_argument("--from", dest="start", type=_day, help="first day, YYYY-MM-DD (default: the first counted)")
    figures.add_argument("--to", dest="end", type=_day, help="last day, YYYY-MM-DD (default: the last counted)")
    figures.add_argument("--csv", action="store_true", help="as CSV: kind, lang, step, count")
    figures.add_argument("--file", type=Path, help="the figures file (default: VAGVISAREN_STATS)")
    front = commands.add_parser("front-pages", help="write the calm pages nginx shows for errors of its own")
    front.add_argument("folder", type=Path, help="where to write them (deploy/start: /tmp/nginx/_front)")

    exported = commands.add_parser("export", help="write every page as files, with nginx's configuration")
    exported.add_argument("folder", type=Path, help="where to write (public/ and nginx.conf)")
    exported.add_argument("--site", type=Path, help="one overlay's folder (default: VAGVISAREN_SITE)")
    exported.add_argument(
        "--ask-url", help="the origin of a running copy of the guide that answers the free-text form (default: none)"
    )
    exported.add_argument(
        "--depth",
        type=_depth,
        default=DEFAULT_DEPTH,
        help=f"ways through the dialogue written out, in steps (default {DEFAULT_DEPTH})",
    )

    args = parser.parse_args(argv)
    try:
        settings = Settings.from_env()
    except SettingsError as error:
        print(f"Refusing to start: {error}", file=sys.stderr)
        return 1
    if args.command == "serve":
        return _serve(args, settings)
    if args.command == "stats":
        return _stats(args, settings)
    if args.command == "front-pages":
        return _front_pages(args, settings)
    if args.command == "export":
        return _export(args, settings)
    content = _shortest(args.content or settings.content_dir)
    loaded = load_guide(content, snapshots=settings.snapshot_dir)
    for problem in loaded.problems:
        print(problem, file=sys.stdout if args.command in ("check", "reload") else sys.stderr)
    if loaded.guide is None:
        if args.command in ("check", "reload"):
            print(
                f"{len(loaded.problems)} problem(s) in {content}"
                + (": not reloaded" if args.command == "reload" else "")
            )
        return 1
    if args.command in ("check", "reload") and not _overlays_valid(args, settings, loaded.guide):
        return 1
    if args.command == "check":
        _print_readability(loaded)
        for item in stale_pages(loaded.guide, dt.date.today()):
            print(f"warning: {item.path}: reviewed {item.date.isoformat()}, more than 12 months ago")
        for line in translations.warnings(loaded.guide.translations.values()):
            print(line)
        steps = {lang: len(tree.steps) for lang, tree in loaded.guide.trees.items()}
        print(
            f"ok: {content}: "
            + ", ".join(f"{n} steps in {lang}" for lang, n in steps.items())
            + f", {len(loaded.guide.services)} services"
        )
        return 0
    if args.command == "reload":
        os.kill(args.pid, signal.SIGHUP)
        print(f"content is valid; asked process {args.pid} to load it")
        return 0
    if args.command == "links":
        from .links import run as check_links

        return check_links(loaded.guide, concurrency=args.concurrency, timeout=args.timeout, out=sys.stdout)
    if args.command == "translations":
        return _translations(loaded.guide, args.stamp)
    if args.command == "review":
        sys.stdout.write(listing(loaded.guide, dt.date.today()))
        return 0
    if args.command == "eval":
        from .evaluate import run

        sys.stdout.write(run(loaded.guide, args.eval_dir))
        return 0
    from .graph import to_dot

    sys.stdout.write(to_dot(loaded.guide, args.lang))
    return 0


def _overlays_valid(args: argparse.Namespace, settings: Settings, guide) -> bool:
    """Check the overlays `serve` would load (the settings', unless named here); print each problem."""
    from .content.overlay import read_overlay, read_overlays

    problems = []
    site, sites_dir = args.site or settings.site, args.sites_dir or settings.sites_dir
    if site is not None:
        problems += read_overlay(_shortest(site), guide.services, guide.themes)[1]
    if sites_dir is not None:
        problems += read_overlays(_shortest(sites_dir), guide.services, guide.themes)[1]
    for problem in problems:
        print(problem)
    if problems:
        where = " and ".join(str(folder) for folder in (site, sites_dir) if folder is not None)
        print(
            f"{len(problems)} problem(s) in the overlay {where}"
            + (": not reloaded" if args.command == "reload" else "")
        )
    elif site is not None or sites_dir is not None:
        print("ok: " + " and ".join(str(folder) for folder in (site, sites_dir) if folder is not None))
    return not problems


def _print_readability(loaded) -> None:
    """Each step's readability, hardest first, and each language's median against its limit."""
    for lang in CODES:
        limits = LANGUAGE[lang].readability
        if limits is None:
            continue
        name, median_max, page_max = limits.measure, limits.median_max, limits.page_max
        scores = {step_id: score for (in_lang, step_id), score in loaded.readability.items() if in_lang == lang}
        print(
            f"{lang}: {name} median {readability.median(list(scores.values())):.1f} "
            f"(limit {median_max}), each page at most {page_max}"
        )
        for step_id, score in sorted(scores.items(), key=lambda item: -item[1].value):
            print(f"  {score.value:5.1f}  {step_id} ({score.words} words, {score.sentences} sentences)")


def _translations(guide, stamp: list[Path] | None) -> int:
    """Each translation's state, page by page; or write the source's current hash into the pages named."""
    by_path = {Path(item.path).resolve(): item for item in guide.translations.values()}
    if stamp:
        unknown = [path for path in stamp if path.resolve() not in by_path]
        for path in unknown:
            print(f"{path}: not a translated page of this content", file=sys.stderr)
        if unknown:
            return 1
        for path in stamp:
            translations.stamp(path, by_path[path.resolve()].current)
            print(f"{path}: source_hash {by_path[path.resolve()].current}")
        return 0
    for lang in CODES:
        items = [item for item in guide.translations.values() if item.lang == lang]
        if not items:
            continue
        stale = sum(item.stale for item in items)
        missing = sum(item.missing for item in items)
        reviewed = sum(item.reviewed_by is not None for item in items)
        print(
            f"{lang} (from {items[0].source}): {len(items)} pages, {len(items) - stale - missing} up to date, "
            f"{stale} stale, {missing} without source_hash, {reviewed} reviewed by a native speaker"
        )
    for line in translations.warnings(guide.translations.values()):
        print(line)
    return 0


def _shortest(path: Path) -> Path:
    """The path relative to the working folder when it lies inside it, so problems read short."""
    try:
        return path.resolve().relative_to(Path.cwd())
    except ValueError:
        return path


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date: write YYYY-MM-DD") from None


def _stats(args: argparse.Namespace, settings: Settings) -> int:
    """Print the follow-up figures over a period, each count under 10 as "<10"."""
    from . import stats

    path = args.file or settings.stats
    if path is None:
        print("No figures: VAGVISAREN_STATS is not set (or give --file).", file=sys.stderr)
        return 1
    if not path.is_file():
        print(f"No figures yet: {path} does not exist.", file=sys.stderr)
        return 1
    if args.start and args.end and args.start > args.end:
        print("--from must not be after --to.", file=sys.stderr)
        return 1
    rows = stats.read(path, args.start, args.end)
    sys.stdout.write(stats.as_csv(rows) if args.csv else stats.as_text(rows, args.start, args.end))
    return 0


def _serve(args: argparse.Namespace, settings: Settings) -> int:
    from .web.app import ContentError, create_app

    try:
        app = create_app(settings)
    except ContentError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print(f"Refusing to start: {error}", file=sys.stderr)
        return 1
    serving.run(app, args.host, args.port, args.workers, args.timeout_keep_alive, args.limit_concurrency)
    return 0


def _front_pages(args: argparse.Namespace, settings: Settings) -> int:
    from . import front_pages
    from .web.app import ContentError

    try:
        written = front_pages.write(settings, args.folder)
    except ContentError as error:
        print(f"Refusing to write the front's pages: {error}", file=sys.stderr)
        return 1
    print(f"wrote {len(written)} pages to {args.folder}")
    return 0


def _depth(text: str) -> int:
    """A depth of ways to write: from one step (short addresses only) to the longest way an address carries."""
    from .dialogue import MAX_WALK

    if not text.isdigit() or not 1 <= int(text) <= MAX_WALK:
        raise argparse.ArgumentTypeError(f"{text!r}: write a number of steps from 1 to {MAX_WALK}")
    return int(text)


def _export(args: argparse.Namespace, settings: Settings) -> int:
    """Write the export and its nginx.conf; print what was written and how long it took."""
    from . import export, nginx_conf
    from .settings import _origins
    from .web.app import ContentError

    try:
        if args.ask_url:
            _origins("--ask-url", (args.ask_url,), https_only=True)
        started = time.monotonic()
        written = export.export(settings, args.folder, args.site, args.ask_url, args.depth)
    except ContentError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print(f"Refusing to export: {error}", file=sys.stderr)
        return 1
    except SettingsError as error:
        print(f"Refusing to export: {error}", file=sys.stderr)
        return 1
    used = export.export_settings(settings, args.site)
    conf = args.folder / "nginx.conf"
    conf.write_text(nginx_conf.render(written, used, args.ask_url, args.depth), encoding="utf-8")
    print(
        f"wrote {written.pages} pages ({written.files} files, {written.bytes / 2**20:.1f} MB) to {written.public} "
        f"and {conf} in {time.monotonic() - started:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
