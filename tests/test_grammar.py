"""The grammatical questions the extractor asks, one at a time, on real parses of our own sentences."""

from __future__ import annotations

from quotes import grammar


def token(doc, text):
    return next(t for t in doc if t.text == text)


def test_parenthetical_cue_and_its_commas(nlp):
    doc = nlp("The bridge, Mayor Tove Lind said, will open before winter.")
    said = token(doc, "said")
    assert grammar.is_parenthetical(said)
    left, right = grammar.aside_commas(said)
    assert doc[left].text == "," and doc[right].text == "," and left < said.i < right


def test_a_cue_that_opens_its_sentence_is_not_parenthetical(nlp):
    doc = nlp("Mayor Tove Lind said the bridge will open before winter.")
    assert not grammar.is_parenthetical(token(doc, "said"))


def test_subject_of_an_inverted_cue(nlp):
    doc = nlp("“We are ready,” said Farhan Haq, a spokesperson for the agency.")
    subject = grammar.subject_of(token(doc, "said"))
    assert subject is not None and subject.text == "Farhan Haq"
    assert grammar.appositive_text(subject) == "a spokesperson for the agency"


def test_content_end_drops_a_trailing_nonrestrictive_clause(nlp):
    doc = nlp("She said the plan would cut costs, which surprised the board.")
    said = token(doc, "said")
    content = next(c for c in said.children if c.dep_ == "ccomp")
    end = grammar.content_end(content, content.right_edge.i)
    assert doc[content.left_edge.i : end + 1].text == "the plan would cut costs"


def test_strip_span_and_titles():
    text = " , the plan works — "
    start, end = grammar.strip_span(text, 0, len(text))
    assert text[start:end] == "the plan works"
    assert grammar.looks_like_title("Face the Nation")
    assert not grammar.looks_like_title("we will win")
