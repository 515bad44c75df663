"""Before Qt starts: can it open a window here?

Qt aborts the whole process when its platform plugin does not load, with a message that
often names the wrong library (it names xcb-cursor0 whatever is missing). The dynamic
loader knows better: ``ldd`` on the plugin lists every library it cannot find, directly
or through another library. This module must not import Qt: importing it may be what
fails.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

# Debian packages whose names do not follow from the library's soname (see debian_package)
_PACKAGE_EXCEPTIONS = {
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libgobject-2.0.so.0": "libglib2.0-0",
    "libGLdispatch.so.0": "libglvnd0",
    "libz.so.1": "zlib1g",
    "libbrotlidec.so.1": "libbrotli1",
    "libbrotlicommon.so.1": "libbrotli1",
    "libgssapi_krb5.so.2": "libgssapi-krb5-2",
}
_NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found\s*$", re.MULTILINE)
# a library that is there but cannot be loaded (truncated, wrong architecture): ldd stops
_UNLOADABLE = re.compile(r"error while loading shared libraries: (\S+?): ", re.MULTILINE)
_CANNOT_OPEN = re.compile(r"(\S+\.so(?:\.[0-9]+)*): cannot open shared object file")


def debian_package(soname: str) -> str:
    """The Debian (and Ubuntu) package that ships a library, by Debian's naming policy:
    the library's name and its major version, joined by '-' when the name ends in a digit
    (libxcb-icccm.so.4 → libxcb-icccm4, libxkbcommon-x11.so.0 → libxkbcommon-x11-0)."""
    if soname in _PACKAGE_EXCEPTIONS:
        return _PACKAGE_EXCEPTIONS[soname]
    name, _, version = soname.partition(".so")
    version = version.lstrip(".").split(".")[0]
    name = name.lower()
    if not version:
        return name
    return f"{name}-{version}" if name[-1:].isdigit() else f"{name}{version}"


def not_found(ldd_output: str) -> list[str]:
    """The libraries ldd reports as missing or unloadable, each once, in its order."""
    found = _NOT_FOUND.findall(ldd_output)
    found += [Path(m).name for m in _UNLOADABLE.findall(ldd_output)]
    return list(dict.fromkeys(found))


def unopenable_library(message: str) -> str | None:
    """The library an import failed on ('libEGL.so.1: cannot open shared object file')."""
    found = _CANNOT_OPEN.search(message)
    return found.group(1) if found else None


def missing_libraries_message(sonames: list[str]) -> str:
    packages = " ".join(dict.fromkeys(debian_package(s) for s in sonames))
    return (f"the window cannot open: Qt needs libraries this system lacks or cannot load "
            f"({', '.join(sonames)}); on Debian or Ubuntu: sudo apt-get install {packages}")


def _qt_dir() -> Path | None:
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(list(spec.submodule_search_locations)[0])


def platform_plugin(environ: Mapping[str, str]) -> str | None:
    """The platform plugin Qt will load, when it will load exactly one; None when it may
    try several (a Wayland session falls back to X11) or the choice is not ours to check."""
    chosen = environ.get("QT_QPA_PLATFORM", "").split(":")[0].strip()
    if ";" in chosen:
        return None
    if chosen:
        return chosen
    if environ.get("WAYLAND_DISPLAY"):
        return None
    return "xcb"


def _ldd_command(files: list[Path]) -> list[str] | None:
    ldd = shutil.which("ldd")
    return None if ldd is None else [ldd, *map(str, files)]


def _run_ldd(files: list[Path]) -> str:
    command = _ldd_command(files)
    if command is None:
        return ""
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=20,
                              check=False)
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout + done.stderr


def _to_check(environ: Mapping[str, str] | None,
              qt_dir: Path | None) -> str | list[Path] | None:
    """Why the window cannot open, when that shows without ldd; else the files ldd should
    look at (None or empty when there is nothing to check)."""
    if not sys.platform.startswith("linux"):
        return None
    environ = os.environ if environ is None else environ
    plugin = platform_plugin(environ)
    if plugin == "xcb" and not environ.get("DISPLAY"):
        return ("there is no screen to open the window on (DISPLAY is not set): start it "
                "from a desktop session, or over ssh with -X")
    qt_dir = qt_dir or _qt_dir()
    if qt_dir is None:
        return None
    # QtWidgets brings QtGui and QtCore; the plugin brings what the display needs
    files = sorted(qt_dir.glob("QtWidgets.*.so"))[:1]
    if plugin:
        files.append(qt_dir / "Qt" / "plugins" / "platforms" / f"libq{plugin}.so")
    return [f for f in files if f.is_file()]


def _verdict(ldd_output: str) -> str | None:
    missing = not_found(ldd_output)
    return missing_libraries_message(missing) if missing else None


def startup_problem(environ: Mapping[str, str] | None = None,
                    ldd: Callable[[list[Path]], str] = _run_ldd,
                    qt_dir: Path | None = None) -> str | None:
    """One line saying why Qt cannot open a window here, or None when it should."""
    found = _to_check(environ, qt_dir)
    if not isinstance(found, list):
        return found
    return _verdict(ldd(found)) if found else None


def startup_check(environ: Mapping[str, str] | None = None, qt_dir: Path | None = None
                  ) -> tuple[str | None, Callable[[], str | None]]:
    """startup_problem in two halves: what shows at once (no screen), and ldd's verdict,
    started now and waited for when asked. ldd takes tens of milliseconds of the start,
    which the app's imports can use meanwhile (importing Qt's modules only links them;
    loading the platform plugin, which aborts the process when it fails, waits for it)."""
    found = _to_check(environ, qt_dir)
    command = _ldd_command(found) if isinstance(found, list) and found else None
    if command is None:
        return (found if isinstance(found, str) else None), lambda: None
    try:
        ldd = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    except OSError:
        return None, lambda: None

    def verdict() -> str | None:
        try:
            out, err = ldd.communicate(timeout=20)
        except subprocess.SubprocessError:
            ldd.kill()
            ldd.communicate()
            return None
        return _verdict(out + err)

    return None, verdict
