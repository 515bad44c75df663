"""Build the sdist and the wheel, install the wheel (not editable) into a fresh virtual
environment outside the checkout, and use it from another folder as a user would:
init, import of the sample corpus, export, agreement, the window (offscreen) on the
sample project and on the demo project, the desktop entry. Fails if the wheel or the
sdist lacks a file of the package or of resources/, db/ and seeds/.

    .venv/bin/python scripts/check-wheel.py [--python PY]... [--keep]

Run by ./run-tests after the test suite. --python repeats (the interpreters to install
into; default: this one); --keep leaves the folder with the builds and venvs.
"""

from __future__ import annotations

import argparse
import configparser
import json
import os
import shlex
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = {"resources": "annotator/data/resources", "db": "annotator/data/db",
           "seeds": "annotator/data/seeds"}


class Failed(Exception):
    pass


def run(cmd: list[str], *, cwd: Path, env: dict | None = None, expect: str | None = None,
        timeout: int = 600) -> str:
    shown = " ".join(shlex.quote(str(c)) for c in cmd)
    started = time.monotonic()
    done = subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=timeout, check=False)
    took = time.monotonic() - started
    if done.returncode != 0:
        raise Failed(f"`{shown}` exited with {done.returncode}:\n{done.stdout}{done.stderr}")
    if expect is not None and expect not in done.stdout:
        raise Failed(f"`{shown}` did not print {expect!r}:\n{done.stdout}{done.stderr}")
    print(f"  ok {took:5.1f} s  {shown}", flush=True)
    return done.stdout


def tracked(*folders: str) -> list[str]:
    """The repository's files under these folders (git's list; a walk without git)."""
    if (ROOT / ".git").exists():
        out = subprocess.run(["git", "ls-files", "-z", "--", *folders], cwd=ROOT,
                             capture_output=True, text=True, check=True).stdout
        return [p for p in out.split("\0") if p and (ROOT / p).is_file()]
    return [str(p.relative_to(ROOT)) for f in folders for p in (ROOT / f).rglob("*")
            if p.is_file() and "__pycache__" not in p.parts]


def check_contents(wheel: Path, sdist: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    wanted = set(tracked("annotator"))
    for folder, package in BUNDLED.items():
        wanted |= {package + p[len(folder):] for p in tracked(folder)}
    absent = sorted(wanted - names)
    if absent:
        raise Failed(f"the wheel lacks {len(absent)} files: {', '.join(absent[:10])}")
    with tarfile.open(sdist) as tar:
        top = tar.getnames()[0].split("/")[0]
        in_sdist = {n[len(top) + 1:] for n in tar.getnames()}
    wanted = set(tracked("annotator", *BUNDLED)) | {"setup.py", "pyproject.toml", "README.md"}
    absent = sorted(wanted - in_sdist)
    if absent:
        raise Failed(f"the sdist lacks {len(absent)} files: {', '.join(absent[:10])}")
    print(f"  ok wheel: {len(names)} files; sdist: {len(in_sdist)} entries", flush=True)


def annotations(seeds: Path) -> Path:
    """Two annotators' spans on the first sample article, as an interchange file."""
    entry = json.loads((seeds / "manifest.json").read_text(encoding="utf-8"))["documents"][0]
    text = (seeds / entry["file"]).read_text(encoding="utf-8")
    words = [w for w in ("Putin", "China", "May", "sanctions") if w in text]
    spans = []
    for who, picked in (("alice", words), ("bob", words[:-1])):
        for word in picked:
            start = text.index(word)
            spans.append({"annotator": who, "start": start, "end": start + len(word),
                          "label": "Political"})
    line = {"id": Path(entry["file"]).stem, "text": text, "annotations": spans}
    out = seeds.parent / "spans.jsonl"
    out.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    return out


def desktop_command(entry: Path) -> list[str]:
    """The command the desktop's menu would run (Exec, %f left out)."""
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read(entry, encoding="utf-8")
    value = parser["Desktop Entry"]["Exec"].replace("\\\\", "\\")
    return [a.replace("%%", "%") for a in shlex.split(value) if a != "%f"]


def use(python: str, wheel: Path, tmp: Path, n: int) -> None:
    version = subprocess.run([python, "--version"], capture_output=True, text=True,
                             check=True).stdout.strip()
    name = f"{n}"
    venv = tmp / f"venv-{name}"
    print(f"{version} ({python}): a fresh virtual environment, the wheel installed from a "
          "file", flush=True)
    run([python, "-m", "venv", venv], cwd=tmp)
    bin_ = venv / "bin"
    run([bin_ / "python", "-m", "pip", "install", "--disable-pip-version-check", "-q",
         "--no-compile", wheel], cwd=tmp, timeout=900)
    work = tmp / f"work-{name}"
    home = work / "home"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env.update(ANNOTATOR_DATA_DIR=str(home / "data"), XDG_CONFIG_HOME=str(home / "config"),
               XDG_DATA_HOME=str(home / "share"), XDG_STATE_HOME=str(home / "state"),
               XDG_CACHE_HOME=str(home / "cache"), QT_QPA_PLATFORM="offscreen",
               PATH=f"{bin_}{os.pathsep}{env.get('PATH', '')}")
    annotator = bin_ / "annotator"
    installed = run([bin_ / "python", "-c", "import annotator; print(annotator.__file__)"],
                    cwd=work, env=env)
    if str(ROOT) in installed:
        raise Failed(f"the checkout was imported, not the installed package: {installed}")
    run([bin_ / "python", "-c", "import sys, annotator.data as d; m = d.missing(); "
         "print(m or 'complete'); sys.exit(bool(m))"], cwd=work, env=env, expect="complete")
    seeds = Path(run([bin_ / "python", "-c", "import annotator.data as d; "
                      "print(d.seeds_dir())"], cwd=work, env=env).strip())
    sample = work / "sample"
    shutil.copytree(seeds, sample)
    run([annotator, "--version"], cwd=work, env=env)
    run([annotator, "init", "study.db"], cwd=work, env=env, expect="Created study.db")
    run([annotator, "import", "study.db", sample, annotations(sample)], cwd=work, env=env,
        expect="5 new documents")
    run([annotator, "export", "study.db", "-f", "jsonl", "-o", "study.jsonl"], cwd=work,
        env=env, expect="Wrote 5 documents")
    run([annotator, "agreement", "study.db", "-o", "agreement.json"], cwd=work, env=env,
        expect="2 annotators (alice, bob)")
    report = json.loads((work / "agreement.json").read_text(encoding="utf-8"))
    if report.get("annotators") != ["alice", "bob"]:
        raise Failed(f"the agreement report names {report.get('annotators')}")
    run([annotator, "gui", "--smoke-test"], cwd=work, env=env, expect="documents: 5")
    run([annotator, "gui", "--demo", "--smoke-test"], cwd=work, env=env,
        expect="demo-project.db")
    run([annotator, "desktop-entry", "--install"], cwd=work, env=env)
    entry = home / "share" / "applications" / "framing-annotator.desktop"
    run([*desktop_command(entry), "--smoke-test"], cwd=work, env=env,
        expect="documents: 5")
    run([annotator, "desktop-entry", "--uninstall"], cwd=work, env=env, expect="Removed")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--python", action="append", help="an interpreter to install into")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    started = time.monotonic()
    tmp = Path(tempfile.mkdtemp(prefix="annotator-wheel-"))
    try:
        print(f"Building the sdist and, from it, the wheel (in {tmp})", flush=True)
        run([sys.executable, "-m", "build", "--outdir", tmp / "dist", ROOT], cwd=tmp)
        (wheel,) = (tmp / "dist").glob("*.whl")
        (sdist,) = (tmp / "dist").glob("*.tar.gz")
        check_contents(wheel, sdist)
        for n, python in enumerate(args.python or [sys.executable], start=1):
            # the venvs are made from the temporary folder: a relative path would miss
            found = shutil.which(python) if os.sep not in python else python
            use(str(Path(found or python).absolute()), wheel, tmp, n)
    except Failed as exc:
        print(f"check-wheel: FAILED: {exc}", file=sys.stderr)
        return 1
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    print(f"check-wheel: the installed wheel works ({time.monotonic() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
