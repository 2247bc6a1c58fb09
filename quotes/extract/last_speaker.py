"""Sieve ``last_speaker``: an open "he" / "she" is the person quoted last.

News keeps quoting one person for several paragraphs. The person quoted last is taken when the gender agrees,
the quote was within the previous two paragraphs and nobody else who could be "he" / "she" is named in between
(outside quote marks); a rival in view leaves the pronoun open. It runs before the subject rule and coreferee:
on both hold-outs that order names more pronouns rightly and fewer wrongly (notes/eval-log.md).
"""

from __future__ import annotations

from quotes.extract.document import Document, Record
from quotes.extract.pronouns import PERSON_PRONOUNS, Found, gender_ok, open_pronoun
from quotes.records import Quote

METHOD = "last_speaker"
CERTAINTY = 0.8
MAX_PARAGRAPHS_BACK = 2


def resolve(doc: Document, record: Record, previous: Quote | None) -> Found | None:
    pronoun = open_pronoun(record)
    gender = PERSON_PRONOUNS.get(pronoun.lower_) if pronoun is not None else None
    if gender is None or previous is None:
        return None
    quote = record.quote
    cluster = doc.names.by_name(previous.speaker)
    near = doc.paragraph_of(quote.speaker_start) - doc.paragraph_of(previous.start) <= MAX_PARAGRAPHS_BACK
    if not near or (cluster is not None and not gender_ok(cluster, gender)) \
            or rival_between(doc, previous, quote.speaker_start, gender):
        return None
    quote.role = previous.role
    return (previous.speaker, "person"), CERTAINTY


def rival_between(doc: Document, previous: Quote, end: int, gender: str) -> bool:
    """Somebody else who could be "he" / "she", named outside quote marks after the previous quote."""
    start = max(previous.end, previous.speaker_end or 0)
    for mention in doc.names.mentions_between(start, end):
        cluster = mention.cluster
        if cluster.kind == "person" and cluster.name != previous.speaker and gender_ok(cluster, gender) \
                and not doc.inside_quote(mention.start):
            return True
    return False
