"""Read articles from .txt, .html and .jsonl files into ``SourceDocument`` records.

Bad input never raises out of here: every problem becomes an ``InputProblem``
naming the file (and line) and what is wrong, so one broken file never stops
a batch and the caller decides whether to fail (``--strict``).
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
DEFAULT_MAX_BYTES = 10_000_000
MIN_ARTICLE_WORDS = 8  # less than this from an HTML page is navigation, not an article
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass
class SourceDocument:
    doc_id: str
    text: str
    path: str | None = None
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published_at: str | None = None
    title_guessed: bool = False  # read off a plain-text file's first lines, not named by the input

    @property
    def stated_title(self) -> str | None:
        """The title the input names (a ``title`` field, an HTML page's title); a guessed one may be the lede."""
        return None if self.title_guessed else self.title

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass
class InputProblem:
    where: str  # "path" or "path:line"
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


def expand_paths(paths: Iterable[str]) -> Iterator[Path | InputProblem]:
    """Files, globs and directories (recursively, supported suffixes only), in a stable order."""
    for raw in paths:
        matches = sorted(glob.glob(raw, recursive=True)) if glob.has_magic(raw) else [raw]
        if not matches:
            yield InputProblem(raw, "no file matches this pattern")
        for item in matches:
            path = Path(item)
            if path.is_dir():
                for root, dirs, files in os.walk(path):
                    dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                    for name in sorted(files):
                        if Path(name).suffix.lower() in SUPPORTED and not name.startswith("."):
                            yield Path(root) / name
            elif path.is_file():
                yield path
            else:
                yield InputProblem(str(path), "no such file or directory")


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else cp1252 / latin-1; raises ValueError on binary data."""
    if not data.strip():
        raise ValueError("empty file")
    head = data[:8192]
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 13))
    if head.startswith((b"\x89PNG", b"%PDF", b"PK\x03\x04", b"\xff\xd8\xff", b"GIF8")) or controls > len(head) // 10:
        raise ValueError("binary data, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
    return clean_text(text)


def clean_text(text: str) -> str:
    """Normalise line endings and drop control characters (offsets refer to this text)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    return _CONTROL.sub("", text)


def read_documents(
    paths: Iterable[str], max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[SourceDocument | InputProblem]:
    for path in expand_paths(paths):
        if isinstance(path, InputProblem):
            yield path
            continue
        suffix = path.suffix.lower()
        try:
            size = path.stat().st_size
        except OSError as exc:
            yield InputProblem(str(path), f"cannot read ({exc.strerror})")
            continue
        if suffix in JSONL_SUFFIXES:
            yield from read_jsonl(path, max_bytes)
            continue
        if size > max_bytes:
            yield InputProblem(str(path), f"{size:,} bytes is over the limit of {max_bytes:,} (raise it with --max-bytes)")
            continue
        try:
            data = path.read_bytes()
        except OSError as exc:
            yield InputProblem(str(path), f"cannot read ({exc.strerror})")
            continue
        if suffix in HTML_SUFFIXES:
            yield read_html(path, data)
        else:
            yield read_text(path, data)


def read_text(path: Path, data: bytes) -> SourceDocument | InputProblem:
    try:
        text = decode(data)
    except ValueError as exc:
        return InputProblem(str(path), str(exc))
    if not text.strip():
        return InputProblem(str(path), "no text (only white space or control characters)")
    return SourceDocument(doc_id=str(path), text=text, path=str(path), title=guess_title(text), title_guessed=True)


def guess_title(text: str) -> str | None:
    """A plain-text scrape has no title field: take the first line that reads like a headline.

    Navigation crumbs ("• Posts"), section labels ("What We're Watching" is kept only when nothing
    better follows) and bylines ("By …") are passed over.
    """
    fallback = None
    for line in text.splitlines()[:40]:
        line = line.strip().lstrip("•·*-– ").strip()
        if not line or line.lower().startswith("by ") or len(line) > 200:
            continue
        if len(line.split()) >= 4:
            return line
        fallback = fallback or line
    return fallback


def read_html(path: Path, data: bytes) -> SourceDocument | InputProblem:
    try:
        html = decode(data)
    except ValueError as exc:
        return InputProblem(str(path), str(exc))
    import trafilatura

    try:
        result = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, favor_precision=True)
    except Exception as exc:  # trafilatura raises on some broken markup
        return InputProblem(str(path), f"could not parse HTML ({type(exc).__name__})")
    data_dict = result.as_dict() if hasattr(result, "as_dict") else (result or {})
    text = clean_text(data_dict.get("text") or "")
    if len(text.split()) < MIN_ARTICLE_WORDS:
        return InputProblem(str(path), "no article text found in the HTML page")
    return SourceDocument(
        doc_id=str(path), text=text, path=str(path), url=data_dict.get("url"), title=data_dict.get("title"),
        outlet=data_dict.get("sitename") or data_dict.get("hostname"), author=data_dict.get("author"),
        published_at=data_dict.get("date"),
    )


def read_jsonl(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[SourceDocument | InputProblem]:
    try:
        handle = open(path, "rb")
    except OSError as exc:
        yield InputProblem(str(path), f"cannot read ({exc.strerror})")
        return
    with handle:
        for number, raw in enumerate(handle, start=1):
            where = f"{path}:{number}"
            if not raw.strip():
                continue
            if len(raw) > max_bytes:
                yield InputProblem(where, f"line of {len(raw):,} bytes is over the limit of {max_bytes:,}")
                continue
            try:
                record = json.loads(raw.decode("utf-8-sig", errors="replace"))
            except json.JSONDecodeError as exc:
                yield InputProblem(where, f"invalid JSON ({exc.msg})")
                continue
            if not isinstance(record, dict):
                yield InputProblem(where, "a line must be a JSON object")
                continue
            text = record.get("text")
            if not isinstance(text, str) or not text.strip():
                yield InputProblem(where, "no \"text\" field with text in it")
                continue
            doc_id = record.get("doc_id") or record.get("id") or f"{path.name}:{number}"
            yield SourceDocument(
                doc_id=str(doc_id), text=clean_text(text), path=str(path), url=_str(record.get("url")),
                title=_str(record.get("title")), outlet=_str(record.get("outlet") or record.get("publisher")),
                author=_str(record.get("author")),
                published_at=_str(record.get("published") or record.get("published_at") or record.get("publication_date")),
            )


def _str(value) -> str | None:
    return None if value is None else str(value)
