"""Review dates: `check` warns about old ones, `review` lists them oldest first."""

from __future__ import annotations

import datetime as dt

from app.__main__ import main
from app.content.validate import load_guide
from app.review import review_dates, stale_before, stale_pages


def _set_reviewed(path, date: str) -> None:
    text = path.read_text(encoding="utf-8")
    start = text.index("reviewed: ")
    end = text.index("\n", start)
    path.write_text(text[:start] + f"reviewed: {date}" + text[end:], encoding="utf-8")


def test_twelve_months_back_is_the_same_day_a_year_earlier():
    assert stale_before(dt.date(2026, 12, 2)) == dt.date(2025, 12, 2)
    assert stale_before(dt.date(2028, 2, 29)) == dt.date(2027, 2, 28)


def test_check_warns_but_passes_for_a_page_reviewed_more_than_a_year_ago(bundled_copy, capsys):
    old = bundled_copy / "sv" / "bodelning.md"
    _set_reviewed(old, "2020-01-15")
    assert main(["check", "--content", str(bundled_copy)]) == 0
    out = capsys.readouterr().out
    assert f"warning: {old}: reviewed 2020-01-15, more than 12 months ago" in out
    assert out.count("more than 12 months ago") == 1


def test_a_page_reviewed_exactly_a_year_ago_is_not_yet_due(bundled_copy):
    page = bundled_copy / "en" / "bodelning.md"
    _set_reviewed(page, "2025-12-02")
    guide = load_guide(bundled_copy).guide
    assert [item.path for item in stale_pages(guide, dt.date(2026, 12, 2))] == []
    assert [item.path for item in stale_pages(guide, dt.date(2026, 12, 3))] == [str(page)]


def test_review_lists_pages_and_services_oldest_first(bundled_copy, capsys):
    _set_reviewed(bundled_copy / "sv" / "bodelning.md", "2020-01-15")
    assert main(["review", "--content", str(bundled_copy)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].endswith(f"2020-01-15  {bundled_copy / 'sv' / 'bodelning.md'}  (older than 12 months)")
    dates = [dt.date.fromisoformat(line.split()[2]) for line in lines]
    assert dates == sorted(dates)
    assert any(line.endswith("services/bris.yaml") for line in lines)
    guide = load_guide(bundled_copy).guide
    steps = sum(1 for tree in guide.trees.values() for step in tree.steps.values() if step.reviewed)
    assert len(lines) == steps + len(guide.services) == len(review_dates(guide))
