"""The speaker database: a DuckDB file whose schema lives in ``sql/``.

``QuoteDB`` applies the schema files in order (recording the version in the
file), writes each batch of documents in one transaction through Arrow (never
row-by-row INSERTs) and answers queries as Polars frames. The file is written
with storage compatibility v1.5.0 so DuckDB clients from 1.5 on can open it.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import polars as pl
import pyarrow as pa

from quotes import clusters
from quotes.names import normalise_name
from quotes.readers import SourceDocument
from quotes.records import Quote
from quotes.speakers import SpeakerEntry, SpeakerRegistry

STORAGE_COMPATIBILITY = "v1.5.0"
DEFAULT_DB = "data/quotes.duckdb"
# Python that a schema version needs after its SQL file, in the same transaction.
AFTER_MIGRATION = {6: clusters.rebuild_all}
_SQL_READ_ONLY = re.compile(r"^\s*(select|with|from|pragma|describe|show|summarize|explain|values|table)\b", re.I)


class DatabaseError(RuntimeError):
    """A database problem a user can act on; the message is one line."""


def sql_dir() -> Path:
    """The repository's sql/ folder, the source of truth for the schema."""
    env = os.environ.get("QUOTES_SQL_DIR")
    if env:
        return Path(env)
    return Path(__file__).resolve().parent.parent / "sql"


def default_db_path() -> str:
    return os.environ.get("QUOTES_DB", DEFAULT_DB)


def schema_files() -> list[tuple[int, Path]]:
    files = []
    for path in sorted((sql_dir() / "schema").glob("*.sql")):
        match = re.match(r"(\d+)_", path.name)
        if match:
            files.append((int(match.group(1)), path))
    return files


def norm_quote(text: str) -> str:
    """The text two reprints of a quote share: case, quote marks, dashes and spacing folded."""
    text = text.lower()
    text = re.sub(r"[“”„‟\"«»‘’‚‛'`]", "", text)
    text = re.sub(r"[—–-]", " ", text)
    text = re.sub(r"[^\w\s]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def display_quote(text: str, quote: Quote) -> str:
    """What was said, without the attribution that interrupts it (“A,” he said, “B.” / The museum, he said, …)."""
    if quote.segments:
        return " … ".join(text[s:e].strip() for s, e in quote.segments)
    return quote.text


def quoted_words(text: str, quote: Quote) -> str:
    """The words inside the marks, which is what reprints share (a mixed quote's clause is paraphrase)."""
    if quote.kind == "mixed" and quote.fragments:
        return " ".join(text[s:e] for s, e in quote.fragments)
    return display_quote(text, quote)


@dataclass
class IngestSummary:
    new: int = 0
    unchanged: int = 0
    replaced: int = 0
    failed: int = 0
    quotes: int = 0
    speakers: int = 0
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def line(self) -> str:
        return (f"{self.new} new, {self.unchanged} unchanged, {self.replaced} replaced, {self.failed} failed "
                f"documents; {self.quotes} quotes, {self.speakers} new speakers")


def utcnow() -> datetime:
    """Naive UTC, as stored in TIMESTAMP columns."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


# How long a reading command waits for an ingest to release the file between batches (it holds it for a
# fraction of a second per batch), and how often it looks.
READ_WAIT_SECONDS = 10.0
RETRY_SECONDS = 0.1


def connect(path: str | os.PathLike, read_only: bool = False, wait_seconds: float = 0.0,
            on_wait: Callable[[str], None] | None = None, settings: dict | None = None) -> duckdb.DuckDBPyConnection:
    """Open the file; a lock held by another process becomes one clear error (after waiting, if asked).
    ``on_wait`` hears once that the wait began; ``settings`` are DuckDB configuration options."""
    path = str(path)
    if read_only and not Path(path).exists():
        raise DatabaseError(f"{path}: no such database (create it with `quotes ingest`)")
    if not read_only and path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait_seconds
    config = {} if read_only else {"storage_compatibility_version": STORAGE_COMPATIBILITY}
    config.update(settings or {})
    told = False
    while True:
        try:
            con = duckdb.connect(path, read_only=read_only, config=config)
            if not read_only:
                # Released after every batch (QuoteDB.release): closing must not checkpoint each time. A
                # checkpoint rewrites the file, costs time on a large database and is the one moment a kill -9
                # can leave a write-ahead log that replays twice; DuckDB still checkpoints when the log
                # passes its threshold, and QuoteDB.close does at the end of a writing session.
                con.execute("PRAGMA disable_checkpoint_on_shutdown").fetchall()
            return con
        except duckdb.IOException as exc:
            message = str(exc)
            if "lock" in message.lower():
                if time.monotonic() < deadline:
                    if on_wait is not None and not told:
                        on_wait(f"{path}: another process has the database open; waiting for it to let go")
                        told = True
                    time.sleep(RETRY_SECONDS)
                    continue
                raise DatabaseError(f"{path}: database is locked by another process") from exc
            raise DatabaseError(database_failure(path, exc)) from exc
        except duckdb.Error as exc:
            raise DatabaseError(f"{path}: not a quotes database ({str(exc).splitlines()[0]})") from exc


def write_failure(exc: BaseException) -> str:
    """What a failed write means for the user, from DuckDB's error."""
    message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    lowered = message.lower()
    if "file too large" in lowered or "no space left" in lowered or "disk full" in lowered:
        return "the disk is full or a file-size limit was reached"
    if "read-only" in lowered or "permission denied" in lowered:
        return "the file or its directory is read-only"
    return message


def database_failure(path: str, exc: BaseException) -> str:
    """One line for an error DuckDB raised while reading or writing ``path``."""
    message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    lowered = message.lower()
    if any(k in lowered for k in ("corrupt", "checksum", "could not read enough bytes", "not a valid duckdb")):
        return (f"{path}: the database file is damaged (truncated or corrupt) and was left as it is; restore it "
                f"from a copy (`quotes export-db` makes one) — {message}")
    return f"{path}: {write_failure(exc)}"


class WriterLock:
    """One writing process per database file, for as long as it writes.

    DuckDB's own lock is held only while a batch is written (``QuoteDB.release``), so between batches a second
    writer could slip in and interleave its speakers with the first one's — this advisory lock on
    ``<database>.lock`` keeps writers apart for their whole run, while readers, which never take it, come and
    go. It is released when the process ends, however it ends."""

    def __init__(self, path: str, wait_seconds: float = 0.0, on_wait: Callable[[str], None] | None = None):
        import fcntl

        self.path = f"{path}.lock"
        try:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise DatabaseError(f"{path}: cannot write here ({exc.strerror.lower()})") from exc
        deadline = time.monotonic() + wait_seconds
        told = False
        while True:
            try:
                fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                holder = os.pread(self._fd, 32, 0).decode(errors="replace").strip() or "?"
                if time.monotonic() >= deadline:
                    os.close(self._fd)
                    raise DatabaseError(f"{path}: another process (pid {holder}) is writing to this database; "
                                        "wait for it to finish or pass --wait SECONDS") from None
                if on_wait is not None and not told:
                    on_wait(f"{path}: waiting for another writer (pid {holder}) to finish")
                    told = True
                time.sleep(RETRY_SECONDS * 5)
        os.ftruncate(self._fd, 0)
        os.pwrite(self._fd, str(os.getpid()).encode(), 0)

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor drops the flock
            self._fd = None


class QuoteDB:
    """A quote database file. ``QuoteDB("data/quotes.duckdb").quotes(speaker="trump")`` → polars."""

    def __init__(self, path: str | os.PathLike | None = None, read_only: bool = False, wait_seconds: float = 0.0,
                 on_wait: Callable[[str], None] | None = None):
        self.path = str(path or default_db_path())
        self.read_only = read_only
        self.on_wait = on_wait
        self._con: duckdb.DuckDBPyConnection | None = None
        self._writer = None if read_only or self.path == ":memory:" else WriterLock(self.path, wait_seconds, on_wait)
        try:
            # A writer holds the WriterLock, so whoever holds DuckDB's lock now is a reader that lets go within a
            # moment (a search, a page of `quotes serve`): wait for it as a reader waits for an ingest's batch.
            self._con = connect(self.path, read_only, wait_seconds if read_only else max(wait_seconds, READ_WAIT_SECONDS),
                                on_wait)
            if not read_only:
                self.check_readable()
                self.migrate()
            elif not self._has_table("schema_version"):
                raise DatabaseError(f"{self.path}: not a quotes database (no schema_version table)")
        except BaseException:
            self.close()
            raise

    def check_readable(self) -> None:
        """Read every row of every table once, so that a damaged file is found before anything is written to
        it: DuckDB checks each block it reads, and a write session on a truncated file would otherwise extend
        it with new blocks before the damage shows."""
        tables = [r[0] for r in self.con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' AND NOT temporary").fetchall()]
        try:
            for table in tables:
                self.con.execute(f'SELECT count(hash(t)) FROM "{table}" AS t').fetchall()
        except duckdb.Error as exc:
            raise DatabaseError(database_failure(self.path, exc)) from exc

    # -- schema -----------------------------------------------------------------
    def _has_table(self, name: str) -> bool:
        row = self.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name]
        ).fetchone()
        return bool(row and row[0])

    def schema_version(self) -> int:
        if not self._has_table("schema_version"):
            return 0
        return self.con.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0]

    def migrate(self) -> None:
        self.con.execute(
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TIMESTAMP, "
            "description VARCHAR)"
        ).fetchall()
        current = self.schema_version()
        for version, path in schema_files():
            if version <= current:
                continue
            with self.transaction(f"migrating to schema version {version}"):
                self.con.execute(path.read_text(encoding="utf-8")).fetchall()
                if version in AFTER_MIGRATION:
                    AFTER_MIGRATION[version](self.con)
                self.con.execute("INSERT INTO schema_version VALUES (?, now(), ?)", [version, path.name]).fetchall()
        self.con.execute((sql_dir() / "views.sql").read_text(encoding="utf-8")).fetchall()

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        """The connection, opened again on first use after ``release`` — waiting as long as it takes for
        another process (a reader such as ``quotes shell``) to let go of the file, and saying so once."""
        if self._con is None:
            self._con = connect(self.path, self.read_only, float("inf"), self.on_wait)
        return self._con

    def release(self) -> None:
        """Let go of the file until the next statement needs it. DuckDB lets one process hold a file it writes
        and nobody else open it meanwhile, so an ingest releases it between batches and readers (search, the
        DuckDB CLI, a web view) get in then. Releasing also frees what DuckDB keeps resident per connection,
        which otherwise grows with every batch written (16,000 documents: about 4 KB per document without a
        fresh connection, under 1 KB with; notes/eval-log.md)."""
        if self._con is not None:
            self._con.close()
            self._con = None

    @contextmanager
    def transaction(self, what: str) -> Iterator[None]:
        """One transaction; when it fails, nothing of it is stored and the error says so in one line.

        A full disk or a file-size limit makes DuckDB fail the COMMIT itself, after which there is nothing
        left to roll back: the rollback's own error must not hide the real one."""
        self.con.execute("BEGIN TRANSACTION").fetchall()
        try:
            yield
            self.con.execute("COMMIT").fetchall()
        except BaseException as exc:
            try:
                self.con.execute("ROLLBACK").fetchall()
            except duckdb.Error:
                pass  # the failed COMMIT already ended the transaction
            if isinstance(exc, duckdb.Error):
                raise DatabaseError(f"{self.path}: {what} failed ({write_failure(exc)}); nothing of it was "
                                    "stored, everything stored before is kept") from exc
            raise

    def reopen(self) -> None:
        self.release()
        self.con  # noqa: B018 — open now, not on the next statement

    def close(self) -> None:
        if self._con is not None and not self.read_only:
            try:
                self._con.execute("CHECKPOINT").fetchall()  # leave no write-ahead log behind a finished session
            except duckdb.Error:
                pass  # a failed session (full disk, damaged file) keeps its log for the next open to replay
        self.release()
        self._release_writer()

    def _release_writer(self) -> None:
        if self._writer is not None:
            self._writer.release()
            self._writer = None

    def __enter__(self) -> "QuoteDB":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- writing ----------------------------------------------------------------
    def start_run(self, versions: dict, settings: dict) -> int:
        run_id = self._next_id("ingest_runs")
        self.con.execute(
            "INSERT INTO ingest_runs (id, started_at, versions, settings) VALUES (?, now(), ?, ?)",
            [run_id, json.dumps(versions), json.dumps(settings)],
        ).fetchall()
        return run_id

    def finish_run(self, run_id: int, summary: IngestSummary) -> None:
        self.con.execute(
            "UPDATE ingest_runs SET finished_at = now(), n_new = ?, n_unchanged = ?, n_replaced = ?, n_failed = ?, "
            "n_quotes = ?, n_speakers = ?, seconds = ? WHERE id = ?",
            [summary.new, summary.unchanged, summary.replaced, summary.failed, summary.quotes, summary.speakers,
             round(summary.seconds, 3), run_id],
        ).fetchall()

    def _next_id(self, table: str) -> int:
        return self.con.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}").fetchone()[0]

    def classify(self, docs: list[SourceDocument]) -> tuple[list[SourceDocument], dict[str, list[int]]]:
        """The documents not stored yet, and for each one whose URL is stored, the old sources it replaces."""
        if not docs:
            return [], {}
        known = {r[0] for r in self.con.execute(
            "SELECT content_hash FROM sources WHERE content_hash IN (SELECT unnest(?))",
            [[d.content_hash for d in docs]]).fetchall()}
        todo = [d for d in docs if d.content_hash not in known]
        by_url: dict[str, list[int]] = {}
        urls = [d.url for d in todo if d.url]
        if urls:
            for url, source_id in self.con.execute(
                "SELECT url, id FROM sources WHERE url IN (SELECT unnest(?))", [urls]).fetchall():
                by_url.setdefault(url, []).append(source_id)
        replaces = {d.content_hash: by_url[d.url] for d in todo if d.url in by_url}
        return todo, replaces

    def load_registry(self) -> SpeakerRegistry:
        entries = {
            row[0]: SpeakerEntry(row[0], row[1], row[2], row[3], bool(row[4]))
            for row in self.con.execute("SELECT id, name, kind, role, manual_name FROM speakers").fetchall()
        }
        manual: dict[str, int] = {}
        for key, speaker_id, origin in self.con.execute(
            "SELECT alias_key, speaker_id, origin FROM speaker_aliases"
        ).fetchall():
            if speaker_id in entries:
                entries[speaker_id].aliases.add(key)
            if origin == "manual":
                manual[key] = speaker_id
        blocked = {
            (key, sid) for key, sid in self.con.execute(
                "SELECT alias_key, speaker_id FROM speaker_decisions WHERE decision = 'split'").fetchall()
        }
        return SpeakerRegistry(list(entries.values()), manual, blocked)

    def write_batch(
        self, items: list[tuple[SourceDocument, list[Quote]]], replaces: dict[str, list[int]], run_id: int | None,
        registry: SpeakerRegistry | None = None,
    ) -> tuple[int, int, int]:
        """Store whole documents with their quotes in ONE transaction; returns (documents, quotes, new speakers).

        Pass the same ``registry`` for every batch of one ingest so the speakers are read once; after a
        failed batch it no longer matches the database and must be loaded again.
        """
        if not items:
            return 0, 0, 0
        with self.transaction(f"writing a batch of {len(items)} documents"):
            registry = registry or self.load_registry()
            stale = [sid for doc, _ in items for sid in replaces.get(doc.content_hash, [])]
            stale_clusters = clusters.forget_sources(self.con, stale) if stale else []
            if stale:
                self.con.execute("DELETE FROM sources WHERE id IN (SELECT unnest(?))", [stale]).fetchall()
            source_id = self._next_id("sources")
            quote_id = self._next_id("quotes")
            now = utcnow()
            source_rows, quote_rows = [], []
            for doc, quotes in items:
                source_rows.append({
                    "id": source_id, "content_hash": doc.content_hash, "doc_key": doc.doc_id, "path": doc.path,
                    "url": doc.url, "title": doc.title, "outlet": doc.outlet, "author": doc.author,
                    "published_at": _parse_date(doc.published_at), "ingested_at": now, "run_id": run_id,
                    "text": doc.text,
                })
                for q in quotes:
                    speaker_id = registry.resolve(q.speaker, q.speaker_kind, q.role) if q.speaker else None
                    norm = norm_quote(quoted_words(doc.text, q))  # anchor: set by quotes.clusters from word counts
                    quote_rows.append({
                        "id": quote_id, "source_id": source_id, "speaker_id": speaker_id, "text": q.text,
                        "quote": display_quote(doc.text, q), "kind": q.kind, "start_offset": q.start,
                        "end_offset": q.end, "segments": q.segments, "fragments": q.fragments,
                        "speaker_mention": q.speaker_mention, "speaker_start": q.speaker_start,
                        "speaker_end": q.speaker_end, "role": q.role, "cue": q.cue, "method": q.method,
                        "confidence": float(q.confidence), "paragraph": q.paragraph, "sentence": q.sentence,
                        "context": q.context, "norm_text": norm, "anchor": None, "cluster_id": None,
                        "hidden": q.hidden,
                    })
                    quote_id += 1
                source_id += 1
            new_speakers = self._write_speakers(registry)
            self._append("sources", source_rows, SOURCE_SCHEMA)
            if quote_rows:
                self._append("quotes", quote_rows, QUOTE_SCHEMA)
                clusters.cluster_new(self.con, quote_rows[0]["id"])
            if stale_clusters:
                clusters.refresh(self.con, stale_clusters)  # a replaced article may have been a cluster's first source
        return len(source_rows), len(quote_rows), new_speakers

    def _append(self, table: str, rows: list[dict], schema: pa.Schema) -> None:
        arrow = pa.Table.from_pylist(rows, schema=schema)
        self.con.register("_batch", arrow)
        try:
            columns = ", ".join(schema.names)
            self.con.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM _batch").fetchall()
        finally:
            self.con.unregister("_batch")

    def _write_speakers(self, registry: SpeakerRegistry) -> int:
        """Write what the registry learnt in this batch and start it afresh; returns the new speaker count."""
        now = utcnow()
        if registry.created:
            self._append("speakers", [
                {"id": e.id, "name": e.name, "name_key": normalise_name(e.name), "kind": e.kind, "role": e.role,
                 "organisation": None, "manual_name": False, "created_at": now} for e in registry.created
            ], SPEAKER_SCHEMA)
        created = {e.id for e in registry.created}
        for speaker_id in registry.changed - created:
            entry = registry.entries[speaker_id]
            self.con.execute("UPDATE speakers SET name = ?, name_key = ?, role = ? WHERE id = ?",
                             [entry.name, normalise_name(entry.name), entry.role, speaker_id]).fetchall()
        if registry.new_aliases:
            self._append("speaker_aliases", [
                {"alias": a, "alias_key": k, "speaker_id": i, "origin": "automatic", "created_at": now}
                for a, k, i in registry.new_aliases
            ], ALIAS_SCHEMA)
        count = len(registry.created)
        registry.start_batch()
        return count

    def refresh_clusters(self, cluster_ids: list[int] | None = None) -> None:
        """Recompute clusters from their members (all when None); see ``quotes.clusters.refresh``."""
        clusters.refresh(self.con, cluster_ids)

    # -- reading ----------------------------------------------------------------
    def sql(self, query: str, params: list | None = None) -> pl.DataFrame:
        return pl.from_arrow(self.arrow(query, params))

    def arrow(self, query: str = "SELECT * FROM quote_sheet", params: list | None = None) -> pa.Table:
        relation = self.con.sql(query, params=params or None)
        if relation is None:  # a statement with no result set
            return pa.table({})
        return relation.to_arrow_table() if hasattr(relation, "to_arrow_table") else relation.arrow()

    def find_speakers(self, name: str) -> pl.DataFrame:
        """Speakers whose name or any alias contains the query (case- and accent-insensitive).

        Matching runs on the two narrow key columns first; names, counts and the join only for the hits.
        """
        key = normalise_name(name)
        return self.sql("""
            WITH q AS (SELECT ?::VARCHAR AS key, string_split(?::VARCHAR, ' ') AS words),
            hits AS (
                SELECT a.speaker_id, a.alias_key = q.key AS exact FROM speaker_aliases a, q
                WHERE contains(a.alias_key, q.key) OR list_has_all(string_split(a.alias_key, ' '), q.words)
                UNION ALL
                SELECT s.id, s.name_key = q.key FROM speakers s, q
                WHERE contains(s.name_key, q.key) OR list_has_all(string_split(s.name_key, ' '), q.words)
            ),
            best AS (SELECT speaker_id, bool_or(exact) AS exact FROM hits GROUP BY speaker_id)
            SELECT s.id, s.name, s.kind, s.role, count(qt.id) AS quotes, best.exact
            FROM best JOIN speakers s ON s.id = best.speaker_id
            LEFT JOIN quotes qt ON qt.speaker_id = s.id
            GROUP BY s.id, s.name, s.kind, s.role, best.exact
            ORDER BY best.exact DESC, quotes DESC, s.name
        """, [key, key])

    def quotes(self, speaker: str | None = None, speaker_id: int | None = None, since: str | None = None,
               until: str | None = None, outlet: str | None = None, kind: str | None = None,
               contains: str | None = None, source: str | None = None, min_confidence: float | None = None,
               limit: int | None = None, include_hidden: bool = False) -> pl.DataFrame:
        """Rows of ``quote_sheet`` filtered like ``quotes search``; every value is a bound parameter. Rows a
        reporter would not call quotes (``hidden``, see quotes.reportable) only with ``include_hidden``."""
        where, params = build_filters(self, speaker, speaker_id, since, until, outlet, kind, contains, source,
                                      min_confidence, include_hidden)
        query = "SELECT * FROM quote_sheet" + (" WHERE " + " AND ".join(where) if where else "")
        query += " ORDER BY speaker NULLS LAST, published_at NULLS LAST, source_id, start_offset"
        if limit:
            query += f" LIMIT {int(limit)}"
        return self.sql(query, params)

    def carriers(self, cluster_ids: list[int | None]) -> dict[int, list[dict]]:
        """For each cluster, every source that carried it, earliest first, one entry per article: source_id,
        label (outlet or title), title, url, seen, relation (how its copy relates to the fullest text) and
        changes (the words an edited copy changed, "−spring +summer")."""
        from quotes.variants import changes_text

        ids = sorted({i for i in cluster_ids if i is not None})
        if not ids:
            return {}
        rows = self.con.execute(
            "SELECT cluster_id, source_id, coalesce(outlet, title, 'source ' || source_id), title, url, "
            "min(relation), any_value(removed), any_value(added), min(seen) AS seen FROM quote_variants "
            "WHERE cluster_id IN (SELECT unnest(?)) GROUP BY ALL ORDER BY seen, source_id", [ids]).fetchall()
        out: dict[int, list[dict]] = {}
        for cluster_id, source_id, label, title, url, relation, removed, added, seen in rows:
            out.setdefault(cluster_id, []).append({
                "source_id": source_id, "label": label, "title": title, "url": url, "seen": seen,
                "relation": relation or "", "changes": changes_text(removed, added)})
        return out

    def variants(self, speaker_ids: list[int] | None = None, edited_only: bool = False,
                 limit: int | None = None) -> pl.DataFrame:
        """Copies of the clusters whose copies differ (or hold an edit, with ``edited_only``): one row per copy,
        the first source first, with the relation to the cluster's fullest text and the words that differ."""
        where = ["relation <> 'identical'" if not edited_only else "relation = 'edited'"]
        params: list = []
        if speaker_ids is not None:
            where.append("c.speaker_id IN (SELECT unnest(?))")
            params.append(speaker_ids or [-1])
        clusters = (f"SELECT t.cluster_id FROM cluster_texts t JOIN quote_clusters c ON c.id = t.cluster_id "
                    f"WHERE {' AND '.join(where)} GROUP BY 1 ORDER BY 1" + (f" LIMIT {int(limit)}" if limit else ""))
        return self.sql(f"""
            SELECT cluster_id, speaker, first, outlet, title, seen, relation, removed, added, quote, kind, quote_id,
                   source_id, url
            FROM quote_variants WHERE cluster_id IN ({clusters})
            ORDER BY cluster_id, first DESC, seen, source_id, quote_id
        """, params)

    def counts(self) -> dict[str, int]:
        return {t: self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("sources", "quotes", "speakers", "speaker_aliases", "quote_clusters", "ingest_runs")}


def build_filters(db: QuoteDB, speaker, speaker_id, since, until, outlet, kind, contains, source, min_confidence,
                  include_hidden: bool = False):
    where, params = ([] if include_hidden else ["hidden IS NULL"]), []
    if speaker_id is not None:
        where.append("speaker_id = ?")
        params.append(speaker_id)
    elif speaker:
        ids = db.find_speakers(speaker)["id"].to_list()
        where.append("speaker_id IN (SELECT unnest(?))")
        params.append(ids or [-1])
    if since:
        where.append("coalesce(published_at, TIMESTAMP '1900-01-01') >= CAST(? AS TIMESTAMP)")
        params.append(since)
    if until:
        where.append("coalesce(published_at, TIMESTAMP '2999-01-01') <= CAST(? AS TIMESTAMP)")
        params.append(until)
    if outlet:
        where.append("strip_accents(lower(outlet)) LIKE '%' || strip_accents(lower(?)) || '%'")
        params.append(outlet)
    if kind:
        where.append("kind = ?")
        params.append(kind)
    if contains:
        where.append("strip_accents(lower(quote)) LIKE '%' || strip_accents(lower(?)) || '%'")
        params.append(contains)
    if source:
        where.append("(CAST(source_id AS VARCHAR) = ? OR url = ? OR title ILIKE '%' || ? || '%')")
        params.extend([source, source, source])
    if min_confidence is not None:
        where.append("confidence >= ?")
        params.append(min_confidence)
    return where, params


def is_read_only_sql(query: str) -> bool:
    return bool(_SQL_READ_ONLY.match(query))


def _parse_date(value: str | None):
    if not value:
        return None
    for fmt in ("%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d"):
        try:
            return datetime.strptime(value[:19], fmt)
        except ValueError:
            continue
    return None


SOURCE_SCHEMA = pa.schema([
    ("id", pa.int64()), ("content_hash", pa.string()), ("doc_key", pa.string()), ("path", pa.string()),
    ("url", pa.string()), ("title", pa.string()), ("outlet", pa.string()), ("author", pa.string()),
    ("published_at", pa.timestamp("us")), ("ingested_at", pa.timestamp("us")), ("run_id", pa.int64()),
    ("text", pa.string()),
])
QUOTE_SCHEMA = pa.schema([
    ("id", pa.int64()), ("source_id", pa.int64()), ("speaker_id", pa.int64()), ("text", pa.string()),
    ("quote", pa.string()), ("kind", pa.string()), ("start_offset", pa.int32()), ("end_offset", pa.int32()),
    ("segments", pa.list_(pa.list_(pa.int32()))), ("fragments", pa.list_(pa.list_(pa.int32()))),
    ("speaker_mention", pa.string()), ("speaker_start", pa.int32()), ("speaker_end", pa.int32()),
    ("role", pa.string()), ("cue", pa.string()), ("method", pa.string()), ("confidence", pa.float64()),
    ("paragraph", pa.int32()), ("sentence", pa.int32()), ("context", pa.string()), ("norm_text", pa.string()),
    ("anchor", pa.string()), ("cluster_id", pa.int64()), ("hidden", pa.string()),
])
SPEAKER_SCHEMA = pa.schema([
    ("id", pa.int64()), ("name", pa.string()), ("name_key", pa.string()), ("kind", pa.string()),
    ("role", pa.string()), ("organisation", pa.string()), ("manual_name", pa.bool_()),
    ("created_at", pa.timestamp("us")),
])
ALIAS_SCHEMA = pa.schema([
    ("alias", pa.string()), ("alias_key", pa.string()), ("speaker_id", pa.int64()), ("origin", pa.string()),
    ("created_at", pa.timestamp("us")),
])

