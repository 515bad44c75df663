"""annotator assign DB --annotators a,b,c [--per-document N [--overlap F]]
[--calibration K | --calibration-document ID...] [--seed S] [--document ID...]
[--replace] [--withdraw] [--dry-run]"""

from __future__ import annotations

import argparse

from annotator.cli.parsers import project_command

DESCRIPTION = """\
Assign documents to annotators. Once a project has assignments, an annotator sees only
their own queue, in order (the document list, "Next not done"); reviewers see everything.

By hand: without --per-document, every annotator named gets every document named
(--document, repeatable; default: every document not assigned yet).

By a policy:
  --per-document N   each document goes to N annotators
  --overlap F        ... but only the share F of the documents (0.2 or 20%): those get
                     N annotators, every other document goes to one annotator. Of M
                     documents, round(F x M) are overlapped (halves rounded up).
  --calibration K    K documents, chosen by the seed, go to every annotator first (a
                     calibration set); --calibration-document ID names them instead.
  --seed S           the same seed gives the same assignment, on any machine (default 0)
The load is balanced: each document goes to the annotators with the fewest documents
(what they already have counts), and pairs of annotators share documents evenly.

Existing assignments: documents that already have some are left as they are, and only
documents nobody has yet are assigned, so the same command hands out new documents
later. --replace plans the documents again: assignments nobody has started are
withdrawn first. Work is never taken away: a document an annotator has spans, document
labels, a status or a note on stays theirs and counts toward its N.
--withdraw takes the named documents out of the named annotators' queues (except those
they have worked on)."""


def register(sub) -> None:
    p = project_command(
        sub, "assign", help="assign documents to annotators (by hand or by a policy)",
        description=DESCRIPTION,
        epilog="example: annotator assign putin.db --annotators alice,bob,carol "
               "--per-document 2 --overlap 0.2 --seed 7\n"
               "         annotator assign putin.db --annotators alice,bob,carol "
               "--calibration 5 --per-document 2 --overlap 0.2\n"
               "         annotator assign putin.db --annotators dave --document 004_x "
               "--add-annotators",
    )
    p.add_argument("--annotators", required=True, metavar="A,B,...",
                   help="the annotators, comma-separated")
    p.add_argument("--document", action="append", default=[], metavar="ID",
                   help="only this document (repeatable; default: every document)")
    p.add_argument("--per-document", type=int, metavar="N",
                   help="annotators per document (default: every annotator named)")
    p.add_argument("--overlap", type=_share, default=None, metavar="F",
                   help="the share of documents that get N annotators, the rest one "
                        "(default 1: all)")
    p.add_argument("--calibration", type=int, default=0, metavar="K",
                   help="K documents, chosen by the seed, for every annotator")
    p.add_argument("--calibration-document", action="append", default=[], metavar="ID",
                   help="a calibration document for every annotator (repeatable)")
    p.add_argument("--seed", type=int, default=0, metavar="S", help="default 0")
    p.add_argument("--replace", action="store_true",
                   help="plan assigned documents again (unstarted assignments withdrawn)")
    p.add_argument("--withdraw", action="store_true",
                   help="take the documents out of the annotators' queues instead")
    p.add_argument("--add-annotators", action="store_true",
                   help="add names the project does not know yet as annotators (without "
                        "it they are refused: a typo would make a new person)")
    p.add_argument("--dry-run", action="store_true", help="show what would be done; write "
                                                          "nothing")
    p.set_defaults(run=run)


def _share(text: str) -> float:
    raw = text.strip()
    try:
        value = float(raw[:-1]) / 100 if raw.endswith("%") else float(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a share (0.2 or 20%)") from None
    return value


def run(args) -> int:
    from annotator.cli.errors import fail
    from annotator.core.wording import count
    from annotator.services import assignments
    from annotator.services.project import open_project

    names = [n.strip() for n in args.annotators.split(",") if n.strip()]
    if not names:
        return fail("--annotators needs at least one name")
    policy = (args.per_document is not None or args.overlap is not None or args.calibration
              or args.calibration_document)
    if args.withdraw and (policy or args.replace):
        return fail("--withdraw takes annotators and documents only")
    if args.overlap is not None and args.per_document is None:
        return fail("--overlap goes with --per-document N (the number the overlapped "
                    "documents get)")
    documents = args.document or None
    with open_project(args.db) as project:
        if args.withdraw:
            if not documents:
                return fail("--withdraw needs the documents (--document ID)")
            _, gone, kept = assignments.withdraw(project, documents, names)
            print(f"Withdrew {count(len(gone), 'assignment')}.")
            for d, a in kept:
                print(f"Kept {d} for {a}: {a} has worked on it.")
            return 0
        if policy or args.replace or documents is None:
            done = assignments.assign(
                project, names, documents=documents, per_document=args.per_document,
                overlap=1.0 if args.overlap is None else args.overlap,
                calibration=args.calibration,
                calibration_documents=args.calibration_document, seed=args.seed,
                replace=args.replace, add_annotators=args.add_annotators,
                dry_run=args.dry_run)
        else:
            done = assignments.assign_by_hand(project, documents, names,
                                              add_annotators=args.add_annotators,
                                              dry_run=args.dry_run)
    print(done.describe())
    if args.dry_run:
        print("Nothing was written (--dry-run).")
    elif done.batch is not None:
        print(f"Recorded as assignment batch {done.batch}; `annotator assignments "
              f"{args.db}` lists the queues.")
    else:
        print("Nothing new to assign: every document named already has its annotators "
              "(--replace plans them again).")
    return 0
