"""Reading files (mutants of calculator/source.py): the framework folder with its syntax and reading problems
(file, line, column, what was found), and assessment files with the message a user gets for each problem.

Every folder and file here is a few bytes written by hand (no copy of indicators/), except two 2 MiB files for
the size limit.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from calculator import FrameworkInvalid
from calculator.messages import Message
from calculator.source import (
    DEFAULT_FOLDER,
    MAX_ASSESSMENT_BYTES,
    bundle_json,
    load_folder,
    read_assessment_file,
    read_bundle,
)
from tests.engine.engine_support import INDICATORS

EXPECTED_READ_ISSUES = [
    # "a: b: c": the second ': ' is at column 5 of line 1
    ("factors.yaml", "line 1, column 5", "a YAML error (mapping values are not allowed here)", "valid YAML"),
    # the key x again on line 3 (StrictLoader refuses it; pyyaml alone would keep the last value)
    ("sources.yaml", "line 3, column 1", "a YAML error (the key 'x' appears twice in this mapping)", "valid YAML"),
    ("glossary.yaml", "", "an unreadable file (UnicodeDecodeError)", "a UTF-8 text file"),
    ("regulations.yaml", "", "an unreadable file (IsADirectoryError)", "a UTF-8 text file"),
    ("messages.yaml", "", "no such file", "the file to exist"),
    # a control character: the reader's error has no line mark and no 'problem', so its first line is quoted
    (
        "plausibility.yaml",
        "",
        "a YAML error (unacceptable character #x0007: special characters are not allowed)",
        "valid YAML",
    ),
    # a parser error has a context ("while parsing a flow sequence") before its problem: the problem is quoted
    (
        "dimensions/d.yaml",
        "line 2, column 1",
        "a YAML error (expected ',' or ']', but got '<stream end>')",
        "valid YAML",
    ),
    # an anchor used inside itself: refused where the mapping starts
    ("dimensions/e.yaml", "line 1, column 4", "a YAML error (found unconstructable recursive node)", "valid YAML"),
]


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "indicators"
    (folder / "dimensions").mkdir(parents=True)
    (folder / "framework.yaml").write_text("a: 1\nb: {c: [x, y]}\n", encoding="utf-8")
    (folder / "factors.yaml").write_text("a: b: c\n", encoding="utf-8")
    (folder / "sources.yaml").write_text("x: 1\ny: {x: 2}\nx: 3\n", encoding="utf-8")
    (folder / "glossary.yaml").write_bytes(b"terms: \xff\xfe\n")
    (folder / "regulations.yaml").mkdir()
    (folder / "plausibility.yaml").write_text("a: \x07\n", encoding="utf-8")
    (folder / "dimensions" / "b.yaml").write_text("k: [1, 2]\n", encoding="utf-8")
    (folder / "dimensions" / "a.yaml").write_text("k: {}\n", encoding="utf-8")
    (folder / "dimensions" / "c.txt").write_text("not read\n", encoding="utf-8")
    (folder / "dimensions" / "d.yaml").write_text("a: [1\n", encoding="utf-8")
    (folder / "dimensions" / "e.yaml").write_text("a: &x {b: *x}\n", encoding="utf-8")
    return folder


def test_read_bundle_reports_every_reading_problem(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    bundle, issues = read_bundle(folder)
    assert [(issue.file, issue.path, issue.found, issue.expected) for issue in issues] == EXPECTED_READ_ISSUES
    assert bundle == {
        "framework.yaml": {"a": 1, "b": {"c": ["x", "y"]}},
        "dimensions/a.yaml": {"k": {}},
        "dimensions/b.yaml": {"k": [1, 2]},
    }
    assert list(bundle) == ["framework.yaml", "dimensions/a.yaml", "dimensions/b.yaml"]
    with pytest.raises(FrameworkInvalid) as raised:
        load_folder(folder)
    assert [(i.file, i.path, i.found, i.expected) for i in raised.value.issues] == EXPECTED_READ_ISSUES


def test_a_folder_without_dimensions(tmp_path: Path) -> None:
    (tmp_path / "framework.yaml").write_text("a: 1\n", encoding="utf-8")
    bundle, issues = read_bundle(tmp_path)
    assert bundle == {"framework.yaml": {"a": 1}}
    assert [issue.file for issue in issues] == [
        "factors.yaml",
        "sources.yaml",
        "glossary.yaml",
        "regulations.yaml",
        "messages.yaml",
        "plausibility.yaml",
    ]
    assert {(issue.path, issue.found, issue.expected) for issue in issues} == {
        ("", "no such file", "the file to exist")
    }


def test_constants() -> None:
    assert DEFAULT_FOLDER == INDICATORS
    assert MAX_ASSESSMENT_BYTES == 2 * 1024 * 1024


def test_bundle_json_is_compact_sorted_and_keeps_characters() -> None:
    assert bundle_json({"b": [1, {"d": 1.5, "c": "綠色"}], "a": None}) == '{"a":null,"b":[1,{"c":"綠色","d":1.5}]}'


def _read(tmp_path: Path, name: str, content: str | bytes) -> tuple[object, list[Message]]:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return read_assessment_file(path)


def test_assessment_files(tmp_path: Path) -> None:
    assert _read(tmp_path, "a.json", '{"a": [1, 2.5]}') == ({"a": [1, 2.5]}, [])
    assert _read(tmp_path, "b.json", '{\n  "a": 1,\n}') == (None, [Message("file_not_json", "file", {"line": 3})])
    # NaN, Infinity and -Infinity are refused at their own line (json.loads would read them)
    assert _read(tmp_path, "c.json", '{"a":\n NaN}') == (None, [Message("file_not_json", "file", {"line": 2})])
    # nesting this deep makes the JSON parser give up (RecursionError): line 1
    assert _read(tmp_path, "d.json", "[" * 200000) == (None, [Message("file_not_json", "file", {"line": 1})])
    assert _read(tmp_path, "e.YML", "a: 1\nb: [x]\n") == ({"a": 1, "b": ["x"]}, [])
    assert _read(tmp_path, "f.yaml", "x: 1\na: b: c\n") == (None, [Message("file_not_json", "file", {"line": 2})])
    assert _read(tmp_path, "g.yaml", "a: \x07\n") == (None, [Message("file_not_json", "file", {"line": 1})])
    assert _read(tmp_path, "h.json", b'{"a": "\xff"}') == (None, [Message("file_unreadable", "file")])
    assert _read(tmp_path, "i.yaml", "a: [1\n") == (None, [Message("file_not_json", "file", {"line": 2})])
    assert read_assessment_file(tmp_path / "missing.json") == (None, [Message("file_unreadable", "file")])
    # a .yaml.json file is JSON (only the last suffix counts)
    assert _read(tmp_path, "j.yaml.json", "a: 1") == (None, [Message("file_not_json", "file", {"line": 1})])


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("\n\n\nInfinity", 4),  # the whole document
        ("[1,\n -Infinity,\n NaN]", 2),  # the first of two
        # N, I, "NaN" and "Infinity" inside strings, keys and escapes are text, not the refused value (line 3)
        ('{"NaN": "Ian \\"NaN\\" Infinity \\u004E",\n "INFO": ["-Infinity", "N\\\\"],\n "x": NaN}', 3),
        ('\n{"a": NaN,\n}', 2),  # the constant on line 2 comes before the trailing comma on line 3
        ('{"a": 1\n, , "b":\n NaN}', 2),  # a syntax error on line 2 comes before the constant on line 3
    ],
)
def test_json_constants_are_refused_at_their_line(tmp_path: Path, text: str, line: int) -> None:
    assert _read(tmp_path, "n.json", text) == (None, [Message("file_not_json", "file", {"line": line})])


def test_assessment_size_limit(tmp_path: Path) -> None:
    limit = 2 * 1024 * 1024
    exactly = "{}" + " " * (limit - 2)
    assert _read(tmp_path, "k.json", exactly) == ({}, [])
    over = exactly + " "
    value, messages = _read(tmp_path, "l.json", over)
    assert (value, messages) == (None, [Message("file_too_large", "file", {"max": 2})])
    assert repr(messages[0].params["max"]) == "2", "whole mebibytes, shown as 2 (not 2.0)"
