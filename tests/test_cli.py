"""The command line on a database built from the seed articles (in-process, real models and DuckDB)."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import polars as pl
import pytest
from typer.testing import CliRunner

from quotes.cli import app

runner = CliRunner()
BIN = Path(sys.executable).parent


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def test_search_trump_lists_quotes_from_three_articles(seeds_db):
    result = run("search", "trump", "--db", seeds_db, "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert len({r["source_id"] for r in rows}) >= 3 and {r["speaker"] for r in rows} == {"Donald Trump"}


def test_search_is_accent_and_case_insensitive(seeds_db):
    result = run("search", "ZELÉNSKY", "--db", seeds_db, "--format", "jsonl")
    assert result.exit_code == 0
    assert len({json.loads(line)["speaker"] for line in result.stdout.splitlines()}) == 1


def test_unknown_name_exits_1_with_suggestions(seeds_db):
    result = run("search", "Hegsett", "--db", seeds_db)
    assert result.exit_code == 1 and "Hegseth" in result.stderr


def test_hostile_names_are_plain_data(seeds_db):
    before = duckdb.connect(str(seeds_db), read_only=True).execute("SELECT count(*) FROM quotes").fetchone()[0]
    for name in ("O'Brien", "Robert'); DROP TABLE quotes;--"):
        assert run("search", name, "--db", seeds_db).exit_code == 1
        assert run("export", seeds_db.parent / "x.csv", "--speaker", name, "--db", seeds_db).exit_code == 1
    con = duckdb.connect(str(seeds_db), read_only=True)
    assert con.execute("SELECT count(*) FROM quotes").fetchone()[0] == before
    con.close()


def test_sql_is_read_only_without_write(seeds_db):
    result = run("sql", "DELETE FROM quotes", "--db", seeds_db)
    assert result.exit_code == 2 and "--write" in result.stderr
    con = duckdb.connect(str(seeds_db), read_only=True)
    assert con.execute("SELECT count(*) FROM quotes").fetchone()[0] > 0
    con.close()


@pytest.mark.parametrize("example", sorted((Path(__file__).parent.parent / "sql" / "examples").glob("*.sql")))
def test_example_queries_run(seeds_db, example):
    result = run("sql", "--file", example, "--db", seeds_db, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)


@pytest.mark.parametrize("ext", ["html", "md", "xlsx", "csv", "json", "parquet"])
def test_export_sheets_read_back(seeds_db, tmp_path, ext):
    out = tmp_path / f"sheet.{ext}"
    result = run("export", out, "--speaker", "Donald Trump", "--db", seeds_db)
    assert result.exit_code == 0, result.output
    if ext == "csv":
        df = pl.read_csv(out)
    elif ext == "parquet":
        df = pl.read_parquet(out)
    elif ext == "json":
        df = pl.DataFrame(json.loads(out.read_text()))
    elif ext == "xlsx":
        import openpyxl

        rows = list(openpyxl.load_workbook(out).active.values)
        df = pl.DataFrame(rows[1:], schema=list(rows[0]), orient="row")
    else:
        text = out.read_text()
        assert "Donald Trump" in text and ("<blockquote" in text if ext == "html" else "“" in text)
        return
    assert df.height > 0 and set(df["speaker"].unique().to_list()) == {"Donald Trump"}


def test_html_sheet_renders_in_chromium(seeds_db, tmp_path):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("chromium is not installed (apt-get install chromium to run this check)")
    sheet = tmp_path / "sheet.html"
    assert run("export", sheet, "--speaker", "Donald Trump", "--db", seeds_db).exit_code == 0
    dom = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                          "--disable-component-update", "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}",
                          "--dump-dom", sheet.as_uri()], capture_output=True, text=True, timeout=120)
    assert "They took a lot of land" in dom.stdout and "<blockquote" in dom.stdout
    png = tmp_path / "sheet.png"
    subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    f"--user-data-dir={tmp_path / 'profile2'}", f"--screenshot={png}", "--window-size=1000,1400",
                    sheet.as_uri()], capture_output=True, timeout=120)
    assert png.exists() and png.stat().st_size > 10_000


def test_duckdb_cli_opens_the_database(seeds_db):
    binary = BIN / "duckdb"
    if not binary.exists():
        pytest.fail("duckdb-cli is not installed in the venv (make test installs it)")
    result = subprocess.run([str(binary), "-readonly", str(seeds_db), "-csv", "-c",
                             "SELECT speaker, count(*) AS n FROM quote_sheet WHERE speaker IS NOT NULL "
                             "GROUP BY 1 ORDER BY 2 DESC LIMIT 5"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "Donald Trump" in result.stdout


def test_export_db_parquet_matches_row_counts(seeds_db, tmp_path):
    result = run("export-db", tmp_path / "dump", "--db", seeds_db)
    assert result.exit_code == 0, result.output
    manifest = json.loads((tmp_path / "dump" / "manifest.json").read_text())
    for table, info in manifest["tables"].items():
        assert pl.read_parquet(tmp_path / "dump" / info["file"]).height == info["rows"], table
    assert manifest["tables"]["quotes"]["rows"] > 0


def test_speakers_show_verify_and_doctor(seeds_db):
    assert "Donald Trump" in run("speakers", "--db", seeds_db, "--format", "csv").stdout
    shown = run("show", "1", "--db", seeds_db)
    assert shown.exit_code == 0 and "[" in shown.stdout
    assert run("verify", "--db", seeds_db).exit_code == 0
    doctor = run("doctor", "--db", seeds_db)
    assert doctor.exit_code == 0 and "core_web_md" in doctor.stdout and "coreferee_model_en" in doctor.stdout


def test_extract_jsonl_format(tmp_path):
    feed = tmp_path / "in.jsonl"
    feed.write_text(json.dumps({"id": "x1", "other": 1, "text": "“We are ready,” said Anna Berg."}) + "\n")
    result = run("extract", feed)
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout.splitlines()[0])
    assert record["doc_id"] == "x1" and record["quotes"][0]["speaker"] == "Anna Berg"
    assert {"start", "end", "text", "kind", "speaker", "method", "confidence"} <= set(record["quotes"][0])
