"""The ``tertial`` command line as a person uses it: exit codes, what it prints, what it stores.

Most tests call :func:`cli.main` in-process; a few run the installed console script as a real
subprocess. Every test has its own data folder, hence its own SQLite file.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import cli
from loaders.ingest.workbook import load_file
from loaders.settings import load_settings
from loaders.store.store import Store
from tests.builders import full_workbook, write_xlsx
from tests.servers import clean_environment

ROOT = Path(__file__).resolve().parents[2]
SUBCOMMANDS = ("import", "history", "rollback", "template", "demo", "summary")


# --- helpers ---------------------------------------------------------------------------------

@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def tertial(capsys, data_dir):
    """Run ``tertial --data-dir DATA ARGS...`` in-process: (exit code, stdout + stderr)."""

    def run(*argv: str) -> tuple[int, str]:
        code = cli.main(["--data-dir", str(data_dir), *argv])
        out, err = capsys.readouterr()
        text = out + err
        assert "Traceback" not in text
        return code, text

    return run


def store_for(data_dir: Path) -> Store:
    """A Store on the very database the CLI uses for ``--data-dir data_dir``."""
    return Store(load_settings({"data_dir": data_dir}).resolved_database_url)


def stored_state(data_dir: Path) -> tuple[int, list[tuple[int, str]]]:
    """(data version, [(import id, file name)]) as the store sees them."""
    store = store_for(data_dir)
    try:
        return store.data_version(), [(r.id, r.file_name) for r in store.history()]
    finally:
        store.close()


def summary_json(tertial, *argv: str) -> dict:
    code, text = tertial("summary", "--json", *argv)
    assert code == 0, text
    return json.loads(text)


def broken_workbook() -> dict:
    """Three errors on the Uppdrag sheet: a blank name, a bad status, an unknown unit."""
    book = full_workbook()
    book["Uppdrag"][1][1] = None  # Namn of U-1: Uppdrag!B2
    book["Uppdrag"][2][10] = "Lila"  # Status of RU-7: Uppdrag!K3
    book["Uppdrag"][3][5] = "Okända enheten"  # Enhet of U-2: Uppdrag!F4
    return book


def second_tertial_version() -> dict:
    """The same tertial (2018-T2) reported again: U-1 turned red, Ekonomienheten grew by 3."""
    book = full_workbook()
    book["Uppdrag"][1][10] = "Röd"
    book["Uppdrag"][1][11] = "Leverantören har gått i konkurs"
    book["Medarbetare"][1][2] = 15
    return book


def without_period_column() -> dict:
    """Enheter and an Uppdrag sheet that has no Period column (column J removed)."""
    book = full_workbook()
    return {"Enheter": book["Enheter"],
            "Uppdrag": [row[:9] + row[10:] for row in book["Uppdrag"]]}


def workbook_for(period: str) -> dict:
    """The full workbook with every Period cell set to ``period``."""
    book = full_workbook()
    for rows in book.values():
        if "Period" in rows[0]:
            column = rows[0].index("Period")
            for row in rows[1:]:
                row[column] = period
    return book


@pytest.fixture
def valid_file(tmp_path: Path) -> Path:
    return write_xlsx(tmp_path / "uppfoljning_T2.xlsx", full_workbook())


# --- import ----------------------------------------------------------------------------------

def test_import_stores_the_workbook_and_history_lists_it(tertial, data_dir, valid_file):
    code, text = tertial("import", str(valid_file))
    assert code == 0
    assert "Sparad som import 1" in text

    code, text = tertial("history")
    assert code == 0
    assert "uppfoljning_T2.xlsx" in text
    assert "2018-T2" in text
    assert stored_state(data_dir)[1] == [(1, "uppfoljning_T2.xlsx")]


def test_import_in_english_says_stored(tertial, valid_file):
    code, text = tertial("--lang", "en", "import", str(valid_file), "--user", "anna")
    assert code == 0
    assert "Stored as import 1 by anna" in text


def test_dry_run_shows_the_plan_and_stores_nothing(tertial, data_dir, valid_file, tmp_path):
    code, text = tertial("import", str(valid_file), "--dry-run")
    assert code == 0
    assert "Provkörning: inget sparades." in text
    assert "Uppdrag 2018-T2: 0 → 3 rader (+3 −0, 0 ändrade)" in text
    assert "  Enheter: 0 → 3 rader" in text
    assert stored_state(data_dir) == (0, [])
    code, text = tertial("history")
    assert "Inga importer ännu." in text

    tertial("import", str(valid_file))
    version = stored_state(data_dir)[0]
    second = write_xlsx(tmp_path / "andra.xlsx", second_tertial_version())
    code, text = tertial("import", str(second), "--dry-run")
    assert code == 0
    assert "1 ändrade" in text and "ersätter import 1" in text
    assert stored_state(data_dir) == (version, [(1, "uppfoljning_T2.xlsx")])


@pytest.mark.parametrize("lang, words", [
    ("sv", ("FEL Uppdrag!B2:", "FEL Uppdrag!K3:", "FEL Uppdrag!F4:", "Fel: 3.",
            "Inget sparades.")),
    ("en", ("ERROR Uppdrag!B2:", "ERROR Uppdrag!K3:", "ERROR Uppdrag!F4:", "Errors: 3.",
            "Nothing was stored.")),
])
def test_a_broken_workbook_is_refused_with_every_issue_located(tertial, data_dir, tmp_path,
                                                               lang, words):
    path = write_xlsx(tmp_path / "trasig.xlsx", broken_workbook())
    code, text = tertial("--lang", lang, "import", str(path))
    assert code == 1
    for word in words:
        assert word in text
    assert "Lila" in text and "Okända enheten" in text
    assert stored_state(data_dir) == (0, [])


def test_issue_messages_follow_the_language(tertial, tmp_path):
    path = write_xlsx(tmp_path / "trasig.xlsx", broken_workbook())
    _, swedish = tertial("import", str(path))
    _, english = tertial("--lang", "en", "import", str(path))
    assert "Förväntat" in swedish and "Expected" not in swedish
    assert "Expected" in english and "Förväntat" not in english


def test_a_pdf_named_xlsx_is_refused_with_a_reason(tertial, data_dir, tmp_path):
    path = tmp_path / "rapport.xlsx"
    path.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
    code, text = tertial("import", str(path))
    assert code == 1
    assert "Filen avvisades" in text and "PDF" in text and "Inget sparades." in text
    code, text = tertial("--lang", "en", "import", str(path))
    assert code == 1
    assert "The file was refused" in text and "PDF" in text
    assert stored_state(data_dir) == (0, [])


def test_a_missing_file_is_refused(tertial, tmp_path):
    missing = tmp_path / "finns_inte.xlsx"
    code, text = tertial("import", str(missing))
    assert code == 1
    assert f"Filen {missing} finns inte." in text
    code, text = tertial("--lang", "en", "import", str(missing))
    assert code == 1
    assert "does not exist" in text


def test_reimporting_the_identical_file_stores_nothing_new(tertial, data_dir, valid_file):
    assert tertial("import", str(valid_file))[0] == 0
    version = stored_state(data_dir)[0]
    code, text = tertial("import", str(valid_file))
    assert code == 0
    assert "Filen är redan importerad (import 1); inget sparades." in text
    assert stored_state(data_dir) == (version, [(1, "uppfoljning_T2.xlsx")])


def test_reimporting_a_partly_superseded_file_that_changes_nothing_stores_nothing(
        tertial, data_dir, tmp_path):
    """T2's Enheter supersedes T1's (the same units): T1 again would change no data."""
    first = write_xlsx(tmp_path / "t1.xlsx", workbook_for("2018-T1"))
    second = write_xlsx(tmp_path / "t2.xlsx", workbook_for("2018-T2"))
    assert tertial("import", str(first))[0] == 0
    assert tertial("import", str(second))[0] == 0
    code, text = tertial("import", str(first))
    assert code == 0
    assert "Filen är redan importerad (import 1)" in text
    assert [i for i, _ in stored_state(data_dir)[1]] == [2, 1]


def test_a_second_import_supersedes_and_rollback_restores_the_first(tertial, data_dir,
                                                                     valid_file, tmp_path):
    tertial("import", str(valid_file))
    first = summary_json(tertial)
    assert first["operations"]["status_counts"]["red"] == 0
    assert first["staff"]["headcount"] == 23

    second = write_xlsx(tmp_path / "andra.xlsx", second_tertial_version())
    code, text = tertial("import", str(second))
    assert code == 0 and "Sparad som import 2" in text
    after = summary_json(tertial)
    assert after["operations"]["status_counts"]["red"] == 1
    assert after["operations"]["status_share"]["red"] == 0.5
    assert after["staff"]["headcount"] == 26
    _, history = tertial("history")
    assert "ersatt" in history

    code, text = tertial("rollback", "2", "--user", "anna")
    assert code == 0
    assert "Import 2 (andra.xlsx) är återställd." in text
    assert summary_json(tertial) == first
    _, history = tertial("history")
    assert "återställd" in history

    code, text = tertial("rollback", "2")
    assert code == 1 and "redan" in text


@pytest.mark.parametrize("lang, message", [("sv", "Import 99 finns inte."),
                                           ("en", "Import 99 does not exist.")])
def test_rollback_of_an_unknown_import_is_refused(tertial, lang, message):
    code, text = tertial("--lang", lang, "rollback", "99")
    assert code == 1
    assert message in text


@pytest.mark.parametrize("import_id", [str(2**31), str(2**70), str(-(2**70)), "0"])
@pytest.mark.parametrize("lang, message", [("sv", "Ogiltigt import-id"),
                                           ("en", "Invalid import id")])
def test_rollback_of_an_id_no_import_can_have_is_refused(tertial, lang, message, import_id):
    code, text = tertial("--lang", lang, "rollback", import_id)
    assert code == 1
    assert message in text


def test_period_option_fills_a_sheet_without_period_column(tertial, data_dir, tmp_path):
    path = write_xlsx(tmp_path / "uppdrag.xlsx", without_period_column())
    code, text = tertial("import", str(path))
    assert code == 1
    assert "Inget sparades." in text
    assert stored_state(data_dir)[1] == []

    code, text = tertial("import", str(path), "--period", "T2 2018")
    assert code == 0, text
    result = summary_json(tertial)
    assert result["period"] == "2018-T2"
    assert result["operations"]["assignments"] == 3


@pytest.mark.parametrize("period", ["2018-T9", "förra tertialen"])
def test_a_bad_period_option_is_refused(tertial, data_dir, tmp_path, period):
    path = write_xlsx(tmp_path / "uppdrag.xlsx", without_period_column())
    code, text = tertial("import", str(path), "--period", period)
    assert code == 1
    assert period in text and "2018-T2" in text
    code, text = tertial("--lang", "en", "import", str(path), "--period", period)
    assert code == 1
    assert "is not recognised" in text
    assert stored_state(data_dir) == (0, [])


def test_a_csv_file_names_its_sheet_and_period_on_the_command_line(tertial, tmp_path):
    units = tmp_path / "enheter.csv"
    units.write_text("Enhet;Avdelning\nEkonomienheten;Verksamhetsstöd\n", encoding="utf-8")
    staff = tmp_path / "export.csv"
    staff.write_text("Enhet;Tillsvidare;Tidsbegränsade\nEkonomienheten;12;3\n",
                     encoding="utf-8")
    assert tertial("import", str(units), "--sheet", "Enheter")[0] == 0
    code, text = tertial("import", str(staff), "--sheet", "Medarbetare", "--period", "2018-T2")
    assert code == 0, text
    assert summary_json(tertial)["staff"]["headcount"] == 15


def test_an_unknown_sheet_option_is_refused_naming_it(tertial, data_dir, tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("Enhet;Avdelning\nEkonomienheten;Verksamhetsstöd\n", encoding="utf-8")
    code, text = tertial("--lang", "en", "import", str(path), "--sheet", "Budgetar")
    assert code == 1
    assert "'Budgetar' is not recognised" in text and "Uppdrag" in text
    assert stored_state(data_dir) == (0, [])


# --- template --------------------------------------------------------------------------------

def test_template_writes_a_workbook_that_loads_cleanly(tertial, tmp_path):
    out = tmp_path / "mall.xlsx"
    code, text = tertial("template", str(out))
    assert code == 0
    assert str(out) in text
    result = load_file(out.read_bytes(), out.name)
    assert result.report.errors() == []
    assert result.report.counts["error"] == 0


@pytest.mark.parametrize("dry_run", [[], ["--dry-run"]])
def test_importing_the_blank_template_is_refused_the_same_way_with_or_without_dry_run(
        tertial, tmp_path, dry_run):
    out = tmp_path / "mall.xlsx"
    assert tertial("template", str(out))[0] == 0
    code, text = tertial("import", str(out), *dry_run)
    assert code == 1
    assert "mall.xlsx innehåller inga rader" in text
    assert "Traceback" not in text


def test_template_into_a_missing_folder_is_refused(tertial, tmp_path):
    code, text = tertial("template", str(tmp_path / "saknas" / "mall.xlsx"))
    assert code == 1
    assert "kunde inte" in text


# --- summary ---------------------------------------------------------------------------------

def test_summary_json_has_the_stable_keys(tertial, valid_file):
    tertial("import", str(valid_file))
    result = summary_json(tertial, "--period", "2018-T2")
    assert result["period"] == "2018-T2"
    assert "previous_period" in result
    assert result["departments"] == ["Analysavdelningen", "Verksamhetsstöd"]
    ops = result["operations"]
    assert ops["assignments"] == 3
    assert set(ops["status_share"]) >= {"green", "yellow", "red"}
    assert ops["status_share"]["green"] == 0.5
    assert {"government_assignments", "new_government_assignments"} <= set(ops)
    assert {"budget", "outcome", "forecast", "consumption", "forecast_deviation",
            "status"} <= set(result["finance"])
    assert result["finance"]["budget"] == 21000
    assert {"headcount", "headcount_change", "permanent_change",
            "temporary_change"} <= set(result["staff"])
    assert result["processes"]
    for row in result["processes"]:
        assert {"kpi", "value", "target", "status"} <= set(row)


def test_summary_narrows_to_a_department_and_to_a_unit(tertial, valid_file):
    tertial("import", str(valid_file))
    agency = summary_json(tertial)
    department = summary_json(tertial, "--department", "Verksamhetsstöd")
    unit = summary_json(tertial, "--unit", "HR-enheten")
    assert agency["operations"]["assignments"] == 3
    assert department["selection"]["department"] == "Verksamhetsstöd"
    assert department["operations"]["assignments"] == 2
    assert unit["selection"] == {"department": "Verksamhetsstöd", "unit": "HR-enheten"}
    assert unit["operations"]["assignments"] == 1
    assert unit["staff"]["headcount"] == 9
    assert unit["finance"]["budget"] == 9000


def test_summary_text_follows_the_language(tertial, valid_file):
    tertial("import", str(valid_file))
    code, swedish = tertial("summary")
    assert code == 0
    assert "Tertialuppföljning 2018-T2 – hela myndigheten" in swedish
    assert "● Andel gröna uppdrag 50,0\u00a0%" in swedish  # the headline table's figure
    code, english = tertial("--lang", "en", "summary", "--department", "Verksamhetsstöd")
    assert code == 0
    assert "Tertial follow-up 2018-T2 – Verksamhetsstöd" in english
    assert "Operations:" in english


@pytest.mark.parametrize("argv, words", [
    (("--department", "Avdelningen för tidsresor"), ("Avdelningen för tidsresor",)),
    (("--unit", "Enheten för tidsresor"), ("Enheten för tidsresor",)),
    (("--period", "2031-T1"), ("2031-T1",)),
    (("--period", "i fjol"), ("i fjol",)),
])
def test_summary_of_an_unknown_selection_is_refused(tertial, valid_file, argv, words):
    tertial("import", str(valid_file))
    code, text = tertial("summary", *argv)
    assert code == 1
    for word in words:
        assert word in text


def test_summary_without_data_asks_for_an_import(tertial):
    code, text = tertial("summary")
    assert code == 1
    assert "tertial demo" in text


# --- usage -----------------------------------------------------------------------------------

@pytest.mark.parametrize("argv", [
    [],
    ["bogus"],
    ["import"],
    ["rollback"],
    ["rollback", "tre"],
    ["template"],
    ["summary", "--department", "Analysavdelningen", "--unit", "Enheten för analys"],
    ["--lang", "de", "history"],
    ["history", "--extra"],
])
def test_usage_errors_exit_2(capsys, data_dir, argv):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["--data-dir", str(data_dir), *argv])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "usage: tertial" in err and "Traceback" not in err


def test_an_unusable_database_url_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["--database-url", "nonsense://", "history"])
    assert exit_.value.code == 2
    assert "--database-url" in capsys.readouterr().err


@pytest.mark.parametrize("command", [None, *SUBCOMMANDS])
def test_help_of_every_command_exits_0(capsys, command):
    argv = [command, "--help"] if command else ["--help"]
    with pytest.raises(SystemExit) as exit_:
        cli.main(argv)
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: tertial")


# --- the installed console script, as a real process -----------------------------------------

def _command() -> list[str]:
    script = Path(sys.executable).parent / "tertial"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "cli"]


def _process(*argv: str, **kwargs) -> subprocess.CompletedProcess:
    data_dir = argv[argv.index("--data-dir") + 1]
    env = clean_environment(TERTIAL_DATA_DIR=data_dir)
    return subprocess.run([*_command(), *argv], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120, **kwargs)


def test_console_script_imports_and_summarises(data_dir, valid_file):
    done = _process("--data-dir", str(data_dir), "import", str(valid_file))
    assert done.returncode == 0, done.stderr
    assert "Sparad som import 1" in done.stdout
    done = _process("--data-dir", str(data_dir), "summary", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["operations"]["assignments"] == 3


def test_console_script_refuses_a_broken_workbook_without_traceback(data_dir, tmp_path):
    path = write_xlsx(tmp_path / "trasig.xlsx", broken_workbook())
    done = _process("--data-dir", str(data_dir), "--lang", "en", "import", str(path))
    assert done.returncode == 1
    assert "ERROR Uppdrag!K3:" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr


def test_console_script_usage_error_exits_2(data_dir):
    done = _process("--data-dir", str(data_dir), "bogus")
    assert done.returncode == 2
    assert "usage: tertial" in done.stderr
    assert "Traceback" not in done.stderr


def test_console_script_survives_a_closed_pipe(data_dir, valid_file):
    """``tertial summary --json | head -0``: the reader is gone before anything is written."""
    assert _process("--data-dir", str(data_dir), "import", str(valid_file)).returncode == 0
    env = clean_environment(TERTIAL_DATA_DIR=str(data_dir))
    with subprocess.Popen([*_command(), "--data-dir", str(data_dir), "summary", "--json"],
                          cwd=ROOT, env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True) as proc:
        proc.stdout.close()
        err = proc.stderr.read()
        code = proc.wait(timeout=120)
    assert "Traceback" not in err
    assert code == 0
