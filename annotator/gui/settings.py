"""What the workbench remembers between sessions: who you are, the window layout, the
projects opened lately, the last document of each project, zoom and word snapping.

An INI file under the user's configuration folder. The path is worked out each time
settings are opened (Qt would fix its default paths for the life of the process), so
that XDG_CONFIG_HOME set by tests or by a user is always honoured.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

try:
    # The interpreter's own SHA-1, for one short key per project: hashlib loads OpenSSL's
    # libcrypto at its import (4 ms of CPU and more of the wall clock before the first
    # paint, which loads it for nothing else). The same digest either way.
    from _sha1 import sha1
except ImportError:  # pragma: no cover (an interpreter built without it)
    from hashlib import sha1

from PySide6.QtCore import QByteArray, QSettings, QStandardPaths

ORGANISATION = "framing-annotator"
FILE_NAME = "workbench.ini"
RECENT_LIMIT = 10


def settings_path() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.GenericConfigLocation)
    return Path(base) / ORGANISATION / FILE_NAME


def _project_key(target: str) -> str:
    return sha1(os.path.abspath(target).encode("utf-8")).hexdigest()[:16]


class Settings:
    def __init__(self, path: Path | None = None):
        self.path = path or settings_path()
        self._qs = QSettings(str(self.path), QSettings.Format.IniFormat)

    def sync(self) -> None:
        self._qs.sync()

    def _get(self, key: str, default=None):
        value = self._qs.value(key, default)
        return default if value is None else value

    # who you are
    def identity(self) -> tuple[str, str] | None:
        name = self._get("identity/name", "")
        if not name:
            return None
        return str(name), str(self._get("identity/role", "annotator"))

    def set_identity(self, name: str, role: str) -> None:
        if self.identity() == (name, role):
            return  # as remembered: writing the file again costs the start a disk flush
        self._qs.setValue("identity/name", name)
        self._qs.setValue("identity/role", role)
        self.sync()

    # window
    def geometry(self) -> QByteArray | None:
        value = self._get("window/geometry")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def state(self) -> QByteArray | None:
        value = self._get("window/state")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_layout(self, geometry: QByteArray, state: QByteArray) -> None:
        self._qs.setValue("window/geometry", geometry)
        self._qs.setValue("window/state", state)

    # projects, the one opened last first
    def recent_projects(self) -> list[str]:
        try:
            value = json.loads(str(self._get("projects/recent", "[]")))
        except ValueError:
            return []
        return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []

    def add_recent_project(self, target: str) -> None:
        recent = [t for t in self.recent_projects() if t != target]
        self._set_recent([target, *recent][:RECENT_LIMIT])

    def forget_recent_project(self, target: str | None = None) -> None:
        """Drop one project from the list, or all of them."""
        self._set_recent([t for t in self.recent_projects() if target is not None
                          and t != target])

    def _set_recent(self, targets: list[str]) -> None:
        if targets == self.recent_projects():
            return  # unchanged (a start on the project opened last): no write, no flush
        # JSON keeps paths with commas or quotes intact, which an INI list would not.
        self._qs.setValue("projects/recent", json.dumps(targets))
        self.sync()

    # per project
    def last_document(self, target: str) -> str | None:
        value = self._get(f"projects/{_project_key(target)}/document")
        return str(value) if value else None

    def set_last_document(self, target: str, doc_id: str) -> None:
        self._qs.setValue(f"projects/{_project_key(target)}/document", doc_id)

    # view
    def zoom(self) -> float:
        try:
            return float(self._get("view/zoom", 0.0))
        except (TypeError, ValueError):
            return 0.0

    def set_zoom(self, steps: float) -> None:
        self._qs.setValue("view/zoom", steps)

    def snap(self) -> bool:
        return str(self._get("view/snap", "true")).lower() == "true"

    def set_snap(self, on: bool) -> None:
        self._qs.setValue("view/snap", "true" if on else "false")

    # concepts: offer the other occurrences of a phrase after linking it
    def offer_links(self) -> bool:
        return str(self._get("concepts/offer_links", "true")).lower() == "true"

    def set_offer_links(self, on: bool) -> None:
        self._qs.setValue("concepts/offer_links", "true" if on else "false")
