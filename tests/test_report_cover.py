"""The meeting report's cover and contents as a reader meets them, through HTTP.

The cover names the agency (``TERTIAL_AGENCY_NAME``, or the stated default), says which
import the figures rest on in Stockholm time (no internal data-version number in sight) and
links back to the same view of the dashboard; the page has a table of contents of links, and
the PDFs' contents carry page numbers that are the pages their headings really land on (the
PDF printed by the system's Chromium, read back with pypdf). The survey's headline is in the
report when the tertial has survey data. The agency's name shows on the login page too, and
``TERTIAL_CONTACT`` is the accessibility statement's contact line.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

import pytest

from dashboard.text.formatting import local_time
from dashboard.text.i18n import t
from dashboard.views.survey_headline import survey_headline
from tests.apps import build_app
from tests.component_texts import texts
from tests.test_report_app import (  # noqa: F401
    ANALYS,
    STORY,
    app,
    context,
    dt_last_day,
    get,
)

AGENCY = "Statens testverk"
CONTACT = "tillganglighet@testverket.se"
PASSWORD = "korrekt häst batteri"
TOC_LINK = re.compile(r'<a href="#([^"]+)" data-toc="\1"><span class="toc-text">([^<]*)</span>')


def page_of(app: dict, query: str) -> str:  # noqa: F811
    response = get(app, f"/rapport?{query}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def cover(page: str) -> str:
    return page[page.index('<header class="cover">'):page.index("</header>")]


def visible(fragment: str) -> str:
    """The text a reader sees: tags (and their attributes) dropped, entities read."""
    return html.unescape(" ".join(re.sub(r"<[^>]+>", " ", fragment).split()))


# --- the cover ------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_cover_names_the_agency_and_the_import_in_stockholm_time(app, lang):  # noqa: F811
    latest = app["store"].history()[0]
    shown = visible(cover(page_of(app, f"period={STORY}&avdelning={ANALYS}&lang={lang}")))
    assert t("report.agency_default", lang) in shown  # no TERTIAL_AGENCY_NAME here
    line = t("cover.imported_text", lang, date=local_time(latest.created_at),
             file=latest.file_name)
    assert f"{t('cover.imported', lang)} {line}" in shown
    # the data version and the import's number are internal: not on the cover
    snapshot = context(app).frames.current()
    assert t("cover.data_version", lang, version=snapshot.version) not in shown
    assert "Dataversion" not in shown and "Data version" not in shown
    assert f"nr {latest.id}" not in shown and f"no. {latest.id}" not in shown


@pytest.mark.parametrize(("lang", "suffix"), [("sv", ""), ("en", "&amp;lang=en")])
def test_the_cover_links_back_to_the_same_view(app, lang, suffix):  # noqa: F811
    page = cover(page_of(app, f"period={STORY}&avdelning={ANALYS}&lang={lang}"))
    expected = f"http://localhost/?period={STORY}&amp;avdelning={ANALYS}{suffix}"
    assert (f'<a class="dashboard-link" href="{expected}">{t("cover.dashboard_link", lang)}</a>'
            in page)


def test_the_link_back_keeps_todays_data_of_an_adopted_view(app):  # noqa: F811
    page = cover(page_of(app, f"period={STORY}&visa=aktuell&enkat=x"))
    assert 'href="http://localhost/?period=2018-T2&amp;visa=aktuell"' in page


# --- the contents on the page ---------------------------------------------------------------

@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_page_has_contents_linking_to_every_heading_in_order(app, lang):  # noqa: F811
    page = page_of(app, f"period={STORY}&avdelning={ANALYS}&lang={lang}")
    assert f'<h2 id="toc-heading">{t("cover.contents", lang)}</h2>' in page
    links = TOC_LINK.findall(page)
    titles = [html.unescape(text) for _anchor, text in links]
    assert titles[:2] == [t("overview.narrative_heading", lang),
                          t("survey.headline_title", lang, survey="IT-enkäten",
                            measurement="Uppföljning 2018")]
    for key in ("operations", "finance", "staff", "processes"):
        assert t(f"card.{key}", lang) in titles
    assert titles[-1] == t("operations.changes_heading", lang, previous="2018-T1")
    places = []
    for anchor, text in links:  # each link leads to a heading of its text, in the same order
        heading = re.search(rf'<h([12]) id="{anchor}">([^<]*)</h\1>', page)
        assert heading and html.unescape(heading[2]) == html.unescape(text), anchor
        places.append(heading.start())
    assert places == sorted(places)


def test_the_agency_page_lists_its_matrix_first(app):  # noqa: F811
    links = TOC_LINK.findall(page_of(app, f"period={STORY}"))
    assert html.unescape(links[0][1]) == t("matrix.heading")


# --- the survey's headline ------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_survey_headline_is_in_the_report_of_a_tertial_with_a_survey(app, lang):  # noqa: F811
    frames = context(app).frames.current().frames
    found = survey_headline(frames, 5, dt_last_day(STORY), lang)
    assert found is not None and found.text
    page = page_of(app, f"period={STORY}&lang={lang}")
    assert f'<h2 id="survey-1">{html.escape(found.title, quote=False)}</h2>' in page
    assert html.escape(found.text, quote=False) in page
    assert "/enkater?enkat=" in page


def test_no_survey_headline_before_the_first_survey(app):  # noqa: F811
    frames = context(app).frames.current().frames
    assert survey_headline(frames, 5, dt_last_day("2017-T1"), "sv") is None
    page = page_of(app, "period=2017-T1")
    assert 'class="survey-headline"' not in page and 'href="#survey-1"' not in page


# --- the agency's settings ------------------------------------------------------------------

@pytest.fixture(scope="module")
def named(tmp_path_factory) -> Iterator[dict]:
    yield from build_app(tmp_path_factory, "report_named", TERTIAL_AUTH_MODE="password",
                         TERTIAL_AGENCY_NAME=AGENCY, TERTIAL_CONTACT=CONTACT,
                         TERTIAL_LOGIN_RATE="1000")


@pytest.fixture(scope="module")
def named_client(named):
    context(named).accounts.add("ledning", PASSWORD, "leadership")
    client = named["server"].test_client()
    response = client.post("/logga-in", data={"name": "ledning", "password": PASSWORD,
                                              "next": "/"})
    assert response.status_code == 302
    return client


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_login_page_names_the_agency(named, lang):
    page = named["server"].test_client().get(f"/logga-in?lang={lang}").get_data(as_text=True)
    assert f'<p class="login-agency">{AGENCY}</p>' in page
    assert t("report.agency_default", lang) not in page


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_cover_names_the_configured_agency(named_client, lang):
    page = named_client.get(f"/rapport?period={STORY}&lang={lang}").get_data(as_text=True)
    assert f'<p class="agency">{AGENCY}</p>' in cover(page)
    assert t("report.agency_default", lang) not in cover(page)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_accessibility_statement_gives_the_configured_contact(named, lang):
    from dashboard.pages import accessibility  # a page module: after the app is made
    with named["server"].test_request_context("/tillganglighet"):
        shown = texts(accessibility.layout(lang=lang))
    assert t("accessibility.contact", lang, contact=CONTACT) in shown


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_without_a_contact_the_statement_points_to_the_registry(app, lang):  # noqa: F811
    from dashboard.pages import accessibility  # a page module: after the app is made
    with app["server"].test_request_context("/tillganglighet"):
        shown = texts(accessibility.layout(lang=lang))
    default = t("accessibility.contact", lang, contact=t("agency.contact_default", lang))
    assert default in shown
    assert not any("[" in s for s in shown)  # no placeholder left for the agency to fill in


def test_the_agency_settings_and_their_defaults():
    from dashboard.views.agency import agency_name, contact_line
    from loaders.settings import load_settings
    defaults = load_settings(environ={})
    assert (defaults.agency_name, defaults.contact) == ("", "")
    named = load_settings(environ={"TERTIAL_AGENCY_NAME": f" {AGENCY} ",
                                   "TERTIAL_CONTACT": CONTACT})
    assert agency_name(named.agency_name, "en") == AGENCY  # spaces around it dropped
    # the setting, else the data's name, else the generic word of the language
    assert agency_name("", "sv", "Verket i datat") == "Verket i datat"
    assert agency_name(AGENCY, "sv", "Verket i datat") == AGENCY
    assert (agency_name("", "sv"), agency_name("", "en")) == ("Myndigheten", "The agency")
    assert contact_line(named.contact, "sv") == f"Kontakt: {CONTACT}"
    assert contact_line("", "en") == "Contact: the agency's registry (registrator)"
