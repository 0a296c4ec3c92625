"""The agency as the interface names it: its name (``TERTIAL_AGENCY_NAME``) and the contact
line of the accessibility statement (``TERTIAL_CONTACT``), each with its stated default.

Pure: the settings' texts in, words out. The name set by an operator wins over a name the
data carries (``dashboard.reports.content.agency_name``), which wins over the generic
"Myndigheten" ("The agency" in English).
"""

from __future__ import annotations

from dashboard.text.i18n import t


def agency_name(configured: str, lang: str, from_data: str | None = None) -> str:
    """The agency's name: the setting, else the data's, else "Myndigheten"."""
    return configured.strip() or (from_data or "").strip() or t("report.agency_default", lang)


def contact_line(configured: str, lang: str) -> str:
    """"Kontakt: tillganglighet@myndigheten.se", or the agency's registry without one."""
    return t("accessibility.contact", lang,
             contact=configured.strip() or t("agency.contact_default", lang))
