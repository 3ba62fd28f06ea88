"""Records stage: events become PLOVER event records (JSON-ready dicts).

PLOVER's fields come first and keep PLOVER's names; communique's additions (``article_id``,
``aux``, ``duration_minutes``, ``cameo_code``, ``date_info``, ``quotes``) stand beside them.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from . import __version__
from .models import Article, Event, Quote
from .scores import cameo_code, event_scale, quad_code

CODEBOOK = "PLOVER 2.0 (draft manual)"
BYLINE = re.compile(r"^(?:By\s+)?[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}(?:\s+\S+@\S+)?$")


def assign_ids(article: Article, events: list[Event]) -> None:
    """Deterministic ids: the same article coded twice gives the same ids."""
    seen: dict[str, int] = {}
    for ev in events:
        key = f"{article.id}|{ev.sentence}|{ev.trigger_start}|{ev.type}"
        digest = hashlib.sha1(key.encode()).hexdigest()[:12]
        n = seen.get(digest, 0)
        seen[digest] = n + 1
        ev.id = f"{article.id}-{digest}" + (f"-{n}" if n else "")


def cite_info(article: Article) -> dict[str, Any]:
    info: dict[str, Any] = {
        "publication": article.outlet,
        "url": article.url,
        "title": article.title,
        "language": "en",
        "byline": byline(article.text),
        "coder": f"communique {__version__}",
        "codebook": CODEBOOK,
    }
    return {k: v for k, v in info.items() if v is not None}


def byline(text: str) -> str | None:
    """The author's line a report ends with ("Ji-Won Seo jwseo@dailynews.kr")."""
    lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()]
    if len(lines) < 2:
        return None
    last = lines[-1]
    if len(last) < 60 and BYLINE.match(last) and ("@" in last or last.startswith("By ")):
        return last
    return None


def to_record(ev: Event, article: Article, quotes: list[Quote]) -> dict[str, Any]:
    context = ([ev.aux] if ev.aux else []) + [c for c in ev.context if c != ev.aux]
    date = ev.date
    record: dict[str, Any] = {
        "id": ev.id,
        "date": date.date if date else None,
        "time": ev.time,
        "event": ev.type,
        "mode": ev.mode,
        "context": context,
        "actor": [e.to_plover() for e in ev.actor],
        "recipient": [e.to_plover() for e in ev.recipient],
        "event_loc": ev.location.to_plover() if ev.location else None,
        "event_text": [ev.trigger_text],
        "quad_code": quad_code(ev.type),
        "event_scale": event_scale(ev.type, ev.mode),
        "text_info": {
            "sequence": ev.sentence,
            "start": ev.sentence_start,
            "end": ev.sentence_end,
            "trigger_start": ev.trigger_start,
            "trigger_end": ev.trigger_end,
            "evidence": [list(span) for span in ev.evidence],
        },
        "cite_info": cite_info(article),
        "article_id": article.id,
        "aux": ev.aux,
        "duration_minutes": ev.duration_minutes,
        "cameo_code": cameo_code(ev.type, ev.mode, [c for c in ev.context if c != ev.aux]),
        "date_info": _date_info(ev),
        "quotes": [quote_record(q) for q in quotes if ev.id in q.event_ids],
    }
    return record


def _date_info(ev: Event) -> dict[str, Any] | None:
    if ev.date is None:
        return None
    d = ev.date
    info = {
        "precision": d.precision,
        "text": d.text,
        "start": d.start,
        "end": d.end,
        "method": d.method,
        "reason": d.reason,
    }
    return {k: v for k, v in info.items() if v is not None}


def quote_record(q: Quote) -> dict[str, Any]:
    return {
        "text": q.text,
        "start": q.start,
        "end": q.end,
        "direct": q.direct,
        "speaker": q.speaker.to_plover() if q.speaker else None,
        "conduit": q.conduit.to_plover() if q.conduit else None,
        "channel": q.channel,
        "event_ids": list(q.event_ids),
    }
