"""The dateline a wire report opens with ("KABUL, Aug 26 (Reuters) -", "TOKYO (Meridian) —").

It says where the report was filed: never a party to what the report tells, a sentence of
its own for the parser (see :func:`communique.nlp.mark_dateline`), the place of events
that name none, and a clue to the report's own country.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

DATELINE = re.compile(
    r"\s*([A-Z][A-Z.'’ -]{2,40}?)\s*(?:,[^\n—–]{0,40}?)?\s*(?:\([^)\n]{0,60}\))?\s*[—–-]{1,2}\s"
)
_BODY_START = "communique_body_start"


def dateline_match(text: str) -> re.Match[str] | None:
    """The dateline a report opens with, if any; group 1 is the place name."""
    return DATELINE.match(text)


def body_start(doc: Doc) -> int:
    """Index of the first token after the dateline (0 without one), cached on the doc."""
    if _BODY_START not in doc.user_data:
        found = dateline_match(doc.text)
        end = found.end() if found else 0
        doc.user_data[_BODY_START] = next((t.i for t in doc if t.idx >= end), 0)
    return doc.user_data[_BODY_START]
