#!/usr/bin/env python3
"""Build a benchmark corpus by varying the project's own articles.

Not a data set to commit: run it by hand from the repository root and point the throughput
benchmark at the file it writes:

    PYTHONPATH=src python scripts/make_corpus.py /tmp/corpus.jsonl              # 2,400 articles
    PYTHONPATH=src python scripts/make_corpus.py /tmp/corpus.jsonl --count 5000 --seed 7

The bases are the development gold set (``eval/dev.jsonl``) and the bundled sample article.
Each variant takes one base and, with a random generator seeded from ``--seed`` and the
variant's number (so the same arguments always give the same file):

* swaps every country it mentions for another one, consistently: name, other names,
  adjectives and demonyms, capital and seats of government (also in capitals, as datelines
  write them) all become the new country's;
* swaps the people of the knowledge base it names (full name and family name) for holders
  of the same office in the new country, preferably one in office on the new date;
* shifts the publication date and every date written in the text by the same whole number
  of weeks, so weekdays stay true ("on Monday, June 9"), and years by the same number of
  years;
* keeps the lead paragraph (and a closing byline) and shuffles the others.

Variants keep the bases' length and structure, so parsing and coding them costs what the
real articles cost, while no two articles are the same text.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "communique" / "data"
BASES = (ROOT / "eval" / "dev.jsonl", DATA / "sample.jsonl")
MONTHS = (
    "January February March April May June July August September October November December"
).split()
MONTH_NUMBER = {m: i + 1 for i, m in enumerate(MONTHS)}
MONTH_NUMBER.update({m[:3] + ".": i + 1 for i, m in enumerate(MONTHS)})
MONTH_NUMBER["Sept."] = 9
MONTH_PATTERN = "|".join(re.escape(m) for m in sorted(MONTH_NUMBER, key=len, reverse=True))
DATES = re.compile(
    rf"\b(?:(?P<m1>{MONTH_PATTERN}) (?P<d1>\d{{1,2}})(?:, (?P<y1>\d{{4}}))?"
    rf"|(?P<d2>\d{{1,2}}) (?P<m2>{MONTH_PATTERN})(?: (?P<y2>\d{{4}}))?"
    rf"|(?P<y3>(?:19[5-9]|20[0-3])\d))\b"
)
FAMILY_NAME_FIRST = frozenset({"CHN", "TWN", "HKG", "KOR", "PRK"})
BYLINE = re.compile(r"@|^By ")
MAX_WEEKS = 150
"""Dates move by up to this many weeks either way (about three years)."""
EARLIEST, LATEST = date(1990, 1, 1), date(2025, 12, 31)


@dataclass(frozen=True)
class Country:
    code: str
    names: tuple[str, ...]
    """Canonical name first."""
    adjectives: tuple[str, ...]
    places: tuple[str, ...]
    """Capitals, then seats of government."""
    capitals: int
    """How many of ``places`` are capitals."""


@dataclass(frozen=True)
class Person:
    name: str
    aliases: tuple[str, ...]
    code: str
    office: str
    start: date | None
    end: date | None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="JSONL file to write")
    parser.add_argument("--count", type=int, default=2400, help="articles (default: 2400)")
    parser.add_argument("--seed", type=int, default=2025, help="random seed (default: 2025)")
    args = parser.parse_args(argv)
    catalogue = Catalogue(read_countries(DATA / "countries.csv"), read_people(DATA / "people.csv"))
    bases = [line for path in BASES for line in read_jsonl(path)]
    words = 0
    with args.out.open("w", encoding="utf-8") as out:
        for article in make_corpus(bases, catalogue, args.count, args.seed):
            words += len(article["text"].split())
            out.write(json.dumps(article, ensure_ascii=False) + "\n")
    print(
        f"wrote {args.count} articles ({words:,} words) from {len(bases)} bases to {args.out}",
        file=sys.stderr,
    )
    return 0


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def _split(cell: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in cell.split("|") if v.strip())


def read_countries(path: Path) -> list[Country]:
    with path.open(encoding="utf-8") as f:
        rows = csv.DictReader(line for line in f if not line.startswith("#"))
        return [
            Country(
                code=row["code"],
                names=(row["name"], *_split(row["names"])),
                adjectives=_split(row["adjectives"]),
                places=_split(row["capitals"])
                + tuple(s.split(":")[0] for s in _split(row["seats"])),
                capitals=len(_split(row["capitals"])),
            )
            for row in rows
        ]


def read_people(path: Path) -> list[Person]:
    with path.open(encoding="utf-8") as f:
        return [
            Person(
                name=row["name"],
                aliases=_split(row["aliases"]),
                code=row["code"],
                office=row["office"],
                start=date.fromisoformat(row["start"]) if row["start"] else None,
                end=date.fromisoformat(row["end"]) if row["end"] else None,
            )
            for row in csv.DictReader(f)
        ]


class Catalogue:
    """The countries and people of the knowledge base, and one pattern to find them in text."""

    def __init__(self, countries: list[Country], people: list[Person]) -> None:
        self.countries = {c.code: c for c in countries}
        self.people = people
        self.by_form: dict[str, str] = {}
        """Country form -> code."""
        for c in countries:
            for form in c.names + c.adjectives + c.places:
                self.by_form.setdefault(form, c.code)
        self.terms: dict[str, list[Person]] = {}
        """Person's name -> the offices they held, in file order."""
        for p in people:
            for name in (p.name, *p.aliases):
                self.terms.setdefault(name, []).append(p)
        self.pattern = _alternation([*self.by_form, *self.terms])
        self.with_people = sorted({p.code for p in people} & set(self.countries))

    def mentions(self, text: str) -> tuple[list[str], list[str]]:
        """Country codes and people's names in ``text``, each once, in order of appearance."""
        found = dict.fromkeys(m.group(0) for m in self.pattern.finditer(text))
        codes = dict.fromkeys(self.by_form[f] for f in found if f in self.by_form)
        return list(codes), [f for f in found if f in self.terms]


def _alternation(words: list[str]) -> re.Pattern[str]:
    """Any of ``words`` as a whole word, longest first."""
    alternatives = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def make_corpus(
    bases: list[dict[str, Any]], catalogue: Catalogue, count: int, seed: int
) -> Iterator[dict[str, Any]]:
    for n in range(count):
        rng = random.Random(f"{seed}:{n}")
        yield vary(bases[n % len(bases)], n, catalogue, rng)


def vary(base: dict[str, Any], n: int, catalogue: Catalogue, rng: random.Random) -> dict[str, Any]:
    published = date.fromisoformat(base["published"]) if base.get("published") else None
    shift = _pick_shift(published, rng)
    new_published = published + shift if published else None
    swaps = _swaps(base["text"], catalogue, published, new_published, rng)
    text = _reorder(_rewrite(base["text"], swaps, shift, published), rng)
    return {
        "id": f"{base['id']}-v{n:05d}",
        "published": new_published.isoformat() if new_published else None,
        "outlet": base.get("outlet"),
        "title": _rewrite(base.get("title") or "", swaps, shift, published) or None,
        "text": text,
    }


def _pick_shift(published: date | None, rng: random.Random) -> timedelta:
    if published is None:
        return timedelta(weeks=rng.randint(-MAX_WEEKS, MAX_WEEKS))
    low = max(-MAX_WEEKS, -((published - EARLIEST).days // 7))
    high = min(MAX_WEEKS, (LATEST - published).days // 7)
    return timedelta(weeks=rng.randint(low, high))


def _swaps(
    text: str,
    catalogue: Catalogue,
    published: date | None,
    new_published: date | None,
    rng: random.Random,
) -> dict[str, str]:
    """Old words -> new words for every country and known person the text mentions."""
    codes, names = catalogue.mentions(text)
    free = [c for c in catalogue.with_people if c not in codes]
    rng.shuffle(free)
    new_code = dict(zip(codes, free, strict=False))
    swaps: dict[str, str] = {}
    for old_code, code in new_code.items():
        old, new = catalogue.countries[old_code], catalogue.countries[code]
        swaps.update(_country_swaps(old, new))
    fallback = date(2015, 1, 1)
    for name in names:
        person = _term_on(catalogue.terms[name], published or fallback)
        if person.code not in new_code:
            continue
        other = _successor(
            person, new_code[person.code], catalogue.people, new_published or fallback, rng
        )
        if other is not None:
            swaps[name] = other.name
            swaps.setdefault(_short_name(name, person.code), _short_name(other.name, other.code))
    # Datelines write places and countries in capitals ("TOKYO (Meridian) —").
    swaps.update(
        {old.upper(): new.upper() for old, new in list(swaps.items()) if not old.isupper()}
    )
    return swaps


def _country_swaps(old: Country, new: Country) -> dict[str, str]:
    """Every name of ``old`` to ``new``'s name, adjectives to adjectives, places to places."""
    swaps = dict.fromkeys(old.names, new.names[0])
    singular = new.adjectives[0] if new.adjectives else new.names[0]
    plural = next((a for a in new.adjectives if a[:-1] in new.adjectives), singular)
    for adjective in old.adjectives:
        swaps[adjective] = plural if adjective[:-1] in old.adjectives else singular
    capitals, seats = old.places[: old.capitals], old.places[old.capitals :]
    capital = new.places[0] if new.capitals else new.names[0]
    seat = new.places[new.capitals] if len(new.places) > new.capitals else capital
    swaps.update(dict.fromkeys(capitals, capital))
    swaps.update(dict.fromkeys(seats, seat))
    return swaps


def _term_on(terms: list[Person], when: date) -> Person:
    """The office a person held on ``when``, else their last one."""
    return next((p for p in terms if _holds(p, when)), terms[-1])


def _short_name(name: str, code: str) -> str:
    """The name a report uses after the first mention: the family name."""
    words = name.split()
    return words[0] if code in FAMILY_NAME_FIRST else words[-1]


def _holds(person: Person, when: date) -> bool:
    return (person.start is None or person.start <= when) and (
        person.end is None or when < person.end
    )


def _successor(
    person: Person, code: str, people: list[Person], when: date, rng: random.Random
) -> Person | None:
    """A holder of the same office in country ``code``, in office on ``when`` if possible."""
    same = [p for p in people if p.code == code and p.office == person.office]
    pool = [p for p in same if _holds(p, when)] or same or [p for p in people if p.code == code]
    return rng.choice(pool) if pool else None


def _rewrite(text: str, swaps: dict[str, str], shift: timedelta, published: date | None) -> str:
    if swaps:
        text = _alternation(list(swaps)).sub(lambda m: swaps[m.group(0)], text)
    years = (published + shift).year - published.year if published else 0
    reference_year = published.year if published else 2015

    def shifted(m: re.Match[str]) -> str:
        if m.group("y3"):
            return str(int(m.group("y3")) + years)
        month_name = m.group("m1") or m.group("m2")
        day = int(m.group("d1") or m.group("d2"))
        year = m.group("y1") or m.group("y2")
        try:
            new = date(int(year) if year else reference_year, MONTH_NUMBER[month_name], day) + shift
        except ValueError:  # "February 30" or a day that is a count: leave it
            return m.group(0)
        month = MONTHS[new.month - 1]
        if month_name.endswith("."):
            month = "Sept." if new.month == 9 else month[:3] + "." if len(month) > 4 else month
        if m.group("m1"):
            return f"{month} {new.day}" + (f", {new.year}" if year else "")
        return f"{new.day} {month}" + (f" {new.year}" if year else "")

    return DATES.sub(shifted, text)


def _reorder(text: str, rng: random.Random) -> str:
    """Keep the lead paragraph (it has the dateline) and a byline; shuffle the rest."""
    lead, *rest = text.split("\n")
    tail = [rest.pop()] if rest and BYLINE.search(rest[-1]) else []
    rng.shuffle(rest)
    return "\n".join([lead, *rest, *tail])


if __name__ == "__main__":
    sys.exit(main())
