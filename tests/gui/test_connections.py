"""A lambda connected to the session outlives the widget it updates (the session lives as
long as the window): such connections go through gui.lifetime.connect_for, whose
receiver dies with the widget. Checked over the source, since the bug shows only once a
widget was deleted and the signal fired again."""

from __future__ import annotations

import ast
from pathlib import Path

import annotator.gui

LONG_LIVED = {"session"}  # objects that outlive the widgets listening to them


def _names(node: ast.AST) -> set[str]:
    out = set()
    while isinstance(node, ast.Attribute):
        out.add(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        out.add(node.id)
    return out


def test_no_lambda_is_connected_straight_to_the_session():
    root = Path(annotator.gui.__file__).parent
    found = []
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "connect" and node.args):
                continue
            signal = node.func.value
            if (isinstance(signal, ast.Attribute) and LONG_LIVED & _names(signal.value)
                    and isinstance(node.args[0], ast.Lambda | ast.Call)):
                found.append(f"{path.relative_to(root)}:{node.lineno}")
    assert found == []
