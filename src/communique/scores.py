"""The numeric fields of a PLOVER record, and the CAMEO crosswalk for GDELT/ICEWS users.

``event_scale`` is the PLOVER manual's conflict--cooperation score (-10..+10) of an event
type, or of one of its modes where the manual scores that mode; ``quad_code`` is PLOVER's
quad category: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material
conflict. ``cameo_code`` and ``goldstein`` translate a PLOVER event back to the CAMEO code
that the 2021 CAMEO-to-PLOVER crosswalk maps to it, and to that code's Goldstein score.

Both tables are packaged CSV files (``data/plover_scores.csv``, ``data/cameo_plover.csv``)
read once, on first use; their header comments and ``data/SOURCES.md`` give sources,
licences and the corrections made to the sources.
"""

from __future__ import annotations

import csv
import logging
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from communique.errors import KnowledgeBaseError

logger = logging.getLogger(__name__)

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)
"""The 16 PLOVER event types, in the manual's order."""

_SCORES_FILE = "plover_scores.csv"
_CAMEO_FILE = "cameo_plover.csv"


@dataclass(frozen=True)
class _ScoreTable:
    base: dict[str, float]
    quad: dict[str, int]
    modes: dict[str, tuple[str, ...]]
    mode_score: dict[tuple[str, str], float]
    """Only the modes the manual scores; the others take the type's base score."""


@dataclass(frozen=True)
class _CameoRow:
    code: str
    goldstein: float | None
    plover_type: str
    mode: str
    contexts: frozenset[str]


@dataclass(frozen=True)
class _Crosswalk:
    rows: tuple[_CameoRow, ...]
    by_code: dict[str, _CameoRow]
    root: dict[str, str]
    """PLOVER type -> the 2-digit CAMEO root holding most of its crosswalk rows."""


def _read_rows(name: str, columns: Sequence[str]) -> list[tuple[int, dict[str, str]]]:
    """(line number, row) of a packaged CSV whose ``#`` lines are comments."""
    path = resources.files("communique") / "data" / name
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            lines = handle.readlines()
    except OSError as exc:
        raise KnowledgeBaseError(
            f"cannot read the packaged data file {name}: {exc}; reinstall communique"
        ) from exc
    # The header is the first non-comment line; later comments become empty lines, which
    # DictReader skips, so start + line_num stays the true line number.
    start = next((i for i, line in enumerate(lines) if not line.startswith("#")), len(lines))
    reader = csv.DictReader("\n" if line.startswith("#") else line for line in lines[start:])
    rows = [(start + reader.line_num, row) for row in reader]
    if reader.fieldnames is None or list(reader.fieldnames[: len(columns)]) != list(columns):
        raise KnowledgeBaseError(
            f"{name}: header is {reader.fieldnames}, expected it to start with {list(columns)}; "
            "reinstall communique"
        )
    return rows


def _number(name: str, line: int, text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise KnowledgeBaseError(
            f"{name} line {line}: {text!r} is not a number; reinstall communique"
        ) from None


@lru_cache(maxsize=1)
def _score_table() -> _ScoreTable:
    base: dict[str, float] = {}
    quad: dict[str, int] = {}
    modes: dict[str, list[str]] = {t: [] for t in PLOVER_TYPES}
    mode_score: dict[tuple[str, str], float] = {}
    for line, row in _read_rows(_SCORES_FILE, ("type", "mode", "score", "quad_code")):
        event_type, mode, score = row["type"], row["mode"], row["score"]
        if event_type not in modes:
            raise KnowledgeBaseError(
                f"{_SCORES_FILE} line {line}: {event_type!r} is not a PLOVER type; "
                "reinstall communique"
            )
        quad[event_type] = int(_number(_SCORES_FILE, line, row["quad_code"]))
        if not mode:
            base[event_type] = _number(_SCORES_FILE, line, score)
            continue
        modes[event_type].append(mode)
        if score:
            mode_score[(event_type, mode)] = _number(_SCORES_FILE, line, score)
    missing = [t for t in PLOVER_TYPES if t not in base]
    if missing:
        raise KnowledgeBaseError(
            f"{_SCORES_FILE}: no base score for {', '.join(missing)}; reinstall communique"
        )
    logger.debug("loaded %d PLOVER scores from %s", len(base) + len(mode_score), _SCORES_FILE)
    return _ScoreTable(base, quad, {t: tuple(m) for t, m in modes.items()}, mode_score)


@lru_cache(maxsize=1)
def _crosswalk() -> _Crosswalk:
    columns = ("cameo_code", "cameo_name", "goldstein", "plover_type", "plover_mode")
    rows = []
    for line, row in _read_rows(_CAMEO_FILE, (*columns, "plover_context")):
        event_type, mode = row["plover_type"], row["plover_mode"]
        if event_type and (
            event_type not in PLOVER_TYPES or (mode and mode not in MODES[event_type])
        ):
            raise KnowledgeBaseError(
                f"{_CAMEO_FILE} line {line}: {event_type!r} / {mode!r} is not a PLOVER type and "
                "mode; reinstall communique"
            )
        score = row["goldstein"]
        rows.append(
            _CameoRow(
                code=row["cameo_code"],
                goldstein=_number(_CAMEO_FILE, line, score) if score else None,
                plover_type=event_type,
                mode=mode,
                contexts=frozenset(c for c in row["plover_context"].split(";") if c),
            )
        )
    counts = Counter((r.plover_type, r.code[:2]) for r in rows if r.plover_type)
    # Most rows first; on a tie in count the lower root wins.
    root: dict[str, str] = {}
    for (event_type, prefix), _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0][1])):
        root.setdefault(event_type, prefix)
    missing = [t for t in PLOVER_TYPES if t not in root]
    if missing:
        raise KnowledgeBaseError(
            f"{_CAMEO_FILE}: no CAMEO code for {', '.join(missing)}; reinstall communique"
        )
    logger.debug("loaded %d CAMEO codes from %s", len(rows), _CAMEO_FILE)
    return _Crosswalk(tuple(rows), {r.code: r for r in rows}, root)


class _ModesView(Mapping[str, tuple[str, ...]]):
    """Read-only view of the packaged modes that loads the table on first use, not on import."""

    def __getitem__(self, event_type: str) -> tuple[str, ...]:
        return _score_table().modes[event_type]

    def __iter__(self) -> Iterator[str]:
        return iter(PLOVER_TYPES)

    def __len__(self) -> int:
        return len(PLOVER_TYPES)


MODES: Mapping[str, tuple[str, ...]] = _ModesView()
"""PLOVER type -> its modes, in the manual's order (empty for types without modes)."""


def _check_type(event_type: str) -> None:
    if event_type not in PLOVER_TYPES:
        raise KnowledgeBaseError(
            f"unknown PLOVER event type {event_type!r}; use one of: {', '.join(PLOVER_TYPES)}"
        )


def _check_modes(event_type: str, modes: Iterable[str]) -> None:
    allowed = MODES[event_type]
    for mode in modes:
        if mode not in allowed:
            choices = ", ".join(allowed) if allowed else "none (leave mode empty)"
            raise KnowledgeBaseError(
                f"{mode!r} is not a mode of PLOVER type {event_type}; its modes are: {choices}"
            )


def valid_mode(event_type: str, mode: str) -> bool:
    """Whether ``mode`` is one of the manual's modes of ``event_type``.

    Raises KnowledgeBaseError when ``event_type`` is not a PLOVER type.
    """
    _check_type(event_type)
    return mode in MODES[event_type]


def quad_code(event_type: str) -> int:
    """PLOVER quad category: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
    4 material conflict (SANCTION is 4, as in its section of the manual)."""
    _check_type(event_type)
    return _score_table().quad[event_type]


def event_scale(event_type: str, modes: Sequence[str] = ()) -> float:
    """The manual's conflict--cooperation score of the event.

    With several scored modes the most extreme score (largest absolute value; the first
    listed on a tie) is used, so that an attack with both ``beat`` and ``primitive`` is
    scored as its more severe part whatever order the modes come in. Modes the manual does
    not score (PROTEST ``vandalize``) and events without modes take the type's score.
    """
    _check_type(event_type)
    _check_modes(event_type, modes)
    table = _score_table()
    scored = [
        table.mode_score[(event_type, m)] for m in modes if (event_type, m) in table.mode_score
    ]
    return max(scored, key=abs) if scored else table.base[event_type]


def cameo_code(event_type: str, modes: Sequence[str] = (), contexts: Sequence[str] = ()) -> str:
    """The CAMEO code the crosswalk maps closest to this PLOVER type, modes and contexts.

    Tiers, most specific first: a row with one of the modes and a shared context; a row with
    one of the modes; a row without mode sharing a context; else the type's 2-digit CAMEO
    root (the one holding most of the type's rows: AGREE 03, CONSULT 04, ACCUSE 11,
    ASSAULT 18). Within a tier: more shared contexts, then fewer other contexts, then the
    shorter (more general) code, then the lower code. Mode order does not matter.
    """
    _check_type(event_type)
    _check_modes(event_type, modes)
    wanted_modes, wanted_contexts = set(modes), set(contexts)
    walk = _crosswalk()
    best: tuple[tuple[int, int, int, int, str], str] | None = None
    for row in walk.rows:
        if row.plover_type != event_type:
            continue
        shared = len(row.contexts & wanted_contexts)
        if row.mode and row.mode in wanted_modes:
            tier = 0 if shared else 1
        elif not row.mode and shared:
            tier = 2
        else:
            continue
        key = (tier, -shared, len(row.contexts), len(row.code), row.code)
        if best is None or key < best[0]:
            best = (key, row.code)
    return best[1] if best else walk.root[event_type]


def goldstein(cameo: str) -> float | None:
    """Goldstein score of a CAMEO code (e.g. ``"190"`` -> -10.0); None for an unknown code."""
    row = _crosswalk().by_code.get(cameo.strip())
    return row.goldstein if row else None
