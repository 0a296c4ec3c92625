"""The house rules that a test can hold: imports point one way, settings are documented."""

from __future__ import annotations

import ast
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import pytest

import loaders
from loaders.settings import ENVIRONMENT, Settings, load_settings

ROOT = Path(__file__).resolve().parent.parent
PURE_DASHBOARD = ("dashboard.periods", "dashboard.status", "dashboard.kpis",
                  "dashboard.formatting", "dashboard.cli_text", "dashboard.narrative",
                  "dashboard.figures", "dashboard.urlstate", "dashboard.perspectives",
                  "dashboard.shell_state")


def _loader_modules() -> list[str]:
    return [f"loaders.{m.name}" for m in pkgutil.iter_modules(loaders.__path__)]


def test_loaders_and_pure_dashboard_modules_never_load_dash():
    modules = _loader_modules() + list(PURE_DASHBOARD)
    code = ("import importlib, sys\n"
            f"for name in {modules!r}: importlib.import_module(name)\n"
            "print(sorted(m for m in sys.modules if m == 'dash' or m.startswith('dash.')))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_loaders_never_import_dashboard():
    for path in (ROOT / "loaders").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            assert not any(n.split(".")[0] in ("dashboard", "app", "cli") for n in names), path


def test_nothing_imports_app():
    for path in list(ROOT.glob("*/**/*.py")) + [ROOT / "cli.py"]:
        if ".venv" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(from app import|import app\b)", text, re.M), path


def test_every_setting_has_an_environment_variable_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert set(ENVIRONMENT) == {f for f in Settings.__dataclass_fields__}
    for variable in ENVIRONMENT.values():
        assert f"`{variable}`" in readme, variable


# Variables the README names that are not settings of the app: the tests' own switches.
TEST_VARIABLES = {"TERTIAL_REQUIRE_BROWSER", "TERTIAL_TEST_POSTGRES_URL",
                  "TERTIAL_REQUIRE_POSTGRES", "TERTIAL_TEST_DATABASE"}


def test_every_variable_the_readme_names_is_one_the_app_reads():
    """The deployment example's settings file among them: a misspelt variable is ignored by
    the app without a word, so the README must never show one."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    named = set(re.findall(r"\bTERTIAL_[A-Z_]+\b", readme))
    assert named - set(ENVIRONMENT.values()) - TEST_VARIABLES == set()
    assert "TERTIAL_DATABASE_URL" in named and "TERTIAL_GROUP_ROLES" in named


@pytest.mark.sqlite_file  # the default is the SQLite file in the data folder
def test_settings_precedence_arguments_over_environment_over_defaults():
    env = {"TERTIAL_PORT": "9000", "TERTIAL_HOST": "0.0.0.0", "TERTIAL_MAX_UPLOAD_MB": "5"}
    settings = load_settings({"port": 9100}, environ=env)
    assert (settings.port, settings.host, settings.max_upload_mb) == (9100, "0.0.0.0", 5.0)
    assert load_settings(environ={}).port == 8050
    assert load_settings(environ={}).resolved_database_url.endswith("data/tertial.db")
    assert load_settings(environ={"TERTIAL_DATABASE_URL": "sqlite:///x.db"}
                         ).resolved_database_url == "sqlite:///x.db"


def test_bad_setting_names_its_variable():
    with pytest.raises(ValueError, match="TERTIAL_PORT"):
        load_settings(environ={"TERTIAL_PORT": "åtta"})
