"""annotator codebook show|versions|export|import|rename|retire|restore|merge DB ..."""

from __future__ import annotations

from annotator.cli.parsers import command, number, project_verb

KIND_WORDS = {"label": "label", "attribute": "attribute", "doc-label": "document label"}


_version = number(int, "version number", (lambda n: n >= 1, "versions are numbered from 1"))


def register(sub) -> None:
    p = command(
        sub, "codebook", help="show, version, export, import and edit the codebook",
        description=(
            "The project's codebook. Every change to it (an edit in the app, an import, a\n"
            "rename here, an undo) makes a new numbered version; each span records the\n"
            "version it was made under. Editing takes a reviewer (the project lead):\n"
            "--reviewer NAME, a new name becomes a reviewer.\n\n"
            "Files are YAML as docs/spec/codebook.md describes. Importing merges by\n"
            "name: what the file names is added, changed or restored; labels, attributes\n"
            "and document labels it leaves out are retired (kept for the spans that have\n"
            "them, offered for no new span), never deleted. A file exported at an older\n"
            "version keeps the changes made in the project since. A rename in a file is a\n"
            "new item (the old one is retired): use `codebook rename` to carry spans along."),
        epilog="example: annotator codebook export putin.db -o codebook.yaml\n"
               "         annotator codebook import putin.db codebook.yaml --reviewer dana\n"
               "         annotator codebook rename putin.db 'Word choice' Labeling "
               "--reviewer dana\n"
               "         annotator codebook merge putin.db 'Loaded language' 'Word choice' "
               "--reviewer dana\n"
               "         annotator codebook versions putin.db",
    )
    verbs = p.add_subparsers(dest="verb", metavar="VERB", required=True)

    def verb(name: str, help: str):
        return project_verb(verbs, name, help, run, description=help)

    def lead(v) -> None:
        v.add_argument("--reviewer", required=True, metavar="NAME",
                       help="who makes the change (a reviewer; a new name becomes one)")

    def kind(v) -> None:
        v.add_argument("--kind", choices=sorted(KIND_WORDS), default="label",
                       help="what NAME is (default: label)")

    verb("show", "the codebook now: labels, attributes, document labels, retired ones")
    verb("versions", "every codebook version: number, when, who, what changed, and how "
                     "many spans were made under it")
    v = verb("export", "write the codebook as YAML (retired items left out)")
    v.add_argument("-o", "--output", required=True, metavar="FILE",
                   help="the YAML file ('-' for standard output)")
    v.add_argument("--version", type=_version, metavar="N",
                   help="the codebook as it was at version N (default: now)")
    v = verb("import", "make the codebook say what a YAML (or JSON) codebook file says")
    v.add_argument("file", metavar="FILE")
    lead(v)
    v = verb("rename", "rename a label, attribute or document label; spans follow")
    v.add_argument("name", metavar="NAME")
    v.add_argument("to", metavar="NEW")
    kind(v)
    lead(v)
    for name, what in (("retire", "stop offering it; spans keep it"),
                       ("restore", "offer a retired item again")):
        v = verb(name, f"{name} a label, attribute or document label: {what}")
        v.add_argument("name", metavar="NAME")
        kind(v)
        lead(v)
    v = verb("merge", "every span of label SOURCE becomes INTO's, SOURCE is retired "
                      "(one step, undoable in the app)")
    v.add_argument("name", metavar="SOURCE")
    v.add_argument("into", metavar="INTO")
    v.add_argument("--dry-run", action="store_true", help="say what it would do, change nothing")
    lead(v)


def run(args) -> int:
    from annotator.services.project import open_project

    with open_project(args.db) as project:
        return {"show": _show, "versions": _versions, "export": _export, "import": _import,
                "rename": _edit, "retire": _edit, "restore": _edit, "merge": _merge,
                }[args.verb](project, args) or 0


def _show(project, args) -> None:
    from annotator.services import codebook

    cb = codebook.codebook_at(project)
    print(f"{cb.name}, version {codebook.current_version(project)}")
    for lab in cb.labels:
        extra = [x for x in (lab.group, lab.color, lab.hotkey and f"key {lab.hotkey}") if x]
        print(f"  label {lab.name}" + (f" ({', '.join(extra)})" if extra else "")
              + (" [retired]" if lab.retired else ""))
    for a in cb.attributes:
        values = "free text" if a.values is None else " / ".join(a.values)
        on = "every label" if a.labels is None else ", ".join(a.labels)
        print(f"  attribute {a.name}: {values}; on {on}" + (" [retired]" if a.retired else ""))
    for d in cb.doc_labels:
        print(f"  document label {d.name}: {' / '.join(d.values)}"
              + (" [retired]" if d.retired else ""))


def _versions(project, args) -> None:
    from annotator.services import codebook

    used = codebook.spans_by_version(project)
    for v in codebook.versions(project):
        n = used.get(v.number, 0)
        print(f"{v.number:>4}  {v.at[:19].replace('T', ' ')}  {v.by or '-':<12} "
              f"{v.summary}  ({n} span{'' if n == 1 else 's'})")


def _export(project, args) -> None:
    import sys

    from annotator.services import codebook

    if args.output == "-":
        sys.stdout.write(codebook.yaml_text(project, args.version))
        return
    from annotator.core.wording import shown_name

    codebook.export_file(project, args.output, args.version)
    which = args.version or codebook.current_version(project)
    print(f"Wrote codebook version {which} to {shown_name(args.output)}.")


def _import(project, args) -> None:
    from annotator.services import codebook

    done = codebook.import_file(project, args.reviewer.strip(), args.file, new_reviewer=True)
    print(done.describe())


def _edit(project, args) -> None:
    from annotator.core.codebook_edits import Rename, Retire
    from annotator.services import codebook

    what = KIND_WORDS[args.kind]
    one = (Rename(what, args.name, args.to) if args.verb == "rename"
           else Retire(what, args.name, args.verb == "retire"))
    _report(project, codebook.edit(project, args.reviewer.strip(), [one], new_reviewer=True),
            one.describe())


def _merge(project, args) -> None:
    from annotator.services import codebook

    preview = codebook.preview_merge(project, args.name, args.into)
    print(preview.sentence())
    if args.dry_run:
        print("Nothing changed (--dry-run).")
        return
    changes = codebook.edit(project, args.reviewer.strip(),
                            [codebook.Merge(args.name, args.into)], new_reviewer=True)
    _report(project, changes, f"Merged {args.name!r} into {args.into!r}")


def _report(project, changes, what: str) -> None:
    from annotator.services import codebook

    if not changes:
        print("Nothing to change: the codebook already says so.")
        return
    print(f"{what}: codebook version {codebook.current_version(project)}.")
