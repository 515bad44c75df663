"""A throwaway PostgreSQL cluster for the storage and service tests.

The server binaries are found through `pg_config --bindir`, else `initdb` on PATH (any
version from 13). The cluster runs as user postgres (when the tests run as root) on a
private Unix socket, with no TCP port, and is removed afterwards. Each test gets a new
database copied from a template that already holds an empty project.
"""

from __future__ import annotations

import itertools
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

MIN_VERSION = 13
SKIP_REASON = "PostgreSQL server binaries not found"


def find_bindir() -> tuple[Path | None, str]:
    """The folder of initdb/pg_ctl/postgres and the major version, or None and why not."""
    candidates: list[Path] = []
    pg_config = shutil.which("pg_config")
    if pg_config:
        got = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True)
        if got.returncode == 0 and got.stdout.strip():
            candidates.append(Path(got.stdout.strip()))
    initdb = shutil.which("initdb")
    if initdb:
        candidates.append(Path(initdb).resolve().parent)
    for bindir in candidates:
        if all((bindir / exe).exists() for exe in ("initdb", "pg_ctl", "postgres")):
            version = subprocess.run([str(bindir / "postgres"), "--version"],
                                     capture_output=True, text=True).stdout
            found = re.search(r"(\d+)(?:\.\d+)?", version)
            if found and int(found.group(1)) >= MIN_VERSION:
                return bindir, found.group(1)
            return None, f"{SKIP_REASON} (version {MIN_VERSION} or newer; found {version!r})"
    return None, f"{SKIP_REASON} (neither `pg_config --bindir` nor `initdb` on PATH)"


class Cluster:
    def __init__(self, bindir: Path, version: str):
        self.bindir = bindir
        # copying the template's files beats writing it all to the WAL (15's default)
        self.copy = " STRATEGY = FILE_COPY" if int(version) >= 15 else ""
        self.base = Path(tempfile.mkdtemp(prefix="annotator-pg-"))
        self.data, self.socket = self.base / "data", self.base / "sock"
        self.socket.mkdir()
        self.as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.as_postgres:
            shutil.chown(self.base, "postgres")
            shutil.chown(self.socket, "postgres")
        self.port = 5432  # only names the socket file: there is no TCP listener
        self._names = itertools.count()
        self.template: str | None = None
        self.made: list[str] = []  # databases to drop after the test (each is 7 MB)

    def _run(self, *cmd: str) -> None:
        subprocess.run([*self.as_postgres, *cmd], check=True, capture_output=True, text=True,
                       timeout=120)

    def start(self) -> None:
        self._run(str(self.bindir / "initdb"), "-D", str(self.data), "-U", "postgres",
                  "-A", "trust", "--no-sync", "-E", "UTF8", "--locale=C")
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-w", "-l",
                  str(self.base / "log"), "-o",
                  f"-p {self.port} -k {self.socket} -c listen_addresses='' -c fsync=off "
                  "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
                  "start")

    def stop(self) -> None:
        subprocess.run([*self.as_postgres, str(self.bindir / "pg_ctl"), "-D", str(self.data),
                        "-m", "immediate", "stop"], capture_output=True, timeout=60)
        shutil.rmtree(self.base, ignore_errors=True)

    def url(self, name: str) -> str:
        return f"postgresql+psycopg://postgres@/{name}?host={self.socket}&port={self.port}"

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(host=str(self.socket), port=self.port, user="postgres",
                             dbname="postgres", autocommit=True) as conn:
            conn.execute(sql)

    def _new_name(self, template: str | None = None) -> str:
        name = f"framing{os.getpid()}_{next(self._names)}"
        self._admin(f'CREATE DATABASE "{name}"'
                    + (f' TEMPLATE "{template}"{self.copy}' if template else ""))
        self.made.append(name)
        return name

    def drop_made(self) -> None:
        """Drop the databases made since the last call (the template stays)."""
        for name in self.made:
            if name != self.template:
                self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.made = []

    def new_database(self) -> str:
        """The URL of a new, empty database."""
        return self.url(self._new_name())

    def new_project(self) -> str:
        """The URL of a new database holding an empty project (the default codebook)."""
        if self.template is None:
            from annotator.services.project import init_project

            name = self._new_name()
            init_project(self.url(name)).close()
            self.template = name
        return self.url(self._new_name(self.template))
