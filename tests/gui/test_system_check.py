"""`annotator gui` on a machine without the system libraries Qt needs: one line naming
the missing libraries and the Debian packages that hold them, not Qt's abort."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.gui import system_check

# What ldd printed for Qt's xcb plugin on a Debian machine lacking two packages, while Qt
# itself blamed libxcb-cursor0 (which was installed).
LDD_OUTPUT = """\
\tlinux-vdso.so.1 (0x00007f386ebf8000)
\tlibQt6XcbQpa.so.6 => /venv/PySide6/Qt/lib/libQt6XcbQpa.so.6 (0x00007f386eb2a000)
\tlibxcb-cursor.so.0 => /lib/x86_64-linux-gnu/libxcb-cursor.so.0 (0x00007f386eb0d000)
\tlibxcb-icccm.so.4 => not found
\tlibxcb-util.so.1 => /lib/x86_64-linux-gnu/libxcb-util.so.1 (0x00007f386df71000)
\tlibxcb-keysyms.so.1 => not found
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms.so.1 => not found
"""


@pytest.mark.parametrize(("soname", "package"), [
    ("libxcb-icccm.so.4", "libxcb-icccm4"),
    ("libxcb-keysyms.so.1", "libxcb-keysyms1"),
    ("libxcb-cursor.so.0", "libxcb-cursor0"),
    ("libxcb-render-util.so.0", "libxcb-render-util0"),
    ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
    ("libX11-xcb.so.1", "libx11-xcb1"),
    ("libEGL.so.1", "libegl1"),
    ("libGL.so.1", "libgl1"),
    ("libfontconfig.so.1", "libfontconfig1"),
    ("libdbus-1.so.3", "libdbus-1-3"),
    ("libglib-2.0.so.0", "libglib2.0-0"),
    ("libz.so.1", "zlib1g"),
])
def test_debian_package_of_a_library(soname, package):
    assert system_check.debian_package(soname) == package


def test_the_libraries_ldd_cannot_find_each_once_in_order():
    assert system_check.not_found(LDD_OUTPUT) == ["libxcb-icccm.so.4", "libxcb-keysyms.so.1"]


def test_a_library_that_is_there_but_cannot_be_loaded():
    """A truncated file (a half-installed package): ldd stops with an error instead."""
    stderr = ("/venv/PySide6/Qt/plugins/platforms/libqxcb.so: error while loading shared "
              "libraries: /lib/x86_64-linux-gnu/libxcb-icccm.so.4: file too short\n")
    assert system_check.not_found(stderr) == ["libxcb-icccm.so.4"]


def test_missing_libraries_give_one_line_with_the_packages_to_install():
    seen = []

    def ldd(files):
        seen.extend(files)
        return LDD_OUTPUT

    message = system_check.startup_problem({"DISPLAY": ":0"}, ldd=ldd)
    assert message == (
        "the window cannot open: Qt needs libraries this system lacks or cannot load "
        "(libxcb-icccm.so.4, libxcb-keysyms.so.1); on Debian or Ubuntu: sudo apt-get "
        "install libxcb-icccm4 libxcb-keysyms1")
    assert [p.name for p in seen][-1] == "libqxcb.so"  # the plugin that will be loaded
    assert any(p.name.startswith("QtWidgets") for p in seen)


def test_no_display_is_said_before_qt_aborts():
    message = system_check.startup_problem({}, ldd=lambda files: "")
    assert "DISPLAY is not set" in message


def test_the_platform_qt_will_load():
    assert system_check.platform_plugin({"DISPLAY": ":0"}) == "xcb"
    assert system_check.platform_plugin({"QT_QPA_PLATFORM": "offscreen"}) == "offscreen"
    assert system_check.platform_plugin({"QT_QPA_PLATFORM": "xcb:display=:1"}) == "xcb"
    # a Wayland session falls back to X11 by itself: nothing to check for certain
    assert system_check.platform_plugin({"WAYLAND_DISPLAY": "wayland-0"}) is None
    assert system_check.platform_plugin({"QT_QPA_PLATFORM": "wayland;xcb"}) is None
    assert system_check.startup_problem({"WAYLAND_DISPLAY": "wayland-0"},
                                        ldd=lambda files: "") is None


def test_an_import_that_fails_on_a_library_names_it():
    message = ("libEGL.so.1: cannot open shared object file: No such file or directory")
    assert system_check.unopenable_library(message) == "libEGL.so.1"
    assert system_check.unopenable_library("No module named 'PySide6'") is None


def test_qt_has_what_it_needs_here_for_the_tests():
    """The real ldd on the real Qt: the offscreen platform the tests use loads."""
    assert system_check.startup_problem({"QT_QPA_PLATFORM": "offscreen"}) is None
    at_once, later = system_check.startup_check({"QT_QPA_PLATFORM": "offscreen"})
    assert at_once is None and later() is None


def test_no_screen_is_said_at_once_without_ldd():
    at_once, later = system_check.startup_check({}, qt_dir=None)
    if sys.platform.startswith("linux"):
        assert at_once is not None and "DISPLAY is not set" in at_once
    assert later() is None


@pytest.mark.skipif(not sys.platform.startswith("linux") or shutil.which("cc") is None
                    or shutil.which("ldd") is None, reason="needs Linux, a C compiler and ldd")
@pytest.mark.parametrize("damage", ["removed", "truncated"])
def test_a_library_really_missing_is_found_by_ldd(tmp_path, damage):
    """A plugin built here against a library that is then taken away (or cut short): the
    real loader, through ldd, reports it, as it would a missing libxcb-icccm4."""
    libs = tmp_path / "libs"
    libs.mkdir()
    (tmp_path / "gone.c").write_text("int gone(void) { return 1; }\n", encoding="utf-8")
    (tmp_path / "plugin.c").write_text("int gone(void);\nint plugin(void) { return gone(); }\n",
                                       encoding="utf-8")
    subprocess.run(["cc", "-shared", "-fPIC", "-Wl,-soname,libannotator-gone.so.3", "-o",
                    str(libs / "libannotator-gone.so.3"), str(tmp_path / "gone.c")], check=True)
    (libs / "libannotator-gone.so").symlink_to("libannotator-gone.so.3")
    platforms = tmp_path / "PySide6" / "Qt" / "plugins" / "platforms"
    platforms.mkdir(parents=True)
    subprocess.run(["cc", "-shared", "-fPIC", "-o", str(platforms / "libqxcb.so"),
                    str(tmp_path / "plugin.c"), f"-L{libs}", f"-Wl,-rpath,{libs}",
                    "-lannotator-gone"], check=True)
    assert system_check.startup_problem({"DISPLAY": ":0"}, qt_dir=tmp_path / "PySide6") is None
    if damage == "removed":
        (libs / "libannotator-gone.so.3").unlink()
    else:
        (libs / "libannotator-gone.so.3").write_bytes(b"")

    message = system_check.startup_problem({"DISPLAY": ":0"},
                                           qt_dir=tmp_path / "PySide6")
    assert message is not None and "\n" not in message
    assert "(libannotator-gone.so.3)" in message
    assert message.endswith("sudo apt-get install libannotator-gone3")
    # `annotator gui` starts the same ldd in the background and asks for its verdict later
    at_once, later = system_check.startup_check({"DISPLAY": ":0"}, qt_dir=tmp_path / "PySide6")
    assert at_once is None
    assert later() == message


def test_annotator_gui_says_it_in_one_line_and_exit_status_2(monkeypatch, capsys):
    from annotator.cli import main

    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    assert main(["gui"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("annotator: error: there is no screen to open the window on")
    assert err.count("\n") == 1
    assert not Path(os.environ["ANNOTATOR_DATA_DIR"]).exists()  # nothing was made
