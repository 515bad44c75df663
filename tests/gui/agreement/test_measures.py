"""Each measure the view shows reads the report's field named by its key."""

from __future__ import annotations

from dataclasses import fields, replace

from annotator.core.agreement.results import Measures, PairMeasures
from annotator.gui.agreement.measures import LABEL_CHART, OVERALL, PAIR


def test_each_measure_is_a_field_of_the_block_it_reads():
    assert {m.key for m in OVERALL + LABEL_CHART} <= {f.name for f in fields(Measures)}
    assert {m.key for m in PAIR} <= {f.name for f in fields(PairMeasures)}


def test_a_measure_reads_its_own_value_and_no_other():
    def block(cls):
        names = [f.name for f in fields(cls)]
        return cls(**{n: None for n in names})

    for cls, measures in ((Measures, OVERALL), (PairMeasures, PAIR)):
        empty = block(cls)
        for k, m in enumerate(measures):
            one = replace(empty, **{m.key: 0.5 + k / 100})
            assert [x.value(one) for x in measures] == [
                0.5 + k / 100 if x is m else None for x in measures]
