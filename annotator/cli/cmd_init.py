"""Create a project: an SQLite file (or a SQLAlchemy URL such as postgresql://user@host/db)
with a codebook. Without --codebook the project gets the default news-framing codebook."""

from __future__ import annotations

from annotator.cli.parsers import command


def register(sub) -> None:
    p = command(sub, "init", help="create a project", description=__doc__,
                epilog="example: annotator init putin.db --codebook my-codebook.yaml",
                wrapped=True)
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
