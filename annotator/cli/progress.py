"""A progress bar on standard error when it is a terminal; silence otherwise."""

from __future__ import annotations

import sys
import time


class TerminalProgress:
    def __init__(self, stream=None):
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty()
        self._last = 0.0

    def __call__(self, done: int, total: int, message: str = "") -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if done < total and now - self._last < 0.1:
            return
        self._last = now
        width = 30
        filled = int(width * done / total) if total else width
        bar = "#" * filled + "-" * (width - filled)
        self.stream.write(f"\r[{bar}] {done}/{total} {message[:40]:<40}")
        if total and done >= total:
            self.stream.write("\r" + " " * (width + 55) + "\r")
        self.stream.flush()
