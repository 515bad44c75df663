"""annotator agreement DB [--format json|csv|html] -o OUT [--label L]... [--annotator A]...
[--bootstrap N] [--gamma [--gamma-samples N]] [--round R] [--without-suggested]"""

from __future__ import annotations

from typing import TYPE_CHECKING

from annotator.cli.parsers import number, project_command, report_options

if TYPE_CHECKING:
    from annotator.core.agreement import AgreementReport

DEFAULT_BOOTSTRAP = 1000  # the spec's; kept here so that --help imports no numpy
GAMMA_SAMPLES = 30  # core.agreement.gamma's (pygamma-agreement's default)


_NOT_NEGATIVE = (lambda n: n >= 0, "the number of draws cannot be negative")
_draws = number(int, "whole number", _NOT_NEGATIVE)
_samples = number(int, "whole number", _NOT_NEGATIVE,
                  (lambda n: n >= 1, "gamma needs at least one random continuum"))


def register(sub) -> None:
    p = project_command(
        sub, "agreement", help="measure agreement between annotators; write the report",
        description=(
            "Measure how far the annotators agree (docs/spec/agreement.md): Krippendorff's\n"
            "alpha over tokens with a bootstrap interval, Fleiss' and Cohen's kappa, Gwet's\n"
            "AC1, exact and partial span F1, unitizing alpha; overall, per pair of\n"
            "annotators, per label and per document, and alpha for document labels;\n"
            "agreement on attributes and document labels (ordinal where the values are a\n"
            "scale), label confusion, each annotator against gold on adjudicated\n"
            "documents, and, with --gamma, Mathet et al.'s gamma.\n"
            "Reviewers are not annotators: their work is left out. A value the data leave\n"
            "undefined is null, with the reason in the report's notes.\n\n"
            "Formats: json (the agreement/1 report), csv (one row per number), html (a\n"
            "report to read: tables, heatmaps, per-label bars and the spans disagreed on\n"
            "most). The default is the output's extension (.json, .csv, .html), else json."),
        epilog="example: annotator agreement putin.db -o agreement.html\n"
               "         annotator agreement putin.db -o frames.json --label Economic \\\n"
               "             --label Political --annotator alice --annotator bob --bootstrap 0\n"
               "         annotator agreement putin.db -o agreement.json --gamma",
    )
    report_options(p)
    p.add_argument("--label", action="append", default=[], metavar="L",
                   help="only spans with this label (repeatable); listed even if unused")
    p.add_argument("--annotator", action="append", default=[], metavar="A",
                   help="only this annotator (repeatable; default: every annotator)")
    p.add_argument("--round", metavar="R",
                   help="only the documents of calibration round R (`annotator rounds`)")
    p.add_argument("--bootstrap", type=_draws, default=DEFAULT_BOOTSTRAP, metavar="N",
                   help=f"bootstrap draws for alpha's 95%% interval (default "
                        f"{DEFAULT_BOOTSTRAP}; 0: no interval)")
    p.add_argument("--gamma", action="store_true",
                   help="also compute gamma (Mathet et al. 2015): an exact best alignment and "
                        "random continua for the expected disorder; slower on big corpora")
    p.add_argument("--gamma-samples", type=_samples, metavar="N",
                   help=f"random continua for gamma's expected disorder (default "
                        f"{GAMMA_SAMPLES}; implies --gamma)")
    p.add_argument("--without-suggested", action="store_true",
                   help="leave out the spans annotators accepted from suggestions (they "
                        "anchor annotators; the report's notes count them either way)")
    p.set_defaults(run=run)


def run(args) -> int:
    import sys

    from annotator.cli.progress import TerminalProgress, summary_stream
    from annotator.services import agreement
    from annotator.services.project import open_project

    to_stdout = args.output == "-"
    fmt = agreement.format_for(args.output, args.format)
    if to_stdout and fmt == "html":
        from annotator.cli.errors import fail

        return fail("an HTML report is a file; give -o FILE.html")
    gamma = args.gamma_samples or (GAMMA_SAMPLES if args.gamma else 0)
    with open_project(args.db) as project:
        if to_stdout:
            analysis = agreement.analyse(project, args.annotator, args.label, args.bootstrap,
                                         TerminalProgress(), gamma, args.round,
                                         args.without_suggested, texts_in_memory=False)
            agreement.dump(analysis.report, fmt, sys.stdout)
        else:
            analysis, fmt = agreement.export(
                project, args.output, fmt, annotators=args.annotator, labels=args.label,
                bootstrap=args.bootstrap, progress=TerminalProgress(), gamma=gamma,
                round=args.round, without_suggested=args.without_suggested)
    out = summary_stream(args.output)
    for line in summary(analysis.report, analysis.data.reviewers):
        print(line, file=out)
    note = agreement.suggestion_note(analysis.data)
    if note:
        print(note, file=out)
    if not to_stdout:
        from annotator.core.wording import shown_name

        print(f"Wrote the {fmt} report to {shown_name(args.output)}.", file=out)
    return 0


def summary(report: AgreementReport, reviewers=()) -> list[str]:
    """A few lines for a person: who, how much, and the headline numbers with the usual
    reading of alpha (the report itself has every number)."""
    from annotator.services.agreement import alpha_reading

    def num(value) -> str:
        return "undefined" if value is None else f"{value:.3f}"

    def read(value) -> str:
        return "undefined" if value is None else f"{value:.3f} ({alpha_reading(value)})"

    names = report.annotators
    lines = [f"{len(names)} annotators ({', '.join(names) or 'none'}), "
             f"{report.documents} documents, {report.tokens:,} tokens."]
    if reviewers:
        lines[0] += f" Not counted (reviewers): {', '.join(reviewers)}."
    o = report.overall
    ci = o.krippendorff_alpha_ci95
    lines.append(f"Krippendorff's alpha {read(o.krippendorff_alpha)}"
                 + (f", 95% CI [{ci.low:.3f}, {ci.high:.3f}]." if ci else ", no interval."))
    lines.append(f"Fleiss' kappa {num(o.fleiss_kappa)}, Cohen's kappa (mean over pairs) "
                 f"{num(o.cohen_kappa_mean)}, Gwet's AC1 {num(o.gwet_ac1)}.")
    lines.append(f"Span F1 (mean over pairs) {num(o.span_f1_mean)} exact, "
                 f"{num(o.span_f1_partial_mean)} partial; unitizing alpha "
                 f"{read(o.unitizing_alpha)}.")
    labels = report.labels
    if labels:
        ranked = sorted((e.measures.krippendorff_alpha, n) for n, e in labels.items()
                        if e.measures.krippendorff_alpha is not None)
        if len(ranked) == 1 and len(labels) == 1:
            lines.append(f"1 label: {ranked[0][1]}, alpha {ranked[0][0]:.3f}.")
        elif ranked:
            lines.append(f"{len(labels)} labels; lowest alpha: {ranked[0][1]} "
                         f"{ranked[0][0]:.3f}, highest: {ranked[-1][1]} {ranked[-1][0]:.3f}.")
    if report.gamma is not None:
        g = report.gamma
        lines.append(f"Gamma {num(g.values.gamma)}"
                     + (f", 95% CI [{g.values.ci95.low:.3f}, {g.values.ci95.high:.3f}]"
                        if g.values.ci95 else "")
                     + f" ({g.samples} random continua).")
    if report.against_gold:
        names = ", ".join(f"{n} {num(g.measures.f1)}" for n, g in report.against_gold.items())
        lines.append(f"Against gold (F1 on adjudicated documents): {names}.")
    if report.notes:
        n = len(report.notes)
        lines.append(f"{n} note{'s' if n != 1 else ''} in the report (why a value is "
                     "undefined, skipped bootstrap draws).")
    return lines
