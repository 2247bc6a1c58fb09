"""The extraction engine: quotations and their speakers from a parsed ``Doc``, as named passes.

    direct        quote marks → direct and mixed records, each tied to its cue      (direct.py)
    indirect      reported speech on the cues left over                             (indirect.py)
    overlaps      no two records hold the same words                                (overlaps.py)
    headline      quoted words in the stated title are the headline's report        (headline.py)
    speakers      who the cue's subject is, sieve by sieve, unknown beats wrong     (speakers.py):
                    named → appositive_name → description → description_subject,
                    then over pronouns in document order: last_speaker → subject_rule → newcomer →
                    coref → nearest_name
    interview     "Q: … / A: …" and "REYES: …" paragraphs without quote marks       (interview.py)
    floating      a quote with no cue continues the person quoted just before       (floating.py)
    introduced    … or the one person the paragraph before introduces                (introduced.py)
    confidence    the probability that each row is right                            (quotes.calibration)
    hidden        headlines, noun phrases and unlikely rows kept but not shown      (quotes.reportable)

Each speaker sieve is a module named for the ``method`` suffix it writes. The grammatical questions the rules
ask live in ``quotes.grammar``; the cue words in ``quotes.cues``.
"""

from __future__ import annotations

from spacy.tokens import Doc

from quotes.extract import direct, floating, headline, indirect, interview, introduced, overlaps, speakers
from quotes.extract.document import Document, ExtractOptions
from quotes.records import Quote
from quotes.reportable import mark_hidden

__all__ = ["ExtractOptions", "extract_quotes", "extract_text", "SIEVE_NAMES"]

SIEVE_NAMES = tuple(s.METHOD for s in speakers.SIEVES) + (floating.METHOD, introduced.METHOD)


def extract_quotes(doc: Doc, options: ExtractOptions | None = None, title: str | None = None) -> list[Quote]:
    """Every quotation in a parsed document, with its speaker where the text says who. ``title`` is the
    article's title when the input names one; a text that opens with it has its headline told apart."""
    options = options or ExtractOptions()
    document = Document(doc, options, headline.title_end(doc.text, title))
    records = direct.find(document)
    if options.indirect:
        records = indirect.add_reported_speech(document, records)
    records = overlaps.separate(document, records)
    headline.report_headline_quotes(document, records)
    speakers.run(document, records, options.skip)
    quotes = [r.quote for r in records]
    quotes += interview.find(document, [(q.start, q.end) for q in quotes])
    for sieve in (floating, introduced, floating):  # a quote after an introduced one floats on it
        if sieve.METHOD not in options.skip:
            sieve.run(document, quotes)
    quotes = sorted((document.finish(q) for q in quotes), key=lambda q: q.start)
    if options.calibrate:
        from quotes.calibration import calibrate

        calibrate(quotes)
    mark_hidden(quotes, document.text, document.title_end)
    return quotes


def extract_text(text: str, nlp=None, options: ExtractOptions | None = None, title: str | None = None) -> list[Quote]:
    from quotes.models import load_nlp
    from quotes.paragraphs import parse_text

    return extract_quotes(parse_text(nlp or load_nlp(), text), options, title)
