"""Alembic environment: run on the connection the app hands over, or on `-x db=...`."""

from alembic import context

from annotator.store.engine import make_engine
from annotator.store.tables import metadata

config = context.config


def run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=True,  # SQLite alters tables by copying them
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    run(connection)
else:
    target = context.get_x_argument(as_dictionary=True).get("db")
    if not target:
        raise SystemExit("give the database: alembic -x db=path/to/project.db ...")
    with make_engine(target).begin() as conn:
        run(conn)
