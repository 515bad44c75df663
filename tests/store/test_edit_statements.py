"""The statements an edit runs are built once and reused: a new action still discards
only its own actor's undone ones, also when nobody is named (a null actor)."""

from __future__ import annotations

from sqlalchemy import insert, select

from annotator.store import history
from annotator.store.annotator_rows import actor
from annotator.store.tables import T


def _undone(conn, actor_id) -> int:
    return conn.execute(insert(T["actions"]).values(
        actor_id=actor_id, at=history.now(), kind="add_span", summary="old",
        changes=[], state="undone")).inserted_primary_key[0]


def _state(conn, action_id) -> str:
    actions = T["actions"]
    return conn.execute(select(actions.c.state).where(actions.c.id == action_id)).scalar_one()


def _logged_change(conn, actor_id) -> None:
    history.written.current(conn).undoable.append({"t": "settings", "before": None,
                                                   "after": {"key": "k", "value": "v"}})
    assert history.log_action(conn, actor_id, "edit", "new") is not None


def test_a_new_action_discards_the_undone_ones_of_its_actor_only(project):
    with project.store.write() as conn:
        alice, bob = actor(conn, "alice"), actor(conn, "bob")
        mine, theirs, nobodys = _undone(conn, alice), _undone(conn, bob), _undone(conn, None)
        _logged_change(conn, alice)
        assert (_state(conn, mine), _state(conn, theirs), _state(conn, nobodys)) == (
            "discarded", "undone", "undone")
        _logged_change(conn, None)  # nobody's: `IS NULL`, as `== None` wrote it
        assert (_state(conn, theirs), _state(conn, nobodys)) == ("undone", "discarded")


def test_an_edit_reuses_its_statements(project):
    with project.store.write() as conn:
        assert history._new_row(conn, "spans") is history._new_row(conn, "spans")
        assert history._logging() is history._logging()
