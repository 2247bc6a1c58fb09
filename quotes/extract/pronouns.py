"""What the pronoun sieves share: which pronouns name people, gender agreement, and the people in view."""

from __future__ import annotations

from spacy.tokens import Token

from quotes.cues import is_speech_verb
from quotes.extract.document import Document
from quotes.names import PERSON_NOUNS, Mention, NameCluster

PERSON_PRONOUNS = {"he": "m", "him": "m", "she": "f", "her": "f"}
GROUP_PRONOUNS = {"they", "them", "it"}
# "They said" in news is nearly always several people (officials, critics, the plaintiffs) — a group the article
# does not name as one — while an organisation is "it". No name is the right answer for them.
PLURAL_PRONOUNS = frozenset({"they", "them"})
# Words that introduce somebody not named before: "a spokesman", "another aide", "one official".
INDEFINITE = frozenset({"a", "an", "another", "one"})
# A sieve's answer: the person or organisation (a document's name cluster, or a (name, kind) pair for a name
# the index does not hold) and how sure the sieve is of it.
Found = tuple[NameCluster | tuple[str, str], float]


def gender_ok(cluster: NameCluster, gender: str | None) -> bool:
    return gender is None or cluster.gender is None or cluster.gender == gender


def candidates(doc: Document, pronoun: Token) -> list[Mention]:
    """Names mentioned in the 1,500 characters before a pronoun, outside quote marks, that it could stand for:
    people for "he" / "she" (gender agreeing), organisations and groups for "it" / "they", nearest last."""
    gender = PERSON_PRONOUNS.get(pronoun.text.lower())
    if pronoun.text.lower() in PLURAL_PRONOUNS:
        return []
    kind = "organisation" if gender is None else "person"
    return [m for m in doc.named_before(pronoun.idx, kind) if gender_ok(m.cluster, gender) and not m.cluster.ambiguous]


def open_pronoun(record) -> Token | None:
    """The pronoun of a record the late sieves may take: he, she, it or they, written as the cue's subject
    (a relative pronoun's antecedent was the early sieves' business)."""
    if record.relative or record.mention is None:
        return None
    pronoun = record.mention.root
    return pronoun if pronoun.lower_ in PERSON_PRONOUNS or pronoun.lower_ in GROUP_PRONOUNS else None


def unnamed_speaker_between(doc: Document, start: int, pronoun: Token) -> bool:
    """Somebody new reported as speaking between a name and the pronoun: in "Donald Trump said … / A campaign
    spokesman said the campaign would appeal. “…,” he said." the "he" is the spokesman. Only an indefinite
    description introduces somebody new; "the candidate said", "the former secretary of state said" mostly
    point back at the person just named (on `fit` every one did)."""
    for token in doc.doc[start + 1 : pronoun.i]:
        if token.dep_ == "nsubj" and introduces_somebody(token) and not doc.quoted(token.i) \
                and is_speech_verb(token.head, include_belief=False):
            return True
    return False


def introduces_somebody(noun: Token) -> bool:
    """A noun for a person the article has not named: "a campaign spokesman", "one senior aide"."""
    return noun.lemma_.lower() in PERSON_NOUNS and any(c.lower_ in INDEFINITE for c in noun.children)
