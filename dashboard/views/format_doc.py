"""docs/format.md cut into sections by heading, each with GitHub's anchor (pure, no dash).

The Filformat page (``dashboard/pages/format.py``) shows each section in an element whose id
is the heading's anchor (GitHub's rule: lower case, spaces to hyphens, punctuation dropped),
so the document's own links (``#perioden``, ``#in-english``) work on the page as on GitHub.
"""

from __future__ import annotations

import re
from pathlib import Path

DOCUMENT = Path(__file__).resolve().parents[2] / "docs" / "format.md"
HEADING = re.compile(r"^#{1,6} (.+)$", re.M)


def anchor(heading: str) -> str:
    """GitHub's anchor of a heading: ``"Perioden"`` -> ``perioden``, ``"CSV-filer"`` ->
    ``csv-filer``, ``"In English"`` -> ``in-english``."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def sections(text: str) -> list[tuple[str | None, str]]:
    """(anchor, Markdown) per heading, in order; text before the first heading has none."""
    starts = [m.start() for m in HEADING.finditer(text)]
    parts = [(None, text[:starts[0]])] if starts and starts[0] else []
    for begin, end in zip(starts, [*starts[1:], len(text)], strict=True):
        chunk = text[begin:end]
        parts.append((anchor(HEADING.match(chunk).group(1)), chunk))
    return parts


def document_sections() -> list[tuple[str | None, str]]:
    return sections(DOCUMENT.read_text(encoding="utf-8"))
