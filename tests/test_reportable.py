"""Rows a reporter would not call quotes are kept but hidden: headlines, noun phrases, unlikely rows."""

import json

from typer.testing import CliRunner

from quotes.cli import app
from quotes.reportable import is_headline, line_at

ARTICLE = """Transit Board Announces New Fare Rules for Weekend Riders

“We will not raise fares this year, whatever the deficit says,” said Dana Roe, the transit chief.
Mayor Ian Pike echoed his budget director.
Related: Mayor Pike Warns of Deep Cuts to Bus Service
"""


def test_headline_lines():
    assert is_headline("Transit Board Announces New Fare Rules for Weekend Riders")
    assert is_headline("Mayor Pike Warns of Deep Cuts to Bus Service")
    assert not is_headline("The board said it would announce new rules on Monday.")
    assert not is_headline("“We Will Win,” He Said.")  # ends as a sentence
    assert not is_headline("Dana Roe")  # too short to be a title
    assert line_at("a\nbc\nd", 3) == "bc"


def test_noun_phrase_and_headline_rows_are_hidden_but_kept(extract):
    quotes = extract(ARTICLE)
    shown = [q for q in quotes if q.hidden is None]
    assert [q.speaker for q in shown] == ["Dana Roe"]
    assert {q.hidden for q in quotes} - {None} <= {"headline", "noun_phrase", "unlikely"}
    echo = [q for q in quotes if q.text == "his budget director"]
    assert echo and echo[0].hidden == "noun_phrase"


def test_search_and_export_hide_what_all_shows(tmp_path, nlp):
    from quotes.db import QuoteDB
    from quotes.pipeline import ingest

    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    db = tmp_path / "q.duckdb"
    with QuoteDB(db) as database:
        ingest(database, [str(tmp_path / "a.txt")])
        total = database.sql("SELECT count(*) AS n FROM quotes")["n"][0]
        hidden = database.sql("SELECT count(*) AS n FROM quotes WHERE hidden IS NOT NULL")["n"][0]
        assert hidden >= 1 and database.quotes().height == total - hidden
        assert database.quotes(include_hidden=True).height == total
    runner = CliRunner()
    default = runner.invoke(app, ["search", "Ian Pike", "--db", str(db), "--format", "json"])
    everything = runner.invoke(app, ["search", "Ian Pike", "--db", str(db), "--format", "json", "--all"])
    assert default.exit_code == 1  # his only row is a noun phrase
    assert everything.exit_code == 0 and json.loads(everything.stdout)[0]["hidden"] == "noun_phrase"


def test_seed_rows_shown_by_default_are_neither_headlines_nor_verbless(seeds_db):
    from quotes.db import QuoteDB

    with QuoteDB(seeds_db, read_only=True) as db:
        shown = db.quotes()
        texts = db.sql("SELECT id, text FROM sources")
    bodies = dict(zip(texts["id"], texts["text"]))
    assert shown.height > 0
    for row in shown.iter_rows(named=True):
        assert not is_headline(line_at(bodies[row["source_id"]], row["start_offset"])), row["quote"]
        assert row["confidence"] >= 0.2
