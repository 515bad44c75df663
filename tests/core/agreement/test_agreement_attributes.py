"""Agreement on attributes and document labels: ordinal alpha against ``krippendorff``,
which values make a scale, the units, and hand-computed cases."""

from __future__ import annotations

import krippendorff
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.agreement import Undefined, build_report, nominal_alpha, ordinal_alpha
from annotator.core.agreement.attributes import DOCUMENT, NOMINAL, ORDINAL, SPAN, Scheme
from annotator.core.model import (
    Attribute,
    Codebook,
    DocLabel,
    DocLabelScheme,
    Document,
    Label,
    Span,
)
from annotator.core.records import DocumentRecord

TEXT = "The sham election was held in a landslide, officials said."
POLARITY = ("negative", "neutral", "positive")
CODEBOOK = Codebook(
    labels=(Label("WC"), Label("LL"), Label("ATT")),
    attributes=(Attribute("polarity", POLARITY, ("WC", "LL")),
                Attribute("quote", ("yes", "no")), Attribute("speaker")),
    doc_labels=(DocLabelScheme("frame", ("Economic", "Political", "Legal")),
                DocLabelScheme("tone", POLARITY)),
)


@settings(max_examples=200, deadline=None)
@given(st.integers(2, 6), st.integers(2, 5), st.integers(1, 25), st.integers(0, 2**32 - 1))
def test_ordinal_alpha_is_krippendorffs(levels, raters, units, seed):
    rng = np.random.default_rng(seed)
    ranks = rng.integers(0, levels, (units, raters))
    ranks[rng.random((units, raters)) < 0.3] = -1
    data = np.where(ranks < 0, np.nan, ranks).T.astype(float)
    try:
        ours = ordinal_alpha(ranks, levels)
    except Undefined:
        ours = None
    with np.errstate(divide="ignore", invalid="ignore"):
        try:
            theirs = krippendorff.alpha(reliability_data=data, level_of_measurement="ordinal",
                                        value_domain=list(range(levels)))
        except ValueError:  # "There has to be more than one value in the domain."
            theirs = np.nan
    if ours is None:
        assert theirs is None or np.isnan(theirs)
    else:
        assert ours == pytest.approx(theirs, abs=1e-12)


@pytest.mark.parametrize(("values", "level", "scale"), [
    (POLARITY, ORDINAL, POLARITY),
    (("very negative", "negative", "Neutral", "positive", "very positive"), ORDINAL, None),
    (("strongly disagree", "disagree", "neutral", "agree", "strongly agree"), ORDINAL, None),
    (("1", "2", "3", "4", "5"), ORDINAL, None),
    (("10", "2", "3"), ORDINAL, ("2", "3", "10")),  # numbers rank by value
    (("yes", "no"), NOMINAL, None),  # two values: ordinal and nominal alpha agree
    (("Economic", "Political", "Legal"), NOMINAL, None),
    (("positive", "negative", "neutral"), NOMINAL, None),  # 'neutral' not in the middle
    (None, NOMINAL, None),  # free text
])  # fmt: skip
def test_which_values_make_a_scale(values, level, scale):
    scheme = Scheme("x", SPAN, values)
    assert scheme.level == level
    if scale is not None:
        assert scheme.scale == scale


def _span(who, start, end, label, **attributes):
    return Span(who, start, end, label, attributes)


def records():
    # "sham election" (4-17) WC: all three; "landslide" (32-41) LL: alice and bob;
    # "officials said" (43-57) ATT: alice and carol; "held" (22-26) WC: alice alone
    return [DocumentRecord(Document("d1", TEXT), (
        _span("alice", 4, 17, "WC", polarity="negative", speaker="Putin"),
        _span("bob", 4, 17, "WC", polarity="negative", speaker=" putin "),
        _span("carol", 4, 17, "WC", polarity="neutral", speaker="Kremlin"),
        _span("alice", 32, 41, "LL", polarity="positive"),
        _span("bob", 32, 41, "LL", polarity="neutral"),
        _span("alice", 43, 57, "ATT", polarity="negative", quote="yes"),
        _span("carol", 43, 57, "ATT", quote="no"),
        _span("alice", 22, 26, "WC", polarity="positive"),
    ), doc_labels=(DocLabel("alice", "frame", "Political"), DocLabel("bob", "frame", "Political"),
                   DocLabel("carol", "frame", "Legal"), DocLabel("alice", "tone", "negative"),
                   DocLabel("bob", "tone", "neutral"), DocLabel("carol", "tone", "negative"))),
        DocumentRecord(Document("d2", TEXT), (), doc_labels=(
            DocLabel("alice", "tone", "positive"), DocLabel("bob", "tone", "positive"),
            DocLabel("alice", "frame", "Economic"), DocLabel("carol", "frame", "Economic"),
            DocLabel("carol", "tone", "up"))),  # 'up' is not on the scale
    ]


def test_span_attributes_over_spans_marked_alike():
    report = build_report(records(), bootstrap=0, codebook=CODEBOOK)
    a = report.attributes
    assert list(a) == ["polarity", "quote", "speaker", "frame", "tone"]
    # polarity: WC "sham election" (neg, neg, neu), LL "landslide" (pos, neu); ATT does not
    # carry it (the codebook), "held" is alice's alone
    ranks = np.array([[0, 0, 1], [2, 1, -1]])
    expect = krippendorff.alpha(reliability_data=np.where(ranks < 0, np.nan, ranks).T,
                                level_of_measurement="ordinal", value_domain=[0, 1, 2])
    assert (a["polarity"].level, a["polarity"].unit, a["polarity"].units) == (ORDINAL, SPAN, 2)
    assert a["polarity"].krippendorff_alpha == pytest.approx(expect, abs=1e-12)
    # observed agreement: unit 1 has 2 agreeing ordered pairs of 6, weight 1/2; unit 2 none
    assert a["polarity"].observed_agreement == pytest.approx((2 / 2) / 5)
    # speaker: free text, compared after case and space: Putin = putin ≠ Kremlin
    assert a["speaker"].level == NOMINAL and a["speaker"].units == 1
    assert a["speaker"].krippendorff_alpha == pytest.approx(
        nominal_alpha([["putin", "putin", "kremlin"]]))
    # quote: one unit (ATT), yes against no: alpha defined, 0 agreement
    assert a["quote"].units == 1 and a["quote"].observed_agreement == 0


def test_document_labels_at_their_level():
    report = build_report(records(), bootstrap=0, codebook=CODEBOOK)
    tone, frame = report.attributes["tone"], report.attributes["frame"]
    assert (tone.level, tone.unit, frame.level, frame.unit) == (ORDINAL, DOCUMENT, NOMINAL,
                                                                DOCUMENT)
    assert frame.krippendorff_alpha == report.doc_labels["frame"].krippendorff_alpha
    assert frame.units == report.doc_labels["frame"].units == 2
    # tone, ranks: d1 (neg, neu, neg), d2 (pos, pos, 'up' left out)
    data = np.array([[0, 1, 0], [2, 2, np.nan]]).T
    expect = krippendorff.alpha(reliability_data=data, level_of_measurement="ordinal",
                                value_domain=[0, 1, 2])
    assert tone.krippendorff_alpha == pytest.approx(expect, abs=1e-12)
    assert any(n == "attributes[tone]: 1 values not on its scale, or several from one "
                    "annotator, were left out" for n in report.notes)


def test_filters_and_names_shared_by_an_attribute_and_a_document_label():
    codebook = Codebook(labels=CODEBOOK.labels, attributes=(Attribute("tone", POLARITY),),
                        doc_labels=(DocLabelScheme("tone", POLARITY),))
    report = build_report(records(), bootstrap=0, codebook=codebook, labels=["LL"],
                          annotators=["alice", "bob"])
    assert list(report.attributes) == ["tone", "polarity", "quote", "speaker",
                                       "tone (document)", "frame"]
    # only LL spans and alice and bob: the attributes the codebook lacks are free text
    assert report.attributes["polarity"].level == NOMINAL
    assert report.attributes["polarity"].units == 1
    assert report.attributes["tone"].units == 0 and report.attributes["tone"].krippendorff_alpha \
        is None
    assert any(n.startswith("attributes[tone]: krippendorff_alpha, observed_agreement are "
                            "null") for n in report.notes)
    assert report.attributes["tone (document)"].units == 2


def test_without_a_codebook_every_attribute_in_the_data_is_nominal():
    report = build_report(records(), bootstrap=0)
    assert [(k, v.level, v.unit) for k, v in report.attributes.items()] == [
        ("polarity", NOMINAL, SPAN), ("quote", NOMINAL, SPAN), ("speaker", NOMINAL, SPAN),
        ("frame", NOMINAL, DOCUMENT), ("tone", NOMINAL, DOCUMENT)]
