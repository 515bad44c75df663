"""annotator collect DB PACKAGE..."""

from __future__ import annotations

from annotator.cli.parsers import project_command


def register(sub) -> None:
    p = project_command(
        sub, "collect", help="bring annotators' work back from their packages",
        description=(
            "Bring back the work in packages made by `annotator pack`: each package's\n"
            "annotator's spans, document labels, statuses, notes and active time. Like an\n"
            "import of the interchange, nothing in the project is overwritten or deleted\n"
            "and a status only moves forward, so collecting a package twice changes\n"
            "nothing. All packages or none: a file that is not a package, a package made\n"
            "for another project, or work that no longer fits the project's codebook is\n"
            "refused with nothing written."),
        epilog="example: annotator collect putin.db alice.annot bob.annot",
    )
    p.add_argument("packages", nargs="+", metavar="PACKAGE", help="the packages")
    p.set_defaults(run=run)


def run(args) -> int:
    from annotator.cli.progress import TerminalProgress
    from annotator.services.handout import collect
    from annotator.services.project import open_project

    with open_project(args.db) as project:
        results, _ = collect(project, args.packages, progress=TerminalProgress())
    for r in results:
        print(r.describe())
    return 0
