"""The five messy seed articles from ../shared: no exception, the main quotes found and attributed."""

from quotes.paragraphs import parse_texts


def test_seed_articles_extract_without_errors(nlp, seeds_dir):
    from quotes.extract import extract_quotes

    files = sorted(seeds_dir.glob("*.txt"))
    texts = [f.read_text(encoding="utf-8") for f in files]
    for path, doc in zip(files, parse_texts(nlp, texts)):
        quotes = extract_quotes(doc)
        assert quotes, path.name
        for q in quotes:
            assert doc.text[q.start:q.end] == q.text


def test_they_took_a_lot_of_land_is_donald_trump(nlp, seeds_dir):
    from quotes.extract import extract_quotes

    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        if "They took a lot of land" in text:
            doc = next(parse_texts(nlp, [text]))
            hits = [q for q in extract_quotes(doc) if "They took a lot of land" in q.text]
            assert hits and hits[0].speaker == "Donald Trump"
            return
    raise AssertionError("no seed carries the quote")


def test_every_quotation_mark_pair_in_the_seeds_is_extracted(nlp, seeds_dir):
    """Each quoted span of four words or more ends up inside some extracted quote."""
    from quotes.extract import extract_quotes
    from quotes.marks import find_quote_spans

    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        quotes = extract_quotes(next(parse_texts(nlp, [text])))
        for span in find_quote_spans(text):
            if len(text[span.start:span.end].split()) >= 4 and not text[span.start:span.end].istitle():
                assert any(q.start <= span.start and span.end <= q.end + 1 for q in quotes), (
                    path.name, text[span.start:span.end][:60])
