"""Every property test runs without wall-clock limits: under load (-n 4, both cores
busy) an example taking longer than Hypothesis's default 200 ms deadline, or data drawn
slowly, failed tests that check no speed."""

from __future__ import annotations

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st


def test_no_deadline_and_no_too_slow_check_by_default():
    assert settings.default.deadline is None
    assert HealthCheck.too_slow in settings.default.suppress_health_check


@settings(max_examples=2)
@given(st.integers())
def test_a_slow_example_is_not_a_failure(n):
    time.sleep(0.25)  # as one example of a property test on a machine that is busy
    assert isinstance(n, int)
