"""The agreement service on real projects: the report from the database equals the core's
on the same records, reviewers never count, filters are checked, files appear whole or
not at all, and the details behind each number add up to it."""

from __future__ import annotations

import csv
import json
from dataclasses import replace

import pytest

from annotator.core.agreement import as_json, build_report, most_disagreed_spans
from annotator.core.errors import InputError
from annotator.services import agreement, annotate
from annotator.services.importing import import_paths
from annotator.services.progress import Cancelled
from annotator.services.project import SEEDS, init_project
from annotator.store.corpus_rows import load_records
from tests.gui.agreement.agreement_seed import D1, D2, LL, REVIEWER, WC, place, seed

SPEC_KEYS = ["schema", "annotators", "documents", "tokens", "overall", "pairs", "labels",
             "documents_detail", "doc_labels", "attributes", "confusion", "against_gold",
             "notes"]
MEASURES = ["krippendorff_alpha", "krippendorff_alpha_ci95", "fleiss_kappa", "cohen_kappa_mean",
            "gwet_ac1", "span_f1_mean", "span_f1_partial_mean", "unitizing_alpha"]
PAIR_KEYS = ["a", "b", "documents", "cohen_kappa", "span_f1", "span_f1_partial"]


@pytest.fixture
def sample(seeded_project):
    seed(seeded_project)
    return seeded_project


def _records_without_reviewer(project):
    with project.store.read() as conn:
        records = load_records(conn)
    return [replace(r, annotations=tuple(s for s in r.annotations if s.annotator != REVIEWER),
                    doc_labels=tuple(d for d in r.doc_labels if d.annotator != REVIEWER),
                    status={k: v for k, v in r.status.items() if k != REVIEWER})
            for r in records]


def test_report_has_the_spec_shape_and_equals_the_core_on_the_same_records(sample):
    report = agreement.compute(sample, bootstrap=100)
    doc = as_json(report)
    assert list(doc) == SPEC_KEYS
    assert doc["schema"] == "agreement/1"
    assert list(doc["overall"]) == MEASURES
    assert all(list(p) == PAIR_KEYS for p in doc["pairs"])
    for entry in doc["labels"].values():
        assert list(entry) == ["support", *MEASURES, "pairs"]
        assert all(list(p) == PAIR_KEYS for p in entry["pairs"])
    assert all(list(d) == ["id", "annotators", "krippendorff_alpha", "span_f1_mean"]
               for d in doc["documents_detail"])
    assert report == build_report(_records_without_reviewer(sample), bootstrap=100,
                                  codebook=sample.codebook)
    assert report.annotators == ("alice", "bob", "carol")
    assert report.documents == 5 and report.tokens > 2000
    assert report.labels[WC].support == 13


def test_reviewers_do_not_count(sample, tmp_path):
    """dana (reviewer) finished every document, marked a span and chose a frame: the
    report is the one of the same project without her."""
    other = init_project(tmp_path / "no-reviewer.db")
    import_paths(other, [SEEDS])
    seed(other, reviewer=False)
    try:
        with_reviewer = agreement.compute(sample, bootstrap=50)
        assert REVIEWER not in with_reviewer.annotators
        assert with_reviewer == agreement.compute(other, bootstrap=50)
        assert agreement.load(sample).reviewers == (REVIEWER,)
    finally:
        other.close()


def test_filters_are_the_cores(sample):
    records = _records_without_reviewer(sample)
    report = agreement.compute(sample, annotators=["bob", "alice"], labels=[WC, "Morality"],
                               bootstrap=0)
    assert report == build_report(records, annotators=["bob", "alice"],
                                  labels=[WC, "Morality"], bootstrap=0,
                                  codebook=sample.codebook)
    assert report.annotators == ("alice", "bob")
    assert list(report.labels) == ["Morality", WC]
    assert report.labels["Morality"].support == 0  # asked for: listed though unused
    assert report.labels["Morality"].measures.krippendorff_alpha is None


def test_bootstrap_zero_gives_null_intervals_with_a_note(sample):
    report = agreement.compute(sample, bootstrap=0)
    assert report.overall.krippendorff_alpha_ci95 is None
    assert all(e.measures.krippendorff_alpha_ci95 is None for e in report.labels.values())
    assert any("no bootstrap" in n for n in report.notes)
    assert report.overall.krippendorff_alpha is not None


def test_undefined_measures_are_null_with_a_reason_never_zero(seeded_project):
    start, end = place(seeded_project, D1, "sham election")
    annotate.add_span(seeded_project, "alice", D1, start, end, WC)
    report = agreement.compute(seeded_project, bootstrap=10)
    assert report.annotators == ("alice",) and report.pairs == ()
    for key in MEASURES:
        assert as_json(report.overall)[key] is None, key
    assert any(n.startswith("overall:") and "fewer than two annotators" in n
               for n in report.notes)


@pytest.mark.parametrize(("names", "message"), [
    ({"annotators": ["zed"]}, "no annotator 'zed' in the project"),
    ({"annotators": [REVIEWER]}, "'dana' is a reviewer"),
    ({"labels": ["Wordchoice"]}, "did you mean 'Word choice'"),
    ({"labels": ["Frobnicate"]}, "the codebook has no label 'Frobnicate'"),
])
def test_unknown_names_are_refused(sample, names, message):
    with pytest.raises(InputError, match=message):
        agreement.compute(sample, bootstrap=0, **names)


def test_negative_bootstrap_is_refused(sample):
    with pytest.raises(InputError, match="negative"):
        agreement.compute(sample, bootstrap=-1)


def test_format_from_the_extension_unless_asked():
    assert agreement.format_for("a.HTML") == "html"
    assert agreement.format_for("a.htm") == "html"
    assert agreement.format_for("a.csv") == "csv"
    assert agreement.format_for("a.txt") == "json"
    assert agreement.format_for("a.html", "csv") == "csv"
    with pytest.raises(InputError):
        agreement.format_for("a.json", "xml")


@pytest.fixture
def folder(tmp_path):
    """An empty folder for reports (the project lives in tmp_path)."""
    (tmp_path / "out").mkdir()
    return tmp_path / "out"


def test_export_writes_each_format(sample, folder, backend):
    tmp_path = folder
    analysis, fmt = agreement.export(sample, tmp_path / "r.json", bootstrap=20)
    report = analysis.report
    assert fmt == "json"
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8")) == as_json(report)
    agreement.export(sample, tmp_path / "r.csv", bootstrap=20)
    with open(tmp_path / "r.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert {"scope": "overall", "label": "", "a": "", "b": "", "measure": "krippendorff_alpha",
            "value": repr(report.overall.krippendorff_alpha)} in rows
    agreement.export(sample, tmp_path / "r.html", bootstrap=20)
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "Spans disagreed on most" in page and "three insignificant rivals" in page
    if backend == "sqlite":  # a server database has no file name to show
        assert "Inter-annotator agreement: project" in page
    # documents by title as well as id, for a person reading
    assert f'Russia’s Putin Plans to Visit China in May<br><span class="doc-id">{D1}</span>' \
        in page
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.csv", "r.html", "r.json"]


@pytest.mark.parametrize("stage", ["Computing agreement", "Writing the report"])
def test_cancel_leaves_no_file(sample, folder, stage):
    out = folder / "r.html"

    def progress(done, total, message=""):
        if message == stage:
            raise Cancelled()

    with pytest.raises(Cancelled):
        agreement.export(sample, out, bootstrap=50, progress=progress)
    assert list(folder.iterdir()) == []


def test_a_failed_write_keeps_the_old_file_and_leaves_no_partial(sample, folder):
    out = folder / "r.json"
    out.write_text("old", encoding="utf-8")
    analysis = agreement.analyse(sample, bootstrap=0)
    broken = replace(analysis, report=replace(analysis.report, notes=({1, 2},)))
    with pytest.raises(TypeError):
        agreement.write(broken, "json", out)  # a set is no JSON
    assert out.read_text(encoding="utf-8") == "old"
    assert [p.name for p in folder.iterdir()] == ["r.json"]


def test_bad_targets_are_refused_before_the_work(sample, tmp_path):
    calls = []
    with pytest.raises(InputError, match="is a folder"):
        agreement.export(sample, tmp_path, progress=lambda *a: calls.append(a))
    with pytest.raises(InputError, match="does not exist"):
        agreement.export(sample, tmp_path / "no" / "r.json",
                         progress=lambda *a: calls.append(a))
    assert calls == []


def test_pair_detail_adds_up_to_the_pairs_span_f1(sample):
    analysis = agreement.analyse(sample, bootstrap=0)
    report = analysis.report
    for label in (None, *report.labels):
        for pair in report.pairs_of(label):
            detail = analysis.pair_detail(pair.a, pair.b, label)
            assert len(detail.documents) == pair.documents
            both, only_a, only_b = detail.counts
            if both + only_a + only_b:
                assert 2 * both / (2 * both + only_a + only_b) == pytest.approx(pair.span_f1)
            else:
                assert pair.span_f1 is None


def test_pair_detail_lists_the_spans_behind_a_pair(sample):
    data = agreement.load(sample)
    detail = agreement.pair_detail(data, "alice", "carol")
    assert [d.document for d in detail.documents] == [
        r.id for r in agreement.report(data, 0).documents_detail
        if {"alice", "carol"} <= set(r.annotators)]
    d1 = next(d for d in detail.documents if d.document == D1)
    assert d1.title == "Russia’s Putin Plans to Visit China in May"
    assert {(s.text, s.label) for s in d1.both} == {
        ("sham election", WC), ("According to a recent U.S. assessment", "Attribution")}
    assert {(s.text, s.overlapped) for s in d1.only_a} == {
        ("insignificant rivals", True), ("robust economic connections", False)}
    assert {(s.text, s.overlapped) for s in d1.only_b} == {
        ("three insignificant rivals", True), ("invasion", False)}
    only_ll = agreement.pair_detail(data, "alice", "carol", LL)
    assert all(s.label == LL for d in only_ll.documents
               for s in (*d.both, *d.only_a, *d.only_b))


def test_label_detail_lists_every_span_with_who_marked_it(sample):
    data = agreement.load(sample)
    spans = agreement.label_detail(data, WC)
    assert len({(s.document, s.start, s.end) for s in spans}) == len(spans)
    political = next(s for s in spans if s.text == "Political Relief")
    assert political.document == D2
    # dana (reviewer) marked it too, as Loaded language: she is nowhere
    assert political.marked_by == ("alice", "bob") and political.not_marked_by == ("carol",)
    assert REVIEWER not in {n for s in agreement.label_detail(data, LL)
                            for n in (*s.marked_by, *s.not_marked_by)}
    unanimous = next(s for s in spans if s.text == "sham election")
    assert unanimous.score == 0 and unanimous.not_marked_by == ()
    # the disagreed ones are most_disagreed_spans' (which ranks them)
    ranked = most_disagreed_spans(data.records, limit=100)[WC]
    assert {(s.document, s.start, s.end, s.marked_by, s.not_marked_by, s.overlapping, s.score)
            for s in ranked} == {
        (s.document, s.start, s.end, s.marked_by, s.not_marked_by, s.overlapping, s.score)
        for s in spans if s.score}


@pytest.fixture
def revised(sample):
    from tests.gui.agreement.agreement_seed import seed_revision

    seed_revision(sample)
    return sample


def test_attributes_gold_and_gamma_come_from_the_project(revised, folder):
    analysis = agreement.analyse(revised, bootstrap=0, gamma=5)
    report = analysis.report
    assert report.attributes["polarity"].level == "ordinal"  # the codebook's scale
    assert report.attributes["primary_frame"].level == "nominal"
    assert report.against_gold["alice"].documents == 2  # the two adjudicated documents
    # dana's gold is nobody's annotation: her spans are left out, her gold is the measure
    assert REVIEWER not in report.against_gold
    assert report.gamma is not None and report.gamma.samples == 5
    agreement.write(analysis, "html", folder / "r.html")
    page = (folder / "r.html").read_text(encoding="utf-8")
    for heading in ("Attributes and document labels", "Label confusion",
                    "Annotators against gold", "γ (Mathet et al. 2015)"):
        assert f"<h2>{heading}</h2>" in page


def test_confusion_detail_lists_the_spans_behind_a_cell(revised):
    analysis = agreement.analyse(revised, bootstrap=0)
    c = analysis.report.confusion
    ll, o = c.labels.index(LL), c.labels.index("O")
    found = analysis.confusion_detail(LL, "O", "spans")
    assert len(found) == c.spans[ll][o]
    first = found[0]
    assert first.title == "Putin Announces Plans to Visit China in May, Deepening Ties Amid " \
        "Western Sanctions"
    assert first.meeting.first_span[2] == LL and first.meeting.second_span is None
    start, end, _, text = first.meeting.first_span
    assert text == analysis.data.record(first.meeting.document).text[start:end]


@pytest.mark.parametrize("filters", [{}, {"labels": [WC, LL]}, {"annotators": ["alice", "bob"]}])
def test_read_a_document_at_a_time_without_texts_the_report_and_details_are_the_same(
        revised, folder, filters):
    """What `annotator agreement -o` does on a large corpus (documents read a few hundred
    at a time, the texts left out of the records and read again when needed) gives the
    same files and the same details as the whole project read at once."""
    held = agreement.analyse(revised, bootstrap=40, gamma=3, **filters)
    data = agreement.load(revised, texts_in_memory=False, batch=1, **filters)
    assert all(r.text == "" for r in data.records)
    lean = agreement.Analysis(data, agreement.report(data, bootstrap=40, gamma=3))
    assert lean.report == held.report
    for fmt in agreement.FORMATS:
        agreement.write(held, fmt, folder / f"held.{fmt}")
        agreement.write(lean, fmt, folder / f"lean.{fmt}")
        assert (folder / f"lean.{fmt}").read_bytes() == (folder / f"held.{fmt}").read_bytes()
    assert lean.disagreements(limit=3) == held.disagreements(limit=3)
    assert lean.pair_detail("alice", "bob") == held.pair_detail("alice", "bob")
    assert lean.label_detail(WC) == held.label_detail(WC)
    assert lean.confusion_detail(LL, "O", "tokens") == held.confusion_detail(LL, "O", "tokens")
    assert held.label_detail(WC) and held.pair_detail("alice", "bob").documents


def test_the_command_path_writes_the_report_from_records_without_texts(revised, folder):
    analysis, fmt = agreement.export(revised, folder / "r.json", bootstrap=10)
    assert fmt == "json" and analysis.data.text_reader is not None
    assert json.loads((folder / "r.json").read_text("utf-8")) == as_json(
        agreement.compute(revised, bootstrap=10))
