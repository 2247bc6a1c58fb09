"""Sieve ``coref``: coreferee's antecedent for an open pronoun, when it is a person (for he / she, of the same
gender) or an organisation (for it / they) the article names. coreferee runs on a few sentences before the
pronoun only (``quotes.coref``), and only for pronouns the cheaper sieves left open."""

from __future__ import annotations

from spacy.tokens import Token

from quotes.extract.document import Document, Record
from quotes.extract.pronouns import PERSON_PRONOUNS, Found, candidates, gender_ok, open_pronoun
from quotes.names import NameCluster
from quotes.records import Quote

METHOD = "coref"
CERTAINTY = 0.75


def resolve(doc: Document, record: Record, previous: Quote | None) -> Found | None:
    pronoun = open_pronoun(record)
    if pronoun is None:
        return None
    if not candidates(doc, pronoun) and not doc.names.has_roles():
        return None  # nobody coreferee could lead to: skip the expensive call
    gender = PERSON_PRONOUNS.get(pronoun.text.lower())
    for antecedent in doc.coref.antecedents(pronoun):
        cluster = cluster_at(doc, antecedent)
        if cluster is not None and (cluster.kind == "person") == (gender is not None) and gender_ok(cluster, gender):
            return cluster, CERTAINTY
    return None


def cluster_at(doc: Document, token: Token) -> NameCluster | None:
    """The name cluster a token of the document belongs to (or, for a title noun, its one holder)."""
    cluster = doc.names.cluster_at(token.idx)
    if cluster is not None:
        return cluster
    if token.pos_ == "NOUN":
        return doc.names.by_role(token.lemma_, token.idx)
    return None
