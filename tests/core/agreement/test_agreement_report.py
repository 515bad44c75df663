"""The report: its exact shape, hand-computed values, participation, filters, nulls with
their reasons, the bootstrap and progress."""

from __future__ import annotations

import json
import math

import krippendorff
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.agreement import Cancelled, as_json, build_report, number_items
from annotator.core.gold import GoldSpan
from annotator.core.model import DONE, IN_PROGRESS, DocLabel, Document, Span
from annotator.core.records import DocumentRecord
from tests.core.agreement.agreement_oracle import Oracle
from tests.core.agreement.agreement_strategies import projects
from tests.core.agreement.report_json import report_json

TEXT = "The sham election was held."  # tokens: The sham election was held .


def record(doc_id, text=TEXT, spans=(), status=None, doc_labels=(), gold=()):
    return DocumentRecord(
        Document(doc_id, text),
        tuple(Span(*s) for s in spans),
        doc_labels=tuple(DocLabel(*d) for d in doc_labels),
        status=status or {},
        gold=tuple(gold),
    )


def sham():
    return [record("d1", spans=[("alice", 4, 17, "Loaded"), ("bob", 4, 8, "Loaded")])]


# ---------------------------------------------------------------- shape


def test_shape_follows_the_spec():
    report = report_json(sham(), bootstrap=10)
    assert list(report) == [
        "schema", "annotators", "documents", "tokens", "overall", "pairs", "labels",
        "documents_detail", "doc_labels", "attributes", "confusion", "against_gold", "notes",
    ]  # fmt: skip
    with_gamma = report_json(sham(), bootstrap=0, gamma=3)
    assert list(with_gamma)[-2:] == ["gamma", "notes"]
    assert list(with_gamma["gamma"]) == ["gamma", "observed_disorder", "expected_disorder",
                                         "ci95", "samples", "seed", "labels"]
    assert report["schema"] == "agreement/1"
    assert list(report["overall"]) == [
        "krippendorff_alpha", "krippendorff_alpha_ci95", "fleiss_kappa", "cohen_kappa_mean",
        "gwet_ac1", "span_f1_mean", "span_f1_partial_mean", "unitizing_alpha",
    ]  # fmt: skip
    assert list(report["pairs"][0]) == [
        "a", "b", "documents", "cohen_kappa", "span_f1", "span_f1_partial",
    ]  # fmt: skip
    entry = report["labels"]["Loaded"]
    assert list(entry) == ["support"] + list(report["overall"]) + ["pairs"]
    assert list(entry["pairs"][0]) == list(report["pairs"][0])
    assert list(report["documents_detail"][0]) == [
        "id", "annotators", "krippendorff_alpha", "span_f1_mean",
    ]  # fmt: skip
    assert all(isinstance(n, str) for n in report["notes"])
    json.dumps(report, allow_nan=False)  # plain Python numbers, no NaN


def test_the_typed_report_is_its_json():
    report = build_report(sham(), bootstrap=10)
    doc = as_json(report)
    assert report.annotators == ("alice", "bob") and doc["annotators"] == ["alice", "bob"]
    assert doc["overall"]["krippendorff_alpha"] == report.overall.krippendorff_alpha
    ci = report.overall.krippendorff_alpha_ci95
    assert doc["overall"]["krippendorff_alpha_ci95"] == [ci.low, ci.high]
    label = report.labels["Loaded"]
    assert doc["labels"]["Loaded"]["support"] == label.support == 2
    assert doc["labels"]["Loaded"]["unitizing_alpha"] == label.measures.unitizing_alpha
    assert report.pairs_of("Loaded") == label.pairs and report.pairs_of() == report.pairs
    pair = report.pairs[0]
    assert doc["pairs"][0] == {"a": pair.a, "b": pair.b, "documents": pair.documents,
                               "cohen_kappa": pair.cohen_kappa, "span_f1": pair.span_f1,
                               "span_f1_partial": pair.span_f1_partial}
    assert doc["notes"] == list(report.notes)
    # the numbers of a block, one by one, as the CSV lists them
    assert [k for k, _ in number_items(label)] == [
        "support", "krippendorff_alpha", "krippendorff_alpha_ci95_low",
        "krippendorff_alpha_ci95_high", "fleiss_kappa", "cohen_kappa_mean", "gwet_ac1",
        "span_f1_mean", "span_f1_partial_mean", "unitizing_alpha"]  # fmt: skip
    no_interval = build_report(sham(), bootstrap=0)
    assert dict(number_items(no_interval.overall))["krippendorff_alpha_ci95_low"] is None


def test_values_computed_by_hand():
    # alice: O L L O O O; bob: O L O O O O (tokens The sham election was held .)
    report = report_json(sham(), bootstrap=0)
    assert report["annotators"] == ["alice", "bob"]
    assert (report["documents"], report["tokens"]) == (1, 6)
    overall = report["overall"]
    # n = 12, n_L = 3, n_O = 9, Σ o_cc = 10: 1 − 11 · 2 / (144 − 9 − 81)
    assert overall["krippendorff_alpha"] == pytest.approx(1 - 22 / 54)
    # p_o = 5/6, p_e = 4/6·5/6 + 2/6·1/6 = 22/36
    assert report["pairs"][0]["cohen_kappa"] == pytest.approx(8 / 14)
    assert overall["fleiss_kappa"] is not None
    assert report["pairs"][0]["span_f1"] == 0.0
    # P = 4/13 ("sham" of "sham election"), R = 4/4
    assert report["pairs"][0]["span_f1_partial"] == pytest.approx(8 / 17)
    assert report["labels"]["Loaded"]["support"] == 2
    # with one label, the label's token measures are the overall ones
    for key in ("krippendorff_alpha", "fleiss_kappa", "gwet_ac1", "unitizing_alpha"):
        assert report["labels"]["Loaded"][key] == pytest.approx(overall[key])
    reference = krippendorff.alpha(
        reliability_data=[[0, 1, 1, 0, 0, 0], [0, 1, 0, 0, 0, 0]], level_of_measurement="nominal"
    )
    assert overall["krippendorff_alpha"] == pytest.approx(reference)


def test_categories_join_distinct_sorted_labels():
    # "election" is covered by alice's Loaded and Attribution: category Attribution+Loaded.
    alice = [("alice", 4, 17, "Loaded"), ("alice", 9, 21, "Attribution"), ("alice", 4, 8, "Loaded")]
    same = [("bob", s, e, lab) for _, s, e, lab in alice]
    differs = [("bob", 4, 17, "Loaded"), ("bob", 9, 17, "Loaded")]
    agree = report_json([record("d1", spans=alice + same)], bootstrap=0)
    assert agree["overall"]["krippendorff_alpha"] == pytest.approx(1.0)
    # bob's "election" is Loaded only: one token of six differs from Attribution+Loaded
    mixed = report_json([record("d1", spans=alice + differs)], bootstrap=0)
    assert mixed["overall"]["krippendorff_alpha"] < 1.0
    assert mixed["labels"]["Loaded"]["krippendorff_alpha"] == pytest.approx(1.0)
    assert mixed["labels"]["Loaded"]["support"] == 4  # distinct (doc, annotator, start, end)


# ---------------------------------------------------------------- who took part


def test_done_without_spans_says_nothing_here_and_in_progress_is_missing():
    base = [("alice", 4, 8, "Loaded")]
    done = report_json([record("d1", spans=base, status={"bob": DONE})], bootstrap=0)
    assert done["annotators"] == ["alice", "bob"]
    assert done["pairs"][0]["documents"] == 1
    assert done["pairs"][0]["span_f1"] == 0.0  # only one has a span
    assert done["documents_detail"][0]["annotators"] == ["alice", "bob"]

    pending = report_json([record("d1", spans=base, status={"bob": IN_PROGRESS})], bootstrap=0)
    assert pending["annotators"] == ["alice"]
    assert pending["pairs"] == []


def test_documents_without_participant_and_gold_are_left_out():
    gold = [GoldSpan("rev", 4, 8, "Loaded")]
    records = sham() + [record("d2", status={"carol": IN_PROGRESS}, gold=gold)]
    report = report_json(records, bootstrap=0)
    assert report["documents"] == 1
    assert [d["id"] for d in report["documents_detail"]] == ["d1"]
    assert "rev" not in report["annotators"]


def test_an_annotator_missing_from_a_document_is_missing_not_o():
    # carol took part only in d2; in d1 her values are missing, so alpha over d1's tokens
    # is alice and bob's alone.
    records = [
        record("d1", spans=[("alice", 4, 8, "Loaded"), ("bob", 4, 8, "Loaded")]),
        record("d2", spans=[("carol", 0, 3, "Loaded")], status={"alice": DONE}),
    ]
    report = report_json(records, bootstrap=0)
    rows = Oracle(records).matrix()
    codes = {"O": 0, "Loaded": 1}
    data = np.array([[np.nan if v is None else codes[v] for v in r] for r in rows]).T
    expected = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
    assert report["overall"]["krippendorff_alpha"] == pytest.approx(expected)
    assert report["overall"]["fleiss_kappa"] is None  # nobody has all three in one document
    assert any("fleiss_kappa" in n and "all 3 annotators" in n for n in report["notes"])


# ---------------------------------------------------------------- nulls and their reasons


def _nulls(report):
    """(path, key) of every null in the report."""
    out = []

    def walk(node, path):
        if isinstance(node, dict):
            for k, v in node.items():
                if v is None:
                    out.append((path, k))
                else:
                    walk(v, f"{path}.{k}")
        elif isinstance(node, list):
            for item in node:
                walk(item, path)

    walk({k: v for k, v in report.items() if k != "notes"}, "")
    return out


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(projects(doc_labels=True), st.integers(0, 3))
def test_every_null_has_a_note_naming_it(records, draws):
    report = report_json(records, bootstrap=draws)
    notes = " | ".join(report["notes"])
    for _, key in _nulls(report):
        assert key in notes, (key, report["notes"])
    json.dumps(report, allow_nan=False)


def test_one_annotator():
    report = report_json([record("d1", spans=[("alice", 4, 8, "Loaded")])], bootstrap=5)
    assert report["pairs"] == []
    overall = report["overall"]
    assert all(overall[k] is None for k in overall)
    notes = report["notes"]
    assert (
        "overall: fleiss_kappa, cohen_kappa_mean, span_f1_mean, span_f1_partial_mean are null: "
        "fewer than two annotators"
    ) in notes
    assert any(n.startswith("overall: krippendorff_alpha") and "two annotators" in n
               for n in notes)  # fmt: skip


def test_a_pair_sharing_no_document():
    records = [
        record("d1", spans=[("alice", 4, 8, "Loaded"), ("bob", 4, 8, "Loaded")]),
        record("d2", spans=[("carol", 4, 8, "Loaded")], status={"alice": DONE}),
    ]
    report = report_json(records, bootstrap=0)
    bob_carol = report["pairs"][2]
    assert (bob_carol["a"], bob_carol["b"], bob_carol["documents"]) == ("bob", "carol", 0)
    assert bob_carol["cohen_kappa"] is bob_carol["span_f1"] is None
    assert report["labels"]["Loaded"]["pairs"][2]["documents"] == 0
    assert report["labels"]["Loaded"]["pairs"][2]["span_f1_partial"] is None
    assert any("bob/carol" in n and "share no document" in n for n in report["notes"])
    # the means skip the null pair
    defined = [p["span_f1"] for p in report["pairs"] if p["span_f1"] is not None]
    assert report["overall"]["span_f1_mean"] == pytest.approx(sum(defined) / len(defined))


def test_span_f1_null_when_neither_has_a_span_and_zero_when_one_has():
    records = [
        record("d1", spans=[("alice", 4, 8, "Loaded")], status={"bob": DONE}),
        record("d2", status={"alice": DONE, "bob": DONE}),
    ]
    report = report_json(records, bootstrap=0)
    assert report["pairs"][0]["span_f1"] == 0.0
    assert report["pairs"][0]["span_f1_partial"] == 0.0
    only_d2 = report_json(records[1:] + [record("d3", spans=[("alice", 0, 3, "X")])],
                           bootstrap=0)  # fmt: skip
    pair = only_d2["pairs"][0]
    assert pair["documents"] == 1 and pair["span_f1"] is None
    assert any("alice/bob" in n and "neither annotator has a span" in n for n in only_d2["notes"])
    detail = only_d2["documents_detail"][0]
    assert detail["span_f1_mean"] is None and detail["krippendorff_alpha"] is None


def test_one_category_makes_alpha_kappa_and_ac1_null():
    records = [record("d1", status={"alice": DONE, "bob": DONE})]
    report = report_json(records, bootstrap=0)
    overall = report["overall"]
    assert overall["krippendorff_alpha"] is None
    assert overall["gwet_ac1"] is None
    assert overall["fleiss_kappa"] is None
    assert report["pairs"][0]["cohen_kappa"] is None
    assert overall["unitizing_alpha"] is None
    assert "overall: fleiss_kappa, gwet_ac1 are null: only one category occurs" in report["notes"]


def test_unitizing_skips_documents_with_one_participant():
    records = [record("d1", spans=[("alice", 4, 8, "Loaded")]),
               record("d2", spans=[("bob", 4, 8, "Loaded")])]  # fmt: skip
    report = report_json(records, bootstrap=0)
    assert report["overall"]["unitizing_alpha"] is None
    assert any("unitizing_alpha" in n and "two or more participants" in n
               for n in report["notes"])  # fmt: skip


# ---------------------------------------------------------------- filters


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(projects(), st.data())
def test_a_label_entry_does_not_depend_on_the_label_filter(records, data):
    full = report_json(records, bootstrap=20)
    if not full["labels"]:
        return
    label = data.draw(st.sampled_from(sorted(full["labels"])))
    alone = report_json(records, labels=[label], bootstrap=20)
    assert alone["labels"][label] == full["labels"][label]
    assert alone["annotators"] == full["annotators"]
    assert alone["documents"] == full["documents"]
    # the overall numbers are then those of the label alone
    for key in ("krippendorff_alpha", "krippendorff_alpha_ci95", "fleiss_kappa", "gwet_ac1",
                "span_f1_mean", "span_f1_partial_mean", "unitizing_alpha"):  # fmt: skip
        assert alone["overall"][key] == full["labels"][label][key]


def test_asked_labels_are_listed_even_unused():
    report = report_json(sham(), labels=["Loaded", "Unused"], bootstrap=0)
    assert list(report["labels"]) == ["Loaded", "Unused"]
    unused = report["labels"]["Unused"]
    assert unused["support"] == 0
    assert unused["krippendorff_alpha"] is None and unused["span_f1_mean"] is None
    assert [(p["a"], p["b"], p["documents"]) for p in unused["pairs"]] == [("alice", "bob", 1)]


def test_label_filter_keeps_participation():
    # bob's only span is Attribution; under --label Loaded he still took part, saying
    # "no Loaded here".
    records = [record("d1", spans=[("alice", 4, 8, "Loaded"), ("bob", 9, 17, "Attribution")])]
    report = report_json(records, labels=["Loaded"], bootstrap=0)
    assert report["annotators"] == ["alice", "bob"]
    assert report["pairs"][0]["span_f1"] == 0.0


def test_annotator_filter():
    records = sham() + [record("d2", spans=[("carol", 0, 3, "Loaded")])]
    report = report_json(records, annotators=["alice", "carol", "nobody"], bootstrap=0)
    assert report["annotators"] == ["alice", "carol"]
    assert report["documents"] == 2
    assert report["labels"]["Loaded"]["support"] == 2  # bob's span is not counted
    assert any("nobody" in n for n in report["notes"])


def test_doc_labels():
    records = [
        record("d1", spans=[("alice", 4, 8, "L")],
               doc_labels=[("alice", "frame", "P"), ("bob", "frame", "P"), ("bob", "tone", "-")]),
        record("d2", doc_labels=[("alice", "frame", "E"), ("bob", "frame", "P")]),
        record("d3", doc_labels=[("carol", "frame", "E")]),
    ]  # fmt: skip
    report = report_json(records, bootstrap=0)
    assert list(report["doc_labels"]) == ["frame", "tone"]
    frame = report["doc_labels"]["frame"]
    assert frame["units"] == 2
    expected = krippendorff.alpha(
        reliability_data=[[0, 1, np.nan], [0, 0, np.nan], [np.nan, np.nan, 1]],
        level_of_measurement="nominal",
    )
    assert frame["krippendorff_alpha"] == pytest.approx(expected)
    assert report["doc_labels"]["tone"] == {"krippendorff_alpha": None, "units": 0}
    assert any(n.startswith("doc_labels[tone]: krippendorff_alpha") for n in report["notes"])


# ---------------------------------------------------------------- bootstrap


def _bootstrap_oracle(records, draws):
    """Resample documents with rng.integers as the spec says; alpha by krippendorff."""
    o = Oracle(records)
    per_doc = [o.matrix(docs={d}) for d in range(len(o.docs))]
    cats = sorted({v for rows in per_doc for r in rows for v in r if v is not None})
    rng = np.random.default_rng(12345)
    alphas, skipped = [], 0
    for _ in range(draws):
        picks = rng.integers(0, len(per_doc), size=len(per_doc))
        rows = [r for d in picks for r in per_doc[d]]
        data = np.array([[np.nan if v is None else cats.index(v) for v in r] for r in rows]).T
        try:
            value = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal",
                                       value_domain=list(range(len(cats))))  # fmt: skip
        except ValueError:
            value = math.nan
        if np.isfinite(value):
            alphas.append(value)
        else:
            skipped += 1
    low, high = np.percentile(alphas, [2.5, 97.5])
    return [low, high], skipped


def _bootstrap_records():
    a, b = ("alice", "bob")
    return [
        record("d1", spans=[(a, 4, 17, "L"), (b, 4, 8, "L")]),
        record("d2", spans=[(a, 0, 3, "L"), (b, 0, 8, "L"), (b, 22, 26, "M")]),
        record("d3", status={a: DONE, b: DONE}),  # all O: alone, alpha is undefined
        record("d4", spans=[(a, 9, 17, "M"), (b, 9, 21, "M")]),
        record("d5", spans=[(a, 9, 17, "M")], status={b: DONE}),
    ]


def test_bootstrap_interval_is_the_spec_percentile_interval():
    records = _bootstrap_records()
    report = report_json(records, bootstrap=300)
    expected, _ = _bootstrap_oracle(records, 300)
    assert report["overall"]["krippendorff_alpha_ci95"] == pytest.approx(expected, rel=1e-9)
    low, high = report["overall"]["krippendorff_alpha_ci95"]
    assert low <= report["overall"]["krippendorff_alpha"] <= high
    assert report_json(records, bootstrap=300) == report  # the seed is fixed


@pytest.mark.filterwarnings("ignore:invalid value:RuntimeWarning")
def test_bootstrap_counts_skipped_draws():
    records = [_bootstrap_records()[i] for i in (0, 2)]  # d1 twice-or-d3 twice: 2 of 4 draws
    report = report_json(records, bootstrap=200)
    expected, skipped = _bootstrap_oracle(records, 200)
    assert skipped > 0
    assert report["overall"]["krippendorff_alpha_ci95"] == pytest.approx(expected, rel=1e-9)
    assert (
        f"overall: {skipped} of 200 bootstrap draws had an undefined krippendorff_alpha"
        " and were left out of krippendorff_alpha_ci95" in report["notes"]
    )


def test_no_bootstrap():
    report = report_json(sham(), bootstrap=0)
    assert report["overall"]["krippendorff_alpha_ci95"] is None
    assert report["labels"]["Loaded"]["krippendorff_alpha_ci95"] is None
    assert any("krippendorff_alpha_ci95" in n and "0 draws" in n for n in report["notes"])
    with pytest.raises(ValueError):
        report_json(sham(), bootstrap=-1)


# ---------------------------------------------------------------- progress, errors, edges


def test_progress_reaches_the_total_and_can_cancel():
    calls = []
    report_json(_bootstrap_records(), bootstrap=50, progress=lambda d, t: calls.append((d, t)))
    assert calls and all(t == calls[0][1] for _, t in calls)
    done = [d for d, _ in calls]
    assert done == sorted(done) and done[-1] == calls[-1][1]

    def cancel(done, total):
        if done > 2:
            raise Cancelled

    with pytest.raises(Cancelled):
        report_json(_bootstrap_records(), bootstrap=50, progress=cancel)


def test_a_span_outside_its_text_is_refused():
    bad = [record("d1", spans=[("alice", 4, 99, "L")])]
    with pytest.raises(ValueError, match="d1"):
        report_json(bad)


def test_nothing_to_report():
    report = report_json([], bootstrap=10)
    assert (report["annotators"], report["documents"], report["tokens"]) == ([], 0, 0)
    assert report["pairs"] == [] and report["labels"] == {} and report["doc_labels"] == {}
    assert all(v is None for v in report["overall"].values())
    json.dumps(report, allow_nan=False)


def test_texts_without_tokens():
    records = [record("d1", text="", status={"alice": DONE, "bob": DONE}),
               record("d2", text="   ", status={"alice": DONE, "bob": DONE})]  # fmt: skip
    report = report_json(records, bootstrap=10)
    assert (report["documents"], report["tokens"]) == (2, 0)
    assert report["overall"]["krippendorff_alpha"] is None
    assert any("the document has no token" in n for n in report["notes"])
