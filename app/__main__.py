"""The command line: `python -m app serve | check | reload | eval | graph`."""

from __future__ import annotations

import argparse
import copy
import os
import signal
import sys
from pathlib import Path

from .content import readability
from .content.validate import load_guide
from .settings import Settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m app", description="Vägvisaren")
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="run the web service")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=1)

    check = commands.add_parser("check", help="validate the content and list every problem")
    check.add_argument("--content", type=Path, help="folder with sv/ and en/ (default: the bundled content)")

    reload = commands.add_parser("reload", help="check the content, then tell a running server to load it (SIGHUP)")
    reload.add_argument("pid", type=int, help="the process id of `python -m app serve`")
    reload.add_argument("--content", type=Path, help="folder with sv/ and en/ (default: the bundled content)")

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
    graph.add_argument("--lang", default="sv", choices=("sv", "en"))

    args = parser.parse_args(argv)
    if args.command == "serve":
        return _serve(args)
    content = _shortest(args.content or Settings.from_env().content_dir)
    loaded = load_guide(content)
    for problem in loaded.problems:
        print(problem, file=sys.stdout if args.command in ("check", "reload") else sys.stderr)
    if loaded.guide is None:
        if args.command in ("check", "reload"):
            print(
                f"{len(loaded.problems)} problem(s) in {content}"
                + (": not reloaded" if args.command == "reload" else "")
            )
        return 1
    if args.command == "check":
        _print_readability(loaded)
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
    if args.command == "eval":
        from .evaluate import run

        sys.stdout.write(run(loaded.guide, args.eval_dir))
        return 0
    from .graph import to_dot

    sys.stdout.write(to_dot(loaded.guide, args.lang))
    return 0


def _print_readability(loaded) -> None:
    """Each step's readability, hardest first, and each language's median against its limit."""
    for lang in ("sv", "en"):
        name, _, median_max, page_max = readability.MEASURES[lang]
        scores = {step_id: score for (in_lang, step_id), score in loaded.readability.items() if in_lang == lang}
        print(
            f"{lang}: {name} median {readability.median(list(scores.values())):.1f} "
            f"(limit {median_max}), each page at most {page_max}"
        )
        for step_id, score in sorted(scores.items(), key=lambda item: -item[1].value):
            print(f"  {score.value:5.1f}  {step_id} ({score.words} words, {score.sentences} sentences)")


def _shortest(path: Path) -> Path:
    """The path relative to the working folder when it lies inside it, so problems read short."""
    try:
        return path.resolve().relative_to(Path.cwd())
    except ValueError:
        return path


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from .web.app import ContentError, create_app

    settings = Settings.from_env()
    try:
        app = create_app(settings)
    except ContentError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print(f"Refusing to start: {len(error.problems)} problem(s) in {settings.content_dir}", file=sys.stderr)
        return 1
    log_config = copy.deepcopy(uvicorn.config.LOGGING_CONFIG)
    log_config["loggers"]["vagvisaren"] = {"handlers": ["default"], "level": "INFO", "propagate": False}
    uvicorn.run(
        app if args.workers == 1 else "app.web.app:create_app",  # each worker builds its own
        factory=args.workers != 1,
        host=args.host,
        port=args.port,
        workers=args.workers,
        access_log=False,
        server_header=False,
        proxy_headers=False,
        log_level="info",
        log_config=log_config,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
