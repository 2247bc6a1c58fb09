"""Sieve ``named``: the cue's subject is a name ("Ana Silva", "Mr. Trump", "the Kremlin").

The document's name index gives the canonical form ("Mr. Trump" → "Donald Trump" when the article names him
in full); a name the index does not hold is taken as written, without its titles. A plural nationality or
party ("Democrats said") is a group, not a speaker, and gets no name. The method keeps the rule's
own name (``cue_subject``), with no suffix: nothing needed resolving.
"""

from __future__ import annotations

import re

from quotes.extract.document import Document, Record
from quotes.extract.pronouns import Found
from quotes.grammar import is_named
from quotes.names import split_title
from quotes.records import Quote

METHOD = "named"
# Surnames the tagger reads as common nouns: "D’Souza replied", "O'Neil said", "McKinnon added".
SURNAME_SHAPE = re.compile(r"^(?:[A-Z][a-z]?['’][A-Z]|Ma?c[A-Z])[a-z]+")
# Entity types whose words belong to a name: not "2017" in "in 2017 America says".
NAME_ENTITIES = frozenset({"PERSON", "ORG", "NORP", "GPE", "FAC", "LOC", "PRODUCT", "WORK_OF_ART", "EVENT"})


def resolve(doc: Document, record: Record, previous: Quote | None) -> Found | None:
    if record.mention_type != "name":
        return None
    mention = record.target
    if mention.root.ent_type_ == "NORP" and mention.root.tag_ in ("NNPS", "NNS"):
        return None  # "Democrats", "Catholics": a group of people, not one speaker
    cluster = doc.names.cluster_for(mention)
    if cluster is not None and not cluster.ambiguous:
        return cluster, 1.0
    if is_named(mention) or all(SURNAME_SHAPE.match(t.text) for t in mention):
        name_words = [t.text.lstrip("-–—―") for t in mention  # "--Michelle Marks" under a quote
                      if t.pos_ == "PROPN" or t.ent_type_ in NAME_ENTITIES or SURNAME_SHAPE.match(t.text)]
        _, name_words = split_title(name_words)
        if name_words:
            kind = "organisation" if mention.root.ent_type_ in ("ORG", "NORP", "GPE") else "person"
            return (" ".join(name_words).removesuffix("’s").removesuffix("'s"), kind), 0.95
    return None
