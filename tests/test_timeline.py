"""Schedule periods laid over the twelve months of the plan year."""

from datetime import date

from pipelines.timeline import Span, timeline


def test_a_whole_month_is_shaded_full_and_nothing_else():
    line = timeline([Span(date(2026, 7, 1), date(2026, 7, 31), "2026-07")], 2026)
    assert line.months == [""] * 6 + ["full"] + [""] * 5
    assert line.month_labels[6] == ["2026-07"]
    assert not line.before and not line.after


def test_a_window_shades_every_month_it_covers():
    line = timeline([Span(date(2026, 8, 1), date(2026, 11, 30), "2026-08/2026-11")], 2026)
    assert line.months == [""] * 7 + ["full"] * 4 + [""]


def test_some_days_of_a_month_are_a_part():
    line = timeline([Span(date(2026, 4, 1), date(2026, 4, 7), "2026-04-01/2026-04-07")], 2026)
    assert line.months[3] == "part"
    assert line.months.count("") == 11


def test_a_full_period_wins_over_a_part_in_the_same_month():
    spans = [Span(date(2026, 5, 8), date(2026, 5, 14), "week"), Span(date(2026, 5, 1), date(2026, 5, 31), "2026-05")]
    assert timeline(spans, 2026).months[4] == "full"
    assert timeline(list(reversed(spans)), 2026).months[4] == "full"


def test_periods_outside_the_plan_year_are_noted_not_shaded():
    spans = [Span(date(2025, 12, 1), date(2025, 12, 31), "2025-12"),
             Span(date(2027, 1, 1), date(2027, 1, 7), "2027-01-01/2027-01-07")]
    line = timeline(spans, 2026)
    assert line.months == [""] * 12
    assert line.before == ["2025-12"] and line.after == ["2027-01-01/2027-01-07"]
    assert not line.empty


def test_a_window_across_new_year_shades_its_part_and_notes_the_rest():
    line = timeline([Span(date(2026, 11, 1), date(2027, 2, 28), "2026-11/2027-02")], 2026)
    assert line.months[10:] == ["full", "full"] and line.after == ["2026-11/2027-02"]


def test_no_periods_is_empty():
    assert timeline([], 2026).empty
