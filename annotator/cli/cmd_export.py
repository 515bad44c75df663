"""annotator export DB --format FMT -o OUT"""

from __future__ import annotations

from annotator.cli.parsers import project_command
from annotator.core.wording import count, shown_name
from annotator.services.file_formats import export_formats


def register(sub) -> None:
    writers = export_formats()
    formats = "\n".join(f"  {name:<13} {desc}" for name, desc in writers.items())
    p = project_command(
        sub, "export", help="export the project in a dataset format",
        description="Export a project. Formats:\n" + formats,
        epilog="example: annotator export putin.db --format jsonl -o putin.jsonl\n"
               "example: annotator export putin.db --format conll --annotator alice "
               "-o alice.conll\n"
               "example: annotator export putin.db --format spacy --layer gold -o gold.spacy",
    )
    p.add_argument("--format", "-f", default="jsonl", choices=list(writers),
                   metavar="FMT", help="one of: " + ", ".join(writers) + " (default jsonl)")
    p.add_argument("-o", "--output", required=True, metavar="OUT",
                   help="output file or folder ('-' for standard output, jsonl only)")
    p.add_argument("--layer", choices=["gold", "annotations"],
                   help="the gold layer (the default when the project has one) or every "
                        "annotator's spans (a one-layer format takes them only when one "
                        "annotator has spans: else give --annotator)")
    p.add_argument("--annotator", metavar="NAME", help="export this annotator's spans")
    p.add_argument("--label", action="append", default=[], metavar="L",
                   help="only this label (repeatable)")
    p.add_argument("--comments", action="store_true",
                   help="conll: write '# id = …' and other comment lines before each "
                        "document's tokens (spaCy's converter and conlleval do not read them)")
    p.set_defaults(run=run)


def run(args) -> int:
    import sys

    from annotator.cli.progress import TerminalProgress, summary_stream
    from annotator.services.exporting import export
    from annotator.services.file_formats import ExportOptions
    from annotator.services.project import open_project

    if args.comments and args.format != "conll":
        from annotator.core.errors import InputError

        raise InputError(f"--comments is for the conll format, not {args.format}")
    options = ExportOptions(args.layer, args.annotator, tuple(args.label), args.comments)
    with open_project(args.db) as project:
        result = export(project, args.format, args.output, options, TerminalProgress())
    for warning in result.warnings:
        print(f"annotator: warning: {warning}", file=sys.stderr)
    if args.output != "-" and result.written:
        print(f"Wrote {result.written} to {args.output}.")
    elif args.output != "-":
        what = count(result.spans, "span") + (f", {result.layer}" if result.layer else "")
        print(f"Wrote {count(result.documents, 'document')} ({what}) to "
              f"{shown_name(args.output)} as {args.format}.",
              file=summary_stream(args.output))
    return 0
