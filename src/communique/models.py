"""Data models shared by every stage.

An :class:`Article` goes in; stages add :class:`Mention`, :class:`Event`,
:class:`DateValue`, :class:`Location` and :class:`Quote` objects; ``records`` turns
events into PLOVER JSON. Character offsets are always offsets into ``Article.text``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Article:
    """One news report, as read from a file, a JSONL line or stdin."""

    id: str
    text: str
    published: date | None = None
    outlet: str | None = None
    url: str | None = None
    title: str | None = None
    source: str | None = None
    """Where it was read from (``path`` or ``path:line``); for messages only."""


@dataclass(frozen=True)
class Entity:
    """A PLOVER entity object: who acts, for which country, in what capacity."""

    code: str
    """ISO 3166 alpha-3 country code or PLOVER's IGO, UNO, EUR, NGO, MNC, IMG, ISM."""
    sector: str | None
    entity_text: str
    identifier_id: str | None = None
    """Stable identifier from the knowledge base, where the entity is known."""
    identifier_text: str | None = None
    """Canonical name from the knowledge base."""
    office: str | None = None
    former: bool = False
    """True for a former office holder (PLOVER sector ELI is then used)."""

    @property
    def key(self) -> tuple[str, str]:
        """Who this is: the same code and identifier (or words) is the same entity."""
        return (self.code, self.identifier_id or self.entity_text)

    def to_plover(self) -> dict[str, object]:
        out: dict[str, object] = {"code": self.code, "sector": self.sector}
        out["entity_text"] = self.entity_text
        if self.identifier_id:
            out["identifier_id"] = self.identifier_id
        if self.identifier_text:
            out["identifier_text"] = self.identifier_text
        if self.office:
            out["office"] = self.office
        return out


def unique_entities(entities: list[Entity]) -> list[Entity]:
    """The entities in order, each one once (its first mention kept)."""
    first: dict[tuple[str, str], Entity] = {}
    for e in entities:
        first.setdefault(e.key, e)
    return list(first.values())


@dataclass
class Mention:
    """A span of the article that names or refers to an entity."""

    start: int
    end: int
    text: str
    entity: Entity
    head: int
    """Token index of the mention's syntactic head in the parsed document."""
    kind: str
    """person, country, igo, body, group or pronoun."""
    sentence: int


@dataclass(frozen=True)
class DateValue:
    """When an event happened, with how precise that is and the words it came from."""

    date: str | None
    """YYYY-MM-DD, or None when the text gives no anchor."""
    precision: str | None = None
    """day, week, month or year; None when date is None. A coarser date is the first day
    of its period ("last week" is that week's Monday, "in 1965" is 1965-01-01)."""
    text: str | None = None
    start: int | None = None
    end: int | None = None
    method: str | None = None
    """explicit, relative, anchored, inherited, published; or none."""
    reason: str | None = None
    """Why date is None, or how it was inferred."""


@dataclass(frozen=True)
class Location:
    """PLOVER's location object."""

    extracted_place: str
    resolved_place: str | None
    country_code: str | None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    feature_class: str | None = None
    resolution: int | None = None
    """5 sub-city, 4 city, 3 district, 2 province, 1 country (PLOVER)."""
    start: int | None = None
    end: int | None = None
    basis: str | None = None
    """How the place was found: "phrase" attached to the event, the report's "dateline",
    or the one country all "participants" belong to (communique's addition)."""

    def to_plover(self) -> dict[str, object]:
        return {k: v for k, v in self.__dict__.items() if v is not None}


@dataclass
class Quote:
    """A direct quote or reported statement with who said it and who relayed it."""

    text: str
    start: int
    end: int
    direct: bool
    speaker: Entity | None = None
    conduit: Entity | None = None
    channel: str | None = None
    """call readout, social media, statement, interview, press briefing... or None."""
    event_ids: list[str] = field(default_factory=list)


@dataclass
class Event:
    """One coded event, before it is written as a PLOVER record."""

    type: str
    actor: list[Entity]
    recipient: list[Entity]
    trigger_text: str
    trigger_start: int
    trigger_end: int
    sentence: int
    sentence_start: int
    sentence_end: int
    mode: list[str] = field(default_factory=list)
    aux: str | None = None
    """future, hypothetical, negation or historical (PLOVER auxiliary modes)."""
    context: list[str] = field(default_factory=list)
    date: DateValue | None = None
    time: str | None = None
    duration_minutes: int | None = None
    location: Location | None = None
    trigger_head: int = -1
    """Token index of the trigger in the parsed document."""
    evidence: list[tuple[int, int]] = field(default_factory=list)
    """Extra (start, end) spans that support the event or its attributes."""
    id: str = ""
    pending_actor: Entity | None = None
    """Unnamed people whose country is the event's place ("prisoners rioted in Dili"):
    the attributes stage gives them the location's code, or drops the event."""
