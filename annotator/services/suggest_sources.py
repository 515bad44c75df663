"""Suggestions from outside the project: a file (`annotator suggest import`) and an external
command (`annotator suggest run`), both in the interchange with a score per span
(formats.suggestion_files).

The command protocol: the command gets on standard input the interchange's codebook line
and one line per document (id, text and metadata; nobody's annotations), and prints on
standard output, for the documents it has suggestions for, document lines with `id` and
`annotations` (each span with `start`, `end`, `label` and a `score`). It is run without a
shell (the command line is split as a POSIX shell would split it). A command that fails
(a non-zero exit status), runs past the timeout, prints more than the interchange's input
limit or prints a line that is not valid is reported, and its whole output is discarded:
nothing is stored. Cancelling stops it the same way.
"""

from __future__ import annotations

import contextlib
import json
import os
import shlex
import signal
import subprocess
import threading
import time
from collections.abc import Collection, Sequence
from pathlib import Path

from annotator.core.codebook import codebook_to_dict
from annotator.core.errors import InputError
from annotator.core.records import DocumentRecord
from annotator.core.wording import shown_name
from annotator.formats import suggestion_files
from annotator.formats.input_files import MB, limit
from annotator.formats.jsonl import record_to_json
from annotator.services.progress import Cancelled, Progress, no_progress
from annotator.services.project import Project
from annotator.services.suggestions import SuggestionRun, check_source, save
from annotator.store import suggestion_rows

DEFAULT_TIMEOUT = 600.0  # seconds: a local language model over a corpus takes its time
OUTPUT = "the command's output"
_TAIL = 4000  # characters of the command's standard error kept for the message


def _lookup(project: Project):
    def texts(ids: Collection[str]) -> dict[str, str]:
        with project.store.read() as conn:
            return suggestion_rows.texts_of(conn, ids)
    return texts


def import_file(project: Project, path: str | os.PathLike, source: str,
                progress: Progress = no_progress) -> SuggestionRun:
    """Read a suggestion file whole, then store its suggestions in one transaction,
    replacing what `source` had suggested on the documents it names; a bad file is
    refused whole, naming the line."""
    source = check_source(source)
    progress(0, 2, f"Reading {shown_name(Path(path).name)}")
    batch = suggestion_files.read(path, source, _lookup(project))
    progress(1, 2, "Storing the suggestions")
    return _save(project, source, batch, f"Imported {shown_name(str(path))}")


def _save(project: Project, source: str, batch: suggestion_files.SuggestionBatch,
          what: str) -> SuggestionRun:
    found = batch.by_document()
    lines = {}
    seen: dict[str, int] = {}
    for doc, _s, line in batch.items:
        k = seen.get(doc, 0)
        lines[(doc, k)] = line
        seen[doc] = k + 1
    return save(project, source, found, what, lines, batch.file)


# ---------------------------------------------------------------- an external command

def run_command(project: Project, command: str, source: str | None = None,
                timeout: float = DEFAULT_TIMEOUT, doc_ids: Sequence[str] | None = None,
                progress: Progress = no_progress) -> SuggestionRun:
    """Send the documents (all, or `doc_ids`) to `command` and store what it suggests
    (source: `source`, else the command as written), replacing that source's suggestions
    on every document sent. Refused with nothing stored if the command fails, hangs past
    `timeout` seconds or prints anything invalid."""
    try:
        args = shlex.split(command)
    except ValueError as exc:
        raise InputError(f"the command cannot be read: {exc}") from None
    if not args:
        raise InputError("give a command to run")
    if not timeout > 0:
        raise InputError("the timeout must be a positive number of seconds")
    source = check_source(source or command)
    with project.store.read() as conn:
        documents = suggestion_rows.documents_of(conn, doc_ids)
        codebook = project.codebook_in(conn)
    if not documents:
        raise InputError("the project has no documents to send")
    lines = [json.dumps({"codebook": codebook_to_dict(codebook)}, ensure_ascii=False)]
    lines += [json.dumps(record_to_json(DocumentRecord(d)), ensure_ascii=False)
              for d in documents]
    payload = ("\n".join(lines) + "\n").encode("utf-8")
    raw = _exchange(args, payload, timeout, len(documents), progress)
    sent = {d.id: d.text for d in documents}
    try:
        batch = suggestion_files.parse_jsonl(
            raw, OUTPUT, source, lambda ids: {i: sent[i] for i in ids if i in sent},
            unknown="document {!r} was not sent to the command")
    except InputError as exc:
        raise InputError(f"{exc}; the command's output was discarded, nothing was "
                         "stored") from None
    for doc in sent:
        if doc not in batch.documents:  # asked, and it had nothing to suggest
            batch.documents.append(doc)
    progress(len(documents), len(documents), "Storing the suggestions")
    return _save(project, source, batch, f"Ran {command}")


def _exchange(args: list[str], payload: bytes, timeout: float, documents: int,
              progress: Progress) -> bytes:
    """Run the command with `payload` on its standard input; its standard output, once it
    has exited with status 0 within `timeout` seconds."""
    try:
        proc = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, start_new_session=True)
    except FileNotFoundError:
        raise InputError(f"cannot run {args[0]!r}: no such program") from None
    except PermissionError:
        raise InputError(f"cannot run {args[0]!r}: not allowed to run it") from None
    except OSError as exc:
        raise InputError(f"cannot run {args[0]!r}: {exc.strerror or exc}") from None
    cap = int(limit("jsonl") * MB)
    out: list[bytes] = []
    state = {"size": 0, "lines": 0, "overflow": False}
    err = bytearray()

    def read_out() -> None:
        fd = proc.stdout.fileno()
        while chunk := os.read(fd, 1 << 16):
            state["size"] += len(chunk)
            if state["size"] > cap:
                state["overflow"] = True
                _stop(proc)
                return
            state["lines"] += chunk.count(b"\n")
            out.append(chunk)

    def read_err() -> None:
        fd = proc.stderr.fileno()
        while chunk := os.read(fd, 1 << 16):
            err.extend(chunk)
            del err[:-_TAIL]

    def feed() -> None:
        # the command may stop reading early: its exit status says whether that is fine
        with contextlib.suppress(OSError):
            proc.stdin.write(payload)
        with contextlib.suppress(OSError):
            proc.stdin.close()

    threads = [threading.Thread(target=f, daemon=True) for f in (read_out, read_err, feed)]
    for t in threads:
        t.start()
    deadline = time.monotonic() + timeout
    try:
        while proc.poll() is None or any(t.is_alive() for t in threads[:2]):
            progress(min(state["lines"], documents), documents,
                     "Waiting for the command's suggestions")
            if time.monotonic() > deadline:
                _stop(proc)
                raise InputError(f"the command did not finish within {timeout:g} s; it was "
                                 "stopped and its output discarded, nothing was stored")
            if proc.poll() is not None:
                # exited, yet its output is still open: a child it left behind holds it
                for t in threads[:2]:
                    t.join(max(0.0, min(0.1, deadline - time.monotonic())))
                continue
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(0.1)
    except (Cancelled, KeyboardInterrupt):
        _stop(proc)
        raise
    finally:
        for t in threads[:2]:
            t.join(2)
        if not any(t.is_alive() for t in threads[:2]):  # else a reader still holds it
            for stream in (proc.stdout, proc.stderr):
                stream.close()
    if state["overflow"]:
        raise InputError(f"the command printed more than {limit('jsonl'):g} MB; its output "
                         "was discarded, nothing was stored")
    if proc.returncode != 0:
        why = (f"was stopped by signal {-proc.returncode}" if proc.returncode < 0
               else f"failed (exit status {proc.returncode})")
        said = err.decode("utf-8", "replace").strip().splitlines()
        tail = f": {said[-1][:300]}" if said else ""
        raise InputError(f"the command {why}{tail}; its output was discarded, nothing was "
                         "stored")
    return b"".join(out)


def _stop(proc: subprocess.Popen) -> None:
    """Stop the command and whatever it started (its own process group)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(5)
