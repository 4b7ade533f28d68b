"""One exception tree: every error newsprism raises lives in errors.py with a code of its own;
an extractor failure, a reader bug and a clustering bug are each reported as what they are."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest

import newsprism
from newsprism import errors
from newsprism.errors import ExtractError, IngestError, InternalError, NewsprismError
from newsprism.records import IngestFailure

SRC = Path(newsprism.__file__).parent
PAGE = (b"<html><head><title>Harbour news</title></head><body><article><p>The harbour master"
        b" said the new quay would open in the spring after two years of work.</p></article>"
        b"</body></html>")


def _tree() -> list[type[NewsprismError]]:
    found, todo = [], [NewsprismError]
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo.extend(cls.__subclasses__())
    return found


def test_every_exception_class_is_defined_in_errors_py() -> None:
    outside = []
    for path in sorted(SRC.rglob("*.py")):
        if path.name == "errors.py" and path.parent == SRC:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                bases = [ast.unparse(b) for b in node.bases]
                if any(b.endswith(("Error", "Exception")) for b in bases):
                    outside.append(f"{path.relative_to(SRC)}:{node.name}")
    assert outside == []


def test_every_error_has_its_own_code_and_is_drawn_in_the_tree() -> None:
    classes = [c for c in vars(errors).values() if inspect.isclass(c) and issubclass(c, NewsprismError)]
    assert set(classes) == set(_tree())  # nothing of the tree defined elsewhere
    codes = [c.code for c in classes]
    assert len(codes) == len(set(codes)), sorted(codes)
    doc = errors.__doc__ or ""
    for cls in classes:
        assert f"{cls.__name__} " in doc and cls.code in doc, cls.__name__


def test_an_extractor_failure_is_an_extract_error_not_empty_input(monkeypatch: pytest.MonkeyPatch) -> None:
    import trafilatura

    from newsprism.ingest.html import article_from_html

    assert "quay" in article_from_html(PAGE, source="page.html").text

    def broken(*args: object, **kwargs: object) -> None:
        raise ValueError("the tree is upside down")

    monkeypatch.setattr(trafilatura, "bare_extraction", broken)
    with pytest.raises(ExtractError, match="upside down") as info:
        article_from_html(PAGE, source="page.html")
    assert info.value.code == "E105" and info.value.item == "page.html"


def test_a_reader_bug_is_reported_as_a_bug_not_as_bad_input(monkeypatch: pytest.MonkeyPatch) -> None:
    import newsprism.ingest.text as text
    from newsprism.ingest import read_bytes

    def buggy(*args: object, **kwargs: object) -> None:
        raise KeyError("title")

    monkeypatch.setattr(text, "article_from_text", buggy)
    [item] = list(read_bytes(b"A line of plain text.", "note.txt", "text", 10_000))
    assert isinstance(item, IngestFailure)
    assert (item.error_type, item.code) == ("KeyError", InternalError.code)
    with pytest.raises(KeyError):
        list(read_bytes(b"A line of plain text.", "note.txt", "text", 10_000, strict=True))


def test_malformed_input_is_still_bad_input(monkeypatch: pytest.MonkeyPatch) -> None:
    import newsprism.ingest.text as text
    from newsprism.ingest import read_bytes

    def choke(*args: object, **kwargs: object) -> None:
        raise UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte")

    monkeypatch.setattr(text, "article_from_text", choke)
    [item] = list(read_bytes(b"A line of plain text.", "note.txt", "text", 10_000))
    assert isinstance(item, IngestFailure) and item.code == "E102"
    assert issubclass(ExtractError, IngestError)
