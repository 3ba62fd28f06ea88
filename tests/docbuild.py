"""Hand-built spaCy documents, so that stage tests need no model and show the parse they test.

A document is its text and a table with one row per token, one block of rows per sentence
(blocks separated by a blank line)::

    # i  word       tag  pos    dep      head  lemma      entity
      0  Lula       NNP  PROPN nsubj       1  Lula       B-PERSON
      1  spoke      VBD  VERB  ROOT        1  speak
      2  .          .    PUNCT punct       1  .

``i`` is the token's index in its sentence and ``head`` the index of its head in the same
sentence (a root is its own head), so each block reads on its own; the builder makes them
absolute. The optional last column is the token's IOB entity tag. Rows are checked against
the text, which gives the spacing. The parses follow what spaCy's English pipelines produce
(ClearNLP labels: nsubj, dobj, prep/pobj, xcomp, ccomp, agent, nsubjpass...).
"""

from __future__ import annotations

from datetime import date

import spacy
from spacy.tokens import Doc

from communique.actors import ActorResolver
from communique.attributes import attach_attributes, reference_date
from communique.events import extract_events
from communique.knowledge import KnowledgeBase
from communique.lexicon import Lexicon
from communique.models import Article, Event, Quote
from communique.places import Gazetteer
from communique.records import assign_ids

NLP = spacy.blank("en")
"""The one vocabulary every built document and the actor resolver share."""


def build_doc(text: str, table: str) -> Doc:
    """The document ``text`` parsed as ``table`` says (see the module docstring)."""
    words, tags, pos, deps, heads, lemmas, ents = [], [], [], [], [], [], []
    for block in _blocks(table):
        offset = len(words)
        for n, row in enumerate(block):
            cells = row.split()
            if len(cells) not in (7, 8) or int(cells[0]) != n:
                raise ValueError(f"bad row {n} of a sentence: {row!r}")
            words.append(cells[1])
            tags.append(cells[2])
            pos.append(cells[3])
            deps.append(cells[4])
            heads.append(offset + int(cells[5]))
            lemmas.append(cells[6])
            ents.append(cells[7] if len(cells) == 8 else "O")
        if sum(deps[i] == "ROOT" for i in range(offset, len(words))) != 1:
            raise ValueError(f"sentence at token {offset} needs exactly one ROOT")
    return Doc(
        NLP.vocab,
        words=words,
        spaces=_spaces(text, words),
        tags=tags,
        pos=pos,
        deps=deps,
        heads=heads,
        lemmas=lemmas,
        ents=ents,
    )


def _blocks(table: str) -> list[list[str]]:
    blocks: list[list[str]] = [[]]
    for line in table.strip("\n").splitlines():
        line = "" if line.lstrip().startswith("#") else line.strip()
        if not line:
            if blocks[-1]:
                blocks.append([])
            continue
        blocks[-1].append(line)
    return [b for b in blocks if b]


def _spaces(text: str, words: list[str]) -> list[bool]:
    spaces, at = [], 0
    for n, word in enumerate(words):
        if not text.startswith(word, at):
            raise ValueError(
                f"token {n} {word!r} does not match the text at {text[at : at + 20]!r}"
            )
        at += len(word)
        gap = len(text) - len(text[at:].lstrip(" "))
        if gap - at > 1:
            raise ValueError(f"more than one space after token {n} {word!r}")
        spaces.append(gap > at)
        at = gap
    if at != len(text):
        raise ValueError(f"text left over after the last token: {text[at:]!r}")
    return spaces


def article(text: str, published: date | None, article_id: str = "art-1", **more: str) -> Article:
    return Article(id=article_id, text=text, published=published, **more)


def code_doc(
    doc: Doc,
    art: Article,
    resolver: ActorResolver,
    lexicon: Lexicon,
    kb: KnowledgeBase,
    gazetteer: Gazetteer,
) -> tuple[list[Event], list[Quote]]:
    """Every stage on a built document, as :class:`communique.pipeline.Coder` runs them."""
    index = resolver(doc, art.published)
    reference = reference_date(doc, index, art, kb)
    if art.published is None and reference is not None and reference.date:
        index = resolver(doc, date.fromisoformat(reference.date))
    events = extract_events(doc, index, lexicon)
    assign_ids(art, events)
    quotes = attach_attributes(doc, events, index, art, kb, gazetteer, reference)
    return events, quotes
