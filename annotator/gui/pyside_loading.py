"""PySide6's `__feature__` import hook, turned off: imported by app.py right after its
PySide6 imports, before the app's own modules.

Loading PySide6 replaces `builtins.__import__` with a hook for `from __feature__ import
snake_case` (an opt-in this app never uses: tests/test_pyside_loading.py checks). The
hook reads the source of every module an `import` statement names after that, the first
time it names it, to see whether the text says "PySide6" — modules loaded before PySide6
too, whenever a later statement names them. That is ~150 modules (~20 ms) before the
first window paints and ~150 more (SQLAlchemy and the store, ~40 ms) while the window
opens its project after it. Without features, what the hook records changes nothing: a
module it never saw is treated as one it saw without features. So the import function
the hook wrapped (PySide's own, for `from PySide6.QtX import *`) is put back.
"""

from __future__ import annotations

import builtins

import PySide6.QtCore  # noqa: F401  (installs the hook, if this is the first PySide6 import)


def without_feature_hook() -> bool:
    """Put back the import function PySide's feature hook wrapped; False when the hook
    is not the current import function (another PySide version, or already done)."""
    hook = getattr(builtins, "__feature_import__", None)
    wrapped = getattr(builtins, "__orig_import__", None)
    if hook is None or wrapped is None or builtins.__import__ is not hook:
        return False
    builtins.__import__ = wrapped
    return True


without_feature_hook()
