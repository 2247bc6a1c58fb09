"""`quotes serve` in a real browser: Debian's headless chromium driven by Playwright, against the real server
on a loopback port, over a real database built from the seeds plus articles that try to inject script."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from quotes.db import QuoteDB
from quotes.pipeline import ingest

BIN = Path(sys.executable).parent
HOSTILE = [
    {"id": "xss-1", "outlet": "Hostile Gazette", "title": "<script>window.__pwned = 'title'</script>Council vote",
     "url": "javascript:window.__pwned='url'", "published_at": "2025-05-02",
     "text": "Mayor Jo Lind spoke after the vote.\n\n“<img src=x onerror=\"window.__pwned='quote'\"> We will "
             "rebuild the <script>window.__pwned='script'</script> harbour wall,” Lind said."},
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def served_db(tmp_path_factory, seeds_db, nlp):
    path = tmp_path_factory.mktemp("serve") / "quotes.duckdb"
    shutil.copy(seeds_db, path)
    feed = path.parent / "hostile.jsonl"
    feed.write_text("".join(json.dumps(r) + "\n" for r in HOSTILE), encoding="utf-8")
    with QuoteDB(path) as db:
        ingest(db, [str(feed)])
    return path


def start_server(db: Path):
    port = free_port()
    proc = subprocess.Popen([BIN / "quotes", "serve", "--db", db, "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            if urllib.request.urlopen(base + "/health", timeout=2).read() == b"ok":
                return proc, base
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise AssertionError(f"quotes serve did not answer: {proc.communicate()[1].decode()[-500:]}")


@pytest.fixture(scope="module")
def server(served_db):
    proc, base = start_server(served_db)
    yield base
    proc.terminate()
    proc.wait(10)


@pytest.fixture(scope="module")
def browser():
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("chromium is not installed (apt-get install chromium; make test does it as root)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        yield instance
        instance.close()


def shoot(page, name: str) -> None:
    """Screenshots of each page for the record when QUOTES_SCREENSHOTS names a folder."""
    folder = os.environ.get("QUOTES_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=False)


def test_search_speaker_quote_article_and_a_downloaded_sheet(server, browser, tmp_path):
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    page.goto(server + "/")
    page.fill("input[name=speaker]", "trump")
    page.select_option("select[name=kind]", "direct")
    page.click("button[type=submit]")
    assert "speaker=trump" in page.url
    results = page.locator("table.results tbody tr")
    assert results.count() > 3
    assert set(page.locator("table.results tbody td:nth-child(5)").all_inner_texts()) == {"direct"}
    shoot(page, "1-search")

    with page.expect_download() as download:
        page.click("a[href^='/download/quotes.xlsx']")
    sheet = tmp_path / "sheet.xlsx"
    download.value.save_as(sheet)
    import openpyxl

    rows = list(openpyxl.load_workbook(sheet).active.iter_rows(values_only=True))
    assert "quote" in rows[0] and len(rows) - 1 == results.count()
    assert {r[rows[0].index("speaker")] for r in rows[1:]} == {"Donald Trump"}

    page.click("a.speaker-link >> nth=0")
    assert "/speaker/" in page.url and page.inner_text("h1") == "Donald Trump"
    assert page.locator("svg.chart rect").count() >= 1
    shoot(page, "2-speaker")

    page.click("a.quote-link >> nth=0")
    assert "/quote/" in page.url and "Carried by" in page.inner_text("main")
    shoot(page, "3-quote")

    page.click("a.article-link >> nth=0")
    assert "/article/" in page.url
    marks = page.locator(".article-text mark")
    assert marks.count() >= 1 and "confidence" in marks.first.get_attribute("title")
    shoot(page, "4-article")
    page.close()


def test_a_quote_carried_with_an_edit_shows_the_changed_words(server, browser):
    page = browser.new_page()
    page.goto(server + "/sql?q=" + "SELECT quote_id FROM quote_variants WHERE relation <> 'identical' LIMIT 1")
    quote_id = page.locator("table td").first.inner_text()
    page.goto(f"{server}/quote/{quote_id}")
    relations = page.locator("table.copies td:nth-child(4)").all_inner_texts()
    assert len(relations) >= 2 and {"excerpt", "identical"} <= set(relations)
    assert page.locator("table.copies tr.first").count() == 1
    page.close()


def test_article_text_is_shown_as_text_and_runs_nothing(server, browser, served_db):
    with QuoteDB(served_db, read_only=True) as db:
        source_id = db.sql("SELECT id FROM sources WHERE doc_key = 'xss-1'").item()
    page = browser.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for path in (f"/article/{source_id}", "/?speaker=lind", "/?words=harbour"):
        page.goto(server + path)
        page.wait_for_load_state("load")
        assert page.evaluate("window.__pwned") is None, path
    page.goto(f"{server}/article/{source_id}")
    text = page.inner_text("main")
    assert "<script>window.__pwned='script'</script>" in text and "onerror=" in text
    assert page.locator("main script, main img").count() == 0
    assert page.locator("a[href^='javascript:']").count() == 0  # an article's URL links only when it is http(s)
    shoot(page, "5-hostile-article")
    page.close()
    assert dialogs == []


def test_the_sql_box_cannot_read_files_or_change_anything(server):
    def run(query: str) -> str:
        url = server + "/sql?q=" + urllib.request.quote(query)
        return urllib.request.urlopen(url, timeout=20).read().decode()

    assert "file system operations are disabled" in run("SELECT * FROM read_csv('/etc/passwd')")
    assert "only one read-only statement" in run("DELETE FROM quotes")
    assert "only one read-only statement" in run("SELECT 1; DROP TABLE quotes")
    assert "<td>Donald Trump</td>" in run("SELECT speaker FROM quote_sheet WHERE speaker = 'Donald Trump' LIMIT 1")


def test_pages_keep_answering_while_an_ingest_writes(served_db, tmp_path):
    db = tmp_path / "busy.duckdb"
    shutil.copy(served_db, db)
    feed = tmp_path / "busy.jsonl"
    feed.write_text("".join(json.dumps({"id": f"b{i}", "text": f"“Pier {i} reopens in June,” said Mayor Jo Lind. "
                                                          * 6}) + "\n" for i in range(240)), encoding="utf-8")
    proc, base = start_server(db)
    try:
        writer = subprocess.Popen([BIN / "quotes", "ingest", feed, "--db", db, "--batch-size", "16", "-q"],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        answers = []
        while writer.poll() is None:
            with urllib.request.urlopen(base + "/?speaker=lind", timeout=30) as response:
                answers.append(response.status)
            time.sleep(0.2)
        assert writer.returncode == 0, writer.stderr.read().decode()
        final = urllib.request.urlopen(base + "/?words=Pier+239", timeout=30).read().decode()
    finally:
        proc.terminate()
        proc.wait(10)
    assert len(answers) >= 3 and set(answers) == {200}
    assert "Pier 239 reopens in June" in final
