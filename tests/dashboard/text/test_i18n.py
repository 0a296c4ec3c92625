"""The one table of texts (``dashboard/text/texts.toml``): complete in both languages, and every
key the code asks for exists.

A missing key is a ``KeyError`` the user meets as a broken page, and a missing placeholder a
``KeyError`` or a raw ``{value}`` on screen, in the one language nobody tried. The Python
sources of ``dashboard/`` and ``cli/`` are scanned for the keys they pass to ``t()`` and to
the other accessors (the figures' ``text()``, the narrative's ``text()``, the command line's
``t(lang, key)``), so a typo fails here, not in a browser; and a text nobody asks for any
more is found too.
"""

from __future__ import annotations

import ast
import re
import string
import tomllib
from importlib.resources import files
from pathlib import Path
from types import MappingProxyType

import pytest

from dashboard.figures import labels
from dashboard.kpis.scope import PROBLEMS
from dashboard.kpis.status import STATUS_LABELS
from dashboard.state.address import ADDRESS_PROBLEMS, FALLBACK
from dashboard.text import grammar, i18n, narrative
from dashboard.text.i18n import LANGUAGES, TEXTS, t

ROOT = Path(__file__).resolve().parents[3]
DASHBOARD = ROOT / "dashboard"

# Keys whose text is the same in both languages, and why.
SAME_IN_BOTH = {
    "shell.app_title": "the product's name",
    "shell.filter_period": "Tertial: the agency's own term for its four-month period",
    "shell.language_sv": "a language is named in itself in the language switch",
    "shell.language_en": "a language is named in itself in the language switch",
    "perspective.heading": "only placeholders: '{title} {period}'",
    "perspective.rate_against_target": "only placeholders: '{status} ({target})'",
    "upload.column_problem": "Problem is Problem in both languages",
    "audit.action.import": "Import is Import in both languages",
    "preview.column_period": "Tertial: the agency's own term for its four-month period",
    "operations.col_id": "Id is Id in both languages",
    "operations.col_status": "Status is Status in both languages",
    "history.col_status": "Status is Status in both languages",
    "status.none": "a dash, no word",
    "figure.period": "Tertial: the agency's own term for its four-month period",
    "figure.status": "Status is Status in both languages",
    "narrative.side.under_budget": "under budget is under budget in both languages",
    "narrative.red.all_named": "only placeholders and punctuation",
    "narrative.red.unnamed": "only placeholders and punctuation",
    "narrative.gov_reports.alone": "only placeholders and punctuation",
    "narrative.gov_reports.joined": "only placeholders and punctuation",
    "narrative.gov_reports.named": "only placeholders and punctuation",
    "narrative.staff.opposite": "only placeholders and punctuation",
    "narrative.staff.part": "only placeholders",
    "narrative.staff.part_change_many": "only placeholders, in the same order",
    "narrative.kpi.listed": "only placeholders and punctuation",
    "narrative.red.item": "only placeholders and punctuation",
    "cli.ops_figure": "only placeholders",
    "cards.reason": "only placeholders and punctuation",
    "cards.reason_join": "punctuation, no word",
    "survey.col_median": "Median is Median in both languages",
    "followup.col_status": "Status is Status in both languages",
    "followup.status_label": "Status is Status in both languages",
    "followup.late_no": "a dash, no word",
}
# Grammar fields an entry may carry besides its languages: field -> (key prefix, values).
GRAMMAR_FIELDS = {"gender": ("narrative.noun.", {"n", "c"})}

IMPORTS_T = re.compile(r"^from dashboard\.text\.i18n import .*\bt\b", re.MULTILINE)
TITLE_KEY = re.compile(r"\btitle_key\s*=\s*(['\"])(?P<key>[^'\"]+)\1")
PROBLEM_CODE = re.compile(r"problems\.append\(\(\s*(['\"])(?P<key>[^'\"]+)\1")
LABEL_KEY = re.compile(r"\b(?:Headline|CardSpec)\(\s*(['\"])(?P<key>[^'\"]+)\1")
SELECT_LABEL = re.compile(r"\b_select\([^,]+,\s*(['\"])(?P<key>[^'\"]+)\1")


# --- reading the sources --------------------------------------------------------------------

def sources() -> list[Path]:
    return sorted(DASHBOARD.rglob("*.py")) + sorted((ROOT / "cli").glob("*.py"))


def translated_sources() -> list[Path]:
    """The modules that use ``dashboard.text.i18n.t``."""
    return [p for p in sources() if IMPORTS_T.search(p.read_text(encoding="utf-8"))]


def where(path: Path, line: int) -> str:
    return f"{path.relative_to(ROOT)}:{line}"


def used_keys(pattern: re.Pattern[str], paths: list[Path]) -> list[tuple[str, str]]:
    """(file:line, key) for every literal key the pattern finds."""
    found = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        for match in pattern.finditer(text):
            found.append((where(path, text.count("\n", 0, match.start()) + 1), match["key"]))
    return found


def literal(node: ast.expr) -> tuple[str, bool] | None:
    """(text, complete) of a string argument: a literal is complete, an f-string gives the
    literal text before its first placeholder (a key prefix); None for anything else."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value, True
    if isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0],
                                                                      ast.Constant):
        return str(node.values[0].value), False
    return None


def called(paths: list[Path], name: str, position: int,
           owner: str | None = None) -> list[tuple[str, str, bool]]:
    """(file:line, key or prefix, complete) for the string passed at ``position`` to every
    call of a function ``name`` (``owner.name`` when ``owner`` is given)."""
    found = []
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or len(node.args) <= position:
                continue
            func = node.func
            named = (isinstance(func, ast.Name) and func.id == name and owner is None) or (
                isinstance(func, ast.Attribute) and func.attr == name
                and isinstance(func.value, ast.Name) and func.value.id == (owner or "t"))
            argument = literal(node.args[position]) if named else None
            if argument is not None and argument[0]:
                found.append((where(path, node.lineno), *argument))
    return found


def missing(found: list[tuple[str, str, bool]], section: str = "") -> list[tuple[str, str]]:
    """The keys (or f-string prefixes) of ``found`` that the table does not have."""
    return [(at, key) for at, key, complete in found
            if not (f"{section}{key}" in TEXTS if complete
                    else any(k.startswith(f"{section}{key}") for k in TEXTS))]


def placeholders(text: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}


def texts_of(value: object) -> list[str]:
    return list(value) if isinstance(value, tuple) else [value]


# --- the table ------------------------------------------------------------------------------

def test_the_table_is_one_toml_file_in_the_package_read_into_an_immutable_mapping():
    source = files("dashboard.text").joinpath("texts.toml").read_text("utf-8")
    assert tomllib.loads(source)  # it parses
    assert dict(TEXTS) == dict(i18n.load(source))
    assert {key.split(".")[0] for key in TEXTS} >= {"shell", "nav", "overview", "operations",
                                                    "figure", "narrative", "cli", "status"}
    assert isinstance(TEXTS, MappingProxyType)
    assert isinstance(TEXTS["shell.app_title"], MappingProxyType)
    with pytest.raises(TypeError):
        TEXTS["shell.app_title"] = {"sv": "x", "en": "x"}  # type: ignore[index]


def test_pyproject_ships_the_table_with_the_package():
    settings = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "text/texts.toml" in settings["tool"]["setuptools"]["package-data"]["dashboard"]


def test_a_value_outside_an_entry_is_refused_with_its_key():
    with pytest.raises(ValueError, match="shell.title"):
        i18n.load('[shell]\ntitle = "Tertial"\n')
    assert dict(i18n.load('[a.b]\nc = { sv = ["x", "y"], en = ["z", "w"] }\n')) == {
        "a.b.c": {"sv": ("x", "y"), "en": ("z", "w")}}


@pytest.mark.parametrize("key", sorted(TEXTS))
def test_every_text_has_a_swedish_and_an_english_value(key):
    entry = TEXTS[key]
    extra = set(entry) - set(LANGUAGES)
    assert set(LANGUAGES) <= set(entry), f"{key}: one value per language {LANGUAGES}"
    assert all(key.startswith(GRAMMAR_FIELDS[f][0]) for f in extra if f in GRAMMAR_FIELDS), key
    assert extra <= set(GRAMMAR_FIELDS), f"{key}: unknown fields {sorted(extra)}"
    sv, en = entry["sv"], entry["en"]
    assert type(sv) is type(en) and isinstance(sv, str | tuple), key
    assert len(texts_of(sv)) == len(texts_of(en)), f"{key}: lists of different lengths"
    assert all(isinstance(x, str) and x.strip() for x in texts_of(sv) + texts_of(en)), key
    if key not in SAME_IN_BOTH:
        assert sv != en, f"{key}: the English text is the Swedish one: {sv!r}"


@pytest.mark.parametrize("key", sorted(TEXTS))
def test_both_languages_fill_in_the_same_placeholders(key):
    entry = TEXTS[key]
    for sv, en in zip(texts_of(entry["sv"]), texts_of(entry["en"]), strict=True):
        assert placeholders(sv) == placeholders(en), f"{key}: {sv!r} / {en!r}"
    if isinstance(entry["sv"], str):
        fields = dict.fromkeys(placeholders(entry["sv"]), "X")
        for lang in LANGUAGES:
            assert "{" not in t(key, lang, **fields)


def test_same_in_both_languages_lists_only_real_keys_that_are_the_same():
    assert set(SAME_IN_BOTH) <= set(TEXTS)
    assert [k for k in SAME_IN_BOTH if TEXTS[k]["sv"] != TEXTS[k]["en"]] == []


def test_grammar_fields_hold_known_values():
    nouns = [k for k in TEXTS if k.startswith("narrative.noun.")]
    assert nouns
    for field, (prefix, values) in GRAMMAR_FIELDS.items():
        for key in (k for k in TEXTS if k.startswith(prefix)):
            assert TEXTS[key].get(field) in values, key
    for key in nouns:  # [singular, plural]
        assert len(TEXTS[key]["sv"]) == len(TEXTS[key]["en"]) == 2, key


def test_english_is_english_and_anything_else_is_swedish():
    assert t("shell.app_subtitle", "en") == "Tertial follow-up"
    assert t("shell.app_subtitle") == t("shell.app_subtitle", "de") == "Tertialuppföljning"
    assert t("overview.heading", "en", period="2018-T2") == "Tertial follow-up 2018-T2"
    assert i18n.value("narrative.quotes", "sv") == ("\u201d", "\u201d")
    assert i18n.pair("status.green") == ("● Grön", "● Green")
    with pytest.raises(KeyError):
        t("shell.no_such_text")


# --- every key the code asks for exists -----------------------------------------------------

def test_the_scan_finds_the_interface_modules():
    """A guard on the scan itself: the shell and the overview call ``t`` with literal keys."""
    scanned = {p.relative_to(DASHBOARD).as_posix() for p in translated_sources()}
    assert {"components/shell.py", "pages/overview.py", "state/shell.py",
            "views/perspectives.py"} <= scanned
    assert len(called(translated_sources(), "t", 0)) > 80
    assert len(called(sorted((DASHBOARD / "figures").glob("*.py")), "text", 0)) > 30
    assert len(called([DASHBOARD / "text" / "narrative.py"], "text", 0, owner="w")) > 10
    assert len(called([ROOT / "cli" / "__init__.py"], "t", 1, owner="cli_text")) > 5


def test_every_key_the_interface_asks_for_exists():
    assert missing(called(translated_sources(), "t", 0)) == []
    used = used_keys(LABEL_KEY, sources()) + used_keys(SELECT_LABEL, translated_sources())
    assert len(used) > 15
    assert [(at, key) for at, key in used if key not in TEXTS] == []
    problems = used_keys(PROBLEM_CODE, sources())  # shown as t(f"choice.{code}", …)
    assert len(problems) == 6  # the address's; the period's come from the selection's error
    codes = (*PROBLEMS, *ADDRESS_PROBLEMS)
    assert [(at, code) for at, code in problems if code not in codes] == []
    assert [code for code in codes if f"choice.{code}" not in TEXTS] == []
    assert [key for key in FALLBACK.values() if f"address.{key}" not in TEXTS] == []


def test_every_key_named_in_the_code_exists():
    """Keys handed around as data (``SECTIONS`` of the accessibility statement, a card's
    labels) are literals with their section. Sections whose names other dotted strings of the
    code also start with (cache keys, summary paths) are left to the scans above."""
    # sections that share their name with files ("format.md", "report.html", "report.js")
    shared = {"page", "grid", "operations", "format", "report"}
    literals, _prefixes = _strings_in_code()
    named = {s for s in literals if re.fullmatch(r"[a-z_]+(\.\w+)+", s)
             and s.split(".")[0] in {k.split(".")[0] for k in TEXTS} - shared}
    assert any(s.startswith("accessibility.") for s in named)
    assert sorted(named - set(TEXTS)) == []


def test_every_page_title_key_exists():
    used = used_keys(TITLE_KEY, sources())
    assert any(key == "nav.overview" for _where, key in used)
    assert [(at, key) for at, key in used if key not in TEXTS] == []


def _register_page_calls(path: Path) -> list[ast.Call]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [node for node in ast.walk(tree) if isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute) and node.func.attr == "register_page"]


def test_every_page_names_its_title_key():
    """The navigation labels a page by its ``title_key``; without one it would read Översikt."""
    pages = {path.name: call for path in sorted((DASHBOARD / "pages").glob("*.py"))
             for call in _register_page_calls(path)}
    assert "overview.py" in pages
    untitled = [name for name, call in pages.items()
                if "title_key" not in {kw.arg for kw in call.keywords}]
    assert untitled == []


def test_every_key_the_figures_ask_for_exists():
    found = called(sorted((DASHBOARD / "figures").glob("*.py")), "text", 0)
    assert [(at, key) for at, key, complete in found if complete
            and labels.table_key(key) not in TEXTS] == []
    assert missing([f for f in found if not f[2]], "figure.") == []
    assert set(labels.STATUS_KEYS.values()) <= set(TEXTS)


def test_every_key_the_narrative_asks_for_exists():
    path = [DASHBOARD / "text" / "narrative.py"]
    assert missing(called(path, "text", 0, owner="w"), "narrative.") == []
    assert missing(called(path, "counted", 1, owner="w"), "narrative.noun.") == []
    words = [*narrative.CHANGE_FORMS.values(), *narrative.NEW_GOV_FORMS.values(), "new_gov.many",
             *(f"share.{band[0]}" for band in grammar.SHARE_BANDS),
             f"share.{grammar.SHARE_FALLBACK}", grammar.SCOPE_AGENCY,
             *grammar.STATUS_ADJECTIVE.values(), *grammar.ABOVE_BELOW.values(),
             *grammar.OVER_UNDER.values(), *grammar.MORE_FEWER.values(),
             "and", "quotes", "number_words", "neuter_one",
             *(f"noun.{kind}" for kind in ("permanent", "temporary"))]
    assert [w for w in words if f"narrative.{w}" not in TEXTS] == []
    assert len(TEXTS["narrative.number_words"]["sv"]) > grammar.SPELLED_MAX


def test_every_key_the_command_line_asks_for_exists():
    found = called([ROOT / "cli" / "__init__.py"], "t", 1, owner="cli_text")
    found += called([ROOT / "cli" / "text.py"], "t", 1)
    assert len(found) > 20
    assert missing(found, "cli.") == []
    assert set(STATUS_LABELS) == {"green", "yellow", "red", "completed", "cancelled"}


# --- every text in the table is asked for ---------------------------------------------------

def _strings_in_code() -> tuple[set[str], set[str]]:
    """Every string literal of the sources, and every f-string's text before its first
    placeholder (when it looks like the start of a key: ends in a dot or an underscore)."""
    literals, prefixes = set(), set()
    for path in sources():
        nodes = list(ast.walk(ast.parse(path.read_text(encoding="utf-8"))))
        parts = {id(part) for node in nodes if isinstance(node, ast.JoinedStr)
                 for part in node.values}  # an f-string's pieces are not literals of their own
        for node in nodes:
            found = literal(node) if isinstance(node, ast.expr) else None
            if found is None or id(node) in parts:
                continue
            text, complete = found
            if complete:
                literals.add(text)
            elif text.endswith((".", "_")):
                prefixes.add(text)
    return literals, prefixes


def test_every_text_in_the_table_is_asked_for_somewhere():
    """Lenient on purpose, so it never calls a used text unused: a key counts as used when the
    code has it as a literal, with or without its section (``"row"`` for ``figure.row``), or
    when an f-string of the code starts it (``f"grid.{key}"``)."""
    literals, prefixes = _strings_in_code()

    def used(key: str) -> bool:
        forms = (key, key.split(".", 1)[1])
        plural = key.removesuffix(i18n.SINGULAR)
        if plural != key and plural in TEXTS and used(plural):
            return True  # a singular is asked for through its plural (i18n.t)
        return any(form in literals for form in forms) or any(
            form.startswith(prefix) for form in forms for prefix in prefixes)
    assert [key for key in TEXTS if not used(key)] == []


# --- names and ranges in the texts --------------------------------------------------------

@pytest.mark.parametrize(("lang", "name", "expected"), [
    ("sv", "Enheten för statistik",
     "Enheten ”Enheten för statistik” finns inte i enhetslistan (bladet Enheter)."),
    ("sv", "”Enheten för statistik”",  # quoted already: not doubled
     "Enheten ”Enheten för statistik” finns inte i enhetslistan (bladet Enheter)."),
    ("sv", "'Enheten för statistik'",
     "Enheten ”Enheten för statistik” finns inte i enhetslistan (bladet Enheter)."),
    ("en", "Statistics unit",
     "The unit “Statistics unit” is not in the list of units (the Units sheet)."),
])
def test_a_name_in_a_text_is_quoted_once(lang, name, expected):
    assert i18n.t("choice.unknown_unit", lang, value=name) == expected


def test_a_refused_choice_quotes_its_names_as_the_language_does_not_as_python_does():
    text = i18n.t("choice.unit_not_in_department", "sv", value="Löneenheten",
                  department="Analysavdelningen")
    assert text == "Enheten ”Löneenheten” hör inte till avdelningen ”Analysavdelningen”."
    assert "'" not in i18n.t("choice.unknown_unit", "en", value="Löneenheten")


@pytest.mark.parametrize(("scale", "expected"), [
    ("1-5", "1–5"), ("0 - 10", "0–10"), ("1,5-4,5", "1,5–4,5"), ("1–7", "1–7")])
def test_a_range_has_an_en_dash(scale, expected):
    assert i18n.number_range(scale) == expected
    assert i18n.t("survey.axis_scale", "sv", scale=scale) == f"Värde på skalan {expected}"


@pytest.mark.parametrize(("key", "fields", "sv", "en"), [
    ("followup.days_left", {"n": 1}, "1 dag kvar", "1 day left"),
    ("followup.days_left", {"n": 0}, "0 dagar kvar", "0 days left"),
    ("followup.days_left", {"n": 12}, "12 dagar kvar", "12 days left"),
    ("operations.grid_count", {"count": 1}, "1 uppdrag", "1 assignment"),
    ("operations.grid_count", {"count": "1"}, "1 uppdrag", "1 assignment"),
    ("operations.grid_count", {"count": "1\u00a0001"}, "1\u00a0001 uppdrag",
     "1\u00a0001 assignments"),
    ("cli.round_days_over", {"n": 1}, "1 dag sedan", "1 day ago"),
])
def test_a_count_of_one_takes_the_singular(key, fields, sv, en):
    assert (t(key, "sv", **fields), t(key, "en", **fields)) == (sv, en)


def test_every_singular_has_its_plural_and_its_count():
    singulars = [k for k in TEXTS if k.endswith(i18n.SINGULAR)
                 and k.removesuffix(i18n.SINGULAR) in TEXTS
                 and any(f"{{{name}}}" in TEXTS[k.removesuffix(i18n.SINGULAR)]["sv"]
                         for name in i18n.COUNT_FIELDS)]  # the others: chosen by the caller
    assert "followup.days_left_one" in singulars
    for key in singulars:
        plural = TEXTS[key.removesuffix(i18n.SINGULAR)]
        assert placeholders(TEXTS[key]["sv"]) <= placeholders(plural["sv"]), key
