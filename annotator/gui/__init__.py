"""The window (PySide6): the only package that imports Qt.

PySide6's `__feature__` import hook is turned off as soon as app.py has loaded PySide6
(pyside_loading.py), so the order in which the app's modules load costs nothing more.
"""
