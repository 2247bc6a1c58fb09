"""Sieve ``appositive_name``: a description with the name beside it ("The company, Northern Lines, said";
"Lindqvist's deputy, Anna Kowalski, said"). The name is the speaker; for a person the description becomes
the role."""

from __future__ import annotations

from quotes.extract.document import Document, Record
from quotes.extract.pronouns import Found
from quotes.grammar import is_named, noun_phrase
from quotes.records import Quote

METHOD = "appositive_name"
CERTAINTY = 0.9


def resolve(doc: Document, record: Record, previous: Quote | None) -> Found | None:
    if record.mention_type == "pronoun":
        return None
    root = record.target.root
    if root.pos_ not in ("NOUN", "PROPN"):
        return None
    for child in root.children:
        if child.dep_ != "appos":
            continue
        # A person named inside the appositive wins over its head: in "Scott's niece, state Del. Marcia
        # Price (D-Newport News)" the parser heads the appositive with the party label.
        people = [e for e in doc.doc[child.left_edge.i : child.right_edge.i + 1].ents if e.label_ == "PERSON"]
        name = people[0] if people else noun_phrase(child)
        in_parentheses = name.start > 0 and doc.doc[name.start - 1].text == "("
        if is_named(name) and not in_parentheses:
            cluster = doc.names.cluster_for(name)
            if cluster is not None:
                if cluster.kind == "person":
                    record.quote.role = record.mention.text
                return cluster, CERTAINTY
    return None
