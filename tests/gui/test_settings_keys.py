"""The settings remember each project's last document under a key made from its path:
the key is the one earlier versions wrote (hashlib's SHA-1), whichever module makes it."""

from __future__ import annotations

import hashlib
import os


def test_a_project_remembered_before_is_found_under_the_same_key(tmp_path):
    from annotator.gui.settings import Settings, _project_key

    target = str(tmp_path / "p.db")
    old_key = hashlib.sha1(os.path.abspath(target).encode("utf-8")).hexdigest()[:16]
    assert _project_key(target) == old_key
    settings = Settings(tmp_path / "s.ini")
    settings.set_last_document(target, "doc-7")
    settings.sync()
    assert Settings(tmp_path / "s.ini").last_document(target) == "doc-7"
