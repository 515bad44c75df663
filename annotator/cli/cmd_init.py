"""annotator init DB [--codebook FILE]"""

from __future__ import annotations


def register(sub) -> None:
    p = sub.add_parser(
        "init", help="create a project",
        description="Create a project: an SQLite file (or a SQLAlchemy URL such as "
                    "postgresql://user@host/db) with a codebook. Without --codebook the "
                    "project gets the default news-framing codebook.",
        epilog="example: annotator init putin.db --codebook my-codebook.yaml",
    )
    p.add_argument("db", metavar="DB", help="path of the new SQLite file, or a database URL")
    p.add_argument("--codebook", metavar="FILE",
                   help="codebook (YAML or JSON), or an interchange .jsonl whose codebook "
                        "line to take")
    p.set_defaults(run=run)


def run(args) -> int:
    from annotator.core.wording import shown_name
    from annotator.services.project import init_project

    with init_project(args.db, args.codebook) as project:
        cb = project.codebook
        print(f"Created {shown_name(args.db)} with the codebook {cb.name!r}: "
              f"{len(cb.labels)} labels, {len(cb.attributes)} attributes, "
              f"{len(cb.doc_labels)} document labels.")
    return 0
