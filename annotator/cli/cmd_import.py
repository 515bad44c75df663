"""annotator import DB FILE..."""

from __future__ import annotations

from annotator.cli.parsers import project_command
from annotator.services.file_formats import import_formats


def register(sub) -> None:
    p = project_command(
        sub, "import", help="import documents and annotations",
        description=(
            "Import files into a project, all or nothing. Importing the same file twice\n"
            "changes nothing. A folder imports every file in it.\n"
            "  .jsonl            the JSONL interchange\n"
            "  .txt              plain text (first line = title; metadata from a\n"
            "                    manifest.json beside them)\n"
            "  .html, .csv       news pages (main text only); a 'text' column\n"
            "and other tools' annotations:\n"
            "  brat folder       .ann + .txt per document\n"
            "  .jsonl (doccano)  one whose first line has 'label', 'labels' or 'entities'\n"
            "  .json             a Label Studio JSON export\n"
            "  SemEval folder    article<ID>.txt + technique labels (.labels or .tsv)\n"
            "  .xmi              UIMA CAS XMI (INCEpTION), with TypeSystem.xml"),
        epilog="example: annotator import putin.db seeds/ more/article.html\n"
               "example: annotator import putin.db brat-folder/ --annotator alice\n"
               "Regular files only; links out of a folder are not followed. Each type of\n"
               "file has a size limit (jsonl 256 MB, html 10 MB, ...: README, Input limits);\n"
               "raise one with ANNOTATOR_INPUT_LIMITS=jsonl=1024,html=50 (MB).",
    )
    p.add_argument("files", metavar="FILE", nargs="+", help="files or folders to import")
    p.add_argument("--add-labels", action="store_true",
                   help="add labels, attributes and document labels the codebook lacks "
                        "instead of refusing the import")
    readers = import_formats()
    p.add_argument("--from", dest="fmt", choices=readers, metavar="FMT",
                   help="read every file and folder given as this format instead of "
                        "telling it by name and content: " + ", ".join(readers))
    p.add_argument("--annotator", metavar="NAME",
                   help="the annotator whose layer gets the spans of files that name none "
                        "(brat, SemEval, XMI, doccano, Label Studio); default: the format's "
                        "name")
    p.set_defaults(run=run)


def run(args) -> int:
    from annotator.cli.progress import TerminalProgress
    from annotator.services.importing import import_paths
    from annotator.services.project import open_project

    with open_project(args.db) as project:
        summary = import_paths(project, args.files, add_labels=args.add_labels,
                               progress=TerminalProgress(), fmt=args.fmt,
                               annotator=args.annotator)
    print(summary.describe())
    return 0
