"""Översikt: the headline figures of the four perspectives for one tertial.

A first, plain version on the foundation; the full overview (cards, charts, narrative,
filters) is built on top of it by the dashboard issue.
"""

from __future__ import annotations

import dash
from dash import html

from dashboard import formatting as fmt
from dashboard.cli_text import STATUS_WORDS
from dashboard.context import current
from dashboard.kpis import Selection, summary
from dashboard.periods import latest_period
from dashboard.status import thresholds_from

dash.register_page(__name__, path="/", name="Översikt", title="Tertial – Översikt")

TEXT = {
    "title": ("Tertialuppföljning", "Tertial follow-up"),
    "empty": ("Ingen data är importerad ännu.", "No data has been imported yet."),
    "ops": ("Verksamhet", "Operations"),
    "fin": ("Ekonomi", "Finance"),
    "staff": ("Medarbetare", "Staff"),
    "proc": ("Processer", "Processes"),
    "green_share": ("Andel gröna uppdrag", "Share of green assignments"),
    "new_gov": ("Nya regeringsuppdrag", "New government assignments"),
    "deviation": ("Prognosavvikelse", "Forecast deviation"),
    "consumption": ("Förbrukningsgrad", "Consumption"),
    "headcount": ("Anställda", "Employees"),
    "change": ("Förändring sedan förra tertialen", "Change since the previous tertial"),
    "temporary": ("varav tidsbegränsat anställda", "of which temporary"),
    "version": ("Dataversion", "Data version"),
}


def _t(key: str, lang: str) -> str:
    sv, en = TEXT[key]
    return sv if lang == "sv" else en


def _figure(label: str, value: str) -> html.Div:
    return html.Div([html.Dt(label), html.Dd(value)], className="figure")


def _card(title: str, status: str | None, figures: list[html.Div], lang: str) -> html.Section:
    word = STATUS_WORDS[status][0 if lang == "sv" else 1]
    return html.Section([html.H2(title), html.P(word, className=f"status {status or 'none'}"),
                         html.Dl(figures)], className="perspective")


def _cards(result: dict, lang: str) -> list[html.Section]:
    ops, fin, staff = result["operations"], result["finance"], result["staff"]
    share = (ops.get("status_share") or {}).get("green")
    cards = [
        _card(_t("ops", lang), ops.get("status"), [
            _figure(_t("green_share", lang), fmt.percent(share, lang=lang)),
            _figure(_t("new_gov", lang), fmt.number(ops["new_government_assignments"],
                                                    lang=lang))], lang),
        _card(_t("fin", lang), fin.get("status"), [
            _figure(_t("consumption", lang), fmt.percent(fin["consumption"], lang=lang)),
            _figure(_t("deviation", lang), fmt.percent(fin["forecast_deviation"], lang=lang))],
            lang),
        _card(_t("staff", lang), None, [
            _figure(_t("headcount", lang), fmt.number(staff["headcount"], lang=lang)),
            _figure(_t("change", lang), fmt.change(staff["headcount_change"], lang=lang)),
            _figure(_t("temporary", lang), fmt.change(staff["temporary_change"], lang=lang))],
            lang),
    ]
    rows = [_figure(p["kpi"], f"{fmt.with_unit(p['value'], p.get('unit_of_measure'), lang)}  "
                    f"{STATUS_WORDS[p.get('status')][0 if lang == 'sv' else 1]}")
            for p in result["processes"]]
    cards.append(_card(_t("proc", lang), None, rows, lang))
    return cards


def layout(period: str | None = None, lang: str = "sv", **_query: str) -> html.Main:
    lang = "en" if lang == "en" else "sv"
    context = current()
    snapshot = context.frames.current()
    latest = latest_period(snapshot.frames)
    if latest is None:
        return html.Main([html.H1(_t("title", lang)), html.P(_t("empty", lang))])
    result = summary(snapshot.frames, Selection(period or latest.label),
                     thresholds_from(context.settings))
    return html.Main([
        html.H1(f"{_t('title', lang)} {result['period']}"),
        html.Div(_cards(result, lang), className="perspectives"),
        html.P(f"{_t('version', lang)} {snapshot.version}", className="freshness"),
    ], lang=lang)
