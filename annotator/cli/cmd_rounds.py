"""annotator rounds start DB NAME --document ID... --reviewer NAME | rounds list DB"""

from __future__ import annotations

from annotator.cli.parsers import command, project_verb


def register(sub) -> None:
    p = command(
        sub, "rounds", help="calibration rounds: start one, list them",
        description=(
            "A calibration round names documents that every annotator codes; when they are\n"
            "done, `annotator agreement DB --round NAME` measures agreement on them alone,\n"
            "the lead revises the codebook (`annotator codebook`), and the next round\n"
            "shows whether agreement improved. Starting a round takes a reviewer."),
        epilog="example: annotator rounds start putin.db pilot --document 000_d2e00c955d6db165"
               " \\\n             --document 001_32d5df32ea7c4246 --reviewer dana\n"
               "         annotator agreement putin.db --round pilot -o pilot.html",
    )
    verbs = p.add_subparsers(dest="verb", metavar="VERB", required=True)
    start = project_verb(verbs, "start", "start a round over some documents", run)
    start.add_argument("name", metavar="NAME")
    start.add_argument("--document", action="append", default=[], metavar="ID",
                       help="a document of the round (repeatable)")
    start.add_argument("--reviewer", required=True, metavar="NAME",
                       help="who starts it (a reviewer; a new name becomes one)")
    project_verb(verbs, "list", "the rounds, oldest first", run)


def run(args) -> int:
    from annotator.services import rounds
    from annotator.services.project import open_project

    with open_project(args.db) as project:
        if args.verb == "start":
            changes = rounds.start(project, args.reviewer.strip(), args.name, args.document,
                                   new_reviewer=True)
            print(f"{changes.description}.")
            return 0
        found = rounds.list_rounds(project)
        if not found:
            print("No rounds yet: annotator rounds start DB NAME --document ID ...")
        for r in found:
            when = r.started[:16].replace("T", " ")
            print(f"{r.name}: {len(r.documents)} documents, started {when} "
                  f"by {r.by or '-'} under codebook version {r.codebook_version}")
            print(f"  {' '.join(r.documents)}")
    return 0
