"""Sieve ``subject_rule``: "he said" is the person last named as the subject of a sentence.

News writes "he said" about the person who was the subject of this or one of the two sentences before (not
counting the sentences of the quotation "he said" closes); the parse knows subjects even where coreference would
link the pronoun to an object ("Trump echoed his defense secretary … he said"), and the rule costs nothing. The
subject of a condition ("If Trump does not become the nominee, he said …") or of a contrast in an earlier
sentence ("While Obama had …") is somebody set beside the person the story follows. A person named as the object
of that subject's own verb in between ("Warren told Stumpf, after he admitted …") makes it a toss-up: no answer,
and so does a person whose gender neither a first name, an honorific nor the pronouns after the name show — on
dev such answers were right 6 times in 10, against 30 in 31 where "he" / "she" could be checked
(notes/eval-log.md).
"""

from __future__ import annotations

from spacy.tokens import Token

from quotes.extract.document import Document, Record
from quotes.extract.pronouns import (
    GROUP_PRONOUNS,
    PERSON_PRONOUNS,
    Found,
    candidates,
    unnamed_speaker_between,
)
from quotes.grammar import in_reported_clause, is_subject, sentences_back
from quotes.name_evidence import name_head
from quotes.names import Mention, NameCluster
from quotes.records import Quote

METHOD = "subject_rule"
CERTAINTY = 0.8


def resolve(doc: Document, record: Record, previous: Quote | None) -> Found | None:
    if record.mention_type != "pronoun":
        return None
    pronoun = record.target.root
    if pronoun.lower_ not in PERSON_PRONOUNS and pronoun.lower_ not in GROUP_PRONOUNS:
        return None  # "his", "their": whose they are is not what the rule knows
    subject = chained_subject(doc, pronoun)
    if subject is None or (pronoun.lower_ in PERSON_PRONOUNS and subject.gender is None):
        return None  # "he" for a person whose gender the article never shows is agreement unchecked
    return subject, CERTAINTY


MAX_HOPS = 3


def chained_subject(doc: Document, pronoun: Token, hops: int = MAX_HOPS) -> NameCluster | None:
    """``recent_subject``, or, when no person is named as a subject in reach but a "she" of the same gender is
    (Melanie thought … / She wasn't … / She was anxious … / “…,” she said), the person that "she" is, by the
    same rule, up to three pronouns back. A person of that gender named in between, as anything, stops it."""
    people = candidates(doc, pronoun)
    subject = recent_subject(doc, pronoun, people)
    if subject is not None or hops == 0 or pronoun.lower_ not in PERSON_PRONOUNS:
        return subject
    earlier = _pronoun_subject_before(doc, pronoun)
    if earlier is None or any(m.start > earlier.idx for m in people):
        return None
    return chained_subject(doc, earlier, hops - 1)


def _pronoun_subject_before(doc: Document, pronoun: Token) -> Token | None:
    """The nearest "he" / "she" of the same gender that is a subject outside quote marks, in this or the two
    sentences before."""
    gender = PERSON_PRONOUNS[pronoun.lower_]
    for token in reversed(doc.doc[sentences_back(pronoun).i : pronoun.i]):
        if token.dep_ in ("nsubj", "nsubjpass") and PERSON_PRONOUNS.get(token.lower_) == gender \
                and token.lower_ in ("he", "she") and not doc.quoted(token.i):
            return token
    return None


def recent_subject(doc: Document, pronoun: Token, people: list[Mention],
                   sentences: int = 2) -> NameCluster | None:
    """The person (or organisation) named as a subject in this or the ``sentences`` before, nearest first."""
    sent = pronoun.sent
    # "he said" after a long quotation: the sentences inside it do not count (a description has none)
    earliest = (doc.narration_back(pronoun, sentences) if pronoun.pos_ == "PRON" else
                sentences_back(pronoun, sentences)).idx
    for mention in reversed(people):
        if mention.start < earliest:
            break
        token = doc.tokens_in(mention.start, mention.end)
        if token is None:
            continue
        head = name_head(token)
        if is_subject(head) and head.i < pronoun.i and not in_reported_clause(head) and not in_aside(head, pronoun):
            if head.sent.start == sent.start and object_between(doc, mention, head.head, pronoun):
                return None  # "Warren told Stumpf, after he admitted …": the object is just as likely
            if pronoun.lower_ in PERSON_PRONOUNS and unnamed_speaker_between(doc, head.i, pronoun):
                return None
            return mention.cluster
    return None


# Subordinators of a clause that sets somebody beside the one the story follows: "While Obama had a wide array of
# black artists writing songs about him, that has not been happening for Clinton, … concerns Henry Crespo. /
# “…,” he said"; "If Trump doesn't become the nominee, he said he would settle …". Within the pronoun's own
# sentence a contrast is often the same person ("While Comey said there was clear evidence …, he said …"); a
# condition is not.
CONTRAST_MARKS = frozenset({"while", "whereas", "although", "though"})
CONDITION_MARKS = frozenset({"if", "unless"})


def in_aside(subject: Token, pronoun: Token) -> bool:
    """The subject of a contrasting clause in an earlier sentence, or of a conditional clause anywhere."""
    verb = subject.head
    marks = {c.lower_ for c in verb.children if c.dep_ == "mark"} if verb.dep_ == "advcl" else set()
    return bool(marks & CONDITION_MARKS) or (bool(marks & CONTRAST_MARKS) and subject.sent != pronoun.sent)


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
