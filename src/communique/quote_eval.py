"""Scoring quotes and attribution against a gold file's ``quotes`` lists.

A gold article may carry, beside its events, ``"quotes": [{"quote": ..., "speaker": ...,
"speaker_code": ..., "conduit": ..., "channel": ...}]``: ``quote`` is the first words of
the quoted or reported statement exactly as in the text; ``speaker`` and ``conduit`` are
written as in the text (``conduit`` null when the speaker's words reach the report
directly); ``speaker_code`` is the speaker's entity code (null for unnamed speakers).

A gold quote is found when a coded quote's span holds the gold words' first character (or
starts inside them). On found quotes: the speaker is right when the codes agree and the
names share a word (a null gold code wants a coded speaker with no code of its own — in
practice, no quote at all, so those are left out of the speaker figure); the conduit is
right when both are absent, or both present with a shared word; the channel when equal.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import GoldFormatError
from .evaluate import Accuracy, json_lines

WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
STOP = frozenset("the of a an and for to in on at by".split())


@dataclass(frozen=True)
class GoldQuote:
    quote: str
    speaker: str | None
    speaker_code: str | None
    conduit: str | None
    channel: str | None
    start: int


@dataclass
class QuoteReport:
    gold: int = 0
    found: int = 0
    speaker: Accuracy = field(default_factory=Accuracy)
    conduit: Accuracy = field(default_factory=Accuracy)
    channel: Accuracy = field(default_factory=Accuracy)
    misses: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "gold_quotes": self.gold,
            "found": self.found,
            "recall": self.found / self.gold if self.gold else None,
            "speaker": self.speaker.to_dict(),
            "conduit": self.conduit.to_dict(),
            "channel": self.channel.to_dict(),
        }

    def format_text(self) -> str:
        recall = f"{self.found / self.gold:.3f}" if self.gold else "-"
        return "\n".join(
            [
                f"quotes: {self.found}/{self.gold} found ({recall})",
                f"  speaker   {_fmt(self.speaker)}",
                f"  conduit   {_fmt(self.conduit)}",
                f"  channel   {_fmt(self.channel)}",
            ]
        )


def _fmt(a: Accuracy) -> str:
    return f"{a.correct}/{a.n}  {a.value:.3f}" if a.value is not None else f"{a.correct}/{a.n}  -"


def read_gold_quotes(path: Path) -> dict[str, list[GoldQuote]]:
    """Gold quotes by article id; articles without a ``quotes`` list are left out."""
    out: dict[str, list[GoldQuote]] = {}
    for _, where, obj in json_lines(path, "id, text and gold"):
        quotes = obj.get("quotes")
        if quotes is None:
            continue
        text, article_id = obj.get("text"), obj.get("id")
        if not isinstance(quotes, list) or not isinstance(text, str):
            raise GoldFormatError(f"{where}: 'quotes' must be a list — see quote_eval's docs")
        out[str(article_id)] = [_gold_quote(q, text, where) for q in quotes]
    return out


def _gold_quote(q: Any, text: str, where: str) -> GoldQuote:
    if not isinstance(q, dict) or not isinstance(q.get("quote"), str):
        raise GoldFormatError(f"{where}: each quote needs a 'quote' string")
    start = text.find(q["quote"])
    if start < 0:
        raise GoldFormatError(
            f"{where}: quote {q['quote'][:40]!r} is not in the article text — copy it exactly"
        )
    return GoldQuote(
        quote=q["quote"],
        speaker=q.get("speaker"),
        speaker_code=q.get("speaker_code"),
        conduit=q.get("conduit"),
        channel=q.get("channel"),
        start=start,
    )


def score_quotes(
    gold: Mapping[str, Sequence[GoldQuote]], coded: Mapping[str, Sequence[Mapping[str, Any]]]
) -> QuoteReport:
    """Compare gold quotes with coded quote records (``records.quote_record`` dicts)."""
    report = QuoteReport()
    for article_id, quotes in gold.items():
        found = list(coded.get(article_id, ()))
        for g in quotes:
            report.gold += 1
            c = next((c for c in found if _overlaps(g, c)), None)
            if c is None:
                report.misses.append(f"{article_id}: {g.quote[:50]!r}")
                continue
            report.found += 1
            if g.speaker_code is not None:
                report.speaker.add(_same_party(g.speaker, g.speaker_code, c.get("speaker")))
            report.conduit.add(_same_conduit(g.conduit, c.get("conduit")))
            report.channel.add(g.channel == c.get("channel"))
    return report


def _overlaps(g: GoldQuote, c: Mapping[str, Any]) -> bool:
    start, end = c.get("start", -1), c.get("end", -1)
    return start <= g.start < end or g.start <= start < g.start + len(g.quote)


def _words(text: str | None) -> set[str]:
    return {w.lower() for w in WORD.findall(text or "")} - STOP


def _same_party(name: str | None, code: str | None, entity: Mapping[str, Any] | None) -> bool:
    if entity is None:
        return False
    names = _words(entity.get("entity_text")) | _words(entity.get("identifier_text"))
    return entity.get("code") == code and bool(_words(name) & names)


def _same_conduit(gold: str | None, entity: Mapping[str, Any] | None) -> bool:
    if gold is None or entity is None:
        return gold is None and entity is None
    names = _words(entity.get("entity_text")) | _words(entity.get("identifier_text"))
    return bool(_words(gold) & names)
