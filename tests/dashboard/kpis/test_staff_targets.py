"""Sick leave and turnover against the targets a Nyckeltal row sets for them."""

from __future__ import annotations

import pytest

from dashboard.kpis import Selection, staff
from dashboard.kpis.staff_targets import rate_targets
from tests.frames import make_frame, rows

NOW = "2018-T2"
S_KEYS = "unit permanent temporary fte sick_leave turnover"


def frames_with(settings: list[dict]) -> dict:
    return {
        "units": make_frame("units", [{"unit": "Enhet A", "department": "Avd"}]),
        "staff": make_frame("staff", rows(S_KEYS, NOW, ("Enhet A", 40, 5, 44.0, 0.049, 0.05))),
        "kpi_settings": make_frame("kpi_settings", settings),
    }


def test_targets_are_read_in_percent_by_the_sheets_own_names_and_lower_is_better():
    targets = rate_targets(frames_with([
        {"kpi": " SJUKFRÅNVARO ", "perspective": "staff", "target": 4.5},
        {"kpi": "Staff turnover", "target": 6.0, "yellow_tolerance": 0.2},  # perspective blank
    ]))
    assert targets == {
        "sick_leave": {"target": 0.045, "direction": "lower", "tolerance": None},
        "turnover": {"target": 0.06, "direction": "lower", "tolerance": 0.2},
    }


def test_rows_of_another_perspective_without_a_target_or_later_ones_are_not_targets():
    targets = rate_targets(frames_with([
        {"kpi": "Sjukfrånvaro", "perspective": "processes", "target": 1.0},  # a process KPI
        {"kpi": "Sick leave", "perspective": "staff"},                       # no target
        {"kpi": "Sick leave", "perspective": "staff", "target": 5.0, "direction": "higher"},
        {"kpi": "Sjukfrånvaro", "perspective": "staff", "target": 9.0},      # the first counts
        {"kpi": "Handläggningstid", "perspective": "staff", "target": 9.0},  # not a rate
    ]))
    assert targets == {"sick_leave": {"target": 0.05, "direction": "higher", "tolerance": None}}


@pytest.mark.parametrize("target, status", [
    (4.9, "green"),   # at the target
    (4.5, "yellow"),  # 4,9 % is within 10 % over 4,5 %
    (4.4, "red"),     # 4,4 * 1,1 = 4,84 < 4,9
])
def test_the_status_follows_the_key_figure_rule(target, status):
    figures = staff(frames_with([{"kpi": "Sjukfrånvaro", "perspective": "staff",
                                  "target": target}]), Selection(NOW))
    assert figures["sick_leave"] == pytest.approx(0.049)
    assert figures["sick_leave_status"] == status
    assert figures["turnover_target"] is None and figures["turnover_status"] is None


def test_no_settings_no_targets():
    figures = staff(frames_with([]), Selection(NOW))
    assert [figures[f"{r}_{k}"] for r in ("sick_leave", "turnover")
            for k in ("target", "direction", "status")] == [None] * 6
