"""The `annotator` command: argument parsing and printing only; the work is in services.

Command modules import services inside `run`, so `annotator --help` starts fast.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

from annotator import __version__
from annotator.cli.errors import run_guarded

# Commands are the modules named cmd_*.py; this is the order `--help` lists them in.
ORDER = ["init", "import", "export", "gui", "agreement", "adjudicate", "compare", "assign",
         "assignments", "pack", "collect", "progress", "desktop_entry"]


def command_modules(only: str | None = None) -> list:
    """The command modules in their order; with `only` the name of one, just that one."""
    names = [m.name[4:] for m in pkgutil.iter_modules(__path__) if m.name.startswith("cmd_")]
    if only is not None and only.replace("-", "_") in names:  # cmd_desktop_entry
        names = [only.replace("-", "_")]
    names.sort(key=lambda n: (ORDER.index(n) if n in ORDER else len(ORDER), n))
    return [importlib.import_module(f"annotator.cli.cmd_{n}") for n in names]


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command; with `only` a command's name, of that command alone
    (its help, usage and errors read the same: the list of commands shows as COMMAND)."""
    parser = argparse.ArgumentParser(
        prog="annotator",
        description="Annotate media framing and bias in news: several annotators, agreement, "
                    "adjudication into a gold standard, export to NLP formats.",
        epilog="Run `annotator COMMAND --help` for a command's options and an example.",
    )
    parser.add_argument("--version", action="version", version=f"annotator {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in command_modules(only):
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    # A command named first needs only its own parser: the others' modules are not
    # imported nor their options built (tens of milliseconds of every command's start).
    parser = build_parser(argv[0] if argv and not argv[0].startswith("-") else None)
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    return run_guarded(args.run, args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
