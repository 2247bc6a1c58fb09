"""Rows a reporter would not call quotes are kept but hidden: headlines, noun phrases, unlikely rows."""

import json

import pytest
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


@pytest.mark.parametrize("text, title, end", [
    ("Choir sings ‘The Anthem.’\n\nThe body.", "Choir sings ‘The Anthem’", 25),  # the period moved inside the mark
    ("Budget vote lifts mayor; \nA rise in approval.\n\nThe body.", "Budget vote lifts mayor; A rise in approval",
     45),  # a subtitle on a line of its own
    ("Lede said “x”.\n\nMore.", "Another title", None),
    ("Only the title", "Only the title", None),  # no body to set it apart from
])
def test_the_title_ends_where_the_text_has_said_it(text, title, end):
    from quotes.extract.headline import title_end

    assert title_end(text, title) == end


def test_an_ingested_feed_tells_the_engine_its_titles_and_a_text_file_does_not(tmp_path, nlp):
    from quotes.db import QuoteDB
    from quotes.pipeline import ingest

    title = "Mayor calls stadium plan ‘reckless’"
    body = "\n\nMayor Dana Cole on Monday called the stadium plan “reckless and rushed,” and said she would veto it."
    (tmp_path / "feed.jsonl").write_text(json.dumps({"doc_id": "d1", "title": title, "text": title + body}) + "\n",
                                         encoding="utf-8")
    (tmp_path / "plain.txt").write_text(title + body + " Work starts in May.", encoding="utf-8")  # a guess may be a lede
    with QuoteDB(tmp_path / "q.duckdb") as database:
        ingest(database, [str(tmp_path / "feed.jsonl"), str(tmp_path / "plain.txt")])
        rows = database.sql("SELECT s.path, q.kind, q.hidden FROM quotes q JOIN sources s ON s.id = q.source_id "
                            "WHERE q.text LIKE 'stadium plan%' ORDER BY s.path")
    assert list(zip(rows["kind"], rows["hidden"])) == [("indirect", "headline"), ("mixed", None)]
