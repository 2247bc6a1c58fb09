"""Archive mode: extracted sources and quotes as Parquet shards that a crashed run resumes, and loading them.

``DIR/sources/part-000001.parquet`` and ``DIR/quotes/part-000001.parquet`` hold one finished batch of
documents each (written to a temporary name and renamed); ``DIR/manifest.jsonl`` gets one line per finished
shard — its name, counts and the content hashes of its documents — after both files are in place. A re-run
reads the manifest, deletes shard files it does not list (a crash between rename and manifest line) and
skips every document whose content hash is done, so a run killed at any moment and run again holds each
document once. DuckDB, Polars or Spark read the shards directly:
``SELECT speaker, quote FROM read_parquet('DIR/quotes/*.parquet')``.
"""

from __future__ import annotations

import json
import os
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import fields
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from quotes.readers import InputProblem, SourceDocument
from quotes.records import Quote

MANIFEST = "manifest.jsonl"
SOURCE_COLUMNS = ["content_hash", "doc_id", "path", "url", "title", "outlet", "author", "published_at", "text"]
_PIECES = pa.list_(pa.list_(pa.int32()))
SOURCE_SCHEMA = pa.schema([(c, pa.string()) for c in SOURCE_COLUMNS])


class ShardError(RuntimeError):
    """A shard folder that cannot be read; the message names the file."""


def _arrow_type(annotation: str) -> pa.DataType:
    base = annotation.replace(" | None", "").strip()
    return {"int": pa.int32(), "float": pa.float64(), "bool": pa.bool_()}.get(base, pa.string())


QUOTE_SCHEMA = pa.schema(
    [("content_hash", pa.string()), ("doc_id", pa.string()), ("quote", pa.string())]
    + [(f.name, _arrow_type(str(f.type))) for f in fields(Quote) if f.name not in ("segments", "fragments")]
    + [("segments", _PIECES), ("fragments", _PIECES)])


def read_manifest(folder: Path) -> list[dict]:
    """The finished shards, in order; a last line cut short by a crash is not a finished shard."""
    path = folder / MANIFEST
    if not path.exists():
        return []
    entries = []
    lines = path.read_text(encoding="utf-8").splitlines()
    for n, line in enumerate(lines, start=1):
        try:
            entries.append(json.loads(line))
        except json.JSONDecodeError:
            if n == len(lines):
                break  # the line being written when the run died
            raise ShardError(f"{path}:{n}: not a manifest line") from None
    return entries


class ShardWriter:
    """Writes finished batches as shards; knows which documents earlier runs finished."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        for sub in ("sources", "quotes"):
            (self.folder / sub).mkdir(parents=True, exist_ok=True)
        entries = read_manifest(self.folder)
        listed = {e["shard"] for e in entries}
        for sub in ("sources", "quotes"):  # files of a shard whose manifest line was never written
            for path in (self.folder / sub).iterdir():
                if path.name.split(".")[0] not in listed:
                    path.unlink()
        self.done: set[str] = {h for e in entries for h in e["hashes"]}
        self.next = 1 + max((int(e["shard"].split("-")[1]) for e in entries), default=0)
        self._repair_manifest(entries)

    def _repair_manifest(self, entries: list[dict]) -> None:
        """Drop a half-written last line so the next line starts on its own."""
        path = self.folder / MANIFEST
        if path.exists() and len(path.read_text(encoding="utf-8").splitlines()) != len(entries):
            self._replace(path, "".join(json.dumps(e) + "\n" for e in entries).encode())

    def write(self, items: list[tuple[SourceDocument, list[Quote]]]) -> str:
        """One shard for these documents; returns its name."""
        from quotes.db import display_quote

        name = f"part-{self.next:06d}"
        quotes = [{"content_hash": doc.content_hash, "doc_id": doc.doc_id, "quote": display_quote(doc.text, q),
                   **q.__dict__} for doc, qs in items for q in qs]
        sources = [{c: (doc.content_hash if c == "content_hash" else getattr(doc, c)) for c in SOURCE_COLUMNS}
                   for doc, _ in items]
        self._write_table(self.folder / "quotes" / f"{name}.parquet", pa.Table.from_pylist(quotes, QUOTE_SCHEMA))
        self._write_table(self.folder / "sources" / f"{name}.parquet", pa.Table.from_pylist(sources, SOURCE_SCHEMA))
        hashes = [doc.content_hash for doc, _ in items]
        line = json.dumps({"shard": name, "documents": len(items), "quotes": len(quotes), "hashes": hashes}) + "\n"
        with open(self.folder / MANIFEST, "a", encoding="utf-8") as manifest:
            manifest.write(line)
            manifest.flush()
            os.fsync(manifest.fileno())
        self.done.update(hashes)
        self.next += 1
        return name

    @staticmethod
    def _write_table(path: Path, table: pa.Table) -> None:
        tmp = path.with_name(path.name + ".tmp")
        pq.write_table(table, tmp)
        os.replace(tmp, path)

    @staticmethod
    def _replace(path: Path, data: bytes) -> None:
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)


def read_shards(folder: Path) -> Iterator[tuple[SourceDocument, list[Quote]]]:
    """Every document of the finished shards with its quotes, shard by shard."""
    for doc, quotes, _ in _read(folder):
        yield doc, quotes


def _read(folder: Path) -> Iterator[tuple[SourceDocument, list[Quote], str]]:
    folder = Path(folder)
    entries = read_manifest(folder)
    if not entries and not (folder / MANIFEST).exists():
        raise ShardError(f"{folder}: no {MANIFEST} (not a folder written by `quotes extract --out`)")
    for entry in entries:
        try:
            sources = pq.read_table(folder / "sources" / f"{entry['shard']}.parquet").to_pylist()
            quotes = pq.read_table(folder / "quotes" / f"{entry['shard']}.parquet").to_pylist()
        except (OSError, pa.ArrowException) as exc:
            raise ShardError(f"{folder}/{entry['shard']}: unreadable shard ({exc})") from exc
        by_hash: dict[str, list[Quote]] = {}
        for row in quotes:
            content_hash = row.pop("content_hash")
            row.pop("doc_id")
            row.pop("quote")
            for key in ("segments", "fragments"):
                if row[key] is not None:
                    row[key] = [tuple(piece) for piece in row[key]]
            by_hash.setdefault(content_hash, []).append(Quote(**row))
        for row in sources:
            content_hash = row.pop("content_hash")
            yield SourceDocument(**row), by_hash.get(content_hash, []), entry["shard"]


def load_engine(stored: dict[str, list[Quote]]):
    """The engine ``quotes load`` gives ``pipeline.ingest``: the quotes extracted earlier, by content hash."""
    def attach(batches: Iterable[list[SourceDocument]], _report) -> Iterator[list[tuple[SourceDocument, list[Quote]]]]:
        for batch in batches:
            yield [(doc, stored.pop(doc.content_hash, [])) for doc in batch]
    return attach


def shard_reader(folder: Path, stored: dict[str, list[Quote]], keep: int) -> Iterator[SourceDocument | InputProblem]:
    """The documents of the shards for ``pipeline.ingest``, their quotes kept in ``stored`` until attached.

    Ingest takes documents in order and attaches a batch before it reads the next, so a document ``keep``
    documents back (a few batches) was attached or skipped as unchanged: its entry goes, and loading an archive
    a second time keeps memory flat."""
    recent: deque[str] = deque()
    for doc, quotes, _ in _read(folder):
        recent.append(doc.content_hash)
        stored[doc.content_hash] = quotes
        if len(recent) > keep:
            stored.pop(recent.popleft(), None)
        yield doc
