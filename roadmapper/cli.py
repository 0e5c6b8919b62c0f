"""The ``roadmapper`` command: the window by default, headless subcommands for scripts.

Exit codes: 0 done, 1 a user error (one sentence on stderr), 2 a usage error.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from roadmapper import __version__
from roadmapper.core.errors import RoadmapperError
from roadmapper.core.text import count, sentence

if TYPE_CHECKING:
    from roadmapper.core.entities import Roadmap, RoadmapSnapshot
    from roadmapper.core.refs import Refs
    from roadmapper.store.store import Store


def build_parser() -> argparse.ArgumentParser:
    db_help = (
        "database: a file path or a URL such as sqlite:///plan.db or "
        "postgresql://host/db (default: $ROADMAPPER_DB, else a file in your data folder)"
    )
    parser = argparse.ArgumentParser(
        prog="roadmapper",
        description="Outcome-based Now / Next / Later roadmaps. With no command, opens the board.",
        epilog="`roadmapper FILE` opens that roadmap file in the window, like --db FILE "
        "(what a file manager or a desktop entry runs).",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--db", metavar="PATH_OR_URL", help=db_help)
    # Subcommands accept --db too; SUPPRESS keeps a top-level --db when they don't repeat it.
    common = _CommandParser(add_help=False)
    common.add_argument("--db", metavar="PATH_OR_URL", default=argparse.SUPPRESS, help=db_help)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_CommandParser)

    sub.add_parser("demo", parents=[common], help="create the sample roadmap")
    sub.add_parser(
        "install-desktop",
        help="add Roadmapper to this user's application menu (Linux desktop entry and icons)",
    )
    sub.add_parser("uninstall-desktop", help="remove what install-desktop added")
    sub.add_parser("list", parents=[common], help="list the roadmaps in the database")

    p = sub.add_parser("import", parents=[common], help="import a roadmap file (all or nothing)")
    p.add_argument("file", type=Path, metavar="FILE", help="a roadmapper/1 JSON file")
    p.add_argument("--name", help="import under this name instead of the file's")

    p = sub.add_parser(
        "export",
        parents=[common],
        help="write a roadmap to a file",
        more_arguments=_add_picture_arguments,
    )
    p.add_argument(
        "--roadmap", metavar="NAME", help="which roadmap (needed when there are several)"
    )
    p.add_argument(
        "--out",
        type=Path,
        required=True,
        metavar="FILE",
        help="the file to write: .json (roadmap file), .md (Markdown), "
        ".png, .svg, .pdf or .pptx (slides of the board or the OKR sheets)",
    )

    p = sub.add_parser("lint", parents=[common], help="coach a roadmap file or a stored roadmap")
    p.add_argument(
        "file", type=Path, nargs="?", metavar="FILE", help="a roadmapper/1 JSON file (read only)"
    )
    p.add_argument("--roadmap", metavar="NAME", help="lint a roadmap in the database instead")
    p.add_argument("--json", action="store_true", help="print the findings as JSON")
    return parser


class _CommandParser(argparse.ArgumentParser):
    """A command's parser that can add some of its options only when that command is used.

    Opening the window parses the command line too; the picture options of
    ``export`` live with the export code, which the window must not import yet.
    """

    def __init__(
        self,
        *args: Any,
        more_arguments: Callable[[argparse.ArgumentParser], None] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self._more_arguments = more_arguments

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        """ArgumentParser.parse_known_args, with the deferred options added first."""
        if self._more_arguments is not None:
            add, self._more_arguments = self._more_arguments, None
            add(self)
        return super().parse_known_args(args, namespace)


def _add_picture_arguments(parser: argparse.ArgumentParser) -> None:
    from roadmapper.export.options import add_export_arguments

    add_export_arguments(parser)


def window_arguments(argv: Sequence[str]) -> argparse.Namespace | None:
    """The parsed arguments when ``argv`` only opens the window (nothing, ``--db X`` or
    ``--db=X``), else None: every other command line goes through ``build_parser``.

    Opening the window is what every start from a menu or a desktop does; building
    the parser with all its commands takes about 14 ms of that start.
    """
    match list(argv):
        case []:
            db = None
        case ["--db", str(db)] if db and not db.startswith("-"):
            pass
        case [str(word)] if word.startswith("--db=") and len(word) > len("--db="):
            db = word[len("--db=") :]
        case _:
            return None
    return argparse.Namespace(db=db, command=None)


def main(argv: Sequence[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else argv
    args = window_arguments(words)
    if args is None:
        parser = build_parser()
        args = parser.parse_args(open_file_arguments(parser, words))
        if args.command == "lint" and args.file is not None and args.roadmap is not None:
            parser.error("lint takes a FILE or --roadmap NAME, not both")
    try:
        return _dispatch(args)
    except RoadmapperError as exc:
        print(f"roadmapper: {sentence(str(exc))}", file=sys.stderr)
        return 1
    except ModuleNotFoundError as exc:
        if exc.name != "roadmapper.resources":
            raise
        # A source folder run as is (python -m roadmapper in a clone), or a damaged install.
        print(
            "roadmapper: This copy of Roadmapper has no resources package (fonts, icons): "
            "install it (pip install . or make run in a clone) and start the installed one.",
            file=sys.stderr,
        )
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # "roadmapper lint --json | head": the reader has all it wants. Python would
        # flush stdout again at exit and print a traceback: point it at nowhere first.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


def open_file_arguments(parser: argparse.ArgumentParser, argv: Sequence[str]) -> list[str]:
    """``roadmapper FILE`` as ``roadmapper --db FILE``, what a file manager runs.

    Only a lone word that names no command and looks like a file (it exists,
    or has a folder or a suffix) is taken so: a mistyped command stays an error.
    """
    argv = list(argv)
    words = [i for i, word in enumerate(argv) if not word.startswith("-")]
    if len(words) != 1 or (words[0] > 0 and argv[words[0] - 1] == "--db"):
        return argv
    at = words[0]
    word = argv[at]
    path = Path(word)
    if word in _commands(parser) or not (path.exists() or path.suffix or len(path.parts) > 1):
        return argv
    return [*argv[:at], "--db", word, *argv[at + 1 :]]


def _commands(parser: argparse.ArgumentParser) -> set[str]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return set(action.choices)
    return set()


def _dispatch(args: argparse.Namespace) -> int:
    if args.command == "lint" and args.file is not None:
        from roadmapper.store.interchange import read_file

        snapshot, refs = read_file(args.file, strict=False)
        return _print_findings(snapshot, refs, args.json)
    if args.command is None:
        return _run_window(args)
    if args.command in ("install-desktop", "uninstall-desktop"):
        return _desktop_entry(args.command == "install-desktop")

    from roadmapper.store.database import open_database
    from roadmapper.store.store import Store

    # demo and import may start a new file, folders included; any other command on a
    # path whose folder does not exist is a typo, refused in one sentence.
    store = Store(open_database(args.db, create=args.command in ("demo", "import")))
    try:
        handler = {
            "demo": _demo,
            "list": _list,
            "import": _import,
            "export": _export,
            "lint": _lint_stored,
        }[args.command]
        return handler(store, args)
    finally:
        store.close()


def _run_window(args: argparse.Namespace) -> int:
    from roadmapper.app import run

    return run(args.db)


def _desktop_entry(add: bool) -> int:
    from roadmapper.core.errors import InvalidInputError

    if not sys.platform.startswith("linux"):
        raise InvalidInputError(
            "desktop entries are for Linux; on macOS and Windows the Roadmapper "
            "bundle is an application you place in Applications or the Start menu."
        )
    from roadmapper import desktop_entry

    if not add:
        removed = desktop_entry.uninstall()
        where = desktop_entry.data_home()
        print(f"Removed {count(len(removed), 'file')} from {where}.")
        return 0
    installed = desktop_entry.install()
    print(f"Installed {installed.entry} and {count(len(installed.icons), 'icon')}.")
    print("Roadmapper is now in your application menu.")
    return 0


def _demo(store: Store, args: argparse.Namespace) -> int:
    from roadmapper.store.interchange import import_sample

    import_sample(store)
    from roadmapper.core.sample import SAMPLE_NAME

    print(f'Created "{SAMPLE_NAME}" in {store.database.label}.')
    return 0


def _list(store: Store, args: argparse.Namespace) -> int:
    summaries = store.list_roadmaps()
    if not summaries:
        print(f"No roadmaps in {store.database.label} yet: try `roadmapper demo`.")
        return 0
    from roadmapper.model.enums import Column

    width = max(len(s.roadmap.name) for s in summaries)
    header = f"{'ROADMAP':<{width}}  OUTCOMES  KRS  " + "  ".join(
        f"{c.label.upper():>5}" for c in Column
    )
    print(header)
    for s in summaries:
        counts = "  ".join(f"{s.initiatives[c]:>5}" for c in Column)
        print(f"{s.roadmap.name:<{width}}  {s.outcomes:>8}  {s.key_results:>3}  {counts}")
    return 0


def _import(store: Store, args: argparse.Namespace) -> int:
    from roadmapper.store.interchange import import_file

    roadmap = import_file(store, args.file, args.name)
    snapshot = store.load(roadmap.id)
    print(
        f'Imported "{roadmap.name}": {count(len(snapshot.outcomes), "outcome")}, '
        f"{count(len(snapshot.key_results), 'key result')}, "
        f"{count(len(snapshot.initiatives), 'initiative')}."
    )
    return 0


def pick_roadmap(store: Store, name: str | None) -> Roadmap:
    """The roadmap named ``name``, or the only one; a clear error otherwise."""
    from roadmapper.core.errors import NotFoundError

    roadmaps = store.roadmaps()
    if name is not None:
        return _named(store, roadmaps, name)
    if not roadmaps:
        raise NotFoundError(
            f"{store.database.label} holds no roadmap yet; "
            "create one with `roadmapper demo` or `roadmapper import FILE`."
        )
    if len(roadmaps) > 1:
        names = ", ".join(f'"{r.name}"' for r in roadmaps[:5])
        more = ", ..." if len(roadmaps) > 5 else ""
        raise NotFoundError(
            f"{store.database.label} holds {len(roadmaps)} roadmaps "
            f"({names}{more}); choose one with --roadmap NAME."
        )
    return roadmaps[0]


def _named(store: Store, roadmaps: list[Roadmap], name: str) -> Roadmap:
    """The roadmap called ``name``, or the one whose name starts with it, ignoring case.

    The same rule as ``--outcome``: the whole name wins, then a unique start.
    """
    from roadmapper.core.errors import InvalidInputError, NotFoundError
    from roadmapper.core.text import named_by_start

    found = named_by_start(roadmaps, lambda r: r.name, name)
    if len(found) == 1:
        return found[0]
    if found:
        listed = ", ".join(f'"{r.name}"' for r in found[:4])
        more = f" and {len(found) - 4} more" if len(found) > 4 else ""
        raise InvalidInputError(
            f'--roadmap "{name}" matches {len(found)} roadmaps ({listed}{more}); '
            "type more of the name."
        )
    raise NotFoundError(f'there is no roadmap named "{name}" in {store.database.label}.')


def _export(store: Store, args: argparse.Namespace) -> int:
    from roadmapper.core.errors import InvalidInputError
    from roadmapper.export.formats import EXPORT_FORMATS, check_suffix
    from roadmapper.export.options import given_picture_options

    suffix = check_suffix(args.out, EXPORT_FORMATS)
    picture_options = given_picture_options(args)
    if suffix in (".json", ".md") and picture_options:
        raise InvalidInputError(
            f"{picture_options[0]} applies to .png, .svg, .pdf and .pptx files, "
            f'not to "{args.out.name}".'
        )
    roadmap = pick_roadmap(store, args.roadmap)
    detail = EXPORT_FORMATS[suffix]
    left_out = ""
    if suffix in (".json", ".md"):
        from roadmapper.export.text import write_json, write_markdown

        write = write_json if suffix == ".json" else write_markdown
        write(store.load(roadmap.id), args.out)
    else:
        from roadmapper.export.exporter import export_file
        from roadmapper.export.options import options_from_args

        snapshot = store.load(roadmap.id)
        result = export_file(snapshot, args.out, options_from_args(snapshot, args))
        pages = count(result.pages, "page")
        if result.pages < result.laid_out:
            pages += f" of {result.laid_out}; use .pdf or .pptx for all of them"
        detail = f"{detail}, {pages}"
        left_out = result.left_out
    print(f'Wrote "{roadmap.name}" to {args.out} ({detail}).')
    if left_out:
        print(left_out)
    return 0


def _lint_stored(store: Store, args: argparse.Namespace) -> int:
    roadmap = pick_roadmap(store, args.roadmap)
    from roadmapper.core.refs import assign_refs

    snapshot = store.load(roadmap.id)
    return _print_findings(snapshot, assign_refs(snapshot), args.json)


def _print_findings(snapshot: RoadmapSnapshot, refs: Refs, as_json: bool) -> int:
    from roadmapper.core.lint import Severity, lint

    findings = lint(snapshot, refs)
    if as_json:
        print(json.dumps([f.to_json() for f in findings], indent=2, ensure_ascii=False))
        return 0
    for f in findings:
        print(f"{f.severity.value:<7}  {f.code:<19}  {f.subject_kind} {f.subject_ref}")
        print(f"         {f.message}")
        print(f"         -> {f.suggestion}")
    warnings = sum(1 for f in findings if f.severity is Severity.WARNING)
    notes = len(findings) - warnings
    if findings:
        print()
    print(f'"{snapshot.roadmap.name}": {count(warnings, "warning")}, {count(notes, "note")}.')
    return 0
