"""Readers and a writer share one database file: real processes, a real DuckDB file, bounded in time.

An ingest runs in a subprocess; meanwhile this process reads the file again and again, a second ingest tries
to write, and a reader holds the file for a while. Readers must get in between batches, the second writer
must be told clearly, and the long reader must make the ingest wait, not fail or lose a batch.
"""

import json
import subprocess
import sys
import time
from pathlib import Path

import duckdb

from quotes.db import READ_WAIT_SECONDS, QuoteDB

BIN = Path(sys.executable).parent
SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"
DOCUMENTS = 160
DEADLINE_SECONDS = 240


def feed(folder: Path) -> Path:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    path = folder / "feed.jsonl"
    with open(path, "w", encoding="utf-8") as out:
        for i in range(DOCUMENTS):
            text = texts[i % len(texts)] + f"\n\n“Story {i} is filed,” said Editor Rosa Lind.\n"
            out.write(json.dumps({"id": f"doc-{i}", "text": text}) + "\n")
    return path


def test_readers_get_in_while_an_ingest_writes_and_a_second_writer_is_told(tmp_path):
    db = tmp_path / "shared.duckdb"
    with QuoteDB(db):
        pass  # the schema exists before the first reader looks
    ingest = subprocess.Popen([BIN / "quotes", "ingest", feed(tmp_path), "--db", db, "--batch-size", "4", "-q"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    seen, failures, second_writer, held = [], 0, None, False
    started = time.monotonic()
    try:
        while ingest.poll() is None and time.monotonic() - started < DEADLINE_SECONDS:
            try:
                with QuoteDB(db, read_only=True, wait_seconds=READ_WAIT_SECONDS) as reader:
                    seen.append(reader.sql("SELECT count(*) AS n FROM sources")["n"][0])
            except Exception:
                failures += 1
            if seen and seen[-1] > 0 and second_writer is None:
                second_writer = subprocess.run(
                    [BIN / "quotes", "ingest", SAMPLES, "--db", db, "-q"], capture_output=True, text=True)
            if seen and seen[-1] >= DOCUMENTS // 3 and not held:
                # A reader that holds the file (like `quotes shell`): the ingest must wait, then go on.
                with QuoteDB(db, read_only=True, wait_seconds=READ_WAIT_SECONDS):
                    time.sleep(3)
                held = True
            time.sleep(0.2)
        out, err = ingest.communicate(timeout=DEADLINE_SECONDS)
    finally:
        if ingest.poll() is None:
            ingest.kill()
    assert ingest.returncode == 0, err
    assert failures <= len(seen) // 20, (failures, len(seen))
    assert seen == sorted(seen)  # readers never see a batch disappear
    assert any(0 < n < DOCUMENTS for n in seen), seen  # they read while the ingest was writing
    assert second_writer is not None and second_writer.returncode == 2
    assert "another process" in second_writer.stderr and "is writing" in second_writer.stderr
    assert held and "waiting" in err  # the ingest said why it paused
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*), count(DISTINCT doc_key) FROM sources").fetchone() == (DOCUMENTS, DOCUMENTS)
    con.close()
    verify = subprocess.run([BIN / "quotes", "verify", "--db", db], capture_output=True, text=True)
    assert verify.returncode == 0, verify.stdout + verify.stderr
