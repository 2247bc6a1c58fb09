"""Sieve ``subject_rule``: "he said" is the person last named as the subject of a sentence.

News writes "he said" about the person who was the subject of this or one of the two sentences before; the
parse knows subjects even where coreference would link the pronoun to an object ("Trump echoed his defense
secretary … he said"), and the rule costs nothing. A person named as the object of that subject's own verb in
between ("Warren told Stumpf, after he admitted …") makes it a toss-up: no answer, and so does a person whose
gender neither a first name nor an honorific shows — on dev such answers were right 6 times in 10, against 30 in
31 where "he" / "she" could be checked (notes/eval-log.md).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from quotes.extract.document import Document, Record
from quotes.extract.pronouns import PERSON_PRONOUNS, Found, candidates
from quotes.names import Mention, NameCluster
from quotes.records import Quote

METHOD = "subject_rule"
CERTAINTY = 0.8


def resolve(doc: Document, record: Record, previous: Quote | None) -> Found | None:
    if record.mention_type != "pronoun":
        return None
    pronoun = record.target.root
    subject = recent_subject(doc, pronoun, candidates(doc, pronoun))
    if subject is None or (pronoun.lower_ in PERSON_PRONOUNS and subject.gender is None):
        return None  # "he" for a person whose gender the article never shows is agreement unchecked
    return subject, CERTAINTY


def recent_subject(doc: Document, pronoun: Token, people: list[Mention]) -> NameCluster | None:
    """The person named as a subject in this or the previous two sentences, nearest first."""
    sent = pronoun.sent
    earliest = sent.start_char
    prev = sent.start - 1
    for _ in range(2):
        if prev < 0:
            break
        earliest = doc.doc[prev].sent.start_char
        prev = doc.doc[prev].sent.start - 1
    for mention in reversed(people):
        if mention.start < earliest:
            break
        token = doc.tokens_in(mention.start, mention.end)
        if token is None:
            continue
        head = name_head(token)
        if head.dep_ in ("nsubj", "nsubjpass") and head.i < pronoun.i:
            if head.sent.start == sent.start and object_between(doc, mention, head.head, pronoun):
                return None  # "Warren told Stumpf, after he admitted …": the object is just as likely
            return mention.cluster
    return None


def name_head(name: Span) -> Token:
    """The token that carries a name's role in its sentence: up through the rest of the name and an appositive
    ("Gov. Ed Rendell", "his deputy, Ann Lee"), not out of a modifier — "Clinton" in "Rendell, a Clinton
    surrogate, said" is nobody's subject."""
    head = name.root
    while head.head.i != head.i and (head.dep_ == "appos" or (
            head.dep_ in ("compound", "flat") and head.head.pos_ == "PROPN")):
        head = head.head
    return head


def object_between(doc: Document, mention: Mention, verb: Token, pronoun: Token) -> bool:
    """Another person between the subject and the pronoun as the object of the subject's own verb."""
    for m in doc.names.mentions_between(mention.end, pronoun.idx):
        if m.cluster is mention.cluster or m.cluster.kind != "person" or doc.inside_quote(m.start):
            continue
        span = doc.tokens_in(m.start, m.end)
        if span is None:
            continue
        root = span.root
        while root.dep_ in ("compound", "flat", "appos", "poss") and root.head.i != root.i:
            root = root.head
        if root.dep_ in ("dobj", "dative", "iobj") and root.head.i == verb.i:
            return True
        if root.dep_ == "pobj" and root.head.head.i == verb.i:
            return True
    return False
