"""annotator progress DB [-o FILE.csv]"""

from __future__ import annotations

from annotator.cli.parsers import project_command


def register(sub) -> None:
    p = project_command(
        sub, "progress", help="how far each annotator is, label use, active time, adjudication",
        description=(
            "The progress dashboard: documents done per annotator against their queue;\n"
            "spans per label per annotator, each annotator's share of a label against the\n"
            "group's (with the adjusted residual: beyond +-2 a label is used notably more\n"
            "or less); active annotation time per document and annotator (time with the\n"
            "document open and the annotator active: pauses over 2 minutes are left\n"
            "out); documents waiting for adjudication.\n\n"
            "With -o, every figure as CSV in long form: section, annotator, document,\n"
            "label, measure, value (one number per row: pivot it as you like)."),
        epilog="example: annotator progress putin.db\n"
               "         annotator progress putin.db -o progress.csv",
    )
    p.add_argument("-o", "--output", metavar="FILE",
                   help="write every figure as CSV ('-' for standard output)")
    p.set_defaults(run=run)


def run(args) -> int:
    import sys

    from annotator.services import dashboard, output
    from annotator.services.project import open_project

    with open_project(args.db) as project:
        if args.output not in (None, "-"):
            output.check(args.output, project=project.target)  # before the work
        f = dashboard.figures(project)
        target = project.target
    if args.output == "-":
        dashboard.write_rows(sys.stdout, dashboard.rows(f))
        return 0
    for line in summary(f):
        print(line)
    if args.output:
        n = dashboard.write_csv(f, args.output, target)
        print(f"Wrote {n:,} figures to {args.output}.")
    return 0


def summary(f) -> list[str]:
    from annotator.core.dashboard import ADJUDICATED, ANNOTATING, WAITING, duration

    width = max([9] + [len(q.annotator) for q in f.queues])
    lines = [f"{'annotator':<{width}}  {'done':>9}  {'in progress':>11}  {'spans':>6}  "
             f"{'active':>8}  {'median/doc':>10}"]
    for q in f.queues:
        median = duration(q.median_done)
        lines.append(f"{q.annotator:<{width}}  {q.done:>4} / {q.queue:<3}  "
                     f"{q.in_progress:>11}  {q.spans:>6}  {duration(q.seconds):>8}  "
                     f"{median:>10}")
    notable = [u for u in f.labels if u.notable]
    if notable:
        lines.append("Labels used notably more or less than the group (adjusted residual "
                     "beyond ±2):")
        for u in notable:
            lines.append(f"  {u.annotator}: {u.label!r} {u.share:.0%} of their spans, "
                         f"group {u.group_share:.0%} ({u.notable})")
    lines.append(f"Documents: {f.count(ANNOTATING)} being annotated, {f.count(WAITING)} "
                 f"waiting for adjudication, {f.count(ADJUDICATED)} adjudicated.")
    for d in f.waiting:
        lines.append(f"  waiting: {d.doc_id} ({', '.join(d.done)} done; "
                     f"{d.open_candidates} open candidates)")
    return lines
