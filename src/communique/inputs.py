"""Reading articles from files, directories and stdin.

:func:`read_articles` turns paths into a stream of :class:`~communique.models.Article`
objects. Input that cannot be read becomes an :class:`InputProblem` in the same stream,
in place of the article it would have been, so one bad file or line never costs the rest
of a batch.

What is read, and how:

* ``-`` (or no paths at all when ``stdin`` is given) reads stdin. If its first non-blank
  character is ``{`` it is JSON Lines, otherwise it is one plain-text article.
* ``*.jsonl`` and ``*.json`` files are JSON Lines in the gold format: one object per line
  with ``text`` (required) and optionally ``id``, ``published`` (``YYYY-MM-DD`` or an ISO
  datetime, whose date is taken as written, without converting time zones), ``outlet``,
  ``title`` and ``url``; other fields are ignored. Blank lines are skipped; each bad line is
  one problem and reading goes on with the next line. Files are read line by line, never
  whole.
* Any other file is one plain-text article, taken verbatim apart from a UTF-8 byte order
  mark (dropped) and line endings (normalised to ``\\n``). Character offsets in records
  point into this text.
* A directory means every ``*.txt``, ``*.md``, ``*.jsonl`` and ``*.json`` file below it, in
  sorted path order. Hidden files and directories (name starting with ``.``) are skipped.

The keyword options ``published``, ``outlet``, ``url`` and ``title`` are the metadata of
plain-text articles. For JSON Lines they are defaults: a line's own value wins, and a
missing, null or empty field takes the option's value.

Article ids are the ``id`` a JSON line gives (integers become strings), otherwise
:func:`article_id` of the text, so the same text always gets the same id.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import itertools
import json
import logging
import os
import stat
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import BinaryIO, TextIO

from communique.errors import InputError
from communique.models import Article

logger = logging.getLogger(__name__)

MAX_ARTICLE_CHARS: int = 1_000_000
"""Longest article text communique codes, in characters.

This is spaCy's default ``nlp.max_length``: the pipeline never has to raise it, and a
news report (typically 2-50 kB) is far below it. Longer input is almost always a whole
feed or book pasted as one article and should be split.
"""

STDIN_SOURCE = "<stdin>"

_JSONL_SUFFIXES = frozenset({".jsonl", ".json"})
_DIRECTORY_SUFFIXES = frozenset({".txt", ".md", ".jsonl", ".json"})
# UTF-8 takes at most 4 bytes a character, so a bigger file cannot be under the limit.
_MAX_FILE_BYTES = MAX_ARTICLE_CHARS * 4
# JSON may escape every character as \uXXXX (6 bytes), so lines get more room than files.
_MAX_LINE_BYTES = MAX_ARTICLE_CHARS * 8
_BINARY_PROBE_BYTES = 8192
_CHUNK_BYTES = 1 << 16
_BOM = codecs.BOM_UTF8
_BINARY_MESSAGE = (
    f"binary data (NUL bytes in the first {_BINARY_PROBE_BYTES // 1024} kB), not text; "
    "give UTF-8 text files or JSON Lines"
)


@dataclass(frozen=True)
class InputProblem:
    """An input (file, JSON line or stdin) that could not be turned into an article."""

    source: str
    """``path``, ``path:line`` or ``<stdin>``."""
    message: str
    """What was wrong and what to do about it."""

    def as_error(self) -> InputError:
        return InputError(self.source, self.message)

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


def article_id(text: str) -> str:
    """Return the stable id of an article that has none of its own."""
    return "a-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def read_articles(
    paths: Sequence[str | Path],
    *,
    published: date | None = None,
    outlet: str | None = None,
    url: str | None = None,
    title: str | None = None,
    stdin: TextIO | None = None,
) -> Iterator[Article | InputProblem]:
    """Yield the articles of ``paths`` in order, with an :class:`InputProblem` for each bad one.

    ``stdin`` is what ``-`` reads (``sys.stdin`` when not given); it is read through its
    binary buffer when it has one, so decoding does not depend on the locale. A file
    literally named ``-`` can be given as ``./-``. Nothing is read until the iterator is.
    """
    defaults = _Metadata(published=published, outlet=outlet, url=url, title=title)
    if not paths and stdin is not None:
        paths = ["-"]
    for path in paths:
        if str(path) == "-":
            yield from _read_stdin(stdin if stdin is not None else sys.stdin, defaults)
        else:
            yield from _read_path(Path(path), defaults)


class _Bad(Exception):
    """One input is unusable; the message becomes its InputProblem."""


@dataclass(frozen=True)
class _Metadata:
    published: date | None
    outlet: str | None
    url: str | None
    title: str | None


@dataclass(frozen=True)
class _Line:
    number: int
    data: bytes
    """The line's bytes; only the first ``_MAX_LINE_BYTES`` when ``too_long``."""
    size: int
    too_long: bool


class _ChunkStream(io.RawIOBase):
    """A readable binary stream over an iterator of byte chunks."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        super().__init__()
        self._chunks = chunks
        self._pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:
        while not self._pending:
            chunk = next(self._chunks, None)
            if chunk is None:
                return 0
            self._pending = chunk
        n = min(len(buffer), len(self._pending))
        buffer[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        return n


def _read_stdin(stdin: TextIO, defaults: _Metadata) -> Iterator[Article | InputProblem]:
    binary = getattr(stdin, "buffer", None)
    chunks: Iterator[bytes]
    if binary is not None:
        # read1 returns what has arrived, so JSONL from a slow pipe is coded as it comes.
        chunks = iter(partial(getattr(binary, "read1", binary.read), _CHUNK_BYTES), b"")
    else:
        chunks = (
            text.encode("utf-8", "surrogatepass")
            for text in iter(partial(stdin.read, _CHUNK_BYTES), "")
        )
    # Read just far enough to see the first non-blank character, then put it back.
    head = b""
    for chunk in chunks:
        head += chunk
        if head.removeprefix(_BOM).lstrip() or len(head) > _MAX_FILE_BYTES:
            break
    stream = io.BufferedReader(_ChunkStream(itertools.chain([head], chunks)), _CHUNK_BYTES)
    if head.removeprefix(_BOM).lstrip().startswith(b"{"):
        yield from _read_jsonl(stream, STDIN_SOURCE, defaults, probe=head)
    else:
        yield _read_plain(stream, STDIN_SOURCE, defaults, size=None)


def _read_path(path: Path, defaults: _Metadata) -> Iterator[Article | InputProblem]:
    if not path.is_dir():
        yield from _read_file(path, defaults)
        return
    files, problems = _list_directory(path)
    yield from problems
    if not files and not problems:
        yield InputProblem(
            str(path),
            "no .txt, .md, .jsonl or .json files below this directory; "
            "give the directory or files that hold the articles",
        )
    for file in files:
        yield from _read_file(file, defaults)


def _list_directory(root: Path) -> tuple[list[Path], list[InputProblem]]:
    files: list[Path] = []
    problems: list[InputProblem] = []

    def report(error: OSError) -> None:
        problems.append(
            InputProblem(
                str(error.filename or root),
                f"cannot list this directory ({error.strerror}); check its permissions",
            )
        )

    for directory, subdirectories, names in os.walk(root, onerror=report):
        for hidden in [name for name in subdirectories if name.startswith(".")]:
            logger.debug("skipping hidden directory %s", Path(directory, hidden))
            subdirectories.remove(hidden)
        for name in names:
            path = Path(directory, name)
            if name.startswith(".") or path.suffix.lower() not in _DIRECTORY_SUFFIXES:
                logger.debug("skipping %s: not a .txt, .md, .jsonl or .json file", path)
            else:
                files.append(path)
    files.sort(key=lambda path: path.relative_to(root).parts)
    return files, problems


def _read_file(path: Path, defaults: _Metadata) -> Iterator[Article | InputProblem]:
    source = str(path)
    try:
        with path.open("rb", buffering=_CHUNK_BYTES) as stream:
            if path.suffix.lower() in _JSONL_SUFFIXES:
                probe = stream.peek(_BINARY_PROBE_BYTES)
                yield from _read_jsonl(stream, source, defaults, probe=probe)
                return
            status = os.fstat(stream.fileno())
            # Pipes and devices report no meaningful size; their reads are capped instead.
            size = status.st_size if stat.S_ISREG(status.st_mode) else None
            yield _read_plain(stream, source, defaults, size=size)
    except FileNotFoundError:
        yield InputProblem(source, "no such file or directory; check the path")
    except PermissionError:
        yield InputProblem(source, "permission denied; make the file readable")
    except OSError as error:
        yield InputProblem(source, f"cannot read the file ({error.strerror}); check the path")


def _read_plain(
    stream: BinaryIO, source: str, defaults: _Metadata, *, size: int | None
) -> Article | InputProblem:
    try:
        return _make_article(_read_plain_text(stream, size), source, defaults)
    except _Bad as problem:
        return InputProblem(source, str(problem))


def _read_plain_text(stream: BinaryIO, size: int | None) -> str:
    if size is not None and size > _MAX_FILE_BYTES:
        raise _Bad(_too_big(size))
    data = stream.read(_MAX_FILE_BYTES + 1)
    if len(data) > _MAX_FILE_BYTES:
        raise _Bad(_too_big(len(data) + _count_rest(stream)))
    if not data:
        raise _Bad("empty (0 bytes); give a file that holds the article text")
    if _looks_binary(data):
        raise _Bad(_BINARY_MESSAGE)
    text = _decode(data, "")
    if not text.strip():
        raise _Bad("contains only whitespace, no article text; give the article text")
    return text


def _read_jsonl(
    stream: BinaryIO, source: str, defaults: _Metadata, *, probe: bytes
) -> Iterator[Article | InputProblem]:
    """Yield one item per non-blank line; ``probe`` is the input's first bytes."""
    # Judged on bytes already read (not by waiting for 8 kB) so a slow pipe is not held up.
    if _looks_binary(probe):
        yield InputProblem(source, _BINARY_MESSAGE)
        return
    first = True
    for line in _lines(stream):
        if not line.too_long and not line.data.strip():
            continue
        where = f"{source}:{line.number}"
        if line.too_long:
            yield InputProblem(
                where,
                f"line is {_megabytes(line.size)} long; communique codes up to "
                f"{MAX_ARTICLE_CHARS:,} characters per article; split the article",
            )
        else:
            try:
                item: Article | InputProblem = _article_from_line(line.data, where, defaults)
            except _Bad as problem:
                if first and line.data.strip() in (b"[", b"{"):
                    # Pretty-printed JSON would fail on every line; say so once instead.
                    yield InputProblem(
                        source,
                        "this is multi-line JSON, not JSON Lines; put each article on one line "
                        "as an object with a \"text\" field (jq -c '.[]' in.json > out.jsonl "
                        "converts an array)",
                    )
                    return
                item = InputProblem(where, str(problem))
            yield item
        first = False


def _lines(stream: BinaryIO) -> Iterator[_Line]:
    number = 0
    while data := stream.readline(_MAX_LINE_BYTES):
        number += 1
        size = len(data)
        if size == _MAX_LINE_BYTES and not data.endswith(b"\n"):
            size += _skip_line(stream)
        if number == 1:
            data = data.removeprefix(_BOM)
        yield _Line(number=number, data=data, size=size, too_long=size > _MAX_LINE_BYTES)


def _skip_line(stream: BinaryIO) -> int:
    skipped = 0
    while True:
        part = stream.readline(_CHUNK_BYTES)
        skipped += len(part)
        if not part or part.endswith(b"\n"):
            return skipped


def _count_rest(stream: BinaryIO) -> int:
    total = 0
    while chunk := stream.read(_CHUNK_BYTES):
        total += len(chunk)
    return total


def _article_from_line(data: bytes, source: str, defaults: _Metadata) -> Article:
    try:
        record = json.loads(_decode(data, " of the line"))
    except json.JSONDecodeError as error:
        raise _Bad(
            f"not valid JSON ({error.msg} at column {error.colno}); fix or remove the line"
        ) from None
    except RecursionError:
        raise _Bad("JSON nested too deeply to read; fix or remove the line") from None
    if not isinstance(record, dict):
        raise _Bad(
            f"expected a JSON object, got {_json_type(record)}; put each article on its own "
            'line as an object with a "text" field'
        )
    if "text" not in record:
        raise _Bad('no "text" field; give the article text in "text" or remove the line')
    text = record["text"]
    if not isinstance(text, str):
        raise _Bad(f'"text" must be a string, not {_json_type(text)}; fix or remove the line')
    if not text.strip():
        raise _Bad('"text" is empty; give the article text or remove the line')
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        # JSON can escape half a surrogate pair (\ud800), which no UTF-8 text can hold.
        raise _Bad(
            f'"text" has an unpaired surrogate escape at character {error.start}; '
            "fix the escape or remove the line"
        ) from None
    metadata = _Metadata(
        published=_parse_published(record.get("published")) or defaults.published,
        outlet=_optional_string(record, "outlet") or defaults.outlet,
        url=_optional_string(record, "url") or defaults.url,
        title=_optional_string(record, "title") or defaults.title,
    )
    return _make_article(text, source, metadata, given_id=_given_id(record.get("id")))


def _parse_published(value: object) -> date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        raise _Bad(
            f'"published" must be a date string such as "2024-03-01" or null, '
            f"not {_json_type(value)}"
        )
    try:
        return datetime.fromisoformat(value.strip()).date()
    except ValueError:
        raise _Bad(
            f'"published" is {value!r}, not a date; write it as YYYY-MM-DD or as an ISO '
            "datetime such as 2024-03-01T12:00:00Z"
        ) from None


def _optional_string(record: dict[str, object], key: str) -> str | None:
    value = record.get(key)
    if value is None or isinstance(value, str):
        return value or None
    raise _Bad(f'"{key}" must be a string or null, not {_json_type(value)}')


def _given_id(value: object) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    raise _Bad(f'"id" must be a string or an integer, not {_json_type(value)}')


def _make_article(
    text: str, source: str, metadata: _Metadata, given_id: str | None = None
) -> Article:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if len(text) > MAX_ARTICLE_CHARS:
        raise _Bad(
            f"article is {len(text):,} characters; communique codes up to "
            f"{MAX_ARTICLE_CHARS:,} characters per article; split it into several articles"
        )
    return Article(
        id=given_id or article_id(text),
        text=text,
        published=metadata.published,
        outlet=metadata.outlet,
        url=metadata.url,
        title=metadata.title,
        source=source,
    )


def _decode(data: bytes, place: str) -> str:
    body = data.removeprefix(_BOM)
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        offset = error.start + len(data) - len(body)
        raise _Bad(
            f"not UTF-8 (byte 0x{body[error.start]:02x} at offset {offset}{place}); "
            "re-encode the file as UTF-8 (e.g. iconv -f latin1 -t utf-8)"
        ) from None


def _too_big(size: int) -> str:
    return (
        f"article is {_megabytes(size)} of text; communique codes up to "
        f"{MAX_ARTICLE_CHARS:,} characters per article; split it into several articles"
    )


def _looks_binary(data: bytes) -> bool:
    return b"\0" in data[:_BINARY_PROBE_BYTES]


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object"
