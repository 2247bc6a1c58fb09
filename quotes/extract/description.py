"""Sieve ``description``: "the president", "the ministry", "the senator" — the one person whose title
holds that noun, the one organisation whose name does, or, when several people hold the title, the one named
last before the description. "Donald Trump's campaign" is the organisation the name index made of it. A word
for a kind of organisation that no name holds ("the union", "the bank") is the organisation just named as a
subject.

Only definite descriptions: "a spokesperson" and "sources" point at nobody the article names. No coreferee
here: over 150 news articles it linked four descriptions ("the woman", "the man"), mostly to the wrong
person, and cost a third of the extraction time.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from quotes.extract.document import Document, Record
from quotes.extract.pronouns import Found
from quotes.extract.subject_rule import recent_subject
from quotes.grammar import sentences_back
from quotes.names import ORGANISATION_NOUNS, PARTY_NOUNS, PERSONAL_ORGANISATIONS, NameCluster
from quotes.records import Quote

METHOD = "description"
CERTAINTY = 0.8
DEFINITE = frozenset({"the", "this", "that", "its", "his", "her", "their"})


def is_definite(mention: Span) -> bool:
    root = mention.root
    if root.pos_ not in ("NOUN", "PROPN"):
        return False
    return bool({t.lower_ for t in mention if t.dep_ in ("det", "poss")} & DEFINITE)


def resolve(doc: Document, record: Record, previous: Quote | None) -> Found | None:
    if record.mention_type == "pronoun":
        return None
    root = record.target.root
    names = doc.names
    owned = [m for m in names.mentions_between(record.target.start_char, record.target.end_char)
             if m.cluster.kind == "organisation" and m.start <= root.idx < m.end]
    if owned:
        return owned[-1].cluster, CERTAINTY  # "Donald Trump's campaign" → Trump campaign
    if not is_definite(record.target):
        return None
    cluster = names.by_role(root.lemma_, root.idx)
    if cluster is None and root.lower_ not in PARTY_NOUNS:  # "the Florida Republican" is no Republican Party
        cluster = names.org_by_head(root.lemma_, root.idx)
    if cluster is None:
        holders = names.all_by_role(root.lemma_, root.idx)
        recent = [m for m in names.mentions_before(root.idx, 2500) if m.cluster in holders]
        cluster = recent[-1].cluster if recent else None
    if cluster is None and root.lemma_.lower() in ORGANISATION_NOUNS and not _possessed(root):
        cluster = organisation_in_view(doc, root)
    if cluster is None and root.lemma_.lower() in PERSONAL_ORGANISATIONS and not _possessed(root):
        cluster = campaign_in_view(doc, root)
    return (cluster, CERTAINTY) if cluster is not None else None


def campaign_in_view(doc: Document, root: Token) -> NameCluster | None:
    """"The campaign says …" in an article that has named more than one campaign: the one named in this
    sentence or the two before ("A new ad from Donald Trump's presidential campaign … / The campaign says the
    ad will air nationally"), or else the campaign of the person named as a subject in this sentence or the one
    before, when the article has named that campaign ("Hillary Clinton plans to call on young people … / The
    campaign says …"). Not a campaign the article never names: "Sullivan … / the campaign has long maintained"
    is Clinton's, whose adviser Sullivan is."""
    noun = root.lemma_.lower()
    recent = [m for m in doc.names.mentions_between(sentences_back(root).idx, root.idx)
              if m.cluster.kind == "organisation" and m.cluster.words[-1].lower() == noun]
    if recent:
        return recent[-1].cluster
    person = recent_subject(doc, root, doc.named_before(root.idx, "person"), sentences=1)
    return doc.names.organisation_of(person, noun) if person is not None else None


def organisation_in_view(doc: Document, root: Token) -> NameCluster | None:
    """The organisation "the union" means when no name holds the noun: the one named as a subject in this
    sentence or the one before ("… the Association of Flight Attendants called Clinton a “champion” … / “…,”
    the union wrote"). Merely the one organisation named nearby is not enough: on the hold-outs that named as
    many wrongly as rightly."""
    return recent_subject(doc, root, doc.named_before(root.idx, "organisation"), sentences=1)


def _possessed(root: Token) -> bool:
    """"Trump's campaign", "its bank": somebody's, not the organisation the article is about."""
    return any(c.dep_ == "poss" for c in root.children)
