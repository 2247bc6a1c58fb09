"""Sieve ``introduced``: a paragraph that is only a quotation, right after a paragraph that introduces one
person — "Alfonso Espinos opened the shop in 2015. / “Nobody starts out selling 50,000 copies …”".

``floating`` handles a quote that continues the person quoted before; this one handles a quote with nobody
quoted before it in reach. The paragraph just before must name exactly one person (outside quote marks) and
that person must be the subject of its last sentence that names anyone; otherwise the quote stays without a
speaker, and so does a pronoun there that points at somebody else ("… disagreed sharply with him"). Later
cue-less quote paragraphs then continue that person through ``floating``'s rule.
"""

from __future__ import annotations

from quotes.extract.document import Document
from quotes.extract.pronouns import PERSON_PRONOUNS, gender_ok
from quotes.name_evidence import name_head
from quotes.records import Quote

METHOD = "introduced"
CONFIDENCE = 0.6  # the rule score; calibration turns it into a probability


def run(doc: Document, quotes: list[Quote]) -> None:
    for quote in sorted(quotes, key=lambda q: q.start):
        if quote.method != "none" or quote.kind != "direct":
            continue
        paragraph = doc.paragraph_of(quote.start)
        start = doc.paragraph_starts[paragraph]
        if paragraph == 0 or doc.text[start : quote.start].strip(" \t\"“”'‘’«»„") != "":
            continue  # not a paragraph that opens with the quote
        person = _introduced(doc, doc.paragraph_starts[paragraph - 1], start)
        if person is None:
            continue
        mention, cluster = person
        quote.speaker, quote.speaker_kind, quote.role = cluster.name, cluster.kind, cluster.role
        quote.speaker_start, quote.speaker_end = mention.start, mention.end
        quote.speaker_mention = doc.text[mention.start : mention.end]
        quote.method = METHOD
        quote.confidence = CONFIDENCE


def _introduced(doc: Document, start: int, end: int):
    """The one person a paragraph names outside quote marks, when that person is a sentence subject there."""
    people = [m for m in doc.names.mentions_between(start, end)
              if m.cluster.kind == "person" and not doc.inside_quote(m.start)]
    if not people or len({m.cluster.name for m in people}) != 1 or people[0].cluster.ambiguous:
        return None
    if _points_elsewhere(doc, start, end, people[0].cluster):
        return None
    for mention in reversed(people):
        span = doc.tokens_in(mention.start, mention.end)
        if span is not None and name_head(span).dep_ in ("nsubj", "nsubjpass"):
            return mention, mention.cluster
    return None


def _points_elsewhere(doc: Document, start: int, end: int, cluster) -> bool:
    """A "him" / "her" or a "he" / "she" of the other gender outside quote marks: someone else is in view
    ("Ruth Adams disagreed sharply with him")."""
    span = doc.tokens_in(start, end)
    for token in span if span is not None else ():
        gender = PERSON_PRONOUNS.get(token.lower_)
        if gender is None or doc.quoted(token.i):
            continue
        if token.dep_ not in ("nsubj", "nsubjpass") or not gender_ok(cluster, gender):
            return True
    return False
