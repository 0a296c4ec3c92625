"""Settings as an operator meets them: precedence, refused numbers that name their variable,
and the status thresholds flowing from the environment into the figures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import cli
from dashboard.kpis.status import Thresholds, thresholds_from
from loaders.settings import (
    ENVIRONMENT,
    allowed_hosts,
    group_role_map,
    load_settings,
    trusted_networks,
)
from tests.demo_store import demo_copy

THRESHOLD_VARIABLES = ("TERTIAL_OPERATIONS_GREEN", "TERTIAL_OPERATIONS_YELLOW",
                       "TERTIAL_FINANCE_GREEN", "TERTIAL_FINANCE_YELLOW")


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch):
    for variable in ENVIRONMENT.values():
        monkeypatch.delenv(variable, raising=False)


def test_threshold_defaults_are_the_documented_ones():
    settings = load_settings(environ={})
    assert (settings.operations_green, settings.operations_yellow) == (0.90, 0.75)
    assert (settings.finance_green, settings.finance_yellow) == (0.02, 0.05)
    assert thresholds_from(settings) == Thresholds()


def test_arguments_win_over_environment_which_wins_over_defaults():
    env = {"TERTIAL_FINANCE_GREEN": "0.03", "TERTIAL_FINANCE_YELLOW": "0.08",
           "TERTIAL_OPERATIONS_GREEN": " 0.95 "}
    settings = load_settings({"finance_green": 0.01}, environ=env)
    assert settings.finance_green == 0.01            # argument
    assert settings.finance_yellow == 0.08           # environment
    assert settings.operations_green == 0.95         # environment, spaces ignored
    assert settings.operations_yellow == 0.75        # default
    assert thresholds_from(settings) == Thresholds(operations_green=0.95, finance_green=0.01,
                                                   finance_yellow=0.08)


def test_an_empty_variable_means_the_default():
    assert load_settings(environ={"TERTIAL_FINANCE_YELLOW": ""}).finance_yellow == 0.05


@pytest.mark.parametrize(("variable", "value"), [
    ("TERTIAL_MAX_UPLOAD_MB", "inf"),
    ("TERTIAL_MAX_UPLOAD_MB", "nan"),
    ("TERTIAL_MAX_UPLOAD_MB", "0"),
    ("TERTIAL_PARSE_TIMEOUT_S", "-1"),
    ("TERTIAL_PARSE_MEMORY_MB", "0"),
    ("TERTIAL_PARSE_MEMORY_MB", "1.5"),
    ("TERTIAL_PORT", "0"),
    ("TERTIAL_PORT", "65536"),
    ("TERTIAL_PORT", "åtta"),
    ("TERTIAL_OPERATIONS_GREEN", "1.5"),
    ("TERTIAL_OPERATIONS_YELLOW", "-0.1"),
    ("TERTIAL_FINANCE_GREEN", "0"),
    ("TERTIAL_FINANCE_YELLOW", "inf"),
    ("TERTIAL_FINANCE_YELLOW", "fem procent"),
])
def test_a_number_a_setting_cannot_mean_is_refused_naming_its_variable(variable, value):
    with pytest.raises(ValueError, match=variable) as caught:
        load_settings(environ={variable: value})
    message = str(caught.value)
    assert " / " in message and value.strip() in message  # Swedish / English, the value


def test_the_limits_themselves_are_accepted():
    env = {"TERTIAL_PORT": "65535", "TERTIAL_OPERATIONS_GREEN": "1",
           "TERTIAL_OPERATIONS_YELLOW": "1", "TERTIAL_FINANCE_GREEN": "0.05",
           "TERTIAL_FINANCE_YELLOW": "0.05"}
    settings = load_settings(environ=env)
    assert settings.port == 65535 and settings.operations_yellow == 1.0
    assert load_settings({"port": 1}, environ={}).port == 1


@pytest.mark.parametrize(("env", "first", "second"), [
    ({"TERTIAL_OPERATIONS_YELLOW": "0.95"}, "TERTIAL_OPERATIONS_YELLOW",
     "TERTIAL_OPERATIONS_GREEN"),                    # yellow above green 0.90
    ({"TERTIAL_FINANCE_GREEN": "0.06"}, "TERTIAL_FINANCE_GREEN",
     "TERTIAL_FINANCE_YELLOW"),                       # green beyond yellow 0.05
])
def test_thresholds_in_the_wrong_order_are_refused(env, first, second):
    with pytest.raises(ValueError, match=f"{first}.*{second}"):
        load_settings(environ=env)


@pytest.mark.parametrize(("env", "variable"), [
    ({"TERTIAL_AUTH_MODE": "ldap"}, "TERTIAL_AUTH_MODE"),
    ({"TERTIAL_AUTH_MODE": "header", "TERTIAL_GROUP_ROLES": "ekonomi=kassör"},
     "TERTIAL_GROUP_ROLES"),
    ({"TERTIAL_GROUP_ROLES": "=admin"}, "TERTIAL_GROUP_ROLES"),
    ({"TERTIAL_GROUP_ROLES": "ekonomi"}, "TERTIAL_GROUP_ROLES"),
    ({"TERTIAL_TRUSTED_PROXIES": "proxy.example"}, "TERTIAL_TRUSTED_PROXIES"),
    ({"TERTIAL_TRUSTED_PROXIES": "10.0.0.300"}, "TERTIAL_TRUSTED_PROXIES"),
    ({"TERTIAL_AUTH_MODE": "password", "TERTIAL_DEBUG": "true"}, "TERTIAL_DEBUG"),
    ({"TERTIAL_LOGIN_ATTEMPTS": "0"}, "TERTIAL_LOGIN_ATTEMPTS"),
    ({"TERTIAL_SESSION_HOURS": "-1"}, "TERTIAL_SESSION_HOURS"),
    ({"TERTIAL_RESTRICT_DEPARTMENTS": "kanske"}, "TERTIAL_RESTRICT_DEPARTMENTS"),
    ({"TERTIAL_SURVEY_PERSPECTIVE": "enkäter"}, "TERTIAL_SURVEY_PERSPECTIVE"),
    ({"TERTIAL_SURVEY_MIN_ANSWERS": "0"}, "TERTIAL_SURVEY_MIN_ANSWERS"),
    ({"TERTIAL_SURVEY_MIN_ANSWERS": "2,5"}, "TERTIAL_SURVEY_MIN_ANSWERS"),
    # the header mode believes no address without the proxy's secret (issue 20, item 4)
    ({"TERTIAL_AUTH_MODE": "header"}, "TERTIAL_PROXY_SECRET"),
    ({"TERTIAL_AUTH_MODE": "header", "TERTIAL_PROXY_SECRET": "s" * 15}, "TERTIAL_PROXY_SECRET"),
    ({"TERTIAL_ALLOWED_HOSTS": "tertial.myndighet.se"}, "TERTIAL_ALLOWED_HOSTS"),  # local
    ({"TERTIAL_AUTH_MODE": "password", "TERTIAL_ALLOWED_HOSTS": "https://x.se"},
     "TERTIAL_ALLOWED_HOSTS"),
    ({"TERTIAL_AUTH_MODE": "password", "TERTIAL_ALLOWED_HOSTS": "x.se:99999"},
     "TERTIAL_ALLOWED_HOSTS"),
])
def test_an_access_setting_that_cannot_work_is_refused_naming_its_variable(env, variable):
    with pytest.raises(ValueError, match=variable) as caught:
        load_settings(environ=env)
    assert " / " in str(caught.value)  # Swedish / English


def test_access_settings_are_read():
    settings = load_settings(environ={
        "TERTIAL_AUTH_MODE": "header", "TERTIAL_TRUSTED_PROXIES": "10.0.0.0/24, ::1",
        "TERTIAL_PROXY_SECRET": "s" * 16,
        "TERTIAL_ALLOWED_HOSTS": "Tertial.Myndighet.se, [::1]:8443",
        "TERTIAL_GROUP_ROLES": "CN=Ekonomi=finance, ledning=leadership",
        "TERTIAL_RESTRICT_DEPARTMENTS": "ja"})
    assert [str(n) for n in trusted_networks(settings)] == ["10.0.0.0/24", "::1/128"]
    assert group_role_map(settings) == {"CN=Ekonomi": "finance", "ledning": "leadership"}
    assert settings.restrict_departments is True
    assert allowed_hosts(settings) == ("tertial.myndighet.se", "[::1]:8443")
    assert load_settings(environ={}).auth_mode == "local"


def test_a_bad_setting_is_a_usage_error_without_traceback(monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("TERTIAL_MAX_UPLOAD_MB", "inf")
    with pytest.raises(SystemExit) as caught:
        cli.main(["--data-dir", str(tmp_path), "history"])
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert "TERTIAL_MAX_UPLOAD_MB" in err and "Traceback" not in err


def summary_json(data_dir: Path, capsys) -> dict:
    assert cli.main(["--data-dir", str(data_dir), "summary", "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_thresholds_from_the_environment_reach_the_summary(monkeypatch, capsys, tmp_path):
    data_dir = tmp_path / "data"
    assert demo_copy(data_dir)  # the demo as `tertial demo` leaves it, copied from the seed
    capsys.readouterr()
    default = summary_json(data_dir, capsys)
    share = default["operations"]["status_share"]["green"]
    assert share == pytest.approx(0.912, abs=0.001)   # the demo's 91.2 % green
    assert default["operations"]["status"] == "green"
    assert default["finance"]["status"] == "green"    # deviation about 0.6 %

    monkeypatch.setenv("TERTIAL_OPERATIONS_GREEN", "0.95")
    monkeypatch.setenv("TERTIAL_FINANCE_GREEN", "0.005")
    stricter = summary_json(data_dir, capsys)
    assert stricter["operations"]["status"] == "yellow"   # 91.2 % < 95 %, >= 75 %
    assert stricter["finance"]["status"] == "yellow"      # 0.6 % > 0.5 %, <= 5 %
