"""Actors stage: every mention in an article becomes a PLOVER entity, resolved in the article.

Needs: the parsed document, the knowledge base, the article's reference date.
Adds: an :class:`ActorIndex` that maps any token heading an argument (a name, a role phrase,
a pronoun, "the two leaders") to the entities it stands for.

How a noun phrase is coded: its anchors (knowledge-base names, people's names, role words,
rank titles) are gathered up to the phrase's head; a known person gives code, sector and
office for the date; a definite office ("the South Korean president") is its holder on the
date; otherwise a country or body word in the phrase gives the code and the role word the
sector ("Brazilian Foreign Minister X" -> BRA, GOV). Phrases with no code of their own refer
back: surnames to the full name (a title before a surname the date leaves open, "President
Bush" in an undated report, is the country all who bear it served), "the president" to the
last president named, "the alliance" and "the fund" to the body named before, "the North" to
North Korea, pronouns to the last fitting mention ("it" to no one when it stands for a
thing), "the two leaders" to the last pair, owned phrases ("his government", "its
candidate") to their owner. Role phrases still without a country ("police", "protesters",
"the opposition") take the place they are in, else the same kind of people named just
before, else the place where their act happens, else the report's country (the dateline's,
unless the report names another country as a party several times as often: a venue);
refugees, migrants, "foreign governments" and several holders of a one-person office
("heads of state") take none. A name in "anti-Syria",
"pro-Iranian" or "Iran-backed" is no party at all; "Vietnamese-led forces" are the leader's.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from .dateline import body_start, dateline_match
from .knowledge import NON_STATE_CODES, KBEntry, KnowledgeBase, Role
from .models import Entity, Mention, unique_entities
from .places import AREA_NOUNS
from .quotes import SAY_VERBS, Statement, find_statements, speaker_at

log = logging.getLogger(__name__)

CLIMB_DEPS = frozenset({"compound", "amod", "poss", "nmod", "flat", "appos"})
GROUP_HEADS = frozenset(
    "leader leaders side sides country countries government governments nation nations "
    "minister ministers president presidents military militaries army armies delegation "
    "delegations".split()
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
    "inhabitant inhabitants farmer farmers landowner landowners "
    "supporter supporters group groups parent parents relative relatives family families "
    "student students mother mothers voter voters faction factions wing wings "
    "fundamentalist fundamentalists islamist islamists extremist extremists hacker hackers "
    "elder elders nationalist nationalists loyalist loyalists hardliner hardliners".split()
)
"""Nouns for people who act for the country or body their modifier names ("Palestinian
youths", "a Taliban faction")."""
COUNTERPARTS = frozenset(
    "ally allies proxy proxies partner partners enemy enemies foe foes adversary adversaries "
    "neighbour neighbours neighbor neighbors".split()
)
"""Nouns for other states in relation to the one named with them ("Israel's ally", "US
allies"); a body named with them is still that body ("NATO partners"). (A leader's "rivals"
and "opponents" are mostly at home, so they keep the owner's country.)"""
QUANTITY_NOUNS = frozenset(
    "thousand thousands hundred hundreds dozen dozens ten tens million millions score scores "
    "group groups some many most members "
    "member third half majority number contingent contingents detachment batch deployment "
    "wave patch unit units".split()
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
    organisation: Entity | None = None
    """The body of igos.csv the phrase names (NATO in "NATO leaders", Hamas): "the alliance",
    "the group" refer back to it."""
    describes: bool = False
    """A role word modifying a noun that is no role ("official contact"): refers to no one."""


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
    main_party: str | None = None
    """The country the article names most: the report's subject, where the dateline may be
    only the venue."""
    named: Counter[str] = field(default_factory=Counter)
    """How many mentions name each state: who the report is about."""
    guessed: set[int] = field(default_factory=set)
    """Heads of unnamed people ("police", "protesters") given the lead country only for
    want of a better clue: the place where they act, once known, decides."""

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
        token = self._past_dateline(token)
        if token.tag_ in ("WP", "WDT") and token.head.dep_ == "relcl":
            token = token.head.head  # "refugees, whom the authorities blame": the refugees
        for t in [token, *(token.conjuncts if conjuncts else ())]:
            np = self.by_head.get(t.i) or self.by_token.get(t.i)
            if ethnic_people(t) and (np is None or np.organisation is None):
                # "ethnic Hungarians in Slovakia", "the Uzbeks of southern Kyrgyzstan": a
                # people living in a country act for it (PLOVER's gold codes them so); where
                # the phrase says not, the event's place decides. A body's own name ("the
                # Popular Front for the Liberation of Azawad") names that body.
                out.extend(self._where(t))
                continue
            if np is not None and (np.entities or np.kind != "role"):
                out.extend(np.entities)
                out.extend(self._of_conjuncts(t))
                continue
            lemma = t.lemma_.lower()
            counted = [g for c in t.children if c.lower_ == "of" for g in c.children]
            quantity = lemma in QUANTITY_NOUNS or t.lower_ in QUANTITY_NOUNS or t.pos_ == "NUM"
            if quantity and counted:
                for g in counted:
                    out.extend(self.entities_for(g, owners=True))
                continue
            people = people_noun(t) or (np is not None and np.kind == "role")
            if owners or people:
                mods = [c for c in t.lefts if c.dep_ in ("amod", "compound", "poss", "nmod")]
                found = self.entities_in(m for c in mods for m in c.subtree)
                if lemma in COUNTERPARTS:
                    # "Israel's militia ally", "US allies" are other states than the one
                    # named; "its NATO partners" are still the alliance's.
                    found = [e for e in found if e.code in NON_STATE_CODES]
                if not found and people:
                    found = self._where(t)
                roles = [np.role] if np and np.role else []
                roles += [r for c in mods if (r := self.role_of(c)) is not None]
                out.extend(_with_sector(found, roles[0].sector if roles else None))
        return unique_entities(out)

    def _past_dateline(self, token: Token) -> Token:
        """ "ASMARA (Reuters) — Abiy Ahmed and Isaias Afwerki signed...": the parser may make
        the dateline the subject; the phrase it stands for is the first one after it."""
        if token.i >= body_start(token.doc):
            return token
        heads = [t for t in token.subtree if t.i >= body_start(token.doc) and t.i in self.by_head]
        return min(heads, key=lambda t: _depth_below(t, token), default=token)

    def _of_conjuncts(self, t: Token) -> list[Entity]:
        """ "the finance ministers of Peru and Chile": the role is held for each."""
        out: list[Entity] = []
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                for g in c.children:
                    for cj in g.conjuncts if g.dep_ == "pobj" else ():
                        np = self.by_head.get(cj.i)
                        if np is not None and np.kind == "country":
                            out.extend(np.entities)
        return out

    def is_person(self, t: Token) -> bool:
        """Whether the token heads the mention of a person."""
        np = self.by_head.get(t.i) or self.by_token.get(t.i)
        return np is not None and np.kind == "person"

    def is_place(self, t: Token) -> bool:
        """Whether the token heads the name of a country or a place in one."""
        np = self.by_head.get(t.i) or self.by_token.get(t.i)
        return np is not None and np.kind == "country" and np.role is None

    def role_of(self, t: Token) -> Role | None:
        """The role word a token's mention has, if any."""
        np = self.by_head.get(t.i) or self.by_token.get(t.i)
        return np.role if np is not None else None

    def _where(self, t: Token) -> list[Entity]:
        """ "demonstrators in Baghdad", "inhabitants of the Golan Heights": people act for the
        country they are in."""
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ in ("in", "from", "throughout", "across", "of"):
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
        return unique_entities(out)

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


class ActorResolver:
    """Built once per process (matchers over the knowledge base); called once per article."""

    def __init__(self, nlp: Language, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.names = PhraseMatcher(nlp.vocab, attr="LOWER")
        forms = sorted({f for f in kb.surface_forms() if f.strip()})
        self.names.add("KB", [nlp.make_doc(f) for f in forms])
        self.roles = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.roles.add("ROLE", [nlp.make_doc(w) for w in kb.role_words()])

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
            if root.dep_ == "conj" and "ADJ" in (root.pos_, root.head.pos_) and kind == "kb":
                first = _np_head(root.head)
                if first.i != root.i and first.i in groups and first.i != _np_head(root).i:
                    groups[_np_head(root).i].remove((span, kind, payload))
                    if not groups[_np_head(root).i]:
                        del groups[_np_head(root).i]
                    groups[first.i].append((span, kind, payload))
        for head, items in list(groups.items()):
            lemma = doc[head].lemma_.lower()
            people = (
                people_noun(doc[head])
                and lemma not in GENERIC_PEOPLE
                and all(
                    s.root.head.i == head and s.root.dep_ in ("compound", "amod", "nmod")
                    for s, _, _ in items
                )
            )
            if (
                not any(s.start <= head < s.end for s, _, _ in items)
                and doc[head].pos_ != "PROPN"
                and not people  # "Army officers" are people of the army
            ):
                # "the South Korea-Japan summit": the names modify an event, not one party.
                del groups[head]
                for item in items:
                    groups.setdefault(item[0].root.i, []).append(item)
        for head, items in sorted(groups.items()):
            np = self._phrase(doc, head, items, on, index)
            if np is not None:
                np.sentence = sent_ids[doc[head].sent.start]
                index.add(np)
        named = _named_states(index)
        index.named = Counter(named)
        index.home = _home_country(named, self._filed_from(doc))
        index.main_party = _most_named(named)
        index.statements = find_statements(doc)
        self._refer_back(doc, index, on)
        return index

    def _filed_from(self, doc: Doc) -> str | None:
        """The country of the dateline's city ("ISLAMABAD (Reuters) -"): a correspondent
        there reports that country's officials, police and crowds."""
        dateline = dateline_match(doc.text)
        if dateline is None:
            return None
        for entry in self.kb.lookup(dateline.group(1).strip().title()):
            if entry.kind in ("country", "capital") and entry.code not in NON_STATE_CODES:
                return entry.code
        return None

    # -- anchors: names from the knowledge base, people's names, role words ---------------

    def _anchors(self, doc: Doc, on: date | None) -> list[tuple[Span, str, object]]:
        found: dict[tuple[int, int], list[KBEntry]] = {}
        for _, s, e in self.names(doc):
            # "the Taliban": the name is what follows the article, which the phrase keeps as
            # its determiner (a span from "the" has no single root to find the head from).
            if doc[s].lower_ == "the" and e - s > 1:
                s += 1
            # "the Taiwan Affairs Office" is China's: a name before "Affairs" is a topic.
            if not (e < len(doc) and doc[e].lower_ == "affairs") and not _outside(doc, s, e):
                entries = self.kb.lookup(doc[s:e].text, on=on)
                if entries:
                    found[(s, e)] = entries
        known = {
            (span.start, span.end): found[(span.start, span.end)]
            for span in filter_spans([doc[s:e] for s, e in found])
        }
        places = {
            i
            for (s, e), entries in known.items()
            if any(entry.kind in PLACE_KINDS for entry in entries)
            for i in range(s, e)
        }
        # NER sometimes reads "Bosnian Serbs" as a person: a known place word wins there.
        persons = [
            e
            for e in doc.ents
            if e.label_ == "PERSON" and not any(i in places for i in range(e.start, e.end))
        ]
        out: list[tuple[Span, str, object]] = []
        # The dateline says where the report was filed; it is no party to the report.
        for span in filter_spans([doc[s:e] for s, e in known] + persons):
            if span.start < body_start(doc):
                continue
            if span.end < len(doc) and doc[span.end].tag_ == "$":
                continue  # "US $50 million" names a currency, not a party
            entries = known.get((span.start, span.end)) or self.kb.lookup(span.text, on=on)
            if entries:
                out.append((span, "kb", entries))
            else:
                out.append((span, "person", None))
        out += [(span, "role", role) for span, role in _ranks(doc, persons)]
        taken = {i for span, k, _ in out if k != "role" for i in range(span.start, span.end)}
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
        role_heads = any(s.start <= head < s.end for s, _ in roles)
        if role is not None and role.generic:
            # "coast guard personnel", "army spokesman": a generic head word takes the sector
            # of the role word beside it.
            role = self.kb.role(doc[start:end].text) or role
        if role is None and head_tok.lemma_.lower() in GENERIC_PEOPLE:
            return NounPhrase(head, start, end, [], "group")
        former = any(t.lower_ in FORMER_WORDS for t in doc[start:end]) or _predecessor(head_tok)
        places = [(s, p) for s, k, p in items if k == "kb" and not _is_person(p)]
        named = any(s.start <= head < s.end for s, _ in places)
        # "Iran, Maduro's closest partner": a person in an apposition to a named party is not it.
        people = [
            (s, p)
            for s, k, p in items
            if k == "kb" and _is_person(p) and not (named and _through_appos(s.root, head))
        ]
        unknown_people = [s for s, k, _ in items if k == "person"]
        if len(places) > 1:
            # "Bosnian Serbs", "Kosovo Albanians": the people of the place the modifier names.
            # Not "Jordan, a close British partner": an apposition describes the head, not whose.
            direct = [(s, p) for s, p in places if not _through_appos(s.root, head)]
            places = [(s, p) for s, p in direct if not s.start <= head < s.end] or direct
        codes = _codes(places)
        if people:
            span, entries = people[-1]
            entity = _person_entity(entries, text, on, former, role, codes)
            return NounPhrase(head, start, end, [entity], "person", entity.identifier_text, role)
        if unknown_people:
            span = unknown_people[-1]
            earlier = _earlier_person(index, span.text)
            if earlier is not None and not codes:
                ents = [_retext(e, text) for e in earlier.entities]
                return NounPhrase(head, start, end, ents, "person", earlier.person_key, role)
            if not codes:
                titled = self._titled_namesake(span.text, role, text, on, former)
                ents = [titled] if titled is not None else []
                key = titled.identifier_text if titled and titled.identifier_text else span.text
                return NounPhrase(head, start, end, ents, "person", key, role)
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
            holder = self._holder(head_tok, codes, role, on, former, index)
            if holder is not None:
                entity = _person_entity([holder], text, on, False, role)
                return NounPhrase(head, start, end, [entity], "person", holder.name, role)
            ents = []
            demonym = any(s.start <= head < s.end for s, k, _ in items if k == "kb")
            for code, kind, entry in codes:
                sector = role.sector if role else entry.sector
                if sector is None and kind in ("country", "capital", "seat"):
                    sector = "GOV"  # a state named as a party acts through its government
                if role is None and kind == "adjective" and head_tok.pos_ in ("NOUN", "PROPN"):
                    # "Iraqi youths": people of the country, sector unknown; "Palestinians"
                    # named by their demonym alone are its civilians.
                    sector = "CVL" if demonym and head_tok.tag_ in ("NNS", "NNPS") else None
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
            np = NounPhrase(head, start, end, ents, kind, None, role)
            np.organisation = next(
                (
                    Entity(
                        code=code,
                        sector=entry.sector,
                        entity_text=text,
                        identifier_id=entry.identifier if kind == "igo" else None,
                        identifier_text=entry.name if kind == "igo" else None,
                    )
                    for code, kind, entry in codes
                    if kind in ("igo", "group")
                ),
                None,
            )
            return np
        if role is not None and (name := _titled_name(doc, roles, head_tok)) is not None:
            # "Deputy Premier Jonas Ekwueme" with the name NER missed: a person with that title.
            return NounPhrase(head, start, end, [], "person", name.text, role)
        if role is not None:
            np = NounPhrase(head, start, end, [], "role", None, role)
            # "official contact", "military aid": the role word describes a thing, no one.
            np.describes = not role_heads or head_tok.dep_ in ("amod", "compound", "nmod")
            return np
        return None

    def _titled_namesake(
        self, name: str, role: Role | None, text: str, on: date | None, former: bool
    ) -> Entity | None:
        """ "President Bush" in a report of 2000, when neither Bush held office, or in an
        undated one, where two Bushes did: a title or "administration" before a surname the
        date cannot settle still names the country when all who bear it act for one (of them,
        those who held the title's office, if any did). One such person is himself, in the
        capacity the date gives; several are that country's office, unnamed."""
        if role is None or not (role.kind == "person" or role.sector == "GOV"):
            return None
        terms = self.kb.namesakes(name)
        office = (role.office or "").casefold()
        terms = [t for t in terms if office and (t.office or "").casefold() == office] or terms
        if len({t.code for t in terms}) != 1:
            return None
        if len({t.identifier for t in terms}) == 1:
            return _person_entity(terms, text, on, former, role)
        return Entity(
            code=terms[0].code,
            sector="ELI" if former else role.sector,
            entity_text=text,
            office=role.office if role.kind == "person" else None,
            former=former,
        )

    def _holder(
        self,
        head: Token,
        codes: list[tuple[str, str, KBEntry]],
        role: Role | None,
        on: date | None,
        former: bool,
        index: ActorIndex,
    ) -> KBEntry | None:
        """Who holds the office a definite phrase names: "the South Korean president" on
        2023-03-16 is Yoon Suk-yeol, on 2025-09-20 Lee Jae-myung; "his Russian counterpart"
        holds in Russia the office he holds."""
        if (
            role is None
            or role.kind != "person"
            or on is None
            or former
            or len(codes) != 1
            or head.tag_ in ("NNS", "NNPS")
            or not _definite(head)
        ):
            return None
        office = role.office
        if head.lemma_.lower() == "counterpart":
            office = _owner_office(head, index)
        if not office:
            return None
        holders = self.kb.office_holders(codes[0][0], office, on)
        return holders[0] if holders else None

    # -- references back: surnames, "the president", pronouns, "the two leaders" ---------

    def _refer_back(self, doc: Doc, index: ActorIndex, on: date | None) -> None:
        for np in list(index.phrases):
            if np.entities:
                continue
            head = doc[np.head]
            text = doc[np.start : np.end].text
            if np.kind == "role" and _is_group_phrase(head):
                np.entities = [
                    _group_as(e, np.role, text) for e in _group_antecedent(index, doc[np.head])
                ]
            elif _owner(head) is not None:
                continue  # "his government", "its candidate": once the owner is known, below
            elif np.kind == "role" and (body := _body_anaphor(head, index)):
                # "the paramilitary group" after the Rapid Support Forces: that body.
                np.entities = [_retext(e, text) for e in body]
            elif np.kind == "role" and np.role is not None:
                np.entities = self._role_antecedent(doc, np, index, on)
            elif np.kind == "person":
                np.entities = self._person_antecedent(doc, np, index)
        for tok in doc:
            if tok.i in index.by_token or not _definite(tok) or tok.dep_ == "compound":
                continue
            if tok.tag_ in ("NN", "NNP") and (body := _body_anaphor(tok, index)):
                # "the alliance", "the bloc" after NATO; "the fund" after the IMF.
                self._add(index, tok, body, "igo", start=_np_start(tok))
            elif tok.lower_ in COMPASS_WORDS and tok.text[0].isupper():
                # "the North" after North Korea.
                self._add(index, tok, self._compass_country(tok, index), "country")
            elif (
                tok.lemma_.lower() in ("country", "nation")
                and tok.tag_ == "NN"
                and index.home
                and any(c.lower_ == "the" for c in tok.children)
            ):
                # "the country's north": the country the report is about.
                home = Entity(code=index.home, sector="GOV", entity_text=tok.text)
                self._add(index, tok, [home], "country", start=_np_start(tok))
        # Surnames first: a quote's speaker may be named after the quote ("me," X said).
        for tok in doc:
            # The small model sometimes tags a lone surname ("Safadi said") as a common noun.
            name_like = tok.pos_ == "PROPN" or (tok.pos_ == "NOUN" and tok.text[:1].isupper())
            if tok.i in index.by_token or not name_like or tok.dep_ == "compound":
                continue
            earlier = _earlier_person(index, tok.text, before=tok.i)
            if earlier is not None:
                self._add(index, tok, [_retext(e, tok.text) for e in earlier.entities], "person")
        for tok in doc:
            if tok.i in index.by_token:
                continue
            if tok.pos_ == "PRON" or tok.lower_ in PRONOUNS_FIRST | PRONOUNS_WE:
                self._add(index, tok, self._pronoun(tok, index), "pronoun")
            elif tok.pos_ in ("NOUN", "PROPN") and _is_group_phrase(tok):
                self._add(index, tok, _group_antecedent(index, tok), "group")
        self._resolve_owned(doc, index, on)

    def _person_antecedent(self, doc: Doc, np: NounPhrase, index: ActorIndex) -> list[Entity]:
        """A person the knowledge base does not know: the same name earlier in the article,
        else, with a role ("cabinet secretary Lina Varga" in a Budapest report), an
        official of the report's country."""
        text = doc[np.start : np.end].text
        earlier = _earlier_person(index, np.person_key or "", before=np.head)
        if earlier is not None:
            return [_retext(e, text) for e in earlier.entities]
        if np.role is None or index.home is None:
            return []
        return [
            Entity(code=index.home, sector=np.role.sector, entity_text=text, office=np.role.office)
        ]

    def _resolve_owned(self, doc: Doc, index: ActorIndex, on: date | None) -> None:
        """Phrases owned by another mention take its country: "his government" (Lee's),
        "the junta's spokesman", "its candidate" (the opposition's), "his country"."""
        for np in list(index.phrases):
            head = doc[np.head]
            owner = _owner(head)
            if np.entities or owner is None:
                continue
            text = doc[np.start : np.end].text
            # A named person ("his finance minister, Christian Lindner") is always someone.
            unnamed = np.kind == "role"
            if unnamed and (_own_object(head, owner) or _instrument(head, np.role, index)):
                continue
            owners = self._owner_entities(owner, index)
            if owners:
                np.entities = [_owned_by(e, np.role, text) for e in owners]
            elif np.kind == "role" and np.role is not None:
                np.entities = self._role_antecedent(doc, np, index, on)
            elif np.kind == "person":
                np.entities = self._person_antecedent(doc, np, index)
        for tok in doc:
            owner = _owner(tok)
            if tok.i in index.by_token or owner is None or tok.lemma_.lower() not in OWNED_NOUNS:
                continue
            if _own_object(tok, owner):
                continue
            text = doc[_np_start(tok) : tok.i + 1].text
            owned = [_owned_by(e, None, text) for e in self._owner_entities(owner, index)]
            self._add(index, tok, owned, "body", start=_np_start(tok))
        for np in index.phrases:
            # "the bloc's Mediation and Security Council" after ECOWAS: a body named
            # by another body's words is that body's organ, whatever else bears the name.
            if np.organisation is None or (owner := _owner(doc[np.head])) is None:
                continue
            body = _body_anaphor(owner, index)
            if body and {e.code for e in body} != {e.code for e in np.entities}:
                text = doc[np.start : np.end].text
                np.entities = [_retext(e, text) for e in body]
                np.organisation = body[0]

    def _owner_entities(self, owner: Token, index: ActorIndex) -> list[Entity]:
        """Who a possessor stands for; "its" in "its candidate" is read inside that phrase."""
        if owner.pos_ == "PRON":
            return self._pronoun(owner, index)
        return index.entities_for(owner, conjuncts=False)

    def _compass_country(self, tok: Token, index: ActorIndex) -> list[Entity]:
        """The last country named "North ..." before "the North" (or South, East, West)."""
        for np in sorted(index.phrases, key=lambda n: -n.head):
            if np.head >= tok.i:
                continue
            for e in np.entities:
                country = self.kb.country(e.code)
                if country is not None and country.name.lower().startswith(tok.lower_ + " "):
                    return [Entity(code=e.code, sector="GOV", entity_text=tok.text)]
        return []

    @staticmethod
    def _add(
        index: ActorIndex, tok: Token, ents: list[Entity], kind: str, start: int | None = None
    ) -> None:
        if not ents:
            return
        # The record keeps the words of this sentence; the identifier says who.
        start = tok.i if start is None else start
        text = index.doc[start : tok.i + 1].text
        np = NounPhrase(tok.i, start, tok.i + 1, [_retext(e, text) for e in ents], kind)
        np.sentence = index.sent_ids[tok.sent.start]
        index.add(np)

    def _role_antecedent(
        self, doc: Doc, np: NounPhrase, index: ActorIndex, on: date | None
    ) -> list[Entity]:
        role = np.role
        assert role is not None
        text = doc[np.start : np.end].text
        head = doc[np.head]
        if np.describes or any(c.lower_ in ("a", "an", "another") for c in head.children):
            return []  # "a soldier": someone the text does not say more of
        if (
            role.kind == "body"
            and role.sector == "GOV"
            and head.tag_ == "NNS"
            and head.dep_ in ("dobj", "pobj")
            and not _definite(head)
        ):
            return []  # "agreed to reopen embassies": bodies in general, nobody's in particular
        if _instrument(head, role, index) or _abroad(head, role, self.kb):
            return []
        where = index._where(head)
        if where:
            # "police in Pristina", "demonstrators in Baghdad": the place's country.
            return [
                Entity(code=e.code, sector=role.sector, entity_text=text, office=role.office)
                for e in where
            ]
        for prev in reversed(index.phrases):
            if prev.head >= np.head or not prev.entities:
                continue
            if prev.role is not None and prev.role.office == role.office and role.office:
                return [_retext(e, text) for e in prev.entities]
            if prev.role is not None and prev.role.word == role.word:
                return [_retext(e, text) for e in prev.entities]
        since = _previous_sentence_start(doc, head.sent.start)
        for prev in reversed(index.phrases):
            # "The Philippine military said one sailor...": the same kind of people named
            # just before are the country's (not for GOV, which every state named is).
            if (
                since <= prev.head < np.head
                and prev.entities
                and role.sector != "GOV"
                and all(e.sector == role.sector for e in prev.entities)
            ):
                codes = dict.fromkeys(e.code for e in prev.entities)
                return [
                    Entity(code=c, sector=role.sector, entity_text=text, office=role.office)
                    for c in codes
                ]
        if role.sector not in ARMED_SECTORS and (scene := _scene(head, index)):
            # "Farmers dumped manure in the Belgian town of Namur, and police used water
            # cannon": unnamed people act for the place where their act happens (troops
            # may be abroad: below).
            return [
                Entity(code=e.code, sector=role.sector, entity_text=text, office=role.office)
                for e in scene
            ]
        if index.home is None or role.sector in NO_HOME_SECTORS:
            return []  # "the refugees": no country of their own
        plural = head.tag_ in ("NNS", "NNPS")
        holders = (
            self.kb.office_holders(index.home, role.office, on)
            if role.office and on and not plural and _definite(head)
            else []
        )
        if holders:
            return [_person_entity([holders[0]], text, on, False, role)]
        # "Police detained protesters", "the presidential office said": the report's country.
        if role.sector != "GOV":
            index.guessed.add(np.head)
        # Unnamed troops and fighters belong to the country the report is about, which a
        # dateline of talks held abroad does not say ("PRETORIA - ... Tigrayan forces").
        forces = role.sector in ARMED_SECTORS and index.main_party is not None
        code = index.main_party if forces else index.home
        return [Entity(code=code, sector=role.sector, entity_text=text, office=role.office)]

    def _pronoun(self, tok: Token, index: ActorIndex) -> list[Entity]:
        lower = tok.lower_
        if lower in PRONOUNS_FIRST | PRONOUNS_WE:
            quote = speaker_at(index.statements, tok.i)
            if quote is None or quote.speaker is None:
                return []
            speaker = index.by_head.get(quote.speaker) or index.by_token.get(quote.speaker)
            return list(speaker.entities) if speaker else []
        if lower in PRONOUNS_PERSON:
            return _reporter(tok, index) or _last(index, tok.i, lambda np: np.kind == "person")
        if lower in PRONOUNS_THING:
            return _it(tok, index)
        if (
            lower in PRONOUNS_GROUP
            and tok.head.i > tok.i
            and (said := _reporter(tok, index, ("country", "igo", "body", "group", "person")))
        ):
            return said
        if lower in PRONOUNS_GROUP:
            doc = index.doc

            def group(np: NounPhrase) -> bool:
                return len(np.entities) > 1 or (np.kind != "country" and _plural(doc[np.head]))

            # A group named in this sentence or the last; else the last pair; else any.
            since = _previous_sentence_start(doc, tok.sent.start)
            return (
                _last(index, tok.i, group, since=since)
                or _last_group(index, tok.i)
                or _last(index, tok.i, group)
            )
        return []


# -- helpers --------------------------------------------------------------------------------


PLACE_KINDS = frozenset({"country", "capital", "seat", "adjective"})
"""Knowledge-base names of places and peoples: inside a name NER takes for a person, they
still name the place ("Bosnian Serbs"); a body's name does not ("Foreign Minister Anna
Wagner" is no member of the Wagner Group)."""


def people_noun(t: Token) -> bool:
    """A noun for unnamed people: a kind of people ("youths", "troops") or a people the
    knowledge base does not know as a country's ("Kurds", "Uzbeks": plural NORP)."""
    return t.lemma_.lower() in PEOPLE_NOUNS or (t.tag_ == "NNPS" and t.ent_type_ == "NORP")


def ethnic_people(t: Token) -> bool:
    """A people named by its ethnicity: "ethnic Turks", "the Uzbeks of southern Kyrgyzstan",
    "the Armenian population of the region"."""
    if t.lemma_.lower() in PEOPLE_GROUPS:
        return any(c.dep_ == "amod" and c.ent_type_ == "NORP" for c in t.children)
    if t.tag_ not in ("NNS", "NNPS"):
        return False
    if any(c.dep_ == "amod" and c.lower_ == "ethnic" for c in t.children):
        return True
    return (
        t.pos_ == "PROPN"
        and any(c.dep_ == "prep" and c.lower_ in ("of", "in") for c in t.children)
        and any(c.dep_ == "det" and c.lower_ == "the" for c in t.children)
    )


PEOPLE_GROUPS = frozenset({"population", "community", "minority", "diaspora"})
"""Nouns that, named by a people's adjective, are that people where they live."""


def _through_appos(tok: Token, head: int) -> bool:
    """Whether the path from a modifier up to the phrase's head passes an apposition."""
    seen = 0
    while tok.i != head and tok.head.i != tok.i and seen < 8:
        if tok.dep_ == "appos":
            return True
        tok, seen = tok.head, seen + 1
    return False


def _np_head(tok: Token) -> Token:
    """Climb from a modifier to the head of its noun phrase (never into the dateline)."""
    seen = 0
    floor = body_start(tok.doc) if tok.i >= body_start(tok.doc) else 0
    if _leads(tok):
        tok = tok.head  # "Vietnamese-led forces" are the leader's (see OUTSIDE_PARTICIPLES)
    while tok.dep_ in CLIMB_DEPS and tok.head.i != tok.i and tok.head.i >= floor and seen < 8:
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
    """First token of the noun phrase: its determiner and modifiers, no clauses, nothing of
    the dateline.

    A name that itself modifies another noun ("Japan" in "South Korea-Japan summit") is
    only its own words."""
    if head.dep_ in ("compound", "amod", "nmod"):
        return head.i
    start = head.i
    for c in head.lefts:
        if c.dep_ in CLIMB_DEPS | {"det", "nummod", "quantmod", "case", "punct", "cc"}:
            start = min(start, c.left_edge.i)
    return max(start, min(body_start(head.doc), head.i))


def _depth_below(tok: Token, top: Token) -> int:
    """How many arcs below ``top`` the token hangs."""
    depth = 0
    while tok.i != top.i and tok.head.i != tok.i and depth < 50:
        tok, depth = tok.head, depth + 1
    return depth


RANKS = {
    "General": "General",
    "Gen": "General",
    "Colonel": "Colonel",
    "Col": "Colonel",
    "Admiral": "Admiral",
    "Adm": "Admiral",
    "Brigadier": "Brigadier",
    "Marshal": "Marshal",
    "Major": "Major",
    "Maj": "Major",
    "Lieutenant": "Lieutenant",
    "Lt": "Lieutenant",
    "Captain": "Captain",
    "Capt": "Captain",
}
"""Military ranks written as a title before a name ("General Abdourahamane Tiani")."""


def _ranks(doc: Doc, persons: list[Span]) -> list[tuple[Span, Role]]:
    """Rank titles before people's names, as MIL roles. Only a rank that starts the title:
    "Major General X" is a general, "Attorney General X" (a role word of its own) and
    "Surgeon General X" are not."""
    out = []
    for person in persons:
        i = person.start - 1
        if i >= 0 and doc[i].text == ".":
            i -= 1  # "Col. Assimi Goita"
        # The tokenizer may keep the abbreviation's dot ("Lt. Gen." is "Lt", ".", "Gen.").
        if i < 0 or doc[i].text.rstrip(".") not in RANKS:
            continue
        before = doc[i - 1] if i > 0 else None
        if before is not None and before.text[:1].isupper() and before.text not in RANKS:
            continue
        rank = RANKS[doc[i].text.rstrip(".")]
        out.append(
            (doc[i : i + 1], Role(word=rank.lower(), sector="MIL", office=rank, kind="person"))
        )
    return out


STANCE_PREFIXES = frozenset({"pro", "anti"})
OUTSIDE_PARTICIPLES = frozenset(
    "backed brokered sponsored funded supported armed trained installed mediated occupied held "
    "controlled annexed allied aligned member".split()
)
"""What a party does to a phrase from outside it, or is to it: "Rwandan-backed rebels" are
not Rwandan, an "Israeli-occupied" town not Israel's, a "UN-brokered deal" not the UN's,
"NATO-member Norway" not NATO. "-led" is not one: the leader is one of the forces,
coalition or talks it leads ("Vietnamese-led forces" fought with Vietnamese troops, a
"US-led coalition" bombs with American aircraft), so analysts, and PLOVER's gold, code the
phrase by its leader."""
HYPHENS = frozenset({"-", "\u2010", "\u2011"})


def _outside(doc: Doc, start: int, end: int) -> bool:
    """Whether a name is only a stance or an outside party in a hyphenated modifier
    ("anti-Syria", "pro-Iranian", "Iran-backed"): the phrase is not that country's, and the
    name is no party of its own."""

    def joined(i: int) -> bool:
        return doc[i].text in HYPHENS and not doc[i - 1].whitespace_ and not doc[i].whitespace_

    if start >= 2 and joined(start - 1) and doc[start - 2].lower_ in STANCE_PREFIXES:
        return True
    return end + 1 < len(doc) and joined(end) and doc[end + 1].lower_ in OUTSIDE_PARTICIPLES


def _leads(tok: Token) -> bool:
    """ "Vietnamese" in "Vietnamese-led forces": the name hangs on "led", which modifies the
    noun the leader's phrase is headed by."""
    doc = tok.doc
    led = tok.head
    return (
        led.i == tok.i + 2
        and led.lower_ == "led"
        and led.dep_ in ("amod", "compound")
        and doc[tok.i + 1].text in HYPHENS
        and not tok.whitespace_
        and not doc[tok.i + 1].whitespace_
    )


def _longest_roles(items: list[tuple[Span, str, object]]) -> list[tuple[Span, str, object]]:
    roles = [s for s, k, _ in items if k == "role"]
    keep = set(map(id, filter_spans(roles)))
    return [(s, k, p) for s, k, p in items if k != "role" or id(s) in keep]


def _is_person(entries: list[KBEntry]) -> bool:
    return any(e.kind == "person" for e in entries)


def _codes(places: list[tuple[Span, list[KBEntry]]]) -> list[tuple[str, str, KBEntry]]:
    out: list[tuple[str, str, KBEntry]] = []
    for _, entries in places:
        countries = [e for e in entries if e.kind == "country"]
        # "the Koreas": a plural name stands for every country it names; otherwise the best.
        chosen = countries if len({e.code for e in countries}) > 1 else entries[:1]
        for entry in chosen:
            if all(entry.code != c for c, _, _ in out):
                out.append((entry.code, entry.kind, entry))
    return out


def _person_entity(
    entries: list[KBEntry],
    text: str,
    on: date | None,
    former: bool,
    role: Role | None,
    codes: Sequence[tuple[str, str, KBEntry]] = (),
) -> Entity:
    """A known person on the date: in office (GOV), or a former holder (ELI) unless the words
    give another current role ("Beijing's top diplomat, Wang Yi" between his terms as foreign
    minister is still a government official; "Georgian President Eduard Shevardnadze", once a
    Soviet foreign minister, is Georgia's president)."""
    current = [e for e in entries if e.kind == "person" and _in_office(e, on)]
    entry = current[0] if current else max(entries, key=lambda e: e.start or date.min)
    out_of_office = not current and on is not None
    other_role = (
        role is not None
        and role.kind == "person"
        and (role.office or "").casefold() != (entry.office or "").casefold()
    )
    # "Friedrich Merz, the conservative opposition leader" before he became chancellor, or a
    # past holder now in another office: known, but in the capacity the words give (none:
    # sector unknown).
    not_yet = on is not None and entry.start is not None and on < entry.start
    if not_yet or (out_of_office and not former and other_role):
        return Entity(
            code=codes[0][0] if codes else entry.code,
            sector=role.sector if role else None,
            entity_text=text,
            identifier_id=entry.identifier,
            identifier_text=entry.name,
            office=role.office if role else None,
        )
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


def _titled_name(doc: Doc, roles: list[tuple[Span, Role]], head: Token) -> Span | None:
    """The name a person's title stands before, heading the phrase: "Deputy Premier Jonas
    Ekwueme" (capitalised words after the title, the last one the head)."""
    if head.pos_ != "PROPN" or not roles or roles[-1][1].kind != "person":
        return None
    after = doc[roles[-1][0].end : head.i + 1]
    if (
        0 < len(after) <= 3
        and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in after)
        and all(t.dep_ in ("compound", "flat") for t in after[:-1])
    ):
        return after
    return None


def _predecessor(head: Token) -> bool:
    """ "her predecessor, Arno Kask": the appositive names a former office holder."""
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


def _earlier_person(index: ActorIndex, name: str, before: int | None = None) -> NounPhrase | None:
    parts = {p.lower() for p in name.replace("-", " ").split()}
    for np in reversed(index.phrases):
        if np.kind != "person" or not np.person_key or not np.entities:
            continue
        if before is not None and np.head >= before:
            continue
        key_parts = {p.lower() for p in np.person_key.replace("-", " ").split()}
        if parts <= key_parts:
            return np
    return None


def _last(index: ActorIndex, before: int, want, since: int = 0) -> list[Entity]:
    best = None
    for np in index.phrases:
        if (
            since <= np.head < before
            and np.entities
            and want(np)
            and (best is None or np.head > best.head)
        ):
            best = np
    return list(best.entities) if best else []


def _thing(np: NounPhrase) -> bool:
    """A mention "it" can stand for: a state, a body, an international organisation."""
    if np.kind == "role":
        return np.role is not None and np.role.kind != "person" and bool(np.entities)
    return np.kind in ("country", "igo", "body")


NOT_PARTIES = frozenset("DATE TIME PERCENT MONEY QUANTITY ORDINAL CARDINAL PERSON".split())
SUBJECTS = ("nsubj", "nsubjpass")


def _it(tok: Token, index: ActorIndex) -> list[Entity]:
    """What "it" or "its" stands for.

    "its" is the nearest body named before it in its sentence ("Taipei thanked Tokyo for its
    support": Tokyo's). "it" is no one when it is empty ("it was a good day") or when what it
    stands for is no party ("France and Italy backed it": the measure): its antecedent is the
    subject that governs it ("Washington said it..."), else the subject of the sentence
    before ("Norway criticized the ban. It said..."), else the nearest singular noun before
    it (for an object, outside its own clause's subject). Failing all, the last body named as
    a subject ("Morocco recalled its ambassador; it expelled...").
    """
    doc = index.doc
    if tok.lower_ == "its" or tok.dep_ == "poss":
        # (not a place named as where something is: "set up a centre in Lima to widen its
        # reach" is the body's reach)
        near = _last(
            index, tok.i, lambda np: _thing(np) and not _located(doc[np.head]), since=tok.sent.start
        )
        if near:
            return near
    elif _expletive(tok):
        return []
    else:
        antecedent = _it_antecedent(tok, index)
        if antecedent is not None:
            np = index.by_head.get(antecedent.i) or index.by_token.get(antecedent.i)
            if np is None or not (_thing(np) or np.kind == "pronoun"):
                return []
            return list(np.entities)
    subj = _last(index, tok.i, lambda np: _thing(np) and doc[np.head].dep_ in SUBJECTS)
    return subj or _last(index, tok.i, _thing)


def _located(t: Token) -> bool:
    """Whether a mention is the place where something is ("a centre in Lima")."""
    return t.dep_ == "pobj" and t.head.lower_ in ("in", "at", "near", "inside", "outside")


def _expletive(tok: Token) -> bool:
    """ "it was a good day", "it is likely that...": an "it" that stands for no one."""
    verb = tok.head
    if tok.dep_ not in SUBJECTS or verb.lemma_ != "be":
        return False
    deps = {c.dep_ for c in verb.children}
    return "attr" in deps or ("acomp" in deps and bool(deps & {"ccomp", "xcomp"}))


def _it_antecedent(tok: Token, index: ActorIndex) -> Token | None:
    """The noun an "it" most likely refers to (see :func:`_it`), or None."""
    if tok.dep_ in SUBJECTS:
        verb = tok.head
        while verb.head.i != verb.i and verb.i > tok.sent.start:
            verb = verb.head
            subj = next((c for c in verb.children if c.dep_ in SUBJECTS and c.i < tok.i), None)
            if subj is not None and _can_be_it(subj, index):
                return subj
        if tok.sent.start > 0:
            previous = tok.doc[tok.sent.start - 1].sent.root
            subj = next((c for c in previous.children if c.dep_ in SUBJECTS), None)
            if subj is not None and _can_be_it(subj, index):
                return subj
        own: set[int] = set()
    else:
        own = {t.i for c in tok.head.children if c.dep_ in SUBJECTS for t in c.subtree}
    start = _previous_sentence_start(tok.doc, tok.sent.start)
    for t in reversed(tok.doc[start : tok.i]):
        if t.i not in own and _can_be_it(t, index):
            return t
    return None


def _can_be_it(t: Token, index: ActorIndex) -> bool:
    """A singular noun heading its phrase, not a person or a date ("it" can stand for it)."""
    if t.pos_ == "PRON":
        return t.lower_ == "it"
    if not (
        t.pos_ in ("NOUN", "PROPN")
        and t.tag_ in ("NN", "NNP")
        and t.dep_ not in ("compound", "amod", "nmod", "poss", "conj")
        and not any(c.dep_ == "conj" for c in t.children)
    ):
        return False
    np = index.by_head.get(t.i) or index.by_token.get(t.i)
    if np is not None:  # what the actor stage found beats the NER label
        return np.kind != "person"
    return t.ent_type_ not in NOT_PARTIES


NO_HOME_SECTORS = frozenset({"REF", "UAF", "CRM", "UNK"})
"""A role phrase with no country of its own ("the presidential office", "police", "troops",
"protesters") is the report's country's; refugees, unidentified gunmen and criminals are
nobody's by default."""
BODY_ANAPHORS = frozenset(
    "alliance bloc organization organisation group body grouping coalition watchdog cartel".split()
)
"""Definite nouns that refer back to the last international body or group named."""
NAMED_ANAPHORS = frozenset(
    "fund bank agency court council commission union programme program tribunal parliament "
    "assembly front movement".split()
)
"""Definite nouns that refer back to the last body with that word in its name."""
COMPASS_WORDS = frozenset({"north", "south", "east", "west"})
OWNED_NOUNS = frozenset("country nation government administration office state".split())
"""Nouns that, owned by a mention ("his country", "its government"), are that party's."""
PERSON_GROUP_HEADS = frozenset("leader minister president".split())


def _group_antecedent(index: ActorIndex, tok: Token) -> list[Entity]:
    """ "the two leaders": the last group so described, else the last pair of that kind."""
    lemma = tok.lemma_.lower()
    doc = index.doc
    # "the two leaders" are earlier leaders, not "the first Ethiopian leader"
    same = max(
        (
            np
            for np in index.phrases
            if np.head < tok.i
            and np.entities
            and doc[np.head].lemma_.lower() == lemma
            and (len(np.entities) > 1 or doc[np.head].tag_ in ("NNS", "NNPS"))
        ),
        key=lambda np: np.head,
        default=None,
    )
    if same is not None:
        # With the parties it is held for: "the finance ministers of Peru and Chile".
        return index.entities_for(doc[same.head])
    return _last_group(index, tok.i, persons=lemma in PERSON_GROUP_HEADS, sides=lemma == "side")


def _last_group(
    index: ActorIndex, before: int, persons: bool = False, sides: bool = False
) -> list[Entity]:
    """The last pair or more named together ("Lee and Ishiba"), else the last two parties."""
    doc = index.doc
    for np in sorted(index.phrases, key=lambda n: -n.head):
        if np.head >= before or not np.entities or (persons and np.kind != "person"):
            continue
        tok = doc[np.head]
        conj = [c for c in tok.conjuncts if c.i in index.by_head or c.i in index.by_token]
        if conj or len(np.entities) > 1:
            ents = index.entities_for(tok)
            # "both sides" of a civil war may be one country's: its government and rebels.
            kinds = {e.key for e in ents} if sides else {e.code for e in ents}
            if len(kinds) > 1:
                return ents
    seen: dict[str, Entity] = {}
    for np in sorted(index.phrases, key=lambda n: -n.head):
        # "the two leaders" are the last two people; "the two countries" any two parties.
        if np.head < before and (np.kind == "person" or not persons):
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


def _definite(tok: Token) -> bool:
    """ "the alliance", "this government", "his office": a phrase that points at one party."""
    return any(
        c.lower_ in ("the", "this", "that", "these", "those") or c.dep_ == "poss"
        for c in tok.children
    )


AGENT_SECTORS = frozenset({"GOV", "MIL", "COP", "SPY"})


def _instrument(head: Token, role: Role | None, index: ActorIndex) -> bool:
    """ "withdraw troops", "recalled its ambassador": a state's own agents as the object of
    what the state does are its instruments, not another party, so they stay unresolved (the
    events stage then looks for the party elsewhere: "...to Algeria"). Not so when others act
    on them ("gunmen who attacked police")."""
    if (
        head.dep_ != "dobj"
        or role is None
        or role.sector not in AGENT_SECTORS
        or any(c.lower_ in ("the", "this", "that", "these", "those") for c in head.children)
    ):
        return False
    for subject in (c for c in head.head.children if c.dep_ in SUBJECTS):
        if subject.lower_ in ("it", "they", "we"):
            return True
        np = index.by_head.get(subject.i) or index.by_token.get(subject.i)
        if np is not None and any(e.sector in AGENT_SECTORS for e in np.entities):
            return True
    return False


def _own_object(head: Token, owner: Token) -> bool:
    """ "disarm its fighters", "contacts between their two cabinets": what the
    doer owns, as the object of its own act, is no other party; it stays unresolved, as the
    events stage expects of a party's own agents."""
    return owner.pos_ == "PRON" and head.dep_ in ("dobj", "pobj", "dative")


NOT_HOME_WORDS = frozenset("foreign western international world global overseas".split())


def _abroad(head: Token, role: Role, kb: KnowledgeBase) -> bool:
    """ "foreign governments", "Western leaders", "several heads of state": people the words
    place outside the report's country, or more of an office than one country has."""
    own_words = set(role.word.split())  # "foreign" in "the foreign ministry" is its name
    if any(c.lower_ in NOT_HOME_WORDS - own_words for c in head.children):
        return True
    return (
        head.tag_ in ("NNS", "NNPS") and role.office is not None and kb.single_office(role.office)
    )


def _owner(tok: Token) -> Token | None:
    """The possessor of a noun ("his" in "his government", "junta" in "the junta's
    spokesman")."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return None
    return next((c for c in tok.children if c.dep_ == "poss"), None)


def _owner_office(head: Token, index: ActorIndex) -> str | None:
    """The office of whoever owns a noun: "his" (the last person named) in "his Russian
    counterpart", or a named owner ("Lee's Japanese counterpart")."""
    owner = _owner(head)
    if owner is None:
        return None
    if owner.lower_ in PRONOUNS_PERSON:
        ents = _last(index, head.i, lambda np: np.kind == "person")
    else:
        np = index.by_head.get(owner.i) or index.by_token.get(owner.i)
        ents = np.entities if np is not None else []
    return next((e.office for e in ents if e.office and not e.former), None)


def _group_as(e: Entity, role: Role | None, text: str) -> Entity:
    """A party of a group reference in the group's role: "the two militaries" after India and
    Pakistan are their militaries; "the two leaders" and "the two presidents" stay who they
    are."""
    if role is None or role.generic or role.kind == "person":
        return _retext(e, text)
    return Entity(code=e.code, sector=role.sector, entity_text=text)


def _owned_by(e: Entity, role: Role | None, text: str) -> Entity:
    """What a mention owns, for its owner's country: "his country" and "his government" are
    the state's (GOV); "the junta's spokesman" takes the junta's sector, as a generic role
    word does (not a civilian owner's: "their forces" are forces); "its army" is MIL whoever
    owns it."""
    if role is None:
        sector: str | None = "GOV"
    elif role.generic and e.sector not in (None, "ELI", "CVL"):
        sector = e.sector
    else:
        sector = role.sector
    office = role.office if role is not None and role.kind == "person" else None
    return Entity(code=e.code, sector=sector, entity_text=text, office=office)


def _body_anaphor(tok: Token, index: ActorIndex) -> list[Entity]:
    """ "the alliance", "the bloc": the last international body or group named before;
    "the fund", "the court": the last one with that word in its name (else nothing, and the
    word is an ordinary role word: "the court" of the report's country)."""
    word = tok.lemma_.lower()
    if not _definite(tok) or word not in BODY_ANAPHORS | NAMED_ANAPHORS:
        return []
    for np in sorted(index.phrases, key=lambda n: -n.head):
        body = np.organisation
        if np.head >= tok.i or body is None:
            continue
        names = f"{body.identifier_text or ''} {body.entity_text}".lower()
        if word in BODY_ANAPHORS or word in names:
            return [body]
    return []


def _reporter(tok: Token, index: ActorIndex, kinds: tuple[str, ...] = ("person",)) -> list[Entity]:
    """ "Medvedev told Sarkozy that he had ordered...", "France and its allies announced
    that they would withdraw": the subject of a reported clause who is "he" or "they" is
    the one reporting, not the last party named."""
    clause = tok.head
    if tok.dep_ != "nsubj" or clause.dep_ != "ccomp":
        return []
    verb = clause.head
    if verb.lemma_.lower() not in SAY_VERBS:
        return []
    for s in verb.children:
        if s.dep_ == "nsubj":
            np = index.by_head.get(s.i) or index.by_token.get(s.i)
            if np is not None and np.kind in kinds:
                return index.entities_for(s)
    return []


ARMED_SECTORS = frozenset({"MIL", "REB"})
"""Sectors of armed forces and fighters, whose country is the report's subject."""


VENUE_PREPS = frozenset({"in", "at", "across", "throughout", "inside"})
GATHERINGS = frozenset(
    "talks meeting summit conference negotiations session ceremony visit trip".split()
)
"""Nouns of gatherings, held somewhere: "talks in Pretoria" are there, not Pretoria's.
(Not any noun: "a curfew in Lesotho" is Lesotho's.)"""


def _venue(np: NounPhrase, index: ActorIndex) -> bool:
    """ "leaders meeting in Jakarta", "talks in South Africa": a place named as where an act
    happens is no party to it (unlike "police in Pristina", people of the place)."""
    head = index.doc[np.head]
    prep = head.head
    held = prep.head  # what happens in the place
    return (
        np.kind == "country"
        and np.role is None
        and head.dep_ == "pobj"
        and prep.lower_ in VENUE_PREPS
        and (held.pos_ in ("VERB", "AUX") or held.lemma_.lower() in GATHERINGS)
    )


def _scene(head: Token, index: ActorIndex) -> list[Entity]:
    """The country of the place where the act of a subject happens ("in the Belgian town of
    Namur"), or of the act its clause is joined to; none for other words."""
    if head.dep_ not in SUBJECTS:
        return []
    verb = head.head
    for act in (verb, verb.head) if verb.dep_ == "conj" else (verb,):
        for prep in act.children:
            if prep.dep_ != "prep" or prep.lower_ not in VENUE_PREPS:
                continue
            for place in prep.children:
                if place.dep_ != "pobj":
                    continue
                # "in Namur", or "in the Belgian town of Namur" (a place noun named by
                # its country's adjective; not "in an Israeli strike")
                named = [place] if place.pos_ == "PROPN" else []
                if place.lemma_.lower() in AREA_NOUNS:
                    named += [c for c in place.children if c.dep_ in ("amod", "compound", "poss")]
                for t in named:
                    np = index.by_head.get(t.i)
                    if np is not None and np.kind == "country" and np.role is None:
                        return np.entities
    return []


def _named_states(index: ActorIndex) -> list[str]:
    """The states the mentions name as parties (not as venues), in text order, each once a
    mention; the venues too when the report names no party."""
    phrases = sorted(index.phrases, key=lambda n: n.head)
    parties = [np for np in phrases if not _venue(np, index)]
    return _states(parties) or _states(phrases)


def _states(phrases: list[NounPhrase]) -> list[str]:
    return [
        code
        for np in phrases
        for code in dict.fromkeys(e.code for e in np.entities)
        if len(code) == 3 and code not in NON_STATE_CODES
    ]


def sentence_states(index: ActorIndex, sentence: int) -> set[str]:
    """The states a sentence names as parties (not as venues, not guessed for unnamed
    people)."""
    return set(
        _states(
            [
                np
                for np in index.phrases
                if np.sentence == sentence
                and np.head not in index.guessed
                and not _venue(np, index)
            ]
        )
    )


def _most_named(named: list[str]) -> str | None:
    """The state named in most mentions (the first such on a tie)."""
    counts = Counter(named)
    return max(counts, key=lambda c: counts[c]) if counts else None


def _home_country(named: list[str], filed_from: str | None) -> str | None:
    """The report's own country: the dateline's, if the report names it as a party; else the
    country it names first. (A report filed from Addis Ababa about Niger is Niger's.) A report
    from a venue abroad ("JAKARTA - ASEAN leaders ... Myanmar's junta chief") may name the
    venue's country too, in passing (its host, its capital): it is about a country it names
    as a party several times as often."""
    if not named:
        return filed_from
    if filed_from not in named:
        return named[0]
    counts = Counter(named)
    main = _most_named(named)
    if main is not None and counts[main] >= VENUE_SHARE * counts[filed_from]:
        return main
    return filed_from


VENUE_SHARE = 3
"""How many times as often a report names its subject as the country it is filed from, when
that country is only the venue."""
