"""Sieve ``newcomer``: "… which concerns Henry Crespo, president of the Florida Democratic Black Caucus. / “No one
is writing songs for Hillary,” he said." — news introduces a new voice by full name and role, often as the object
of a sentence about somebody else, and quotes that person next with "he said".

An open "he" / "she" of a direct quote is the person introduced last when that mention is the first time the
article names them, in full and with a role (an appositive, or a title before the name); when the gender agrees;
and when the sentence of the introduction is the last thing the narration says before the quote ("Trump
introduced his running mate, Indiana Gov. Mike Pence. / Trump made no mention of God. “…,” he said" is not
Pence's). It runs after ``last_speaker`` and the subject rule, which keep the person quoted or written about
before, and before coreferee, which links "he" to the people the article has been about.
"""

from __future__ import annotations

from spacy.tokens import Span

from quotes.extract.document import Document, Record
from quotes.extract.pronouns import PERSON_PRONOUNS, Found, candidates, open_pronoun
from quotes.names import NameCluster
from quotes.records import Quote

METHOD = "newcomer"
CERTAINTY = 0.75
MAX_PARAGRAPHS_BACK = 1
QUOTE_OPENERS = " \t\n\"“‘'"


def resolve(doc: Document, record: Record, previous: Quote | None) -> Found | None:
    pronoun = open_pronoun(record)
    if pronoun is None or pronoun.lower_ not in PERSON_PRONOUNS or record.quote.kind != "direct":
        return None
    people = candidates(doc, pronoun)
    if not people:
        return None
    nearest = people[-1]
    cluster = nearest.cluster
    if cluster.gender is None or len(cluster.key) < 2 or nearest.start != min(s for s, _ in cluster.mentions):
        return None
    if doc.paragraph_of(pronoun.idx) - doc.paragraph_of(nearest.start) > MAX_PARAGRAPHS_BACK:
        return None
    span = doc.tokens_in(nearest.start, nearest.end)
    if span is None or doc.text[span.sent.end_char : record.quote.start].strip(QUOTE_OPENERS):
        return None  # the introduction must be the last thing the narration says before the quote
    return (cluster, CERTAINTY) if _introduced_with_role(doc, span, cluster) else None


def _introduced_with_role(doc: Document, span: Span, cluster: NameCluster) -> bool:
    """"Henry Crespo, president of …", "Ana Lee, 34, a nurse", "Florida Sen. Ann Lee": a name given with what the
    person is, the way news brings in somebody new."""
    root = span.root
    if any(c.dep_ == "appos" and c.pos_ in ("NOUN", "NUM") for c in root.children):
        return True
    return cluster.role is not None and span.start > 0 and doc.doc[span.start - 1].text[:1].isupper() \
        and doc.doc[span.start - 1].pos_ in ("PROPN", "NOUN")
