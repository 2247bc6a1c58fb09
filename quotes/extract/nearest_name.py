"""Sieve ``nearest_name``: an open "he" / "she" with exactly one person it could stand for in view — in the
paragraph of the nearest candidate and the one before, at most two paragraphs back. Two people in view and
nothing to choose between them leaves it open: unknown beats wrong. So does a nearest person whose gender
nothing in the article shows: on `fit` nine in ten such answers were wrong, mostly "she" given to a man whose
first name tells nothing ("Trump", "Chris Christie") or to an organisation the tagger called a person. Not "it":
the one organisation in view was not the speaker of any "it" it named on dev (a dateline, the FBI of "FBI
criticism"; notes/eval-log.md)."""

from __future__ import annotations

from quotes.extract.document import Document, Record
from quotes.extract.pronouns import PERSON_PRONOUNS, Found, candidates, open_pronoun, unnamed_speaker_between
from quotes.records import Quote

METHOD = "nearest_name"
CERTAINTY = 0.7


def resolve(doc: Document, record: Record, previous: Quote | None) -> Found | None:
    pronoun = open_pronoun(record)
    if pronoun is None or pronoun.lower_ not in PERSON_PRONOUNS:
        return None
    people = candidates(doc, pronoun)
    if not people:
        return None
    nearest = people[-1]
    if nearest.cluster.gender is None:
        return None  # agreement unchecked
    if doc.paragraph_of(pronoun.idx) - doc.paragraph_of(nearest.start) > 2:
        return None
    window_start = doc.paragraph_starts[max(0, doc.paragraph_of(nearest.start) - 1)]
    if len({m.cluster.name for m in people if m.start >= window_start}) != 1:
        return None
    named = doc.tokens_in(nearest.start, nearest.end)
    if named is None or unnamed_speaker_between(doc, named[-1].i, pronoun):
        return None
    return nearest.cluster, CERTAINTY
