"""Bad input: a clear one-line message, a meaningful exit code, nothing stored is lost."""

import json
import os
import signal
import subprocess
import sys
import time

import duckdb
import pytest
from typer.testing import CliRunner

from quotes.cli import app

runner = CliRunner()
GOOD = "“We will open the school in May,” said Principal Dana Roy.\n"


def make_cases(folder):
    cases = {
        "empty.txt": b"",
        "spaces.txt": b"   \n\t \n",
        "image.png.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
        "bom.txt": "\ufeff“Yes,” said Kai Moss.".encode("utf-8"),
        "latin1.txt": "“Café prices will rise,” said José Núñez.".encode("cp1252"),
        "mixed_endings.txt": b"Line one.\r\n\xe2\x80\x9cWe agree,\xe2\x80\x9d said Lee Park.\rLast line.\n",
        "many_marks.txt": ("“" * 5000 + "word ” " * 5000).encode(),
        "only_openings.txt": ("He said “ and “ and “ again. " * 200).encode(),
        "marks_in_words.txt": b"Sh\"e sa'id th\"at it w'as fine.",
        "control.txt": "Text\x00 with\x07 control\x1b chars. “Fine,” said Al Roe.".encode(),
        "no_punct.txt": (" ".join(["word"] * 5000)).encode(),
        "german.txt": "„Wir schaffen das“, sagte die Kanzlerin. Die Lage sei ernst.".encode(),
        "no_article.html": b"<html><body><nav>Home</nav></body></html>",
        "feed.jsonl": (json.dumps({"id": "ok1", "text": GOOD}) + "\n{not json\n"
                       + json.dumps({"id": "no-text", "title": "x"}) + "\n").encode(),
    }
    for name, data in cases.items():
        (folder / name).write_bytes(data)
    return cases


@pytest.fixture
def db_with_data(tmp_path, nlp):
    from quotes.db import QuoteDB
    from quotes.pipeline import ingest

    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    path = tmp_path / "q.duckdb"
    with QuoteDB(path) as db:
        ingest(db, [str(good)])
    return path


def counts(path):
    con = duckdb.connect(str(path), read_only=True)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("sources", "quotes")}
    finally:
        con.close()


def test_every_bad_input_gets_a_message_and_keeps_stored_data(tmp_path, db_with_data):
    bad = tmp_path / "bad"
    bad.mkdir()
    make_cases(bad)
    before = counts(db_with_data)
    result = runner.invoke(app, ["ingest", str(bad), "--db", str(db_with_data), "-q"])
    assert result.exit_code == 0, result.output
    messages = result.stderr
    for expected in ("empty.txt: empty file", "image.png.txt: binary data", "spaces.txt",
                     "no_article.html: no article text", "feed.jsonl:2: invalid JSON", "feed.jsonl:3: no \"text\""):
        assert expected in messages, expected
    assert "Traceback" not in result.output
    after = counts(db_with_data)
    assert after["sources"] > before["sources"] and after["quotes"] >= before["quotes"]
    assert runner.invoke(app, ["verify", "--db", str(db_with_data)]).exit_code == 0
    con = duckdb.connect(str(db_with_data), read_only=True)
    texts = [r[0] for r in con.execute("SELECT text FROM sources").fetchall()]
    con.close()
    assert any("José Núñez" in t for t in texts)  # cp1252 decoded correctly
    assert not any("\ufeff" in t or "\x00" in t or "\r" in t for t in texts)


def test_strict_fails_on_bad_input(tmp_path, db_with_data):
    (tmp_path / "feed.jsonl").write_text("{broken\n")
    result = runner.invoke(app, ["ingest", str(tmp_path / "feed.jsonl"), "--db", str(db_with_data), "--strict", "-q"])
    assert result.exit_code == 2 and "feed.jsonl:1: invalid JSON" in result.stderr


def test_oversized_document_is_refused_with_a_flag_to_raise_the_limit(tmp_path, db_with_data):
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 2_000_000)
    result = runner.invoke(app, ["ingest", str(big), "--db", str(db_with_data), "--max-bytes", "1000000", "-q"])
    assert result.exit_code == 2 and "--max-bytes" in result.stderr


def test_extract_on_bad_files_is_clear(tmp_path, nlp):
    (tmp_path / "empty.txt").write_bytes(b"")
    result = runner.invoke(app, ["extract", str(tmp_path / "empty.txt")])
    assert result.exit_code == 2 and "empty.txt: empty file" in result.stderr
    result = runner.invoke(app, ["extract", str(tmp_path / "missing.txt")])
    assert result.exit_code == 2 and "no such file" in result.stderr


def test_kill_during_ingest_keeps_whole_documents(tmp_path, nlp):
    docs = tmp_path / "docs"
    docs.mkdir()
    for i in range(200):
        (docs / f"d{i:03}.txt").write_text(f"“Plan {i} will work,” said Mayor Rita Vance.\n\n"
                                           f"She said that budget {i} was fixed.\n")
    db = tmp_path / "q.duckdb"
    quotes_bin = [sys.executable, "-m", "quotes.cli", "ingest", str(docs), "--db", str(db), "-q", "--batch-size", "8"]
    proc = subprocess.Popen(quotes_bin, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while time.time() < deadline and proc.poll() is None:
        time.sleep(0.5)
        if db.exists() and db.stat().st_size > 300_000:
            break
    time.sleep(1.0)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    con = duckdb.connect(str(db))
    orphan = con.execute("SELECT count(*) FROM quotes q LEFT JOIN sources s ON s.id = q.source_id "
                         "WHERE s.id IS NULL").fetchone()[0]
    no_quotes = con.execute("SELECT count(*) FROM sources s WHERE NOT EXISTS "
                            "(SELECT 1 FROM quotes q WHERE q.source_id = s.id)").fetchone()[0]
    con.close()
    assert orphan == 0 and no_quotes == 0
    done = subprocess.run(quotes_bin, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*), count(DISTINCT content_hash) FROM sources").fetchone() == (200, 200)
    con.close()
