"""Failures that say what happened and keep what was stored: a full disk, a read-only directory, a damaged
file, a migration cut short. Real DuckDB files, the real command in a subprocess; one line, exit 2."""

import hashlib
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from quotes.db import QuoteDB

BIN = Path(sys.executable).parent


def quotes_cmd(*args, limit_bytes=None, timeout=300):
    def prepare():
        if limit_bytes is not None:  # what a full disk looks like to the process: writes past it fail
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))

    return subprocess.run([BIN / "quotes", *map(str, args)], capture_output=True, text=True, timeout=timeout,
                          preexec_fn=prepare)


def one_error_line(result):
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    return result.returncode == 2 and len(lines) == 1 and lines[0].startswith("error: ")


def feed(folder: Path, n: int, start: int = 0) -> Path:
    path = folder / f"feed{start}.jsonl"
    with open(path, "w", encoding="utf-8") as out:
        for i in range(start, start + n):
            text = f"“Bridge {i} opens in May, on time and on budget,” said Mayor Ann Lee. " * 12
            out.write(json.dumps({"id": f"d{i}", "text": text}) + "\n")
    return path


def count_sources(db: Path) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT count(*) FROM sources").fetchone()[0]
    finally:
        con.close()


@pytest.fixture
def stored(tmp_path):
    """A database with 8 documents in it, written by the real command."""
    db = tmp_path / "q.duckdb"
    result = quotes_cmd("ingest", feed(tmp_path, 8), "--db", db, "-q")
    assert result.returncode == 0, result.stderr
    return db


def test_a_full_disk_mid_ingest_keeps_whole_batches(tmp_path, stored):
    size = stored.stat().st_size
    result = quotes_cmd("ingest", feed(tmp_path, 400, start=100), "--db", stored, "--batch-size", "16", "-q",
                        limit_bytes=min(size, 250_000))  # the write-ahead log outgrows it after a few batches
    assert one_error_line(result), result.stderr
    assert "disk is full or a file-size limit" in result.stderr and str(stored.name) in result.stderr
    kept = count_sources(stored)
    assert 8 <= kept < 408 and (kept - 8) % 16 == 0  # whole batches only
    verify = quotes_cmd("verify", "--db", stored)
    assert verify.returncode == 0, verify.stdout + verify.stderr


@pytest.fixture
def read_only_folder(tmp_path):
    """A folder the process cannot write to. Permission bits do not stop root, so where the tests run as root
    (CI does) the folder is a small tmpfs remounted read-only; elsewhere plain permissions do."""
    folder = tmp_path / "readonly"
    folder.mkdir()
    if os.geteuid() != 0:
        yield folder, lambda: folder.chmod(0o555)
        folder.chmod(0o755)
        return
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=32m", "tmpfs", str(folder)]).returncode != 0:
        pytest.skip("running as root and cannot mount a tmpfs to make a read-only folder")
    try:
        yield folder, lambda: subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
    finally:
        subprocess.run(["umount", "-l", str(folder)])


def test_a_read_only_directory_is_one_line_and_nothing_changes(tmp_path, stored, read_only_folder):
    folder, make_read_only = read_only_folder
    db = folder / "q.duckdb"
    shutil.copy(stored, db)
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    make_read_only()
    result = quotes_cmd("ingest", feed(tmp_path, 4, start=50), "--db", db, "-q")
    search = quotes_cmd("search", "Ann Lee", "--db", db, "--format", "csv")
    assert one_error_line(result), result.stderr
    assert "q.duckdb" in result.stderr and ("read-only" in result.stderr or "cannot write" in result.stderr)
    assert search.returncode == 0 and "Ann Lee" in search.stdout  # reading still works
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


@pytest.mark.parametrize("damage", ["truncated", "garbage"])
def test_a_damaged_file_is_named_and_left_alone(tmp_path, stored, damage):
    data = stored.read_bytes()
    stored.write_bytes(data[: len(data) // 3] if damage == "truncated" else b"not a database " * 500)
    before = hashlib.sha256(stored.read_bytes()).hexdigest()
    for args in (("search", "Ann Lee"), ("ingest", feed(tmp_path, 2, start=70), "-q"), ("verify",)):
        result = quotes_cmd(*args, "--db", stored)
        assert one_error_line(result), (args, result.stderr)
        assert "q.duckdb" in result.stderr and "damaged" in result.stderr
    assert hashlib.sha256(stored.read_bytes()).hexdigest() == before


def test_a_migration_killed_half_way_leaves_a_database_that_migrates_later(tmp_path, nlp):
    from quotes.pipeline import ingest

    db = tmp_path / "old.duckdb"
    with QuoteDB(db) as database:
        ingest(database, [str(feed(tmp_path, 40))])
        # Back to schema version 3, with many quotes so that the version-4 back-fill takes a moment.
        # Repeats of the stored quotes within their own source: valid rows that the back-fill must look at.
        database.con.execute("INSERT INTO quotes SELECT id + 100000 * r, source_id, speaker_id, text, quote, kind, "
                             "start_offset, end_offset, segments, fragments, speaker_mention, speaker_start, "
                             "speaker_end, role, cue, method, confidence, paragraph, sentence, context, norm_text, "
                             "NULL, NULL, hidden FROM quotes, range(1, 400) AS t(r)").fetchall()
        for view in ("quote_sheet", "speaker_stats", "cluster_sources"):
            database.con.execute(f"DROP VIEW {view}").fetchall()
        for index in ("quotes_source_idx", "quotes_speaker_idx"):  # DuckDB drops no column an index stands on
            database.con.execute(f"DROP INDEX {index}").fetchall()
        database.con.execute("ALTER TABLE quotes DROP COLUMN hidden").fetchall()
        database.con.execute("CREATE INDEX quotes_speaker_idx ON quotes (speaker_id)").fetchall()
        database.con.execute("CREATE INDEX quotes_source_idx ON quotes (source_id)").fetchall()
        database.con.execute("DELETE FROM schema_version WHERE version > 3").fetchall()
    for delay in (0.3, 0.8, 1.5):  # wherever the kill lands — before, inside or after the migration
        proc = subprocess.Popen([BIN / "quotes", "ingest", feed(tmp_path, 2, start=90), "--db", db, "-q"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        con = duckdb.connect(str(db), read_only=True)
        version = con.execute("SELECT max(version) FROM schema_version").fetchone()[0]
        columns = {r[0] for r in con.execute("DESCRIBE quotes").fetchall()}
        con.close()
        assert (version >= 5) == ("hidden" in columns)  # all of a migration or none of it
    with QuoteDB(db) as database:
        from quotes.curation import verify_database

        assert database.schema_version() >= 5 and verify_database(database) == []
