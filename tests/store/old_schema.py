"""A database at an older revision of the schema, with rows written as that revision had
them: what a migration test starts from."""

from __future__ import annotations

from collections.abc import Iterable

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, text

from annotator.store.engine import server_url
from annotator.store.migrate import DB_DIR

# One document, its annotator and a label, as every revision since 0008 stores them: the
# rows the later migration tests put their spans on (`SPAN` begins a span's INSERT).
ONE_DOCUMENT = (
    "INSERT INTO documents (pk, id, text, sha256, length) VALUES (1, 'd', 'sham vote', 'x', 9)",
    "INSERT INTO annotators (id, name, role) VALUES (1, 'alice', 'annotator')",
    "INSERT INTO labels (id, name, position) VALUES (1, 'Word choice', 0)",
)
SPAN = "INSERT INTO spans (id, document_pk, annotator_id, start, \"end\", label_id"


def at_revision(target: str, revision: str, sql: Iterable[str],
                postgresql: Iterable[str] = ()) -> None:
    """`postgresql`: statements run after `sql` on that backend only (sequences)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(DB_DIR))
    url = server_url(target) if "://" in target else f"sqlite:///{target}"
    engine = create_engine(url)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
        for statement in sql:
            conn.execute(text(statement))
        if conn.dialect.name == "postgresql":
            for statement in postgresql:
                conn.execute(text(statement))
    engine.dispose()
