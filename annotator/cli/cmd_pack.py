"""annotator pack DB --annotator NAME -o FILE.annot"""

from __future__ import annotations

from annotator.cli.parsers import project_command


def register(sub) -> None:
    p = project_command(
        sub, "pack", help="hand out an annotator's documents as a project file of their own",
        description=(
            "Write a package for one annotator: a project file of its own (the app and\n"
            "every command open it) with the codebook, the annotator's documents (their\n"
            "queue, in order; every document if the project has no assignments) and their\n"
            "own work on them so far. Nobody else's spans, notes, statuses, decisions or\n"
            "gold are in it. The annotator opens it with `annotator gui FILE` on their own\n"
            "computer and sends it back; `annotator collect` brings the work in."),
        epilog="example: annotator pack putin.db --annotator alice -o alice.annot",
    )
    p.add_argument("--annotator", required=True, metavar="NAME", help="whose package")
    p.add_argument("-o", "--output", required=True, metavar="FILE",
                   help="the package to write (a new file; .annot by convention)")
    p.set_defaults(run=run)


def run(args) -> int:
    from annotator.cli.progress import TerminalProgress
    from annotator.services.handout import pack
    from annotator.services.project import open_project

    with open_project(args.db) as project:
        packed = pack(project, args.annotator, args.output, TerminalProgress())
    print(packed.describe())
    return 0
