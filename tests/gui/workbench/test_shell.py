"""The window gives its parts every member gui.shell.Shell names (they are typed against
it, never against the window itself), and its menus every member of gui.shell.Window."""

from __future__ import annotations

import ast
from pathlib import Path

from PySide6.QtWidgets import QMainWindow

import annotator.gui
from annotator.gui.shell import Shell, Window


def test_the_main_window_is_a_shell(window, qtbot):
    assert isinstance(window, Shell) and isinstance(window, Window)
    assert window.review.window is window and window.agreement.window is window
    bare = QMainWindow()  # has Qt's members, not the workbench's
    qtbot.addWidget(bare)
    assert not isinstance(bare, Shell) and not isinstance(bare, Window)


def _members(protocol=Shell) -> set[str]:
    members = set(protocol.__annotations__)
    members |= {name for name, value in vars(protocol).items()
                if callable(value) and not name.startswith("_")}
    return members


def _shell_members() -> set[str]:
    return _members(Shell)


def _used_of_shell(path: Path, protocol: str = "Shell") -> set[str]:
    """The attributes a module reads off a parameter typed `protocol` (in that function),
    or off `self.<name>` where a method kept one or the class declares it `protocol` (its
    base keeps it), or a local name for it."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    used = set()
    kept = {node.target.id for cls in ast.walk(tree) if isinstance(cls, ast.ClassDef)
            for node in cls.body if isinstance(node, ast.AnnAssign)
            and isinstance(node.target, ast.Name) and ast.unparse(node.annotation) == protocol}
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef):
            continue
        params = {arg.arg for arg in function.args.args + function.args.kwonlyargs
                  if arg.annotation is not None and ast.unparse(arg.annotation) == protocol}
        params |= {node.target.id for node in ast.walk(function)  # window: Window = ...
                   if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)
                   and ast.unparse(node.annotation) == protocol}
        for node in ast.walk(function):
            if (isinstance(node, ast.Assign) and isinstance(node.value, ast.Name)
                    and node.value.id in params):
                kept |= {t.attr for t in node.targets if isinstance(t, ast.Attribute)
                         and ast.unparse(t.value) == "self"}
            elif (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                  and node.value.id in params):
                used.add(node.attr)
    kept_as = {f"self.{name}" for name in kept}
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef):
            continue
        aliases = {t.id for node in ast.walk(function) if isinstance(node, ast.Assign)
                   and ast.unparse(node.value) in kept_as
                   for t in node.targets if isinstance(t, ast.Name)}  # window = self.window
        for node in ast.walk(function):
            if isinstance(node, ast.Attribute) and (
                    ast.unparse(node.value) in kept_as
                    or isinstance(node.value, ast.Name) and node.value.id in aliases):
                used.add(node.attr)
    return used


def test_the_parts_use_what_the_shell_names_and_no_more():
    gui = Path(annotator.gui.__file__).parent
    parts = [p for p in gui.rglob("*.py") if p.name != "shell.py"
             and "Shell" in p.read_text(encoding="utf-8")]
    assert len(parts) >= 10
    used = {str(p.relative_to(gui)): _used_of_shell(p) for p in parts}
    beyond = {name: sorted(got - _shell_members()) for name, got in used.items()}
    assert {name: extra for name, extra in beyond.items() if extra} == {}
    assert _shell_members() - set().union(*used.values()) == set()  # each member is used
    assert {"stack", "saveState"} <= _used_of_shell(gui / "review_mode.py")  # through self


def test_the_menus_use_what_the_window_protocol_names_and_no_more():
    gui = Path(annotator.gui.__file__).parent
    used = {name: _used_of_shell(gui / name, "Window")
            for name in ("actions.py", "suggestions.py", "projects.py")}
    allowed = _shell_members() | _members(Window)
    assert {name: sorted(got - allowed) for name, got in used.items() if got - allowed} == {}
    assert _members(Window) - set().union(*used.values()) == set()  # each member is used
    assert {p.name for p in gui.rglob("*.py")  # not even for typing
            if "main_window import MainWindow" in p.read_text(encoding="utf-8")} == {"app.py"}
