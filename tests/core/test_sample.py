"""The sample roadmap is complete, valid, never stale, and has something to coach."""

from __future__ import annotations

import datetime as dt

from roadmapper.core import interchange, okr, sample
from roadmapper.core.lint import lint
from roadmapper.model.enums import Column, Level


def test_sample_has_what_a_newcomer_should_see() -> None:
    today = dt.date(2031, 2, 3)  # any day: check-in dates follow it
    snapshot, refs = interchange.parse_document(sample.sample_document(today))
    levels = [o.level for o in snapshot.outcomes]
    assert levels.count(Level.BUSINESS) == 2 and levels.count(Level.PRODUCT) == 3
    with_tiers = [k for k in snapshot.key_results if k.tiers]
    assert len(with_tiers) >= 8
    assert all(snapshot.check_ins_by_key_result.get(k.id) for k in with_tiers)
    assert len(snapshot.initiatives) >= 15
    assert {i.column for i in snapshot.initiatives} == set(Column)
    for kr in snapshot.key_results:
        newest = okr.latest_check_in(snapshot.check_ins_by_key_result.get(kr.id, ()))
        if newest is not None:
            assert kr.current == newest.value
            assert (today - newest.date).days <= 30

    codes = {f.code for f in lint(snapshot, refs, today)}
    assert {
        "output-kr",
        "no-baseline",
        "unlinked-initiative",
        "no-hypothesis",
        "now-without-kr",
    } <= codes
    assert "stale-check-in" not in codes
