"""The event lexicon: a data file of words that carry PLOVER events, and its matcher.

The packaged file is ``data/lexicon.yaml``; its header documents the pattern syntax. Users
add or replace entries with their own file of the same form.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from spacy.tokens import Token

from .errors import KnowledgeBaseError
from .scores import PLOVER_TYPES

ROLES = ("joint", "visit", "host", "mediate")
ACTOR_KINDS = ("forces",)
"""What an entry may require of its actors: "forces" (armed forces or police) for words
that are events only when forces do them ("the last Russian units left Moldova")."""


@dataclass(frozen=True)
class Word:
    """One word of a pattern: lemma alternatives and the dependents it must have."""

    lemmas: frozenset[str]
    needs: frozenset[str] = frozenset()

    def fits(self, tok: Token) -> bool:
        if not self.lemmas.intersection(lemmas_of(tok)):
            return False
        if not self.needs:
            return True
        return any(self.needs.intersection(lemmas_of(c)) for c in tok.children)


@dataclass(frozen=True)
class Entry:
    """A pattern with the PLOVER type, mode and context it codes."""

    type: str
    pos: str
    """verb or noun."""
    pattern: str
    words: tuple[Word, ...]
    mode: str | None = None
    context: str | None = None
    role: str = "joint"
    actor: str | None = None
    """None, or "forces": the event counts only when armed forces or police do it."""

    @property
    def specificity(self) -> int:
        return sum(1 + bool(w.needs) for w in self.words)

    @property
    def trigger(self) -> Word:
        """The word that is the event's syntactic head: first for verbs, last for nouns."""
        return self.words[0] if self.pos == "verb" else self.words[-1]


@dataclass(frozen=True)
class Match:
    entry: Entry
    tokens: tuple[int, ...]
    """Token indexes of every pattern word matched, trigger first."""


class Lexicon:
    """Entries indexed by trigger lemma."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self.entries: dict[tuple[str, str], Entry] = {}
        for e in entries:
            self.entries[(e.pos, e.pattern)] = e
        self._by_lemma: dict[tuple[str, str], list[Entry]] = {}
        for e in self.entries.values():
            for lemma in e.trigger.lemmas:
                self._by_lemma.setdefault((e.pos, lemma), []).append(e)
        for lst in self._by_lemma.values():
            lst.sort(key=lambda e: -e.specificity)

    @classmethod
    def load(cls, extra: Sequence[Path] = ()) -> Lexicon:
        entries = list(_packaged())
        for path in extra:
            entries.extend(_read(Path(path)))
        return cls(entries)

    def match(self, tok: Token) -> Match | None:
        """The most specific entry whose pattern fits at this token."""
        pos = (
            "verb"
            if tok.pos_ in ("VERB", "AUX")
            else "noun"
            if tok.pos_ in ("NOUN", "PROPN")
            else None
        )
        if pos is None:
            return None
        for lemma in dict.fromkeys(lemmas_of(tok)):
            for entry in self._by_lemma.get((pos, lemma), ()):
                found = _fit(entry, tok)
                if found is not None:
                    return Match(entry, found)
        return None


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def lemmas_of(tok: Token) -> tuple[str, ...]:
    """The lemma, the word, and for regular past forms the stem the lemmatiser can miss
    ("staged" -> "stag" in the small model)."""
    lower = tok.lower_
    out = [_lemma(tok), lower]
    if tok.tag_ in ("VBD", "VBN") and lower.endswith("ed"):
        out += [lower[:-1], lower[:-2]]
    elif tok.tag_ == "VBZ" and lower.endswith("s"):
        out.append(lower[:-1])
    return tuple(out)


def _fit(entry: Entry, tok: Token) -> tuple[int, ...] | None:
    if not entry.trigger.fits(tok):
        return None
    if entry.pos == "noun":
        # Noun patterns: the words before the head are its modifiers ("phone call").
        found = [tok.i]
        for w in entry.words[:-1]:
            dep = next((c for c in tok.children if w.fits(c)), None)
            if dep is None:
                return None
            found.append(dep.i)
        return tuple(found)
    found = [tok.i]
    cur = tok
    for w in entry.words[1:]:
        nxt = _find_dependent(cur, w)
        if nxt is None and cur.dep_ == "prt":
            # "called off the strike": the particle belongs to the verb, and so does the object.
            nxt = _find_dependent(cur.head, w)
        if nxt is None:
            return None
        found.append(nxt.i)
        cur = nxt
    return tuple(found)


PATTERN_DEPS = frozenset(
    "dobj pobj prep prt xcomp ccomp nsubjpass attr acomp oprd dative compound amod npadvmod "
    "agent advmod conj".split()
)
"""Dependents a pattern word may be: not the infinitive "to" ("to protest" is no "protest to")."""


def _find_dependent(tok: Token, word: Word) -> Token | None:
    """A dependent fitting the word, looking one level through clauses and prepositions."""
    for c in tok.children:
        if c.dep_ in PATTERN_DEPS and word.fits(c) and not _dates(c):
            return c
        if c.dep_ in ("dobj", "pobj"):
            # "sharing maps and other battlefield intelligence"
            conjunct = next((j for j in c.conjuncts if word.fits(j)), None)
            if conjunct is not None:
                return conjunct
    for c in tok.children:
        if c.dep_ in ("xcomp", "prep", "agent", "dobj", "acomp", "prt", "advcl", "ccomp"):
            for g in c.children:
                if (
                    word.fits(g)
                    and not _dates(g)
                    and (
                        g.dep_ in ("dobj", "pobj", "prt", "xcomp", "nsubjpass", "prep", "advmod")
                        or (g.dep_ == "aux" and g.tag_ == "MD" and c.dep_ == "ccomp")
                    )
                ):
                    # A modal of the reported clause counts: "said that Libya must...".
                    return g
        if c.dep_ in ("dobj", "nsubjpass"):
            # "lifted the nationwide state of emergency", "gave 8 million euros of aid"
            for p in c.children:
                if p.dep_ == "prep" and p.lower_ == "of":
                    for g in p.children:
                        if g.dep_ == "pobj" and word.fits(g):
                            return g
    return None


def _dates(prep: Token) -> bool:
    """ "called the rioters fanatics on Monday": a preposition that only dates the act is
    no part of a pattern ("call on")."""
    objects = [g for g in prep.children if g.dep_ == "pobj"]
    return bool(objects) and all(g.ent_type_ in ("DATE", "TIME") for g in objects)


@functools.lru_cache(maxsize=1)
def _packaged() -> tuple[Entry, ...]:
    ref = resources.files("communique") / "data" / "lexicon.yaml"
    return tuple(_parse(yaml.safe_load(ref.read_text(encoding="utf-8")), "lexicon.yaml"))


def _read(path: Path) -> list[Entry]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise KnowledgeBaseError(f"{path}: cannot read the lexicon ({exc}); fix the file") from exc
    return _parse(data, str(path))


def _parse(data: Any, name: str) -> list[Entry]:
    if not isinstance(data, dict):
        raise KnowledgeBaseError(f"{name}: a lexicon is a mapping of PLOVER types to word lists")
    out: list[Entry] = []
    seen: dict[tuple[str, str], str] = {}
    for etype, body in data.items():
        if etype not in PLOVER_TYPES:
            raise KnowledgeBaseError(
                f"{name}: {etype!r} is not a PLOVER type; use one of {', '.join(PLOVER_TYPES)}"
            )
        if not isinstance(body, dict) or set(body) - {"verbs", "nouns"}:
            raise KnowledgeBaseError(f"{name}: {etype} must have only 'verbs' and 'nouns' lists")
        for pos_key, items in body.items():
            pos = pos_key[:-1]
            for item in items or ():
                entry = _entry(etype, pos, item, name)
                key = (pos, entry.pattern)
                if key in seen and seen[key] != etype:
                    raise KnowledgeBaseError(
                        f"{name}: the {pos} pattern {entry.pattern!r} is listed under both "
                        f"{seen[key]} and {etype}; keep it under one type"
                    )
                seen[key] = etype
                out.append(entry)
    return out


def _entry(etype: str, pos: str, item: Any, name: str) -> Entry:
    spec = {"p": item} if isinstance(item, str) else item
    if not isinstance(spec, dict) or not isinstance(spec.get("p"), str) or not spec["p"].strip():
        raise KnowledgeBaseError(f"{name}: {etype} entry {item!r} needs a pattern string 'p'")
    unknown = set(spec) - {"p", "mode", "context", "role", "actor"}
    if unknown:
        raise KnowledgeBaseError(f"{name}: {etype} entry {spec['p']!r} has unknown keys {unknown}")
    role = spec.get("role", "joint")
    if role not in ROLES:
        raise KnowledgeBaseError(
            f"{name}: {etype} entry {spec['p']!r}: role must be one of {ROLES}"
        )
    pattern = " ".join(spec["p"].lower().split())
    actor = spec.get("actor")
    if actor is not None and actor not in ACTOR_KINDS:
        raise KnowledgeBaseError(
            f"{name}: {etype} entry {spec['p']!r}: actor must be one of {ACTOR_KINDS}"
        )
    return Entry(
        type=etype,
        pos=pos,
        pattern=pattern,
        words=tuple(_word(w) for w in pattern.split(" ")),
        mode=spec.get("mode"),
        context=spec.get("context"),
        role=role,
        actor=actor,
    )


def _word(text: str) -> Word:
    needs: frozenset[str] = frozenset()
    if "[" in text:
        text, _, rest = text.partition("[")
        needs = frozenset(rest.rstrip("]").split("/"))
    return Word(frozenset(text.split("/")), needs)
