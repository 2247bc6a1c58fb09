"""Sieve ``description_subject``: "the mayor said" in a profile of the mayor — a title word used as the
speaker goes to the person last named as a sentence subject, as "he said" would (``subject_rule``); so does a
noun news uses for a person it has named ("the billionaire businessman", "the gambling tycoon"). A noun that
tells a gender and a family role ("the 34-year-old mother of three") goes to the person of that gender last
named as a subject, when the article shows that person's gender; with "his" or "her" ("his ex-wife") it is
somebody else, and stays open. Never a subject of the description's own sentence: "Clinton leads Sanders …, but
the self-described democratic socialist has vowed …" is not Clinton — the same person would be "she". Nor a noun
the article used just before with "a" ("When a nurse … returned … / The nurse later sued"), nor one whose own
phrase says who is meant ("the organizer of a pro-Trump rally"): both are somebody the article does not name."""

from __future__ import annotations

from spacy.tokens import Token

from quotes.extract.description import is_definite
from quotes.extract.document import Document, Record
from quotes.extract.pronouns import Found, introduces_somebody
from quotes.extract.subject_rule import recent_subject
from quotes.name_evidence import NOUN_GENDERS
from quotes.names import DESCRIPTOR_NOUNS, KINSHIP_NOUNS, ROLE_MODIFIERS, TITLE_WORDS
from quotes.records import Quote

METHOD = "description_subject"
CERTAINTY = 0.65


def resolve(doc: Document, record: Record, previous: Quote | None) -> Found | None:
    if record.mention_type == "pronoun" or not is_definite(record.target):
        return None
    root = record.target.root
    noun = root.lower_
    if noun in KINSHIP_NOUNS:
        if any(t.dep_ == "poss" for t in root.children):
            return None
    elif (noun not in TITLE_WORDS and noun not in DESCRIPTOR_NOUNS) or noun in ROLE_MODIFIERS:
        return None
    if any(c.ent_type_ == "ORDINAL" or c.tag_ == "JJS" for c in root.children):
        return None  # "the first Democrat to …", "the richest businessman": a kind of person, not one named
    if introduced_before(doc, root) or first_mention(root):
        return None
    gender = NOUN_GENDERS.get(noun)
    people = [m for m in doc.named_before(root.sent.start_char, "person")
              if gender is None or m.cluster.gender == gender]
    subject = recent_subject(doc, root, people)
    return (subject, CERTAINTY) if subject is not None else None


def introduced_before(doc: Document, root: Token) -> bool:
    """The noun written with "a" / "an" / "one" in the narration of this paragraph or the two before: "When a
    nurse who had been treating Ebola patients returned … The nurse later sued" is that nurse, whom the article
    does not name."""
    window = doc.tokens_in(doc.paragraph_starts[max(0, doc.paragraph_of(root.idx) - 2)], root.idx)
    lemma = root.lemma_.lower()
    return window is not None and any(
        t.lemma_.lower() == lemma and introduces_somebody(t) and not doc.quoted(t.i) for t in window)


def first_mention(root: Token) -> bool:
    """"the organizer of a pro-Trump rally": the phrase itself says who is meant, somebody new."""
    objects = [g for c in root.children if c.dep_ == "prep" and c.lower_ == "of"
               for g in c.children if g.dep_ == "pobj"]
    return any(d.lower_ in ("a", "an") for g in objects for d in g.children)
