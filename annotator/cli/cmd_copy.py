"""Copy a whole project, with its history (undo keeps working), between an SQLite file and
a PostgreSQL database, either way round. The destination must be empty: a new file, or a
database without tables. The copy is checked (rows per table, and the JSONL export byte
for byte) before it is reported; one that fails is removed."""

from __future__ import annotations

from annotator.cli.parsers import command


def register(sub) -> None:
    p = command(sub, "copy", help="copy a whole project to another database (SQLite or PostgreSQL)",
                description=__doc__, wrapped=True,
                epilog="example: annotator copy putin.db "
                       "'postgresql+psycopg://alice@db.example.org/putin?sslmode=verify-full'")
    p.add_argument("src", metavar="SRC", help="the project to copy (SQLite file or URL)")
    p.add_argument("dst", metavar="DST", help="a new SQLite file, or an empty database URL")
    p.set_defaults(run=run)


def run(args) -> int:
    from annotator.cli.progress import TerminalProgress
    from annotator.core.wording import count
    from annotator.services.copying import copy_project, shown

    report = copy_project(args.src, args.dst, progress=TerminalProgress())
    c = report.counts
    print(f"Copied {count(c['documents'], 'document')}, {count(c['spans'], 'span')}, "
          f"{count(c['gold_spans'], 'gold span')}, {count(c['decisions'], 'decision')} and "
          f"{count(c['actions'], 'logged action')} to {shown(args.dst)}. Checked: every table has "
          f"the same rows, and the JSONL export is identical ({report.export_bytes:,} bytes).")
    return 0
