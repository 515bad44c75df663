"""The same project on a PostgreSQL server (the throwaway cluster of tests/postgres.py);
skipped, and said so in the run's summary, where no server binaries are installed."""

from __future__ import annotations

import pytest

from annotator.cli import main
from annotator.services.project import SEEDS


@pytest.fixture
def pg_url(pg_cluster):
    yield pg_cluster.new_database()
    pg_cluster.drop_made()


def test_a_project_on_postgresql_exports_what_sqlite_exports(pg_url, tmp_path, write_jsonl):
    spans = write_jsonl({"id": "000_d2e00c955d6db165", "text": (
        SEEDS / "000_d2e00c955d6db165.txt").read_text(encoding="utf-8"),
        "annotations": [{"annotator": "alice", "start": 0, "end": 5, "label": "Word choice",
                         "attributes": {"polarity": "negative"}}],
        "status": {"alice": "done"}})
    outputs = []
    for target in (pg_url, str(tmp_path / "p.db")):
        assert main(["init", target]) == 0
        assert main(["import", target, str(SEEDS), str(spans)]) == 0
        assert main(["import", target, str(spans)]) == 0  # merge: nothing new
        out = tmp_path / f"out{len(outputs)}.jsonl"
        assert main(["export", target, "-o", str(out)]) == 0
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    assert main(["init", pg_url]) == 2  # already holds a project


def test_services_undo_on_postgresql(pg_url):
    from annotator.services import annotate
    from annotator.services.layer import read_document
    from annotator.services.project import open_project

    def spans(project, doc, who):
        return read_document(project, doc, who).layer.spans()

    assert main(["init", pg_url]) == 0
    assert main(["import", pg_url, str(SEEDS)]) == 0
    with open_project(pg_url) as project:
        doc = "000_d2e00c955d6db165"
        before = len(spans(project, doc, "bob"))
        annotate.add_span(project, "bob", doc, 6, 15, "Political")
        assert len(spans(project, doc, "bob")) == before + 1
        annotate.undo(project, "bob")
        assert len(spans(project, doc, "bob")) == before
        annotate.redo(project, "bob")
        assert len(spans(project, doc, "bob")) == before + 1


def test_comparing_outlets_on_postgresql_gives_what_sqlite_gives(pg_url, tmp_path):
    from annotator.services.demo import DEMO_FILE

    outputs = []
    for target in (pg_url, str(tmp_path / "demo.db")):
        assert main(["init", target]) == 0
        assert main(["import", target, str(SEEDS), str(DEMO_FILE)]) == 0
        out = tmp_path / f"compare{len(outputs)}.json"
        assert main(["compare", target, "-o", str(out)]) == 0
        outputs.append(out.read_text(encoding="utf-8"))
    assert outputs[0] == outputs[1]
    assert '"text": "“no limits” partnership"' in outputs[0]  # covered text cut by the server


@pytest.mark.parametrize("line, problem", [
    ({"id": "nul", "text": "a\u0000b"}, "NUL character"),
    ({"id": "d", "text": "sham vote", "annotations": [
        {"annotator": "al\u0000ice", "start": 0, "end": 4, "label": "Word choice"}]},
     "NUL character"),
    ({"id": "x" * 500, "text": "long id"}, "at most 400"),
    ({"id": "d", "text": "sham vote", "annotations": [
        {"annotator": "a" * 300, "start": 0, "end": 4, "label": "Word choice"}]},
     "at most 200"),
], ids=["nul", "nul-in-a-name", "long-id", "long-annotator"])
def test_values_postgresql_cannot_store_are_plain_refusals(pg_url, tmp_path, write_jsonl,
                                                           capsys, line, problem):
    assert main(["init", pg_url]) == 0
    assert main(["import", pg_url, str(SEEDS)]) == 0
    before, after = tmp_path / "before.jsonl", tmp_path / "after.jsonl"
    assert main(["export", pg_url, "-o", str(before)]) == 0
    capsys.readouterr()
    assert main(["import", pg_url, str(write_jsonl(line))]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and problem in err, err
    assert "unexpected" not in err and "[SQL" not in err
    assert main(["export", pg_url, "-o", str(after)]) == 0
    assert after.read_bytes() == before.read_bytes()
