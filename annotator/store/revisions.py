"""The schema revisions this version knows (db/versions), oldest first: a test checks them
against Alembic's chain. Apart from store.migrate, so that the start's first look can
compare a file's revision to the head without loading SQLAlchemy or Alembic."""

REVISIONS = ("0001", "0002", "0003", "0004", "0007", "0005", "0006", "0008", "0009", "0010", "0011")
HEAD = REVISIONS[-1]
