"""What the annotator ships beside its code: codebooks, icons, the Alembic migrations and
the sample corpus, found as the folders of the packages that hold them wherever the
package is installed (a wheel, pipx, an editable checkout).

The repository keeps them at its top level (resources/, db/, seeds/); setup.py maps them
into this package as annotator.data.resources, .db and .seeds. Nothing else should build
paths to them.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

APP_ID = "framing-annotator"  # the desktop entry's and the icon's name


# The functions end in _dir: importing a subpackage sets an attribute of its name here.
def _folder(package: str) -> Path:
    # Each is a regular package (an __init__.py): its one folder is what
    # importlib.resources.files gives for it, found without loading importlib.resources and
    # its readers before the first window (a few milliseconds of the start, for the icon).
    spec = importlib.util.find_spec(package)
    root = Path(spec.submodule_search_locations[0]) if spec is not None else None
    if root is None or not root.is_dir():
        # Alembic and the folder importer need real files, not a zip archive's members.
        raise RuntimeError(f"{package} is not installed as files on disk")
    return root


def resources_dir() -> Path:
    return _folder("annotator.data.resources")


def default_codebook() -> Path:
    """The default framing codebook (YAML)."""
    return resources_dir() / "codebooks" / "news-framing.yaml"


def icon(kind: str = "svg") -> Path:
    """The application's icon: "svg" (scalable) or a PNG size such as "256"."""
    name = f"{APP_ID}.svg" if kind == "svg" else f"{APP_ID}-{kind}.png"
    return resources_dir() / "icons" / name


def icon_sizes() -> list[int]:
    """The sizes the icon is drawn at as PNG, smallest first."""
    prefix = f"{APP_ID}-"
    return sorted(int(p.stem[len(prefix):]) for p in (resources_dir() / "icons").glob("*.png")
                  if p.stem.startswith(prefix) and p.stem[len(prefix):].isdigit())


def migrations_dir() -> Path:
    """The Alembic script folder (env.py and versions/)."""
    return _folder("annotator.data.db")


def seeds_dir() -> Path:
    """The sample corpus: five articles and their manifest."""
    return _folder("annotator.data.seeds")


def missing() -> list[str]:
    """What this installation lacks of what the program reads at run time (empty when
    complete): a wheel built without its data would otherwise fail only when used."""
    import json

    wanted = [default_codebook(), icon("svg"), migrations_dir() / "env.py",
              migrations_dir() / "script.py.mako", seeds_dir() / "manifest.json",
              seeds_dir() / "demo" / "annotations.jsonl"]
    wanted += [icon(str(size)) for size in (16, 32, 48, 64, 128, 256)]
    absent = [str(p) for p in wanted if not p.is_file()]
    if not any((migrations_dir() / "versions").glob("0*.py")):
        absent.append(str(migrations_dir() / "versions" / "0*.py"))
    manifest = seeds_dir() / "manifest.json"
    if manifest.is_file():
        entries = json.loads(manifest.read_text(encoding="utf-8"))["documents"]
        absent += [str(seeds_dir() / e["file"]) for e in entries
                   if not (seeds_dir() / e["file"]).is_file()]
    return absent
