"""annotator suggest import|run|phrases|train|status|clear|off|on DB ...: suggestions
(pre-annotation) from files, an external command and the built-in recommenders."""

from __future__ import annotations

from annotator.cli.parsers import command, number, project_verb

DEFAULT_TIMEOUT = 600  # services.suggest_sources's; kept here so that --help stays fast


_seconds = number(float, "number of seconds",
                  (lambda s: 0 < s < float("inf"),
                   "the timeout must be a positive number of seconds"))


def register(sub) -> None:
    p = command(
        sub, "suggest", help="suggestions (pre-annotation): import, run a model, recommenders",
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
            "         annotator suggest status putin.db"))
    verbs = p.add_subparsers(dest="verb", metavar="ACTION", required=True)

    v = project_verb(
        verbs, "import", "store the suggestions of a file", run_import,
        "Read suggestions from FILE: the interchange (.jsonl) with a 'score' on each span, "
        "or a Label Studio JSON export's 'predictions' (.json). Documents are named by id "
        "and must be in the project. A bad file is refused whole, naming the line; nothing "
        "is stored.")
    v.add_argument("file", metavar="FILE", help="the suggestion file (.jsonl or .json)")
    v.add_argument("--source", required=True, metavar="NAME",
                   help="the source's name shown beside its suggestions (e.g. the model)")

    v = project_verb(
        verbs, "run", "run an external command that suggests spans", run_command,
        "Send the project's documents to COMMAND as interchange JSONL on its standard input "
        "(a codebook line, then one line per document: id, text, metadata) and read "
        "suggestions from its standard output (document lines with id and annotations, "
        "each span with start, end, label, score). A command that fails, runs past the "
        "timeout or prints an invalid line is reported and its whole output discarded.")
    v.add_argument("--command", required=True, metavar="CMD",
                   help="the command line (split like a shell would; no shell is run)")
    v.add_argument("--source", metavar="NAME", help="the source's name (default: CMD)")
    v.add_argument("--timeout", type=_seconds, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                   help=f"stop the command after this long (default {DEFAULT_TIMEOUT})")
    v.add_argument("--document", action="append", metavar="ID",
                   help="send only this document (repeatable; default: all)")

    project_verb(
        verbs, "phrases", "suggest the labels phrases were given elsewhere in the project",
        run_phrases,
        "Where a phrase was labelled, suggest its other occurrences with that label, scored "
        "by how often it was given: gold teaches everyone (not on adjudicated documents), "
        "an annotator's own spans teach only them.")
    project_verb(
        verbs, "train", "train the span tagger on gold (or agreed spans) and suggest with it",
        run_train,
        "Train a token tagger (scikit-learn, on this machine) on the gold layer, or on spans "
        "annotators agree on while there is no gold; print its precision, recall and F1 per "
        "label on held-out documents; suggest its spans on the documents it did not learn "
        "from.")
    project_verb(verbs, "status", "sources, the tagger's scores, who accepted what", run_status)
    v = project_verb(verbs, "clear", "forget every suggestion of a source", run_clear)
    v.add_argument("--source", required=True, metavar="NAME")
    project_verb(verbs, "off", "hide suggestions from annotators (a calibration round)",
                 run_switch, on=False)
    project_verb(verbs, "on", "offer suggestions to annotators again", run_switch, on=True)
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
        due = suggestions.tagger_due(project)
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
