"""The app in the desktop's menu: a freedesktop.org desktop entry and its icon, in the
user's own data folder ($XDG_DATA_HOME, ~/.local/share by default), which GNOME, KDE,
Xfce and the other freedesktop desktops read; nothing outside it is touched.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from annotator import data

ENTRY_NAME = f"{data.APP_ID}.desktop"
# Qt names the window's class after the application (app.py), which ties the window to
# this entry on X11; on Wayland the desktop file name does.
WM_CLASS = "Framing annotator"


def data_home() -> Path:
    value = os.environ.get("XDG_DATA_HOME", "")
    # the specification: a relative path is invalid and must be ignored
    return Path(value) if os.path.isabs(value) else Path.home() / ".local" / "share"


def entry_path(home: Path | None = None) -> Path:
    return (home or data_home()) / "applications" / ENTRY_NAME


def icon_paths(home: Path | None = None) -> dict[str, Path]:
    """Where each icon file goes in the hicolor theme, by the shipped file it copies."""
    icons = (home or data_home()) / "icons" / "hicolor"
    paths = {"svg": icons / "scalable" / "apps" / f"{data.APP_ID}.svg"}
    for size in data.icon_sizes():
        paths[str(size)] = icons / f"{size}x{size}" / "apps" / f"{data.APP_ID}.png"
    return paths


def launcher() -> list[str]:
    """The command that starts this installation: its `annotator` script beside the
    interpreter (a pipx or virtual environment's bin/), else the interpreter itself."""
    script = Path(sys.executable).parent / "annotator"
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script.absolute())]
    return [str(Path(sys.executable).absolute()), "-m", "annotator"]


def _exec_arg(arg: str) -> str:
    """One argument of an Exec key, quoted as the Desktop Entry Specification says."""
    if not any(c in arg for c in ' \t\n"\'\\><~|&;$*?#()`%'):
        return arg
    escaped = "".join("\\" + c if c in '"`$\\' else c for c in arg).replace("%", "%%")
    return f'"{escaped}"'


def entry_text(command: list[str]) -> str:
    # the general string escape (a backslash doubled) applies on top of Exec's quoting
    exec_line = " ".join(_exec_arg(a) for a in command).replace("\\", "\\\\")
    lines = [
        "[Desktop Entry]",
        "Type=Application",
        "Version=1.4",
        "Name=Framing annotator",
        "GenericName=Text annotation tool",
        "Comment=Annotate media framing and bias in news, measure agreement, adjudicate",
        f"Exec={exec_line} gui %f",
        f"TryExec={command[0]}",
        f"Icon={data.APP_ID}",
        "Terminal=false",
        "Categories=Science;Humanities;",
        "Keywords=annotation;framing;bias;news;corpus;NLP;agreement;",
        f"StartupWMClass={WM_CLASS}",
        "StartupNotify=true",
    ]
    return "\n".join(lines) + "\n"


def install(home: Path | None = None, command: list[str] | None = None) -> list[Path]:
    """Write the entry and the icons (replacing an earlier install); returns what was
    written. Each file appears whole: written beside its place, then renamed."""
    written = []
    for kind, dest in icon_paths(home).items():
        source = data.icon(kind)
        _place(dest, source.read_bytes())
        written.append(dest)
    entry = entry_path(home)
    _place(entry, entry_text(command or launcher()).encode("utf-8"))
    written.append(entry)
    return written


def uninstall(home: Path | None = None) -> list[Path]:
    """Remove what install wrote; returns what was there to remove."""
    removed = []
    for path in [entry_path(home), *icon_paths(home).values()]:
        if path.is_file():
            path.unlink()
            removed.append(path)
    return removed


def _place(dest: Path, content: bytes) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(f".{dest.name}.tmp")
    try:
        tmp.write_bytes(content)
        os.replace(tmp, dest)
    finally:
        tmp.unlink(missing_ok=True)
