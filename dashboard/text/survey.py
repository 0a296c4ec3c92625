"""The survey benchmark in a few plain sentences, from :mod:`dashboard.kpis.survey`.

Pure: no ``dash``. The words live in ``dashboard/text/texts.toml`` (section ``[survey.narrative]``).
Counts of organisations and questions ("lägre än hos sex av sju") are words up to twelve, as
Swedish prose writes them; a rank is a figure ("plats 2 av 8"). The tertial narrative writes
its counts as digits (see :mod:`dashboard.text.grammar`).
"""

from __future__ import annotations

import pandas as pd

from dashboard.text import formatting as fmt
from dashboard.text import i18n
from dashboard.text.grammar import join
from dashboard.text.narrative import Sentence

SPELLED_UP_TO = 12


def _text(key: str, lang: str, **fields: object) -> str:
    """A sentence of the table with its fields; its first letter upper case (a count in
    words may start it)."""
    text = i18n.t(f"survey.narrative.{key}", lang, **fields)
    return text[:1].upper() + text[1:]


def _peers_key(key: str, peers: int) -> str:
    """``key``, or its ``key_one`` with a single peer organisation ("den jämförbara
    organisationen", never "samtliga en jämförbara organisationer")."""
    single = f"{key}_one"
    return single if peers == 1 and f"survey.narrative.{single}" in i18n.TEXTS else key


def count(n: int, lang: str) -> str:
    """A count as a word up to twelve ("ingen" / "none" for zero), else digits."""
    if n == 0:
        return i18n.t("survey.narrative.none", lang)
    if n <= SPELLED_UP_TO:
        return i18n.value("narrative.number_words", lang)[n]
    return fmt.number(n, lang=lang)


def survey_narrative(area_rows: pd.DataFrame, change_rows: pd.DataFrame | None,
                     hidden: int, min_answers: int, baseline: str | None,
                     lang: str = "sv") -> list[Sentence]:
    """The strongest and weakest areas, our place overall, the change against the baseline
    and how many questions are hidden; each sentence only when its figures exist."""
    rules = (_areas(area_rows, lang), _overall(area_rows, lang),
             _changes(change_rows, baseline, lang), _hidden(hidden, min_answers, lang))
    return [s for s in rules if s is not None]


def _ranked(area_rows: pd.DataFrame) -> pd.DataFrame:
    named = area_rows[area_rows["area"].notna() & area_rows["rank"].notna()]
    return named.assign(rank=named["rank"].astype(int)).sort_values(
        ["rank", "footing"], ascending=[True, False], kind="stable")


def _areas(area_rows: pd.DataFrame, lang: str) -> Sentence | None:
    """"Högst nöjdhet inom Service (plats 1 av 8); Svarstider bedöms lägre än hos sex av sju
    jämförbara organisationer." The strongest area has the best rank (then the highest value),
    the weakest the worst rank (then the lowest value)."""
    ranked = _ranked(area_rows)
    if len(ranked) < 2:
        return None
    strong, weak = ranked.iloc[0], ranked.iloc[-1]
    key = _peers_key("areas_none_above" if not weak["above"] else
                     "areas_all_above" if weak["above"] == weak["peers"] else "areas",
                     int(weak["peers"]))
    text = _text(key, lang, strong=strong["area"], rank=int(strong["rank"]),
                 of=int(strong["of"]), weak=weak["area"],
                 above=count(int(weak["above"]), lang), peers=count(int(weak["peers"]), lang))
    tone = "attention" if weak["above"] * 2 > weak["peers"] else "neutral"
    figures = {"strong": strong["area"], "strong_rank": int(strong["rank"]),
               "weak": weak["area"], "weak_above": int(weak["above"]),
               "peers": int(weak["peers"])}
    return Sentence(text, "survey_areas", figures, tone)


def _overall(area_rows: pd.DataFrame, lang: str) -> Sentence | None:
    total = area_rows[area_rows["area"].isna() & area_rows["rank"].notna()]
    if total.empty:
        return None
    row = total.iloc[0]
    rank, of = int(row["rank"]), int(row["of"])
    key = _peers_key("overall_lowest" if not row["below"] else
                     "overall_highest" if row["below"] == row["peers"] else "overall",
                     int(row["peers"]))
    text = _text(key, lang, rank=rank, of=of,
                 below=count(int(row["below"]), lang), peers=count(int(row["peers"]), lang))
    tone = "good" if rank * 2 <= of else "attention"
    return Sentence(text, "survey_overall", {"rank": rank, "of": of,
                                             "below": int(row["below"])}, tone)


def _changes(change_rows: pd.DataFrame | None, baseline: str | None,
             lang: str) -> Sentence | None:
    """"Jämfört med Hösten 2017: tre bättre, en sämre och åtta utan säker förändring (av tolv
    jämförbara frågor)." Only questions with a verdict count."""
    if change_rows is None or baseline is None:
        return None
    verdicts = change_rows["verdict"].dropna()
    if verdicts.empty:
        return None
    tally = {v: int((verdicts == v).sum()) for v in ("up", "down", "same")}
    parts = [i18n.t(f"survey.narrative.change_{v}", lang, n=count(n, lang))
             for v, n in tally.items()]
    key = "changes_one" if len(verdicts) == 1 else "changes"
    text = _text(key, lang, baseline=baseline, parts=join(parts, lang),
                 total=count(len(verdicts), lang))
    balance = tally["up"] - tally["down"]
    tone = "good" if balance > 0 else ("attention" if balance < 0 else "neutral")
    return Sentence(text, "survey_changes", {**tally, "baseline": baseline}, tone)


def _hidden(hidden: int, min_answers: int, lang: str) -> Sentence | None:
    if not hidden:
        return None
    key = "hidden_one" if hidden == 1 else "hidden"
    text = _text(key, lang, n=count(hidden, lang), min=fmt.number(min_answers, lang=lang))
    return Sentence(text, "survey_hidden", {"hidden": hidden, "min_answers": min_answers},
                    "neutral")
