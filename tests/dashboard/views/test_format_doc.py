"""Filformat shows docs/format.md whole, and every link inside the document finds its
section."""

from __future__ import annotations

import re

from dashboard.views import format_doc as page


def test_every_anchor_the_document_links_to_is_a_section_id():
    text = page.DOCUMENT.read_text(encoding="utf-8")
    links = set(re.findall(r"\]\(#([^)]+)\)", text))
    ids = {key for key, _ in page.document_sections() if key}
    assert links and links <= ids, sorted(links - ids)


def test_the_sections_hold_the_whole_document_in_order():
    text = page.DOCUMENT.read_text(encoding="utf-8")
    assert "".join(chunk for _, chunk in page.document_sections()) == text
    assert page.anchor("Nyckeltal (KPI settings) – frivilliga inställningar") == \
        "nyckeltal-kpi-settings--frivilliga-inställningar"
