"""How commands declare themselves: a description and examples laid out as written, the
project as the first argument of a command (or of each of its verbs), and the options
several commands share."""

from __future__ import annotations

import argparse

PROJECT_HELP = "the project (SQLite file or database URL)"


def command(sub, name: str, help: str, description: str | None, epilog: str,
            wrapped: bool = False) -> argparse.ArgumentParser:
    """`wrapped`: the description and the example are prose that argparse wraps to the
    terminal's width (a command whose module's docstring is its description), rather than
    lines laid out as written."""
    layout = argparse.HelpFormatter if wrapped else argparse.RawDescriptionHelpFormatter
    return sub.add_parser(name, help=help, description=description, epilog=epilog,
                          formatter_class=layout)


def project_command(sub, name: str, help: str, description: str, epilog: str
                    ) -> argparse.ArgumentParser:
    p = command(sub, name, help, description, epilog)
    p.add_argument("db", metavar="DB", help=PROJECT_HELP)
    return p


def project_verb(verbs, name: str, help: str, run, description: str | None = None,
                 **defaults) -> argparse.ArgumentParser:
    """A verb of a command with verbs (`annotator suggest import DB …`), the project
    first."""
    v = verbs.add_parser(name, help=help, description=description)
    v.add_argument("db", metavar="DB", help=PROJECT_HELP)
    v.set_defaults(run=run, **defaults)
    return v


def report_options(p: argparse.ArgumentParser) -> None:
    """Where a report goes and as what (agreement, compare)."""
    p.add_argument("--format", "-f", choices=["json", "csv", "html"], metavar="FMT",
                   help="json, csv or html (default: from OUT's extension, else json)")
    p.add_argument("-o", "--output", required=True, metavar="OUT",
                   help="the report file ('-' for standard output, json and csv only)")


def number(convert, what: str, *rules):
    """An argparse type: the text as a number (`convert`: int or float), refused as "not a
    `what`" when it is none, then by the first of `rules`, (test, refusal), it fails."""
    def parse(text: str):
        try:
            value = convert(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a {what}: {text!r}") from None
        for test, refusal in rules:
            if not test(value):
                raise argparse.ArgumentTypeError(refusal)
        return value
    return parse
