"""annotator compare DB [--event E] [--concept C]... [--layer gold|annotations]
[--annotator A]... [--format json|csv|html] -o OUT"""

from __future__ import annotations

from annotator.cli.parsers import project_command, report_options


def register(sub) -> None:
    p = project_command(
        sub, "compare", help="compare how sources (outlets) framed the same things",
        description=(
            "Compare the sources (outlets) of an event's articles: for each concept, the\n"
            "words each source used for it, with label, polarity and how many annotators\n"
            "marked them; labels and document labels (primary frame, tone) per source; and\n"
            "the statistics: the weighted log-odds ratio with an informative Dirichlet prior\n"
            "(Monroe, Colaresi & Quinn 2008) with its z-score, per concept and overall, and\n"
            "a chi-square test of labels x sources with Cramer's V and residuals (no p-value\n"
            "when the counts are too small). A document without a source counts under its\n"
            "own id.\n\n"
            "Layer: gold, or annotations (every annotator's spans, reviewers' own left out,\n"
            "or those of --annotator). The default is gold when every compared document has\n"
            "gold spans, else annotations.\n\n"
            "Formats: json (schema compare/1), csv (one row per number), html (a report for\n"
            "an appendix). The default is the output's extension, else json."),
        epilog="example: annotator compare putin.db -o framing.html\n"
               "         annotator compare putin.db --event putin-china-2024 --concept "
               "election \\\n"
               "             --layer annotations --annotator alice -o alice.json",
    )
    p.add_argument("--event", metavar="E",
                   help="the event whose documents are compared (default: the only one; "
                        "with several, every document)")
    p.add_argument("--concept", action="append", default=[], metavar="C",
                   help="only this concept (its id; repeatable; default: every concept "
                        "linked to)")
    p.add_argument("--layer", choices=["gold", "annotations"],
                   help="gold or annotations (default: gold if every document has it)")
    p.add_argument("--annotator", action="append", default=[], metavar="A",
                   help="only this annotator's spans (repeatable; annotations layer)")
    report_options(p)
    p.set_defaults(run=run)


def run(args) -> int:
    from annotator.cli.errors import fail
    from annotator.cli.progress import summary_stream
    from annotator.core.wording import shown_name
    from annotator.services import compare
    from annotator.services.agreement import format_for
    from annotator.services.project import open_project

    to_stdout = args.output == "-"
    fmt = format_for(args.output, args.format)
    if to_stdout and fmt == "html":
        return fail("an HTML report is a file; give -o FILE.html")
    with open_project(args.db) as project:
        if not to_stdout:
            from annotator.services import output

            output.check(args.output, project=project.target)  # before the work
        event, every = args.event, False
        if event is None:
            found = compare.events(project)
            if len(found) == 1:
                event = found[0].id
            else:
                every = True
        comparison = compare.compare(project, event=event, all_events=every,
                                     concepts=args.concept or None, layer=args.layer,
                                     annotators=args.annotator)
        if to_stdout:
            import sys

            compare.dump(comparison, fmt, sys.stdout)
        else:
            compare.write(comparison, fmt, args.output, compare.label_colors(project),
                          compare.report_title(project, None if every else event),
                          project=project.target)
    out = summary_stream(args.output)
    for line in summary(comparison):
        print(line, file=out)
    if not to_stdout:
        print(f"Wrote the {fmt} report to {shown_name(args.output)}.", file=out)
    return 0


def summary(c) -> list[str]:
    """A few lines for a person; the report has everything."""
    from annotator.core.wording import count

    layer = ("the gold layer" if c.layer == "gold" else
             f"the annotators' spans ({', '.join(c.annotators) or 'none'})")
    spans = sum(sum(v.values()) for v in c.labels_by_source.values())
    lines = [f"{count(len(c.sources), 'source')}, {count(len(c.concepts), 'concept')}, "
             f"{count(spans, 'span')} from {layer}."]
    t = c.label_test
    if t.statistic is None:
        lines.append(f"Labels x sources: no test ({t.reason}).")
    elif t.p_value is None:
        lines.append(f"Labels x sources: chi-square {t.statistic:.2f}, df {t.dof}, "
                     f"Cramer's V {t.cramers_v:.3f}; no p-value ({t.reason}).")
    else:
        p = "< 0.001" if t.p_value < 0.001 else f"{t.p_value:.3f}"
        lines.append(f"Labels x sources: chi-square {t.statistic:.2f}, df {t.dof}, p {p}, "
                     f"Cramer's V {t.cramers_v:.3f}.")
    lines += [f"Note: {n}" for n in c.notes]
    return lines
