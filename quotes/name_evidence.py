"""What the words around a name say about the person: questions over the parse that the name index asks once
its clusters are made, each a pure function of a parsed ``Doc``.

- ``name_head``: the token that carries a name's role in its sentence.
- ``gender_after``: the gender of the pronoun that follows a name used as a subject ("Clinton told the crowd
  that she …"), for a person whose first name or honorific does not tell it.
- ``family_owner``: whose family member a name in apposition to a family noun is ("his wife, Laura").
- ``described_by``: the nouns a name is described with ("Maryam Violet, an Iranian journalist"), and
  ``described_gender``: the gender some of them tell ("Keith Lamont Scott's wife, Rakeyia Scott").
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

# The pronouns that, right after a person is named as a subject, show that person's gender: "Clinton noted the
# clot's existence. After saying …, she was whisked off", "Clinton allowed her staff …".
GENDERED_PRONOUNS = {"he": "m", "she": "f", "his": "m", "her": "f"}
# Nouns for a person that tell a family role and a gender: "the 34-year-old mother of three", "his wife, Laura".
# "The man" and "the woman" are left out: news uses them for people it does not name ("the man ended up in the
# middle of the room").
KINSHIP_NOUNS = {
    **dict.fromkeys("mother wife daughter sister widow grandmother aunt niece girlfriend".split(), "f"),
    **dict.fromkeys("father husband son brother widower grandfather uncle nephew boyfriend".split(), "m"),
}
# The gender a noun for a person tells: the family nouns and the role nouns English still marks for gender ("the
# New York businessman" is not Hillary Clinton; "Keith Lamont Scott's wife, Rakeyia Scott" is a woman).
NOUN_GENDERS = {
    **KINSHIP_NOUNS,
    **dict.fromkeys("businesswoman congresswoman chairwoman spokeswoman assemblywoman councilwoman actress "
                    "waitress heiress duchess".split(), "f"),
    **dict.fromkeys("businessman congressman chairman spokesman assemblyman councilman".split(), "m"),
}
PERSON_LABELS = frozenset({"PERSON"})


def described_gender(nouns: set[str]) -> str | None:
    """The gender the nouns describing a person agree on ("wife", "congresswoman"), None when they tell none
    or disagree."""
    genders = {NOUN_GENDERS[n] for n in nouns if n in NOUN_GENDERS}
    return genders.pop() if len(genders) == 1 else None


def name_head(name: Span) -> Token:
    """The token that carries a name's role in its sentence: up through the rest of the name and an appositive
    ("Gov. Ed Rendell", "his deputy, Ann Lee"), not out of a modifier — "Clinton" in "Rendell, a Clinton
    surrogate, said" is nobody's subject."""
    head = name.root
    while head.head.i != head.i and (head.dep_ == "appos" or (
            head.dep_ in ("compound", "flat") and head.head.pos_ == "PROPN")):
        head = head.head
    return head


def gender_after(doc: Doc, start: int, end: int, quoted: Callable[[int], bool],
                 next_sentence: bool = True) -> str | None:
    """The gender of the pronoun that follows a name used as a subject: the first "he" / "she" / "his" / "her"
    later in its sentence, or the subject of the next sentence, before anybody else is named. Only the
    sentence's own with ``next_sentence`` off (a name tagged an organisation: "… that the Fed might … / She
    said …" is the reporter). Names and pronouns inside quote marks (``quoted``) say nothing."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or quoted(span.root.i):
        return None
    head = name_head(span)
    if head.dep_ not in ("nsubj", "nsubjpass"):
        return None
    sent = head.sent
    following = list(doc[span.end : sent.end])
    if next_sentence and sent.end < len(doc):
        after = doc[sent.end].sent
        subject = next((t.i for t in after if t.dep_ in ("nsubj", "nsubjpass")), after.start - 1)
        following += [t for t in after if t.i <= subject]
    for token in following:
        if token.ent_type_ in PERSON_LABELS:
            return None
        gender = GENDERED_PRONOUNS.get(token.lower_)
        if gender is not None and not quoted(token.i) and (
                token.dep_ in ("nsubj", "nsubjpass") or (token.dep_ == "poss" and token.i < sent.end)):
            return gender
    return None


def described_by(name: Span) -> list[Token]:
    """The singular common nouns a name is described with where it is written: in apposition ("Alfonso Espinos,
    the affable proprietor of Comic Vault", "the Republican nominee, Tom Smith") or as the predicate of "is"
    ("Espinos is the owner"). Nothing for a name that only modifies another word: "House" in "House Speaker
    Paul Ryan, the convention chair" is not the chair."""
    head = name.root
    while head.dep_ in ("compound", "flat") and name.start <= head.head.i < name.end and head.head.i != head.i:
        head = head.head
    if head.dep_ in ("compound", "poss"):
        return []
    nouns = [c for c in head.children if c.dep_ == "appos"]
    if head.dep_ == "appos":
        nouns.append(head.head)
    if head.dep_ == "nsubj" and head.head.lemma_ == "be":
        nouns += [c for c in head.head.children if c.dep_ == "attr"]
    return [n for n in nouns if n.pos_ == "NOUN" and n.tag_ == "NN"]


def family_owner(doc: Doc, start: int, end: int) -> Token | None:
    """The possessor of the family noun a name stands in apposition to: "Barden's" in "Mark Barden's son,
    Daniel", "his" in "George W. Bush … and his wife, Laura"; None for a name that is not so placed."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or span.root.dep_ != "appos" or span.root.head.lemma_.lower() not in KINSHIP_NOUNS:
        return None
    return next((c for c in span.root.head.children if c.dep_ == "poss"), None)
