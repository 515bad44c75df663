"""annotator suggest import|run|phrases|train|status|clear|off|on DB ...: suggestions
(pre-annotation) from files, an external command and the built-in recommenders."""

from __future__ import annotations

import argparse

DEFAULT_TIMEOUT = 600  # services.suggest_sources's; kept here so that --help stays fast


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError("the timeout must be a positive number of seconds")
    return value


def register(sub) -> None:
    p = sub.add_parser(
        "suggest", help="suggestions (pre-annotation): import, run a model, recommenders",
        description=(
            "Suggestions are proposed spans that annotators accept (making them their own\n"
            "spans, with a record of where they came from) or reject in the window. Until\n"
            "accepted they count nowhere: not in agreement, adjudication, exports or\n"
            "progress. Each source's suggestions on a document replace what that source\n"
            "suggested there before."),
        epilog=(
            "example: annotator suggest import putin.db model.jsonl --source llm\n"
            "         annotator suggest run putin.db --command 'python my_llm.py'\n"
            "         annotator suggest phrases putin.db\n"
            "         annotator suggest train putin.db\n"
            "         annotator suggest status putin.db"),
        formatter_class=argparse.RawDescriptionHelpFormatter)
    verbs = p.add_subparsers(dest="verb", metavar="ACTION", required=True)

    v = verbs.add_parser(
        "import", help="store the suggestions of a file",
        description="Read suggestions from FILE: the interchange (.jsonl) with a 'score' on "
                    "each span, or a Label Studio JSON export's 'predictions' (.json). "
                    "Documents are named by id and must be in the project. A bad file is "
                    "refused whole, naming the line; nothing is stored.")
    v.add_argument("db", metavar="DB", help="the project (SQLite file or database URL)")
    v.add_argument("file", metavar="FILE", help="the suggestion file (.jsonl or .json)")
    v.add_argument("--source", required=True, metavar="NAME",
                   help="the source's name shown beside its suggestions (e.g. the model)")
    v.set_defaults(run=run_import)

    v = verbs.add_parser(
        "run", help="run an external command that suggests spans",
        description="Send the project's documents to COMMAND as interchange JSONL on its "
                    "standard input (a codebook line, then one line per document: id, text, "
                    "metadata) and read suggestions from its standard output (document "
                    "lines with id and annotations, each span with start, end, label, "
                    "score). A command that fails, runs past the timeout or prints an "
                    "invalid line is reported and its whole output discarded.")
    v.add_argument("db", metavar="DB", help="the project (SQLite file or database URL)")
    v.add_argument("--command", required=True, metavar="CMD",
                   help="the command line (split like a shell would; no shell is run)")
    v.add_argument("--source", metavar="NAME", help="the source's name (default: CMD)")
    v.add_argument("--timeout", type=_seconds, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                   help=f"stop the command after this long (default {DEFAULT_TIMEOUT})")
    v.add_argument("--document", action="append", metavar="ID",
                   help="send only this document (repeatable; default: all)")
    v.set_defaults(run=run_command)

    v = verbs.add_parser(
        "phrases", help="suggest the labels phrases were given elsewhere in the project",
        description="Where a phrase was labelled, suggest its other occurrences with that "
                    "label, scored by how often it was given: gold teaches everyone (not on "
                    "adjudicated documents), an annotator's own spans teach only them.")
    v.add_argument("db", metavar="DB", help="the project (SQLite file or database URL)")
    v.set_defaults(run=run_phrases)

    v = verbs.add_parser(
        "train", help="train the span tagger on gold (or agreed spans) and suggest with it",
        description="Train a token tagger (scikit-learn, on this machine) on the gold layer, "
                    "or on spans annotators agree on while there is no gold; print its "
                    "precision, recall and F1 per label on held-out documents; suggest its "
                    "spans on the documents it did not learn from.")
    v.add_argument("db", metavar="DB", help="the project (SQLite file or database URL)")
    v.set_defaults(run=run_train)

    v = verbs.add_parser("status", help="sources, the tagger's scores, who accepted what")
    v.add_argument("db", metavar="DB", help="the project (SQLite file or database URL)")
    v.set_defaults(run=run_status)

    v = verbs.add_parser("clear", help="forget every suggestion of a source")
    v.add_argument("db", metavar="DB", help="the project (SQLite file or database URL)")
    v.add_argument("--source", required=True, metavar="NAME")
    v.set_defaults(run=run_clear)

    for verb, on in (("off", False), ("on", True)):
        v = verbs.add_parser(
            verb, help=("hide suggestions from annotators (a calibration round)" if not on
                        else "offer suggestions to annotators again"))
        v.add_argument("db", metavar="DB", help="the project (SQLite file or database URL)")
        v.set_defaults(run=run_switch, on=on)
    p.set_defaults(run=None)


def _progress():
    from annotator.cli.progress import TerminalProgress

    return TerminalProgress()


def run_import(args) -> int:
    from annotator.services.project import open_project
    from annotator.services.suggest_sources import import_file

    with open_project(args.db) as project:
        print(import_file(project, args.file, args.source, _progress()).describe())
    return 0


def run_command(args) -> int:
    from annotator.services.project import open_project
    from annotator.services.suggest_sources import run_command as run

    with open_project(args.db) as project:
        print(run(project, args.command, args.source, args.timeout, args.document,
                  _progress()).describe())
    return 0


def run_phrases(args) -> int:
    from annotator.services import suggest_phrases
    from annotator.services.project import open_project

    with open_project(args.db) as project:
        print(suggest_phrases.run(project, _progress()).describe())
    return 0


def run_train(args) -> int:
    from annotator.services import suggest_tagger
    from annotator.services.project import open_project

    with open_project(args.db) as project:
        report = suggest_tagger.train(project, _progress())
    for line in report.table():
        print(line)
    if report.run is not None:
        print(report.run.describe())
    return 0


def run_status(args) -> int:
    from annotator.services import suggest_tagger, suggestions
    from annotator.services.project import open_project

    with open_project(args.db) as project:
        view = suggestions.overview(project)
        accepted = suggestions.acceptance(project)
        tagger = suggest_tagger.last(project)
        due = suggest_tagger.due(project)
    print("Suggestions are " + ("offered to annotators." if view.enabled
                                else "turned off for annotators."))
    if not view.sources:
        print("No suggestions stored.")
    for s in view.sources:
        print(f"  {s.source}: {s.suggestions} on {s.documents} documents")
    if tagger is not None:
        for line in tagger.table():
            print(line)
        if due:
            print("  enough new gold has arrived: retrain with `annotator suggest train`")
    if accepted:
        print("Spans accepted from suggestions (unchanged: as suggested):")
        for a in accepted:
            print(f"  {a.annotator}: {a.suggested} of {a.spans} spans, {a.unchanged} unchanged")
    return 0


def run_clear(args) -> int:
    from annotator.services import suggestions
    from annotator.services.project import open_project

    with open_project(args.db) as project:
        print(suggestions.clear(project, args.source).description + ".")
    return 0


def run_switch(args) -> int:
    from annotator.services import suggestions
    from annotator.services.project import open_project

    with open_project(args.db) as project:
        suggestions.set_enabled(project, args.on)
    print("Suggestions are " + ("offered to annotators." if args.on
                                else "turned off for annotators."))
    return 0
