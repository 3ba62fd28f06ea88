import hashlib
import io
import json
from datetime import date
from pathlib import Path

import pytest

from communique import inputs
from communique.errors import InputError
from communique.inputs import MAX_ARTICLE_CHARS, InputProblem, article_id, read_articles
from communique.models import Article

TEXT = "Hungary and Romania agreed on Wednesday to cooperate.\nOfficials said so."


def read(*paths: str | Path, **options: object) -> list[Article | InputProblem]:
    return list(read_articles(list(paths), **options))  # type: ignore[arg-type]


def only(items: list[Article | InputProblem]) -> Article | InputProblem:
    assert len(items) == 1, items
    return items[0]


def write_jsonl(path: Path, lines: list[object]) -> Path:
    path.write_text(
        "\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines) + "\n",
        encoding="utf-8",
    )
    return path


def test_text_file_takes_metadata_from_options(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(TEXT, encoding="utf-8")
    article = only(
        read(path, published=date(2024, 3, 1), outlet="AP", url="https://x.test/1", title="T")
    )
    assert article == Article(
        id=article_id(TEXT),
        text=TEXT,
        published=date(2024, 3, 1),
        outlet="AP",
        url="https://x.test/1",
        title="T",
        source=str(path),
    )


def test_any_suffix_is_plain_text(tmp_path: Path) -> None:
    path = tmp_path / "story.html"
    path.write_text("<p>Text</p>", encoding="utf-8")
    assert only(read(path)).text == "<p>Text</p>"


def test_jsonl_bad_lines_are_reported_and_good_lines_kept_in_order(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "batch.jsonl",
        [
            {"id": "first", "text": "One.", "gold": [], "license": "CC0"},
            '{"text": "broken" "id": 2}',
            "",
            [1, 2],
            {"id": "x"},
            {"text": 42},
            {"text": "   "},
            {"text": "Bad date.", "published": "last Tuesday"},
            {"text": "Bad outlet.", "outlet": 7},
            {"text": "Bad id.", "id": [1]},
            '{"text": "half a pair \\ud800"}',
            {"id": 7, "text": "Two.", "published": "2024-03-01T23:30:00Z", "outlet": "AP"},
        ],
    )
    items = read(path)
    assert [item.source for item in items] == [
        f"{path}:{n}" for n in (1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12)
    ]
    first, *problems, last = items
    assert isinstance(first, Article) and first.id == "first" and first.text == "One."
    assert isinstance(last, Article)
    assert (last.id, last.text, last.published, last.outlet) == (
        "7",
        "Two.",
        date(2024, 3, 1),
        "AP",
    )
    assert all(isinstance(problem, InputProblem) for problem in problems)
    messages = [problem.message for problem in problems]
    assert messages[0] == (
        "not valid JSON (Expecting ',' delimiter at column 19); fix or remove the line"
    )
    assert messages[1].startswith("expected a JSON object, got an array")
    assert messages[2].startswith('no "text" field')
    assert messages[3].startswith('"text" must be a string, not a number')
    assert messages[4].startswith('"text" is empty')
    assert messages[5].startswith("\"published\" is 'last Tuesday', not a date")
    assert messages[6] == '"outlet" must be a string or null, not a number'
    assert messages[7] == '"id" must be a string or an integer, not an array'
    assert messages[8].startswith('"text" has an unpaired surrogate escape at character 12;')


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-01", date(2024, 3, 1)),
        ("2024-03-01T23:30:00Z", date(2024, 3, 1)),
        ("2024-03-01T23:30:00+05:00", date(2024, 3, 1)),
        ("2024-03-01 08:00", date(2024, 3, 1)),
        (None, None),
        ("", None),
    ],
)
def test_published_is_parsed(tmp_path: Path, value: str | None, expected: date | None) -> None:
    path = write_jsonl(tmp_path / "a.jsonl", [{"text": "T.", "published": value}])
    assert only(read(path)).published == expected  # type: ignore[union-attr]


@pytest.mark.parametrize("value", ["2024-13-01", "01/03/2024", 20240301, True])
def test_bad_published_is_a_problem(tmp_path: Path, value: object) -> None:
    path = write_jsonl(tmp_path / "a.jsonl", [{"text": "T.", "published": value}])
    problem = only(read(path))
    assert isinstance(problem, InputProblem)
    assert problem.source == f"{path}:1"
    assert '"published"' in problem.message


def test_options_are_defaults_for_jsonl_lines(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "a.json",
        [
            {"text": "Own.", "published": "2020-01-02", "outlet": "Own", "title": "Mine"},
            {"text": "Lacking.", "published": None, "outlet": "", "title": ""},
        ],
    )
    own, lacking = read(path, published=date(1999, 1, 1), outlet="Default", title="D")
    assert isinstance(own, Article) and isinstance(lacking, Article)
    assert (own.published, own.outlet, own.title) == (date(2020, 1, 2), "Own", "Mine")
    assert (lacking.published, lacking.outlet, lacking.title) == (date(1999, 1, 1), "Default", "D")


def test_directory_is_read_recursively_in_sorted_order(tmp_path: Path) -> None:
    for name in [
        "b.txt",
        "a/z.md",
        "a/b/c.txt",
        "c.jsonl",
        "notes.csv",
        ".hidden.txt",
        ".git/x.txt",
        "A.TXT",
    ]:
        path = tmp_path / "in" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({"text": name}) if name.endswith("jsonl") else name)
    items = read(tmp_path / "in")
    assert all(isinstance(item, Article) for item in items)
    assert [item.text for item in items] == ["A.TXT", "a/b/c.txt", "a/z.md", "b.txt", "c.jsonl"]
    assert items[1].source == str(tmp_path / "in" / "a" / "b" / "c.txt")
    assert items[4].source == str(tmp_path / "in" / "c.jsonl") + ":1"


def test_directory_without_article_files_is_a_problem(tmp_path: Path) -> None:
    (tmp_path / "data.csv").write_text("a,b\n")
    problem = only(read(tmp_path))
    assert isinstance(problem, InputProblem)
    assert problem.source == str(tmp_path)
    assert problem.message.startswith("no .txt, .md, .jsonl or .json files")


def test_missing_file_is_a_problem_and_the_batch_goes_on(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Good.")
    missing, article = read(tmp_path / "missing.txt", good)
    assert missing == InputProblem(
        str(tmp_path / "missing.txt"), "no such file or directory; check the path"
    )
    assert isinstance(article, Article) and article.text == "Good."


def test_stdin_plain_text(tmp_path: Path) -> None:
    text = "\n\n  Leading blank lines are part of the text.\r\nSecond line."
    article = only(read(stdin=io.StringIO(text), outlet="Wire"))
    assert isinstance(article, Article)
    assert article.text == "\n\n  Leading blank lines are part of the text.\nSecond line."
    assert (article.source, article.outlet) == ("<stdin>", "Wire")


def test_stdin_jsonl_via_dash_among_paths(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("File.")
    stdin = io.StringIO('\n  {"id": "s1", "text": "One."}\nnot json\n{"text": "Two."}\n')
    items = read(path, "-", stdin=stdin)
    assert [item.source for item in items] == [str(path), "<stdin>:2", "<stdin>:3", "<stdin>:4"]
    assert isinstance(items[1], Article) and items[1].id == "s1"
    assert isinstance(items[2], InputProblem) and items[2].message.startswith("not valid JSON")
    assert isinstance(items[3], Article) and items[3].id == article_id("Two.")


def test_stdin_bytes_are_decoded_as_utf8_not_by_locale() -> None:
    stdin = io.TextIOWrapper(io.BytesIO(b"caf\xe9 au lait"), encoding="latin-1")
    problem = only(read("-", stdin=stdin))
    assert problem == InputProblem(
        "<stdin>",
        "not UTF-8 (byte 0xe9 at offset 3); re-encode the file as UTF-8 "
        "(e.g. iconv -f latin1 -t utf-8)",
    )


def test_stdin_jsonl_is_streamed_not_slurped() -> None:
    class NoSlurp(io.StringIO):
        def read(self, size: int | None = -1) -> str:
            assert size is not None and 0 < size <= 1 << 16
            return super().read(size)

    lines = "".join(json.dumps({"text": f"Article {n}."}) + "\n" for n in range(5000))
    items = read_articles([], stdin=NoSlurp(lines))
    first = next(items)
    assert isinstance(first, Article) and first.text == "Article 0."
    assert sum(1 for _ in items) == 4999


def test_empty_and_whitespace_files(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b" \n\t\r\n")
    (tmp_path / "blank.jsonl").write_bytes(b"\n\n")
    empty, blank = read(tmp_path / "empty.txt", tmp_path / "blank.txt")
    assert empty == InputProblem(
        str(tmp_path / "empty.txt"), "empty (0 bytes); give a file that holds the article text"
    )
    assert isinstance(blank, InputProblem) and "only whitespace" in blank.message
    assert read(tmp_path / "blank.jsonl") == []


def test_binary_files_are_rejected_once(tmp_path: Path) -> None:
    payload = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 10
    (tmp_path / "image.txt").write_bytes(payload)
    (tmp_path / "image.jsonl").write_bytes(payload)
    text, jsonl = read(tmp_path / "image.txt", tmp_path / "image.jsonl")
    assert isinstance(text, InputProblem) and text.message.startswith("binary data (NUL bytes")
    assert jsonl == InputProblem(str(tmp_path / "image.jsonl"), text.message)


def test_latin1_file_names_byte_and_offset(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Président élu".encode("latin-1"))
    problem = only(read(path))
    assert isinstance(problem, InputProblem)
    assert problem.message.startswith("not UTF-8 (byte 0xe9 at offset 2);")


def test_latin1_jsonl_line_is_reported_for_that_line(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_bytes(b'{"text": "ok"}\n{"text": "caf\xe9"}\n{"text": "fine"}\n')
    ok, problem, fine = read(path)
    assert isinstance(ok, Article) and isinstance(fine, Article)
    assert problem == InputProblem(
        f"{path}:2",
        "not UTF-8 (byte 0xe9 at offset 13 of the line); re-encode the file as UTF-8 "
        "(e.g. iconv -f latin1 -t utf-8)",
    )


def test_oversized_file_is_rejected_without_reading_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(b"word " * 2_100_000)  # 10.5 MB
    reads: list[int] = []
    real_open = Path.open

    def spy_open(self: Path, *args: object, **kwargs: object) -> object:
        stream = real_open(self, *args, **kwargs)  # type: ignore[call-overload]
        real_read = stream.read
        stream.read = lambda n=-1: reads.append(n) or real_read(n)  # type: ignore[method-assign]
        return stream

    monkeypatch.setattr(Path, "open", spy_open)
    small = tmp_path / "small.txt"
    small.write_text("Small.")
    assert isinstance(only(read(small)), Article)
    assert reads, "the spy must see the reads of a normal file"
    reads.clear()
    problem = only(read(path))
    assert problem == InputProblem(
        str(path),
        f"article is 10.5 MB of text; communique codes up to {MAX_ARTICLE_CHARS:,} characters "
        "per article; split it into several articles",
    )
    assert reads == []


def test_too_many_characters_is_rejected_but_a_normal_article_is_not(tmp_path: Path) -> None:
    long_path = tmp_path / "long.txt"
    long_path.write_text("x" * (MAX_ARTICLE_CHARS + 1))
    normal_path = tmp_path / "normal.txt"
    normal_path.write_text("A sentence of a normal article. " * 640)  # about 20 kB
    long, normal = read(long_path, normal_path)
    assert isinstance(long, InputProblem)
    assert long.message.startswith(f"article is {MAX_ARTICLE_CHARS + 1:,} characters;")
    assert isinstance(normal, Article) and len(normal.text) == 32 * 640


def test_oversized_jsonl_line_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(inputs, "_MAX_LINE_BYTES", 64)
    path = write_jsonl(
        tmp_path / "a.jsonl", [{"text": "short"}, {"text": "y" * 500}, {"text": "after"}]
    )
    short, problem, after = read(path)
    assert isinstance(short, Article) and isinstance(after, Article) and after.text == "after"
    assert isinstance(problem, InputProblem) and problem.source == f"{path}:2"
    assert problem.message.startswith("line is 0.0 MB long;")


def test_pretty_printed_json_is_one_problem(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps([{"text": "One."}, {"text": "Two."}], indent=2))
    problem = only(read(path))
    assert isinstance(problem, InputProblem) and problem.source == str(path)
    assert "not JSON Lines" in problem.message


def test_bom_is_stripped_and_line_endings_normalised(tmp_path: Path) -> None:
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbfLine one.\r\nLine two.\rLine three.")
    (tmp_path / "bom.jsonl").write_bytes(b'\xef\xbb\xbf{"text": "A\\r\\nB"}\r\n')
    text, line = read(tmp_path / "bom.txt", tmp_path / "bom.jsonl")
    assert isinstance(text, Article) and text.text == "Line one.\nLine two.\nLine three."
    assert isinstance(line, Article) and line.text == "A\nB"


def test_ids_are_stable_and_given_ids_kept(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text(TEXT)
    (tmp_path / "two.txt").write_bytes(TEXT.replace("\n", "\r\n").encode())
    write_jsonl(tmp_path / "three.jsonl", [{"text": TEXT}, {"id": "mine", "text": TEXT}])
    items = read(tmp_path / "one.txt", tmp_path / "two.txt", tmp_path / "three.jsonl")
    expected = "a-" + hashlib.sha256(TEXT.encode()).hexdigest()[:16]
    assert [item.id for item in items] == [expected, expected, expected, "mine"]  # type: ignore[union-attr]


def test_problem_converts_to_input_error() -> None:
    error = InputProblem("a.jsonl:3", '"text" is empty').as_error()
    assert isinstance(error, InputError)
    assert (error.source, str(error)) == ("a.jsonl:3", 'a.jsonl:3: "text" is empty')
