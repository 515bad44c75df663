"""annotator adjudicate DB --auto unanimous|majority --reviewer NAME [--document ID]..."""

from __future__ import annotations

from annotator.cli.parsers import project_command
from annotator.core.wording import count, shown_name


def register(sub) -> None:
    p = project_command(
        sub, "adjudicate", help="accept agreed spans into the gold layer; export the decisions",
        description=(
            "Settle agreement automatically into the gold layer.\n"
            "  unanimous  accepts every distinct (start, end, label) marked by every\n"
            "             annotator who took part in a document (status done, or at\n"
            "             least one span)\n"
            "  majority   accepts those marked by more than half of them\n"
            "Documents with fewer than two participants are left to the reviewer.\n"
            "Decisions already made are kept, so running again changes nothing. Each\n"
            "acceptance is recorded as a decision of the reviewer; the whole run is one\n"
            "action the reviewer can undo in the app."),
        epilog="example: annotator adjudicate putin.db --auto unanimous --reviewer dana\n"
               "         annotator adjudicate putin.db --auto majority --reviewer dana "
               "--document 002_3c10f19e7635cd43\n"
               "         annotator adjudicate putin.db --decisions-csv decisions.csv",
    )
    p.add_argument("--auto", choices=["unanimous", "majority"], metavar="POLICY",
                   help="unanimous or majority")
    p.add_argument("--reviewer", metavar="NAME",
                   help="who decides (needed with --auto); a new name is added with the "
                        "reviewer role, an annotator's name is refused")
    p.add_argument("--document", action="append", metavar="ID",
                   help="only this document (repeatable; default: all)")
    p.add_argument("--finish", action="store_true",
                   help="only finish the documents the policy settles completely (every "
                        "candidate accepted); leave documents with any disagreement "
                        "untouched for the reviewer")
    p.add_argument("--decisions-csv", metavar="FILE",
                   help="write every decision (reviewer, time, decision, place, label, "
                        "annotators, resulting gold) to FILE as CSV, after --auto if given")
    p.set_defaults(run=run)


def run(args) -> int:
    from annotator.cli.errors import fail

    if not args.auto and not args.decisions_csv:
        return fail("say what to do: --auto unanimous|majority, or --decisions-csv FILE")
    if args.auto and not args.reviewer:
        return fail("--auto needs --reviewer NAME (who the decisions are recorded for)")
    if args.finish and not args.auto:
        return fail("--finish goes with --auto")

    from annotator.services.project import open_project

    with open_project(args.db) as project:
        if args.decisions_csv:
            from annotator.services import output

            output.check(args.decisions_csv, project=project.target)  # before --auto
        if args.auto:
            _auto(project, args)
        if args.decisions_csv:
            from annotator.services.adjudication_view import write_decisions_csv

            n = write_decisions_csv(project, args.decisions_csv, args.document)
            from annotator.cli.progress import summary_stream

            print(f"Wrote {n} decisions to {shown_name(args.decisions_csv)}.",
                  file=summary_stream(args.decisions_csv))
    return 0


def _auto(project, args) -> None:
    from annotator.cli.progress import TerminalProgress
    from annotator.services import adjudicate
    from annotator.services.annotate import add_annotator, list_annotators
    from annotator.services.reading import check_documents

    check_documents(project, args.document)  # refused before anything is added
    name = args.reviewer.strip()
    roles = dict(list_annotators(project))
    if name and name not in roles:
        add_annotator(project, name, role="reviewer")
        print(f"Added {name} as a reviewer.")
    run = adjudicate.auto(project, name, args.auto, args.document,
                          finish_agreed=args.finish, progress=TerminalProgress())
    _print_run(run)


def _print_run(run) -> None:
    rows = [("document", "people", "unanimous", "majority", "kept", "open", "")]
    for d in run.documents:
        note = d.skipped or ("adjudicated" if d.adjudicated else "")
        rows.append((d.doc_id, str(d.participants), str(d.accepted_unanimous),
                     str(d.accepted_majority), str(d.kept), str(d.open), note))
    widths = [max(len(r[i]) for r in rows) for i in range(6)]
    for r in rows:
        cells = [r[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(r[1:6], widths[1:],
                                                                        strict=True)]
        print("  ".join(cells + [r[6]]).rstrip())
    done = sum(1 for d in run.documents if d.adjudicated)
    touched = sum(1 for d in run.documents if d.accepted)
    print(f"Accepted {count(run.accepted, 'span')} into gold ({run.policy}) in {touched} of "
          f"{count(len(run.documents), 'document')}; {count(done, 'document')} adjudicated.")
