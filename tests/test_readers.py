"""Readers: titles from plain-text scrapes, HTML metadata, JSONL fields."""

import json

from quotes.readers import InputProblem, guess_title, read_documents


def test_title_skips_navigation_and_bylines():
    text = "• Home\n  • Posts\n\nBy Jo Smith and Al Roe\nCity council approves the river bridge\n\nBody text."
    assert guess_title(text) == "City council approves the river bridge"


def test_html_metadata_and_main_text(tmp_path):
    from tests.conftest import SAMPLES

    doc = next(d for d in read_documents([str(SAMPLES / "07_okafor_profile.html")]))
    assert doc.outlet == "Valley Weekly" and doc.author == "Sam Ellery" and doc.published_at.startswith("2025-03-14")
    assert "Advertisement" not in doc.text and "I count first" in doc.text


def test_jsonl_keeps_fields_and_reports_bad_lines(tmp_path):
    feed = tmp_path / "f.jsonl"
    feed.write_text(json.dumps({"doc_id": "d1", "text": "Hello there.", "outlet": "Post", "extra": 1}) + "\n[1]\n")
    items = list(read_documents([str(feed)]))
    assert items[0].doc_id == "d1" and items[0].outlet == "Post"
    assert isinstance(items[1], InputProblem) and str(items[1]).endswith("f.jsonl:2: a line must be a JSON object")


def test_the_parser_never_sees_a_chunk_it_would_spend_minutes_on():
    import re

    from quotes.paragraphs import MAX_CHUNK_TOKENS, SYMBOL_CHUNK_TOKENS, paragraph_chunks

    token = re.compile(r"\w+|[^\w\s]")
    news = "The council met on Monday. " * 30 + "\n\n"
    for text, most in (('"' * 10_000, SYMBOL_CHUNK_TOKENS), ("word, " * 5_000, MAX_CHUNK_TOKENS),
                       ("a" * 50_000, MAX_CHUNK_TOKENS)):
        chunks = paragraph_chunks(news + text + "\n" + news)
        assert "".join(chunks) == news + text + "\n" + news  # offsets stay valid
        assert chunks[0] == news and chunks[-1] == news  # ordinary paragraphs are never cut
        assert max(len(token.findall(c)) for c in chunks[1:-1]) <= most + 1


def test_only_a_title_the_input_names_is_stated_to_the_engine(tmp_path):
    (tmp_path / "a.txt").write_text("Council backs the bridge plan\n\nThe council voted on Monday.", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(json.dumps({"title": "Bridge plan wins", "text": "The council voted."}) + "\n")
    plain, feed = read_documents([str(tmp_path / "a.txt"), str(tmp_path / "b.jsonl")])
    assert (plain.title, plain.stated_title) == ("Council backs the bridge plan", None)
    assert feed.stated_title == "Bridge plan wins"
