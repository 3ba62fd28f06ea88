"""The whole path for a batch of articles: parse once, then every stage on that parse.

:class:`Coder` holds what is loaded once per process (the spaCy pipeline, the knowledge
base, the lexicon, the gazetteer); everything it needs is rebuilt from :class:`Settings`,
so a worker process (or a distributed engine) can make its own from the settings alone.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from .actors import ActorResolver
from .attributes import attach_attributes, reference_date
from .events import extract_events
from .inputs import InputProblem
from .knowledge import KnowledgeBase
from .lexicon import Lexicon
from .models import Article, Event, Mention, Quote
from .nlp import load_pipeline
from .places import Gazetteer
from .records import assign_ids, quote_record, to_record

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Settings:
    """Everything a coder is built from; plain values, so it can be sent to workers."""

    model: str | None = None
    actors: tuple[Path, ...] = ()
    lexicon: tuple[Path, ...] = ()
    batch_size: int = 16


@dataclass
class CodedArticle:
    """One article's results: PLOVER records, quotes, and the mentions they came from."""

    article: Article
    events: list[Event]
    records: list[dict[str, Any]]
    quotes: list[Quote]
    mentions: list[Mention] = field(default_factory=list)

    def quote_records(self) -> list[dict[str, Any]]:
        return [quote_record(q) for q in self.quotes]


class Coder:
    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self.nlp = load_pipeline(self.settings.model)
        self.kb = KnowledgeBase.load(list(self.settings.actors))
        self.lexicon = Lexicon.load(self.settings.lexicon)
        self.resolve_actors = ActorResolver(self.nlp, self.kb)
        self.gazetteer = Gazetteer.load()

    def code(
        self, items: Iterable[Article | InputProblem]
    ) -> Iterator[CodedArticle | InputProblem]:
        """Code articles in input order; problems pass through, one per bad input."""
        pending: list[Article | InputProblem] = []

        def texts() -> Iterator[str]:
            for item in items:
                pending.append(item)
                if isinstance(item, Article):
                    yield item.text

        docs = self.nlp.pipe(texts(), batch_size=self.settings.batch_size)
        for doc in docs:
            while pending and isinstance(pending[0], InputProblem):
                yield pending.pop(0)
            article = pending.pop(0)
            assert isinstance(article, Article)
            yield self.code_doc(doc, article)
        yield from pending

    def code_doc(self, doc, article: Article) -> CodedArticle | InputProblem:
        """Every stage on one parsed article; a failure is that article's problem alone."""
        try:
            return self._stages(doc, article)
        except Exception as exc:  # one bad article must not stop the batch
            return coding_problem(article, exc)

    def _stages(self, doc, article: Article) -> CodedArticle:
        index = self.resolve_actors(doc, article.published)
        reference = reference_date(doc, index, article, self.kb)
        if article.published is None and reference is not None and reference.date:
            # Who holds an office depends on the date: resolve again on the inferred one.
            index = self.resolve_actors(doc, date.fromisoformat(reference.date))
        events = extract_events(doc, index, self.lexicon)
        assign_ids(article, events)
        quotes = attach_attributes(doc, events, index, article, self.kb, self.gazetteer, reference)
        records = [to_record(ev, article, quotes) for ev in events]
        return CodedArticle(article, events, records, quotes, index.mentions())


def coding_problem(article: Article, exc: BaseException) -> InputProblem:
    """The problem to report for an article whose coding raised ``exc``."""
    log.debug("coding %s failed:\n%s", article.id, "".join(traceback.format_exception(exc)))
    where = article.source or article.id
    return InputProblem(where, f"could not be coded ({type(exc).__name__}: {exc})")


def code_articles(
    articles: Iterable[Article], settings: Settings | None = None
) -> list[CodedArticle | InputProblem]:
    """Convenience for library users: code a batch and return the results in order."""
    return list(Coder(settings).code(articles))
