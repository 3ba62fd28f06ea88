"""Actors stage: every mention in an article becomes a PLOVER entity, resolved in the article.

Needs: the parsed document, the knowledge base, the article's reference date.
Adds: an :class:`ActorIndex` that maps any token heading an argument (a name, a role phrase,
a pronoun, "the two leaders") to the entities it stands for.

How a noun phrase is coded: its anchors (knowledge-base names, people's names, role words)
are gathered up to the phrase's head; a known person gives code, sector and office for the
date; otherwise a country or body word in the phrase gives the code and the role word the
sector ("Brazilian Foreign Minister X" -> BRA, GOV). Phrases with no code of their own refer
back: surnames to the full name, "the president" to the last president named, pronouns to
the last fitting mention, "the two leaders" to the last pair.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from .knowledge import KBEntry, KnowledgeBase, Role
from .models import Entity, Mention
from .quotes import Statement, find_statements, speaker_at

log = logging.getLogger(__name__)

CLIMB_DEPS = frozenset({"compound", "amod", "poss", "nmod", "flat", "appos"})
GROUP_HEADS = frozenset(
    "leader leaders side sides country countries government governments nation nations "
    "minister ministers president presidents".split()
)
GROUP_DETERMINERS = frozenset({"two", "both", "three"})
GENERIC_PEOPLE = frozenset(
    "observer observers analyst analysts expert experts source sources witness witnesses "
    "resident residents critic critics people".split()
)
"""Unnamed commentators: they act for no country, so they code as no one."""
PEOPLE_NOUNS = frozenset(
    "people youth youths prisoner prisoners refugee refugees civilian civilians resident "
    "residents villager villagers worker workers national nationals citizen citizens man men "
    "woman women child children settler settlers soldier soldiers troop troops force forces "
    "fighter fighters official officials leader leaders diplomat diplomats authority "
    "authorities member members activist activists detainee detainees hostage hostages "
    "immigrant immigrants migrant migrants tank tanks aircraft helicopter helicopters jet "
    "jets warship warships bulldozer bulldozers gunship gunships militiaman militiamen "
    "bomber bombers gunman gunmen agent agents servicemen serviceman negotiator negotiators "
    "kurd kurds serb serbs inhabitant inhabitants farmer farmers landowner landowners "
    "supporter supporters group groups".split()
)
"""Nouns for people who act for the country their modifier names ("Palestinian youths")."""
QUANTITY_NOUNS = frozenset(
    "thousand thousands hundred hundreds dozen dozens ten tens million millions score scores "
    "group groups some many most members "
    "member third half majority number".split()
)
FORMER_WORDS = frozenset({"former", "ex", "predecessor", "late", "ousted", "then"})
PRONOUNS_PERSON = frozenset({"he", "him", "his", "she", "her", "hers", "himself", "herself"})
PRONOUNS_THING = frozenset({"it", "its", "itself"})
PRONOUNS_GROUP = frozenset({"they", "them", "their", "theirs", "themselves"})
PRONOUNS_FIRST = frozenset({"i", "me", "my", "mine", "myself"})
PRONOUNS_WE = frozenset({"we", "us", "our", "ours"})


@dataclass
class NounPhrase:
    """A resolved mention: the head token and the entities it stands for."""

    head: int
    start: int
    end: int
    entities: list[Entity]
    kind: str
    person_key: str | None = None
    """Name of the person (to resolve surnames); None for non-persons."""
    role: Role | None = None
    sentence: int = 0


@dataclass
class ActorIndex:
    """All mentions of an article, looked up by the token that heads them."""

    doc: Doc
    phrases: list[NounPhrase] = field(default_factory=list)
    by_head: dict[int, NounPhrase] = field(default_factory=dict)
    by_token: dict[int, NounPhrase] = field(default_factory=dict)
    statements: list[Statement] = field(default_factory=list)
    home: str | None = None
    """The article's lead country: "the presidential office" with no country is its office."""
    sent_ids: dict[int, int] = field(default_factory=dict)
    """Sentence number by the sentence's first token."""

    def add(self, np: NounPhrase) -> None:
        self.phrases.append(np)
        self.by_head[np.head] = np
        for i in range(np.start, np.end):
            self.by_token.setdefault(i, np)

    def entities_for(
        self, token: Token, owners: bool = False, conjuncts: bool = True
    ) -> list[Entity]:
        """Entities an argument stands for, with its conjuncts ("X and Y") unless
        ``conjuncts`` is false.

        With ``owners``, a noun that names no one itself stands for the parties that modify
        it: "an Indian proposal" and "North Korea's demand" are India's and North Korea's.
        Unnamed people take the country of their modifiers or of where they are
        ("Palestinian youths", "demonstrators in Baghdad"); a quantity stands for what it
        counts ("thousands of Iraqi Kurds").
        """
        out: list[Entity] = []
        for t in [token, *(token.conjuncts if conjuncts else ())]:
            np = self.by_head.get(t.i) or self.by_token.get(t.i)
            if np is not None and (np.entities or np.kind != "role"):
                out.extend(np.entities)
                continue
            lemma = t.lemma_.lower()
            counted = [g for c in t.children if c.lower_ == "of" for g in c.children]
            quantity = lemma in QUANTITY_NOUNS or t.lower_ in QUANTITY_NOUNS or t.pos_ == "NUM"
            if quantity and counted:
                for g in counted:
                    out.extend(self.entities_for(g, owners=True))
                continue
            people = lemma in PEOPLE_NOUNS or (np is not None and np.kind == "role")
            if owners or people:
                mods = [c for c in t.lefts if c.dep_ in ("amod", "compound", "poss", "nmod")]
                found = self.entities_in(m for c in mods for m in c.subtree)
                if not found and people:
                    found = self._where(t)
                roles = [np.role] if np and np.role else []
                roles += [r for c in mods if (r := self.role_of(c)) is not None]
                out.extend(_with_sector(found, roles[0].sector if roles else None))
        return _dedupe(out)

    def role_of(self, t: Token) -> Role | None:
        """The role word a token's mention has, if any."""
        np = self.by_head.get(t.i) or self.by_token.get(t.i)
        return np.role if np is not None else None

    def _where(self, t: Token) -> list[Entity]:
        """ "demonstrators in Baghdad": people act for the country they are in."""
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ in ("in", "from", "throughout", "across"):
                for g in c.children:
                    np = self.by_head.get(g.i)
                    if np is not None and np.kind == "country":
                        return [
                            Entity(code=e.code, sector=None, entity_text=e.entity_text)
                            for e in np.entities
                        ]
        return []

    def entities_in(self, span: Iterable[Token]) -> list[Entity]:
        """Entities of every mention whose head lies in the tokens (modifiers of a noun)."""
        out: list[Entity] = []
        for t in span:
            np = self.by_head.get(t.i)
            if np is not None:
                out.extend(np.entities)
        return _dedupe(out)

    def mentions(self) -> list[Mention]:
        """Flat list of mentions, for records and the store."""
        out = []
        for np in self.phrases:
            for e in np.entities:
                span = self.doc[np.start : np.end]
                out.append(
                    Mention(
                        start=span.start_char,
                        end=span.end_char,
                        text=span.text,
                        entity=e,
                        head=np.head,
                        kind=np.kind,
                        sentence=np.sentence,
                    )
                )
        return out


def _dedupe(entities: list[Entity]) -> list[Entity]:
    seen, out = set(), []
    for e in entities:
        key = (e.code, e.identifier_id or e.entity_text)
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out


class ActorResolver:
    """Built once per process (matchers over the knowledge base); called once per article."""

    def __init__(self, nlp: Language, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.names = PhraseMatcher(nlp.vocab, attr="LOWER")
        forms = sorted({f for f in kb.surface_forms() if f.strip()})
        self.names.add("KB", [nlp.make_doc(f) for f in forms])
        self.roles = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.roles.add("ROLE", [nlp.make_doc(w) for w in sorted(set(kb.role_words()))])

    def __call__(self, doc: Doc, on: date | None) -> ActorIndex:
        index = ActorIndex(doc=doc)
        anchors = self._anchors(doc, on)
        sent_ids = index.sent_ids = {s.start: n for n, s in enumerate(doc.sents)}
        groups: dict[int, list[tuple[Span, str, object]]] = {}
        for span, kind, payload in anchors:
            groups.setdefault(_np_head(span.root).i, []).append((span, kind, payload))
        for span, kind, payload in anchors:
            # "Hungarian and Romanian officials": the second adjective shares the noun.
            root = span.root
            if root.dep_ == "conj" and root.pos_ == "ADJ" and kind == "kb":
                first = _np_head(root.head)
                if first.i != root.i and first.i in groups and first.i != _np_head(root).i:
                    groups[_np_head(root).i].remove((span, kind, payload))
                    if not groups[_np_head(root).i]:
                        del groups[_np_head(root).i]
                    groups[first.i].append((span, kind, payload))
        for head, items in list(groups.items()):
            if not any(s.start <= head < s.end for s, _, _ in items) and doc[head].pos_ != "PROPN":
                # "the South Korea-Japan summit": the names modify an event, not one party.
                del groups[head]
                for item in items:
                    groups.setdefault(item[0].root.i, []).append(item)
        for head, items in sorted(groups.items()):
            np = self._phrase(doc, head, items, on, index)
            if np is not None:
                np.sentence = sent_ids[doc[head].sent.start]
                index.add(np)
        index.home = _home_country(index)
        index.statements = find_statements(doc)
        self._refer_back(doc, index, on)
        return index

    # -- anchors: names from the knowledge base, people's names, role words ---------------

    def _anchors(self, doc: Doc, on: date | None) -> list[tuple[Span, str, object]]:
        known: dict[tuple[int, int], list[KBEntry]] = {}
        for span in filter_spans(
            [doc[s:e] for _, s, e in self.names(doc) if self.kb.lookup(doc[s:e].text, on=on)]
        ):
            known[(span.start, span.end)] = self.kb.lookup(span.text, on=on)
        places = {
            i for (s, e), entries in known.items() if not _is_person(entries) for i in range(s, e)
        }
        # NER sometimes reads "Bosnian Serbs" as a person: a known place word wins there.
        persons = [
            e
            for e in doc.ents
            if e.label_ == "PERSON" and not any(i in places for i in range(e.start, e.end))
        ]
        out: list[tuple[Span, str, object]] = []
        for span in filter_spans([doc[s:e] for s, e in known] + persons):
            entries = known.get((span.start, span.end)) or self.kb.lookup(span.text, on=on)
            if entries:
                out.append((span, "kb", entries))
            else:
                out.append((span, "person", None))
        taken = {i for span, _, _ in out for i in range(span.start, span.end)}
        for _, s, e in self.roles(doc):
            span = doc[s:e]
            if any(i in taken for i in range(s, e)):
                continue
            role = self.kb.role(span.text)
            if role is not None:
                out.append((span, "role", role))
        return _longest_roles(out)

    # -- one noun phrase ------------------------------------------------------------------

    def _phrase(
        self,
        doc: Doc,
        head: int,
        items: list[tuple[Span, str, object]],
        on: date | None,
        index: ActorIndex,
    ) -> NounPhrase | None:
        head_tok = doc[head]
        start = min(min(s.start for s, _, _ in items), _np_start(head_tok))
        end = max(max(s.end for s, _, _ in items), head + 1)
        text = doc[start:end].text
        # The role word at the head names the body ("the civilian government" is GOV).
        roles = sorted(((s, p) for s, k, p in items if k == "role"), key=lambda sp: sp[0].end)
        role = next(
            (p for s, p in roles if s.start <= head < s.end), roles[-1][1] if roles else None
        )
        if role is None and head_tok.lemma_.lower() in GENERIC_PEOPLE:
            return NounPhrase(head, start, end, [], "group")
        former = any(t.lower_ in FORMER_WORDS for t in doc[start:end]) or _predecessor(head_tok)
        people = [(s, p) for s, k, p in items if k == "kb" and _is_person(p)]
        unknown_people = [s for s, k, _ in items if k == "person"]
        places = [(s, p) for s, k, p in items if k == "kb" and not _is_person(p)]
        codes = _codes(places)
        if people:
            span, entries = people[-1]
            entity = _person_entity(entries, text, on, former, codes)
            return NounPhrase(head, start, end, [entity], "person", entity.identifier_text, role)
        if unknown_people:
            span = unknown_people[-1]
            earlier = _earlier_person(index, span.text)
            if earlier is not None and not codes:
                ents = [_retext(e, text) for e in earlier.entities]
                return NounPhrase(head, start, end, ents, "person", earlier.person_key, role)
            if not codes:
                return NounPhrase(head, start, end, [], "person", span.text, role)
            sector = "ELI" if former else (role.sector if role else None)
            entity = Entity(
                code=codes[0][0],
                sector=sector,
                entity_text=text,
                office=role.office if role else None,
                former=former,
            )
            return NounPhrase(head, start, end, [entity], "person", span.text, role)
        if codes:
            ents = []
            for code, kind, entry in codes:
                sector = role.sector if role else entry.sector
                if sector is None and kind in ("country", "capital", "seat"):
                    sector = "GOV"  # a state named as a party acts through its government
                if role is None and kind == "adjective" and head_tok.pos_ in ("NOUN", "PROPN"):
                    sector = None  # "Iraqi youths": people of the country, sector unknown
                ents.append(
                    Entity(
                        code=code,
                        sector=sector,
                        entity_text=text,
                        identifier_id=entry.identifier if kind in ("igo",) else None,
                        identifier_text=entry.name if kind in ("igo",) else None,
                        office=role.office if role and role.kind == "person" else None,
                    )
                )
            kind = "igo" if any(k == "igo" for _, k, _ in codes) else "country"
            if role is not None:
                kind = "body" if role.kind != "person" else "person"
            return NounPhrase(head, start, end, ents, kind, None, role)
        if role is not None:
            return NounPhrase(head, start, end, [], "role", None, role)
        return None

    # -- references back: surnames, "the president", pronouns, "the two leaders" ---------

    def _refer_back(self, doc: Doc, index: ActorIndex, on: date | None) -> None:
        for np in list(index.phrases):
            if np.entities:
                continue
            if np.kind == "role" and _is_group_phrase(doc[np.head]):
                text = doc[np.start : np.end].text
                np.entities = [_retext(e, text) for e in _group_antecedent(index, doc[np.head])]
            elif np.kind == "role" and np.role is not None:
                np.entities = self._role_antecedent(doc, np, index, on)
            elif np.kind == "person" and np.role is not None and index.home is not None:
                # "presidential spokesperson Kang Yoo-jung" in a Seoul report: Seoul's official.
                np.entities = [
                    Entity(
                        code=index.home,
                        sector=np.role.sector,
                        entity_text=doc[np.start : np.end].text,
                        office=np.role.office,
                    )
                ]
        # Surnames first: a quote's speaker may be named after the quote ("me," X said).
        for tok in doc:
            if tok.i in index.by_token or tok.pos_ != "PROPN" or tok.dep_ == "compound":
                continue
            earlier = _earlier_person(index, tok.text)
            if earlier is not None:
                self._add(index, tok, [_retext(e, tok.text) for e in earlier.entities], "person")
        for tok in doc:
            if tok.i in index.by_token:
                continue
            if tok.pos_ == "PRON" or tok.lower_ in PRONOUNS_FIRST | PRONOUNS_WE:
                self._add(index, tok, self._pronoun(tok, index), "pronoun")
            elif tok.pos_ in ("NOUN", "PROPN") and _is_group_phrase(tok):
                self._add(index, tok, _group_antecedent(index, tok), "group")

    @staticmethod
    def _add(index: ActorIndex, tok: Token, ents: list[Entity], kind: str) -> None:
        if not ents:
            return
        # The record keeps the words of this sentence; the identifier says who.
        np = NounPhrase(tok.i, tok.i, tok.i + 1, [_retext(e, tok.text) for e in ents], kind)
        np.sentence = index.sent_ids[tok.sent.start]
        index.add(np)

    def _role_antecedent(
        self, doc: Doc, np: NounPhrase, index: ActorIndex, on: date | None
    ) -> list[Entity]:
        role = np.role
        assert role is not None
        text = doc[np.start : np.end].text
        head = doc[np.head]
        definite = any(c.lower_ in ("the", "this", "that") for c in head.children)
        if head.tag_ in ("NNS", "NNPS") and not definite:
            return []  # "officials said": no one in particular
        for prev in reversed(index.phrases):
            if prev.head >= np.head or not prev.entities:
                continue
            if prev.role is not None and prev.role.office == role.office and role.office:
                return [_retext(e, text) for e in prev.entities]
            if prev.role is not None and prev.role.word == role.word:
                return [_retext(e, text) for e in prev.entities]
        if not definite or index.home is None or head.tag_ in ("NNS", "NNPS"):
            return []  # "the refugees", "the militia": no country of their own
        if role.sector in NON_STATE_SECTORS:
            return []
        holders = self.kb.office_holders(index.home, role.office, on) if role.office and on else []
        if holders:
            return [_person_entity([holders[0]], text, on, False, [])]
        return [Entity(code=index.home, sector=role.sector, entity_text=text, office=role.office)]

    def _pronoun(self, tok: Token, index: ActorIndex) -> list[Entity]:
        lower = tok.lower_
        if lower in PRONOUNS_FIRST | PRONOUNS_WE:
            quote = speaker_at(index.statements, tok.i)
            if quote is None or quote.speaker is None:
                return []
            speaker = index.by_head.get(quote.speaker) or index.by_token.get(quote.speaker)
            return list(speaker.entities) if speaker else []
        if lower in PRONOUNS_PERSON:
            return _last(index, tok.i, lambda np: np.kind == "person")
        if lower in PRONOUNS_THING:
            # "Morocco recalled its ambassador to Algeria; it expelled...": the subject.
            def thing(np: NounPhrase) -> bool:
                return np.kind in ("country", "igo", "body")

            subj = _last(
                index,
                tok.i,
                lambda np: thing(np) and index.doc[np.head].dep_ in ("nsubj", "nsubjpass"),
            )
            return subj or _last(index, tok.i, thing)
        if lower in PRONOUNS_GROUP:
            doc = index.doc
            here = doc[tok.i].sent.start
            cands = [
                np
                for np in index.phrases
                if np.head < tok.i
                and np.entities
                and (len(np.entities) > 1 or (np.kind != "country" and _plural(doc[np.head])))
            ]
            best = max(cands, key=lambda np: np.head, default=None)
            if best is not None and doc[best.head].sent.start >= _previous_sentence_start(
                doc, here
            ):
                return list(best.entities)
            return _last_group(index, tok.i) or (list(best.entities) if best else [])
        return []


# -- helpers --------------------------------------------------------------------------------


def _np_head(tok: Token) -> Token:
    """Climb from a modifier to the head of its noun phrase."""
    seen = 0
    while tok.dep_ in CLIMB_DEPS and tok.head.i != tok.i and seen < 8:
        if tok.dep_ == "appos" and tok.head.pos_ not in ("PROPN", "NOUN"):
            break
        tok = tok.head
        seen += 1
    if (
        tok.dep_ == "pobj"
        and tok.head.lower_ == "of"
        and tok.head.head.pos_ in ("NOUN", "PROPN")
        and tok.head.head.lemma_.lower() in _OF_HEADS
    ):
        return _np_head(tok.head.head)
    return tok


_OF_HEADS = frozenset(
    "president minister ministry government prime premier king queen leader chancellor "
    "secretary parliament army navy people foreign office court emir".split()
)


def _np_start(head: Token) -> int:
    """First token of the noun phrase: its determiner and modifiers, no clauses.

    A name that itself modifies another noun ("Japan" in "South Korea-Japan summit") is
    only its own words."""
    if head.dep_ in ("compound", "amod", "nmod"):
        return head.i
    start = head.i
    for c in head.lefts:
        if c.dep_ in CLIMB_DEPS | {"det", "nummod", "quantmod", "case", "punct", "cc"}:
            start = min(start, c.left_edge.i)
    return start


def _longest_roles(items: list[tuple[Span, str, object]]) -> list[tuple[Span, str, object]]:
    roles = [s for s, k, _ in items if k == "role"]
    keep = set(map(id, filter_spans(roles)))
    return [(s, k, p) for s, k, p in items if k != "role" or id(s) in keep]


def _is_person(entries: list[KBEntry]) -> bool:
    return any(e.kind == "person" for e in entries)


def _codes(places: list[tuple[Span, list[KBEntry]]]) -> list[tuple[str, str, KBEntry]]:
    out: list[tuple[str, str, KBEntry]] = []
    for _, entries in places:
        entry = entries[0]
        if all(entry.code != c for c, _, _ in out):
            out.append((entry.code, entry.kind, entry))
    return out


def _person_entity(
    entries: list[KBEntry], text: str, on: date | None, former: bool, codes: list
) -> Entity:
    current = [e for e in entries if e.kind == "person" and _in_office(e, on)]
    entry = current[0] if current else max(entries, key=lambda e: e.start or date.min)
    out_of_office = not current and on is not None
    is_former = former or out_of_office
    return Entity(
        code=entry.code,
        sector="ELI" if is_former else (entry.sector or "GOV"),
        entity_text=text,
        identifier_id=entry.identifier,
        identifier_text=entry.name,
        office=(f"former {entry.office}" if is_former and entry.office else entry.office),
        former=is_former,
    )


def _in_office(entry: KBEntry, on: date | None) -> bool:
    if on is None:
        return entry.end is None
    return (entry.start is None or entry.start <= on) and (entry.end is None or on <= entry.end)


def _predecessor(head: Token) -> bool:
    """ "his predecessor, Yoon Suk-yeol": the appositive names a former office holder."""
    return head.dep_ == "appos" and head.head.lemma_.lower() in ("predecessor", "former")


def _retext(e: Entity, text: str) -> Entity:
    return Entity(
        code=e.code,
        sector=e.sector,
        entity_text=text,
        identifier_id=e.identifier_id,
        identifier_text=e.identifier_text,
        office=e.office,
        former=e.former,
    )


def _earlier_person(index: ActorIndex, name: str) -> NounPhrase | None:
    parts = {p.lower() for p in name.replace("-", " ").split()}
    for np in reversed(index.phrases):
        if np.kind != "person" or not np.person_key or not np.entities:
            continue
        key_parts = {p.lower() for p in np.person_key.replace("-", " ").split()}
        if parts <= key_parts:
            return np
    return None


def _last(index: ActorIndex, before: int, want) -> list[Entity]:
    best = None
    for np in index.phrases:
        if np.head < before and np.entities and want(np) and (best is None or np.head > best.head):
            best = np
    return list(best.entities) if best else []


NON_STATE_SECTORS = frozenset({"REB", "PRM", "CVL", "REF", "OPP", "UAF", "CRM", "UNK"})
"""A definite body with no country ("the presidential office", "the state broadcaster") is
the lead country's; armed groups, civilians and refugees are nobody's by default."""
PERSON_GROUP_HEADS = frozenset("leader minister president".split())


def _group_antecedent(index: ActorIndex, tok: Token) -> list[Entity]:
    """ "the two leaders": the last group so described, else the last pair of that kind."""
    lemma = tok.lemma_.lower()
    for np in sorted(index.phrases, key=lambda n: -n.head):
        if np.head < tok.i and np.entities and index.doc[np.head].lemma_.lower() == lemma:
            return list(np.entities)
    return _last_group(index, tok.i, persons=lemma in PERSON_GROUP_HEADS)


def _last_group(index: ActorIndex, before: int, persons: bool = False) -> list[Entity]:
    """The last pair or more named together ("Lee and Ishiba"), else the last two parties."""
    doc = index.doc
    for np in sorted(index.phrases, key=lambda n: -n.head):
        if np.head >= before or not np.entities or (persons and np.kind != "person"):
            continue
        tok = doc[np.head]
        conj = [c for c in tok.conjuncts if c.i in index.by_head or c.i in index.by_token]
        if conj or len(np.entities) > 1:
            ents = index.entities_for(tok)
            if len({e.code for e in ents}) > 1:
                return ents
    seen: dict[str, Entity] = {}
    for np in sorted(index.phrases, key=lambda n: -n.head):
        if np.head < before and np.kind == "person":
            for e in np.entities:
                seen.setdefault(e.code, e)
        if len(seen) == 2:
            return list(seen.values())
    return []


def _previous_sentence_start(doc: Doc, start: int) -> int:
    return doc[start - 1].sent.start if start > 0 else 0


def _plural(tok: Token) -> bool:
    return tok.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in tok.children)


def _with_sector(entities: list[Entity], sector: str | None) -> list[Entity]:
    if sector is None:
        return entities
    return [
        Entity(code=e.code, sector=e.sector or sector, entity_text=e.entity_text) for e in entities
    ]


def _is_group_phrase(tok: Token) -> bool:
    if tok.lemma_.lower() not in GROUP_HEADS or tok.tag_ not in ("NNS", "NNPS"):
        return False
    dets = {c.lower_ for c in tok.children if c.dep_ in ("det", "nummod", "predet", "amod")}
    return bool(dets & GROUP_DETERMINERS) or (
        "the" in dets and tok.lemma_.lower() in ("leader", "side")
    )


def _home_country(index: ActorIndex) -> str | None:
    """The country of the first coded mention: the report's own side."""
    for np in sorted(index.phrases, key=lambda n: n.head):
        for e in np.entities:
            if len(e.code) == 3 and e.code not in ("IGO", "UNO", "EUR", "NGO", "MNC", "IMG"):
                return e.code
    return None
