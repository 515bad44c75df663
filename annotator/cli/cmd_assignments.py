"""annotator assignments DB [--queues]"""

from __future__ import annotations

from annotator.cli.parsers import project_command


def register(sub) -> None:
    p = project_command(
        sub, "assignments", help="who has which documents, and how far they are",
        description="Each annotator's queue: how many documents, how many done and in "
                    "progress; how many annotators each document has; the assignment "
                    "batches (by hand or a policy, with its seed). With --queues, every "
                    "queue in order with each document's status.",
        epilog="example: annotator assignments putin.db --queues",
    )
    p.add_argument("--queues", action="store_true",
                   help="list every queue's documents in order, with their status")
    p.set_defaults(run=run)


MARK = {"done": "done", "in_progress": "in progress", None: "not started"}


def run(args) -> int:
    from collections import Counter

    from annotator.core.wording import count
    from annotator.services.assignments import overview
    from annotator.services.project import open_project

    with open_project(args.db) as project:
        o = overview(project)
    if not o.assigned:
        print(f"No assignments: every annotator sees all {count(o.documents, 'document')}"
              ". Assign with `annotator assign`.")
    width = max([len("annotator")] + [len(q.annotator) for q in o.queues])
    print(f"{'annotator':<{width}}  {'queue':>6}  {'done':>6}  {'in progress':>11}  "
          f"{'not started':>11}")
    for q in o.queues:
        total = len(q.items)
        print(f"{q.annotator:<{width}}  {total:>6}  {q.done:>6}  {q.in_progress:>11}  "
              f"{total - q.done - q.in_progress:>11}")
    if o.assigned:
        sizes = Counter(len(v) for v in o.coders.values())
        print("Documents by number of annotators: " + ", ".join(
            f"{n}: {k}" for n, k in sorted(sizes.items(), reverse=True)) + ".")
        for b in o.batches:
            print(f"Batch {b.id} ({b.at[:16].replace('T', ' ')} UTC, by "
                  f"{b.by or 'the command line'}): {describe_policy(b.policy)}")
    if args.queues:
        for q in o.queues:
            print(f"\n{q.annotator}:")
            for i, item in enumerate(q.items, 1):
                extra = "" if item.assigned or not o.assigned else (
                    "  (not assigned; has work on it)")
                print(f"  {i:>4}. {item.doc_id}  {MARK[item.status]}{extra}"
                      + (f"  {item.title}" if item.title else ""))
    return 0


def describe_policy(policy: dict) -> str:
    if policy.get("kind") != "policy":
        return "by hand"
    n = policy.get("per_document")
    parts = [f"{n} per document" if n else "every annotator per document"]
    if n and n > 1 and policy.get("overlap", 1) < 1:
        parts.append(f"overlap {policy['overlap']:g}")
    if policy.get("calibration"):
        parts.append(f"{len(policy['calibration'])} calibration documents")
    parts.append(f"seed {policy.get('seed', 0)}")
    if policy.get("replace"):
        parts.append("replacing")
    return ", ".join(parts) + " (" + ", ".join(policy.get("annotators", [])) + ")"
