"""The quote-mark finder on its own: pure text in, spans out."""

from hypothesis import given, settings
from hypothesis import strategies as st

from quotes.marks import find_quote_spans


def texts(text):
    return [text[s.start:s.end] for s in find_quote_spans(text)]


def test_curly_and_straight_marks():
    assert texts('He said “yes it is” and "no it isn\'t" today.') == ["yes it is", "no it isn't"]


def test_apostrophes_are_not_quotes():
    assert texts("Let’s see Ukraine’s ’90s rock ’n’ roll and the players’ union.") == []


def test_nested_quote_stays_inside_outer():
    spans = find_quote_spans("“He told me ‘never again’ and left,” she said.")
    assert len(spans) == 1 and spans[0].nested


def test_multi_paragraph_quote_reopened_at_each_paragraph():
    text = "“The first part runs on.\n\n“The second part ends here,” she said."
    spans = find_quote_spans(text)
    assert len(spans) == 1
    assert len(spans[0].pieces) == 2
    assert text[spans[0].pieces[1][0]:spans[0].pieces[1][1]] == "The second part ends here,"


def test_unclosed_quote_is_recovered_and_rest_still_read():
    text = "“This one never closes.\nA new paragraph says “this one does” fine."
    spans = find_quote_spans(text)
    assert [text[s.start:s.end] for s in spans] == ["This one never closes.", "this one does"]
    assert spans[0].closed is False and spans[1].closed is True


def test_single_quotes_as_primary_marks():
    assert texts("The leader said: ‘We will not wait any longer.’") == ["We will not wait any longer."]


MARKS = st.sampled_from(list("“”\"'‘’«»„ \n.,abc"))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(MARKS, st.text(max_size=5)), max_size=60).map("".join))
def test_any_text_gives_spans_inside_the_text(text):
    for span in find_quote_spans(text):
        assert 0 <= span.start < span.end <= len(text)
        for s, e in span.pieces:
            assert span.start <= s < e <= span.end


def test_typewriter_pairs_are_double_marks():
    text = "``We can,'' he said. ''It is done,'' she added. The players' union's offer stood."
    assert texts(text) == ["We can,", "It is done,"]
    span = find_quote_spans(text)[0]
    assert text[span.outer_start:span.outer_end] == "``We can,''"


def test_curly_quote_nested_in_an_unclosed_straight_one():
    text = '"PENCE: He thinks this is an episode of “Shark Tank.” But this is America.\n'
    spans = find_quote_spans(text)
    assert len(spans) == 1 and text[spans[0].start:spans[0].end].endswith("America.")


def test_transcript_line_is_not_a_reopened_quotation():
    text = '"WELLS: Will it pass?\n\n"REYES: It will.\n'
    assert [text[s.start:s.end] for s in find_quote_spans(text)] == ["WELLS: Will it pass?", "REYES: It will."]


def test_attribute_values_of_a_markup_tag_are_not_quotes():
    text = ('He wrote. <tweet pic="" author="realDonaldTrump" tweet_id="7537">Another attack.</tweet>. '
            '“Fine,” he said. Since 3 < 4, "y" > 2.')
    assert [text[s.start:s.end] for s in find_quote_spans(text)] == ["Fine,", "y"]
