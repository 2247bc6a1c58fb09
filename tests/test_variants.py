"""Quote clusters and the variants between copies: the rules (quotes.variants) and the stored result."""

import json

import pytest

from quotes.cli import app
from quotes.curation import verify_database
from quotes.db import QuoteDB, norm_quote
from quotes.pipeline import ingest
from quotes.variants import copy_of, relate

FULL = "We will rebuild every bridge on the river by next spring and open two ferries"


def copy(text, kind="direct", speaker=1):
    return copy_of(norm_quote(text), kind, speaker, text, 1)


@pytest.mark.parametrize("text, relation", [
    ("we will rebuild every bridge on the river, by next spring and open two ferries!", "identical"),
    ("every bridge on the river by next spring", "excerpt"),
    ("We will rebuild every bridge … and open two ferries", "excerpt"),
    ("We will rebuild every bridge on the river by next summer and open two ferries", "edited"),
    ("We will rebuild every bridge on the river by spring and open two ferries", "edited"),
    ("We will rebuild every bridge on the river and open two ferries", "edited"),  # words dropped, no mark of the cut
])
def test_a_copy_relates_to_the_fullest_text(text, relation):
    assert relate(copy(FULL), copy(text)).relation == relation


@pytest.mark.parametrize("text, kind, speaker", [
    ("We will close every bridge on the river until the flood is gone", "direct", 1),  # same speaker, other words
    ("We will rebuild every bridge on the river by next spring and open two ferries", "direct", 2),  # someone else
    ("every bridge", "direct", 1),  # a fragment inside a longer quote
    ("We will rebuild every bridge on the river by next spring and open 12 ferries", "direct", 1),  # a number
    ("The mayor wants bridges and ferries", "indirect", 1),  # a report on the same topic
])
def test_a_different_statement_does_not_relate(text, kind, speaker):
    assert relate(copy(FULL), copy(text, kind, speaker)) is None


def test_an_edit_names_the_words_that_differ_and_a_report_is_a_paraphrase():
    edited = relate(copy(FULL), copy(FULL.replace("next spring", "next summer")))
    assert (edited.removed, edited.added) == (("spring",), ("summer",))
    report = copy("that he would rebuild every bridge on the river by next spring", "indirect", 1)
    assert relate(copy(FULL), report).relation == "paraphrase"
    assert relate(copy(FULL), copy_of(report.words and " ".join(report.words), "indirect", None)) is None


def feed(tmp_path, name, rows):
    path = tmp_path / name
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return str(path)


def article(i, outlet, quote, day):
    return {"id": f"{outlet}-{i}", "url": f"https://{outlet.lower().replace(' ', '')}.test/{i}", "outlet": outlet,
            "published_at": f"2025-03-{day:02d}", "text": f"Mayor Jo Lind spoke to {outlet} on March {day}. “{quote},” Lind said."}


def test_copies_across_outlets_are_one_cluster_with_their_variants(tmp_path, nlp):
    other = "We will close the old ferry terminal before the summer season begins"
    rows = [article(1, "Harbour Times", FULL, 1), article(2, "Coastal Post", FULL.replace("spring", "summer"), 2),
            article(3, "River Daily", "every bridge on the river by next spring", 3),
            article(4, "Harbour Times", other, 4), article(5, "Coastal Post", other, 5)]
    with QuoteDB(tmp_path / "q.duckdb") as db:
        ingest(db, [feed(tmp_path, "a.jsonl", rows[:2])])  # the edited copy arrives in a later batch than …
        ingest(db, [feed(tmp_path, "b.jsonl", rows[2:])])  # … and the excerpt in another
        variants = db.sql("SELECT outlet, relation, removed, added, first FROM quote_variants "
                          "ORDER BY cluster_id, seen").rows()
        problems = verify_database(db)
    assert variants == [("Harbour Times", "identical", [], [], True), ("Coastal Post", "edited", ["spring"], ["summer"], False),
                        ("River Daily", "excerpt", [], [], False),
                        ("Harbour Times", "identical", [], [], True), ("Coastal Post", "identical", [], [], False)]
    assert problems == []


def test_a_fuller_copy_joins_two_excerpts_and_a_fragment_joins_nothing(tmp_path, nlp):
    rows = [article(1, "Harbour Times", "We will rebuild every bridge on the river", 1),
            article(2, "Coastal Post", "by next spring and open two ferries", 2),
            article(3, "River Daily", FULL, 3), article(4, "Bay News", "open two ferries", 4)]
    with QuoteDB(tmp_path / "q.duckdb") as db:
        for i, row in enumerate(rows):
            ingest(db, [feed(tmp_path, f"{i}.jsonl", [row])])
        clusters = db.sql("SELECT outlet, relation, cluster_id FROM quote_variants ORDER BY seen").rows()
        unclustered = db.sql("SELECT count(*) FROM quotes WHERE cluster_id IS NULL").item()
    assert [(o, r) for o, r, _ in clusters] == [("Harbour Times", "excerpt"), ("Coastal Post", "excerpt"),
                                               ("River Daily", "identical")]
    assert len({c for _, _, c in clusters}) == 1 and unclustered == 1


def test_the_seeds_keep_different_statements_apart(seeds_db):
    with QuoteDB(seeds_db, read_only=True) as db:
        apart = db.sql("SELECT count(DISTINCT cluster_id) AS n, count(cluster_id) AS clustered FROM quotes "
                       "WHERE quote ILIKE '%start negotiations immediately%'").rows()[0]
        fragment = db.sql("SELECT count(*) FROM quotes q JOIN quote_clusters c ON c.id = q.cluster_id "
                          "WHERE q.norm_text = 'war in ukraine' AND c.norm_text <> 'war in ukraine'").item()
    # the two reports of "he planned to tell Zelensky to …" are one cluster, the teams' agreement another
    assert apart[0] <= 2 and fragment == 0


def test_variants_command_lists_the_edits(tmp_path, nlp):
    from typer.testing import CliRunner

    rows = [article(1, "Harbour Times", FULL, 1), article(2, "Coastal Post", FULL.replace("spring", "summer"), 2)]
    path = tmp_path / "q.duckdb"
    with QuoteDB(path) as db:
        ingest(db, [feed(tmp_path, "a.jsonl", rows)])
    result = CliRunner().invoke(app, ["variants", "--edited-only", "--db", str(path)])
    assert result.exit_code == 0, result.output
    assert "edited: −spring +summer" in result.stdout and "* Harbour Times" in result.stdout
    as_json = CliRunner().invoke(app, ["variants", "--format", "json", "--db", str(path)])
    assert {r["relation"] for r in json.loads(as_json.stdout)} == {"identical", "edited"}


def test_a_version_5_database_is_clustered_again_under_the_new_rules(tmp_path, nlp):
    rows = [article(1, "Harbour Times", FULL, 1), article(2, "Coastal Post", FULL.replace("spring", "summer"), 2),
            article(3, "River Daily", "every bridge on the river by next spring", 3)]
    path = tmp_path / "q.duckdb"
    with QuoteDB(path) as db:
        ingest(db, [feed(tmp_path, "a.jsonl", rows)])
        before = db.sql("SELECT quote_id, relation, removed FROM quote_variants ORDER BY quote_id").rows()
        db.con.execute("UPDATE quotes SET cluster_id = 7")  # what an older rule might have left
        db.con.execute("DROP VIEW quote_variants")
        db.con.execute("DROP TABLE cluster_texts")
        db.con.execute("DELETE FROM schema_version WHERE version > 5")
    with QuoteDB(path) as db:
        assert db.schema_version() >= 6
        after = db.sql("SELECT quote_id, relation, removed FROM quote_variants ORDER BY quote_id").rows()
        assert verify_database(db) == []
    assert after == before and len(before) == 3
