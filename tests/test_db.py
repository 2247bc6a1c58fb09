"""The speaker database on real DuckDB files in temp dirs."""

import json
from pathlib import Path

import polars as pl
import pytest

from quotes.curation import verify_database
from quotes.db import QuoteDB
from quotes.pipeline import ingest


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_second_ingest_adds_nothing(tmp_path, nlp, seeds_dir):
    db_path = tmp_path / "q.duckdb"
    with QuoteDB(db_path) as db:
        first = ingest(db, [str(seeds_dir)])
        counts = db.counts()
        second = ingest(db, [str(seeds_dir)])
        assert first.new == 5 and second.new == 0 and second.unchanged == 5 and second.quotes == 0
        after = db.counts()
    assert {k: v for k, v in after.items() if k != "ingest_runs"} == {k: v for k, v in counts.items() if k != "ingest_runs"}


def test_trump_is_one_speaker_across_seed_articles(seeds_db):
    with QuoteDB(seeds_db, read_only=True) as db:
        df = db.sql("SELECT speaker_id, count(DISTINCT source_id) AS n FROM quote_sheet "
                    "WHERE speaker = 'Donald Trump' GROUP BY 1")
    assert df.height == 1 and df["n"][0] >= 3


def test_zelensky_spellings_are_one_speaker(seeds_db):
    with QuoteDB(seeds_db, read_only=True) as db:
        found = db.find_speakers("zelensky")
    assert found.height == 1


def test_reprinted_quote_is_one_cluster_over_three_sources(seeds_db):
    with QuoteDB(seeds_db, read_only=True) as db:
        df = db.sql("SELECT cluster_id, count(DISTINCT source_id) AS n FROM quote_sheet WHERE cluster_id IN "
                    "(SELECT cluster_id FROM quote_sheet WHERE quote ILIKE '%lengthy and highly productive phone call%')"
                    " GROUP BY 1")
    assert df.height == 1 and df["n"][0] >= 3


def test_same_url_with_new_text_replaces_old_rows(tmp_path, nlp):
    feed = tmp_path / "feed.jsonl"
    rec = {"id": "a1", "url": "https://example.test/a1", "text": "“We will build it,” said Mayor Jo Lind."}
    feed.write_text(json.dumps(rec) + "\n")
    with QuoteDB(tmp_path / "q.duckdb") as db:
        ingest(db, [str(feed)])
        rec["text"] = "“We will build it next year,” said Mayor Jo Lind."
        feed.write_text(json.dumps(rec) + "\n")
        summary = ingest(db, [str(feed)])
        assert summary.replaced == 1
        rows = db.sql("SELECT quote FROM quote_sheet")
        assert rows["quote"].to_list() == ["We will build it next year,"]
        assert db.counts()["sources"] == 1


def test_people_sharing_a_surname_stay_apart_and_surname_alone_joins_when_unambiguous(tmp_path, nlp):
    a = write(tmp_path, "a.txt", "“Jobs first,” said Maria Chen, the mayor.")
    b = write(tmp_path, "b.txt", "“Schools first,” said Robert Chen, a teacher.")
    c = write(tmp_path, "c.txt", "“Parks first,” said Ines Valdez.\n\n“Then roads,” Valdez said.")
    d = write(tmp_path, "d.txt", "“More parks,” Valdez said.")
    with QuoteDB(tmp_path / "q.duckdb") as db:
        ingest(db, [str(a), str(b), str(c), str(d)])
        names = sorted(db.sql("SELECT name FROM speakers")["name"].to_list())
    assert names == ["Ines Valdez", "Maria Chen", "Robert Chen"]


def test_manual_decisions_win_on_later_ingests(tmp_path, nlp):
    from quotes.curation import merge_speakers, rename_speaker

    a = write(tmp_path, "a.txt", "“We are ready,” said Volodymyr Zelensky.")
    b = write(tmp_path, "b.txt", "“We are still ready,” said V. Zelenskyj.")
    with QuoteDB(tmp_path / "q.duckdb") as db:
        ingest(db, [str(a), str(b)])
        ids = db.sql("SELECT id, name FROM speakers ORDER BY id")
        if ids.height == 2:
            merge_speakers(db, ids["id"][1], ids["id"][0])
        keep = db.sql("SELECT id FROM speakers")["id"][0]
        rename_speaker(db, keep, "Volodymyr Zelenskyy")
        c = write(tmp_path, "c.txt", "“Ready again,” said V. Zelenskyj.")
        ingest(db, [str(c)])
        speakers = db.sql("SELECT id, name FROM speakers")
    assert speakers.height == 1 and speakers["name"][0] == "Volodymyr Zelenskyy"


def test_split_keeps_names_apart_for_good(tmp_path, nlp):
    from quotes.curation import split_speaker

    a = write(tmp_path, "a.txt", "“We are ready,” said Anna Berg.\n\n“So are we,” Berg said.")
    with QuoteDB(tmp_path / "q.duckdb") as db:
        ingest(db, [str(a)])
        sid = db.sql("SELECT id FROM speakers")["id"][0]
        new_id, moved = split_speaker(db, sid, "Berg")
        assert moved == 1
        ingest(db, [str(write(tmp_path, "b.txt", "“Later,” Berg said."))])
        owner = db.sql("SELECT speaker_id FROM quotes q JOIN sources s ON s.id = q.source_id "
                       "WHERE s.path LIKE '%b.txt'")["speaker_id"][0]
    assert owner != sid


def test_polars_and_arrow_api(seeds_db):
    with QuoteDB(seeds_db, read_only=True) as db:
        df = db.quotes(speaker="trump", kind="direct")
        assert isinstance(df, pl.DataFrame) and df.height > 0
        assert set(df["speaker"].unique().to_list()) == {"Donald Trump"}
        table = db.arrow("SELECT quote_id FROM quote_sheet")
        assert table.num_rows == db.counts()["quotes"]


def test_verify_passes_on_a_fresh_database(seeds_db):
    with QuoteDB(seeds_db, read_only=True) as db:
        assert verify_database(db) == []


def test_verify_reports_broken_rows(tmp_path, nlp):
    src = write(tmp_path, "a.txt", "“We are ready,” said Anna Berg.")
    with QuoteDB(tmp_path / "q.duckdb") as db:
        ingest(db, [str(src)])
        db.con.execute("UPDATE quotes SET start_offset = start_offset + 1")
        db.con.execute("INSERT INTO quotes (id, source_id, text, quote, kind, start_offset, end_offset, method, "
                       "confidence) VALUES (999, 999, 'x', 'x', 'direct', 0, 1, 'none', 0)")
        problems = verify_database(db)
    assert any("source is missing" in p for p in problems)
    assert any("no longer match" in p for p in problems)


def test_schema_version_and_views_are_in_the_file(seeds_db):
    import duckdb

    con = duckdb.connect(str(seeds_db), read_only=True)
    try:
        assert con.execute("SELECT max(version) FROM schema_version").fetchone()[0] >= 1
        views = {r[0] for r in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
    finally:
        con.close()
    assert {"quote_sheet", "speaker_stats", "cluster_sources"} <= views


def test_locked_database_gives_a_clear_error(tmp_path, nlp):
    import subprocess
    import sys

    from quotes.db import DatabaseError

    path = tmp_path / "q.duckdb"
    QuoteDB(path).close()
    holder = subprocess.Popen([sys.executable, "-c", f"import duckdb,time; c=duckdb.connect({str(path)!r}); "
                               "print('ready', flush=True); time.sleep(30)"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(DatabaseError, match="locked by another process"):
            QuoteDB(path)
    finally:
        holder.kill()
        holder.wait()


def test_a_version_1_database_is_migrated(tmp_path, nlp):
    a = write(tmp_path, "a.txt", "“We will open the new library in the spring,” said Mayor Jo Lind.")
    path = tmp_path / "q.duckdb"
    with QuoteDB(path) as db:
        ingest(db, [str(a)])
        # Turn the file back into what schema version 1 wrote.
        db.con.execute("DROP TABLE quote_words")
        db.con.execute("DROP TABLE quote_word_counts")
        for view in ("quote_sheet", "speaker_stats", "cluster_sources"):
            db.con.execute(f"DROP VIEW {view}")
        for index in ("quotes_speaker_idx", "quotes_source_idx"):
            db.con.execute(f"DROP INDEX {index}")
        db.con.execute("ALTER TABLE quotes DROP COLUMN anchor")
        db.con.execute("CREATE INDEX quotes_speaker_idx ON quotes (speaker_id)")
        db.con.execute("CREATE INDEX quotes_source_idx ON quotes (source_id)")
        db.con.execute((Path(__file__).parent.parent / "sql" / "views.sql").read_text())
        db.con.execute("DELETE FROM schema_version WHERE version > 1")
    with QuoteDB(path) as db:
        assert db.schema_version() >= 2
        assert db.sql("SELECT anchor FROM quotes")["anchor"].to_list() == ["library"]
        b = write(tmp_path, "b.txt", "The mayor said: “We will open the new library in the spring.”")
        ingest(db, [str(b)])
        clusters = db.sql("SELECT DISTINCT cluster_id FROM quotes")["cluster_id"].to_list()
    assert len(clusters) == 1 and clusters[0] is not None


def test_replacing_a_source_keeps_clusters_consistent(tmp_path, nlp):
    quote = "“We will rebuild every bridge on the river by next spring,” said Mayor Jo Lind."
    feed = tmp_path / "feed.jsonl"
    first = [{"id": "a", "url": "https://a.test/1", "text": quote}, {"id": "b", "url": "https://b.test/1", "text": quote + " "}]
    feed.write_text("".join(json.dumps(r) + "\n" for r in first))
    with QuoteDB(tmp_path / "q.duckdb") as db:
        ingest(db, [str(feed)])
        assert db.sql("SELECT count(DISTINCT cluster_id) AS n FROM quotes")["n"][0] == 1
        first[0]["text"] = "“Nothing will be rebuilt this year,” said Mayor Jo Lind."
        feed.write_text(json.dumps(first[0]) + "\n")
        assert ingest(db, [str(feed)]).replaced == 1
        assert verify_database(db) == []
        assert db.sql("SELECT count(*) AS n FROM quote_clusters")["n"][0] == 0  # one source left: no cluster


def test_numbers_tell_template_quotes_apart_and_join_reprints(tmp_path, nlp):
    """Version 3 indexes words with digits: "item 17" and "item 18" stay apart, a version-2 file is back-filled."""
    texts = {f"{n}.txt": f"“We will decide on item {n} next week,” said Mayor Jo Lind." for n in (17, 18)}
    paths = [str(write(tmp_path, name, text)) for name, text in texts.items()]
    path = tmp_path / "q.duckdb"
    with QuoteDB(path) as db:
        ingest(db, paths)
        db.con.execute("DELETE FROM quote_words WHERE length(word) < 4")
        db.con.execute("DELETE FROM quote_word_counts WHERE length(word) < 4")
        db.con.execute("DELETE FROM schema_version WHERE version > 2")
    with QuoteDB(path) as db:
        assert db.schema_version() >= 3
        assert set(db.sql("SELECT word FROM quote_words WHERE length(word) < 4")["word"].to_list()) == {"17", "18"}
        reprint = write(tmp_path, "reprint.txt", "Mayor Jo Lind said: “We will decide on item 17 next week.”")
        ingest(db, [str(reprint)])
        rows = db.sql("SELECT quote, cluster_id FROM quotes ORDER BY id").rows()
    assert rows[0][1] is not None and rows[0][1] == rows[2][1] and rows[1][1] is None


def test_a_growing_cluster_matches_a_full_recount(tmp_path, nlp):
    """Clusters that only gain reprints are updated from the newcomers; the result equals a full recount."""
    quote = "We will rebuild every bridge on the river by next spring"
    feed = tmp_path / "feed.jsonl"
    rows = [{"id": f"r{i}", "text": f"“{quote},” said Mayor Jo Lind in report {i}.",
             "published_at": f"2025-0{9 - i}-01"} for i in range(4)]
    rows.append({"id": "long", "text": f"“{quote} and open two ferries,” said Mayor Jo Lind.",
                 "published_at": "2025-09-15"})
    path = tmp_path / "q.duckdb"
    with QuoteDB(path) as db:
        for row in rows:  # one ingest per article: every later one only grows the cluster
            feed.write_text(json.dumps(row) + "\n", encoding="utf-8")
            ingest(db, [str(feed)])
        grown = db.sql("SELECT norm_text, first_source_id, first_seen FROM quote_clusters").rows()
        db.refresh_clusters()
        recounted = db.sql("SELECT norm_text, first_source_id, first_seen FROM quote_clusters").rows()
        first = db.sql("SELECT id FROM sources WHERE doc_key = 'r3'").item()
    assert len(grown) == 1 and grown == recounted
    assert grown[0][0].endswith("open two ferries") and grown[0][1] == first


def reprints_feed(tmp_path, quote: str, n: int, batch: int) -> list[Path]:
    """n articles carrying the same quote, written as JSONL files of `batch` articles each."""
    files = []
    for start in range(0, n, batch):
        path = tmp_path / f"feed{start}.jsonl"
        path.write_text("".join(json.dumps({"id": f"r{i}", "url": f"https://r{i}.test/a",
                                            "text": f"“{quote},” said Mayor Jo Lind at meeting {i}."}) + "\n"
                                for i in range(start, min(n, start + batch))), encoding="utf-8")
        files.append(path)
    return files


@pytest.mark.parametrize("quote", ["We will rebuild every bridge on the river", "We are not in it to win"])
def test_a_reprinted_quote_is_indexed_once_and_every_copy_joins_its_cluster(tmp_path, nlp, quote):
    """Schema 4: later copies of a text are found through the first one and stay out of the word index, so
    clustering a batch does not grow with the cluster; a text of short words only is indexed whole."""
    with QuoteDB(tmp_path / "q.duckdb") as db:
        for path in reprints_feed(tmp_path, quote, n=9, batch=3):  # the first batch holds three new copies
            ingest(db, [str(path)])
        rows = db.sql("SELECT count(*) AS n, count(DISTINCT cluster_id) AS clusters, count(cluster_id) AS clustered, "
                      "count(anchor) AS indexed FROM quotes").rows()[0]
        indexed_rows = db.sql("SELECT count(DISTINCT quote_id) AS n FROM quote_words").item()
        problems = verify_database(db)
    assert rows == (9, 1, 9, 1) and indexed_rows == 1 and problems == []


def test_replacing_the_indexed_copy_indexes_another(tmp_path, nlp):
    quote = "We will rebuild every bridge on the river"
    with QuoteDB(tmp_path / "q.duckdb") as db:
        for path in reprints_feed(tmp_path, quote, n=3, batch=1):
            ingest(db, [str(path)])
        assert db.sql("SELECT count(anchor) AS n FROM quotes").item() == 1
        first = tmp_path / "feed0.jsonl"  # the indexed copy's article, now without the quote
        first.write_text(json.dumps({"id": "r0", "url": "https://r0.test/a", "text": "Nothing was said."}) + "\n")
        assert ingest(db, [str(first)]).replaced == 1
        assert db.sql("SELECT count(anchor) AS n FROM quotes").item() == 1
        late = tmp_path / "late.jsonl"
        late.write_text(json.dumps({"id": "late", "text": f"Mayor Jo Lind said: “{quote}.”"}) + "\n")
        ingest(db, [str(late)])
        clusters = db.sql("SELECT count(DISTINCT cluster_id) AS c, count(cluster_id) AS n FROM quotes").rows()[0]
        problems = verify_database(db)
    assert clusters == (1, 3) and problems == []


def test_a_version_3_database_keeps_one_indexed_quote_per_text(tmp_path, nlp):
    quote = "We will rebuild every bridge on the river"
    path = tmp_path / "q.duckdb"
    with QuoteDB(path) as db:
        for feed in reprints_feed(tmp_path, quote, n=4, batch=1):
            ingest(db, [str(feed)])
        # Turn the index back into what version 3 kept: every quote's words.
        db.con.execute("DELETE FROM quote_words")
        db.con.execute("INSERT INTO quote_words SELECT DISTINCT w, id FROM (SELECT id, unnest(string_split("
                       "norm_text, ' ')) AS w FROM quotes) WHERE length(w) >= 4 OR regexp_matches(w, '[0-9]')")
        db.con.execute("UPDATE quote_word_counts SET n = 4")
        db.con.execute("UPDATE quotes SET anchor = 'bridge'")
        db.con.execute("DELETE FROM schema_version WHERE version > 3")
    with QuoteDB(path) as db:
        assert db.schema_version() >= 4
        indexed = db.sql("SELECT count(anchor) AS n FROM quotes").item()
        counts = set(db.sql("SELECT n FROM quote_word_counts")["n"].to_list())
        assert verify_database(db) == []
    assert indexed == 1 and counts == {1}


def test_father_and_son_stay_two_speakers_and_king_joins_king_jr():
    from quotes.speakers import SpeakerRegistry

    registry = SpeakerRegistry([], {}, set())
    father = registry.resolve("Donald Trump", "person")
    son = registry.resolve("Donald Trump Jr.", "person")
    king = registry.resolve("Martin Luther King Jr.", "person")
    assert len({father, son, king}) == 3
    assert registry.resolve("Donald Trump Jr.", "person") == son
    assert registry.resolve("Trump", "person") not in (father, son)  # which one? neither
    assert registry.resolve("King", "person") == king


def test_a_nickname_joins_its_name_but_two_first_names_stay_apart():
    from quotes.speakers import SpeakerRegistry

    registry = SpeakerRegistry([], {}, set())
    robert = registry.resolve("Robert Scott", "person")
    assert registry.resolve("Bobby Scott", "person") == robert
    assert registry.resolve("Tim Scott", "person") != robert
