"""``tertial round`` and ``tertial summary --adopted``: the follow-up cycle from the command
line, as finance and the administrator use it, in words and exit codes."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

import cli
from loaders.followup.cycle import FollowUp
from loaders.followup.rules import Assessment
from loaders.records.audit import AuditLog
from loaders.settings import load_settings
from loaders.store.store import Store
from tests.loaders.followup.agency import ANALYS, HEAD_ANALYS, HEAD_IT, IT, T2, load

DUE = dt.date(2018, 10, 31)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def store(data_dir: Path):
    made = Store(load_settings({"data_dir": data_dir}).resolved_database_url)
    load(made)
    yield made
    made.close()


@pytest.fixture
def tertial(capsys, data_dir, store):
    def run(*argv: str) -> tuple[int, str]:
        code = cli.main(["--data-dir", str(data_dir), *argv])
        out, err = capsys.readouterr()
        assert "Traceback" not in out + err
        return code, out + err
    return run


def test_finance_opens_follows_and_the_administrator_adopts(tertial, store: Store):
    assert tertial("round", "list") == (0, "Det finns inga uppföljningsomgångar ännu (tertial "
                                           "round open TERTIAL --last-day DATUM).\n")
    assert tertial("round", "open", "T2 2018", "--last-day", "2018-09-21") == (
        0, "Uppföljningsomgången för 2018-T2 är öppnad; sista dag för avdelningarna "
           "2018-09-21.\n")
    code, out = tertial("round", "status", "2018-T2", "--today", "2018-09-24")
    assert code == 0
    assert out.splitlines() == [
        "Uppföljning 2018-T2: öppen, sista dag 2018-09-21 (3 dagar sedan). Klara: 0 av 2 "
        "avdelningar.",
        "  Analysavdelningen: inte klar, 2 uppdrag; saknar motivering eller åtgärd: A-1 – "
        "SEN: sista dagen har passerat",
        "  IT-avdelningen: inte klar, 2 uppdrag; saknar motivering eller åtgärd: I-2 – SEN: "
        "sista dagen har passerat"]

    code, out = tertial("--lang", "en", "round", "adopt", "2018-T2")
    assert code == 1
    assert out == ("Not every department is marked ready (Analysavdelningen, IT-avdelningen). "
                   "Adopt only by naming exactly those departments.\n")
    cycle = FollowUp(store)
    cycle.assess(T2, "A-1", Assessment("red", "Sen.", "Ny plan", "Anna", DUE), HEAD_ANALYS, 0)
    cycle.set_ready(T2, ANALYS, True, HEAD_ANALYS)
    code, out = tertial("round", "adopt", "2018-T2", "--not-ready", IT, "--user", "Greta")
    assert code == 0 and out.startswith("Uppföljningen för 2018-T2 är fastställd: version 1, ")
    assert out.rstrip().endswith(", av Greta.")
    events = AuditLog(store).events()
    assert (events[0].user, events[0].action) == ("Greta", "adopt")
    assert events[0].detail == "2018-T2 version 1 (ej klara: IT-avdelningen)"


def test_summary_adopted_prints_the_adopted_figures_whatever_comes_after(tertial, store):
    tertial("round", "open", "2018-T2", "--last-day", "2018-09-21")
    cycle = FollowUp(store)
    cycle.assess(T2, "A-1", Assessment("green", "Ikapp."), HEAD_ANALYS, 0)
    cycle.set_ready(T2, ANALYS, True, HEAD_ANALYS)
    cycle.assess(T2, "I-2", Assessment("red", "Sen.", "Plan", "Ivar", DUE), HEAD_IT, 0)
    cycle.set_ready(T2, IT, True, HEAD_IT)
    assert tertial("round", "adopt", "2018-T2")[0] == 0
    code, out = tertial("summary", "--period", "2018-T2", "--adopted", "--json")
    adopted = json.loads(out)
    assert code == 0 and adopted["operations"]["status_share"] == {
        "green": 0.5, "yellow": 0.25, "red": 0.25}  # A-1 green in the app, not red as filed
    assert adopted["adoption"]["version"] == 1

    load(store, "ny-fil", T2)  # the same file again under another name: a new import
    cycle.open_correction(T2, "A-1 är röd igen.", HEAD_ANALYS.__class__("gd", "director"))
    cycle.set_ready(T2, ANALYS, False, HEAD_ANALYS)
    cycle.assess(T2, "A-1", Assessment("red", "Sen igen.", "Plan", "Anna", DUE), HEAD_ANALYS, 1)
    now = json.loads(tertial("summary", "--period", "2018-T2", "--json")[1])
    assert now["operations"]["status_share"]["red"] == 0.5  # today's data
    again = json.loads(tertial("summary", "--period", "2018-T2", "--adopted", "--json")[1])
    assert again == adopted  # the adopted figures did not move

    code, out = tertial("summary", "--period", "2018-T2", "--adopted")
    assert code == 0 and out.splitlines()[-1].startswith("Fastställd ")
    assert out.splitlines()[-1].endswith(" (version 1).")


def test_usage_and_refusals_are_words_and_exit_codes(tertial, capsys, data_dir):
    assert tertial("summary", "--period", "2018-T2", "--adopted") == (
        1, "Uppföljningen för 2018-T2 är inte fastställd.\n")
    assert tertial("--lang", "en", "round", "close", "2018-T2") == (
        1, "There is no follow-up round for 2018-T2.\n")
    assert tertial("round", "open", "2018-T2", "--last-day", "2018-08-01")[0] == 1
    with pytest.raises(SystemExit) as usage:
        cli.main(["--data-dir", str(data_dir), "round", "open", "hösten"])
    assert usage.value.code == 2
    assert "väntade ett tertial som 2018-T2" in capsys.readouterr().err
    with pytest.raises(SystemExit) as usage:
        cli.main(["--data-dir", str(data_dir), "round", "open", "2018-T2", "--last-day", "21/9"])
    assert usage.value.code == 2
