"""annotator import DB FILE..."""

from __future__ import annotations


def register(sub) -> None:
    p = sub.add_parser(
        "import", help="import documents and annotations",
        description="Import files into a project, all or nothing: the JSONL interchange, "
                    "plain .txt (first line = title; metadata from a manifest.json beside "
                    "them), .html news pages (main text only) and .csv with a 'text' column. "
                    "A folder imports every file in it. Importing the same file twice "
                    "changes nothing.",
        epilog="example: annotator import putin.db seeds/ more/article.html",
    )
    p.add_argument("db", metavar="DB", help="the project (SQLite file or database URL)")
    p.add_argument("files", metavar="FILE", nargs="+", help="files or folders to import")
    p.add_argument("--add-labels", action="store_true",
                   help="add labels, attributes and document labels the codebook lacks "
                        "instead of refusing the import")
    p.set_defaults(run=run)


def run(args) -> int:
    from annotator.cli.progress import TerminalProgress
    from annotator.services.importing import import_paths
    from annotator.services.project import open_project

    with open_project(args.db) as project:
        summary = import_paths(project, args.files, add_labels=args.add_labels,
                               progress=TerminalProgress())
    print(summary.describe())
    return 0
