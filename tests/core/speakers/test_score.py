"""Our DER scorer on cases worked out by hand, and RTTM files."""

from __future__ import annotations

from pathlib import Path

import pytest

from stenodesk.core.speakers import Turn, read_rttm, score, write_rttm

REF = [Turn(0.0, 10.0, 0), Turn(10.0, 20.0, 1)]


def test_a_perfect_hypothesis_scores_zero_whatever_its_labels() -> None:
    swapped = [Turn(0.0, 10.0, 7), Turn(10.0, 20.0, 3)]
    assert score(REF, swapped, collar=0.0).der == 0.0


def test_missed_false_alarm_and_confusion_by_hand() -> None:
    hyp = [Turn(0.0, 5.0, 0), Turn(5.0, 10.0, 1), Turn(10.0, 22.0, 1)]
    result = score(REF, hyp, collar=0.0)
    # 0-5 right (A->0), 5-10 confused (B took 1), 10-20 right, 20-22 false alarm.
    assert result.reference == pytest.approx(20.0)
    assert result.missed == pytest.approx(0.0)
    assert result.confusion == pytest.approx(5.0)
    assert result.false_alarm == pytest.approx(2.0)
    assert result.der == pytest.approx(7.0 / 20.0)


def test_overlapping_speech_is_scored() -> None:
    ref = [Turn(0.0, 10.0, 0), Turn(5.0, 10.0, 1)]
    result = score(ref, [Turn(0.0, 10.0, 0)], collar=0.0)
    assert result.reference == pytest.approx(15.0)
    assert result.missed == pytest.approx(5.0)


def test_the_collar_forgives_boundaries_only() -> None:
    late = [Turn(0.2, 10.0, 0), Turn(10.0, 20.0, 1)]
    assert score(REF, late, collar=0.25).der == 0.0
    assert score(REF, late, collar=0.0).der == pytest.approx(0.2 / 20.0)


def test_rttm_round_trip(tmp_path: Path) -> None:
    write_rttm(tmp_path / "a.rttm", REF, "talk")
    assert read_rttm(tmp_path / "a.rttm") == REF
