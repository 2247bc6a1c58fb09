"""Pass 2b: records that hold the same words. A quote sheet must not show one quotation twice.

Two records overlap when the parse lets a reported clause run on past its own quoted words:

- on one cue, a quotation and the mixed quote that contains it (“Working families” and "“Working families” are
  “not asking for handouts,” the senator said", both on "said") are one statement: the mixed quote takes the
  quotation as a fragment of its own;
- on two cues, a mixed quote that runs on over the next report ("he found the architect “very clever” and
  called the budget “a total mess”", "… “kept us safe” on Monday before claiming that …") ends before the
  words that report begins with, and before the "and" or comma that joins them. A relative clause ("the
  budget, which she called “a mess”") describes something in the words before it and stays with them.
"""

from __future__ import annotations

from spacy.tokens import Token

from quotes.extract.document import Document, Record
from quotes.records import Quote

# What joins a report to the one before it, left out of both ("… “very clever” and", "…,"), and an opening
# mark left behind by a cut.
JOINERS = frozenset({",", ";", ":", "-", "–", "—", "and", "but", "or", "“", "‘", '"', "'", "''"})


def separate(doc: Document, records: list[Record]) -> list[Record]:
    """``records`` without a record contained in another on the same cue, and with every mixed quote ending
    before a later record that starts inside it after its own quoted words."""
    kept = absorb_contained(records)
    for record in kept:
        quote = record.quote
        if quote.kind != "mixed":
            continue
        words_end = max(own_words(doc, record, kept), default=None)
        if words_end is None:
            continue
        later = [(r, report_head(doc, r, words_end)) for r in kept
                 if r is not record and words_end <= r.quote.start < quote.end]
        later = [(r, head) for r, head in later if not describes(head)]
        if not later:
            continue
        quote.end = trim_joiners(doc, words_end, min(report_start(r, head, words_end) for r, head in later))
        quote.text = doc.text[quote.start : quote.end]
        if quote.segments:
            quote.segments = [[s, min(e, quote.end)] for s, e in quote.segments if s < quote.end] or None
    return kept


def absorb_contained(records: list[Record]) -> list[Record]:
    """``records`` less each one that a mixed record on the same cue contains; its quoted words become
    fragments of that mixed record."""
    kept = []
    for record in records:
        outer = container(record, records)
        if outer is None:
            kept.append(record)
            continue
        held = outer.fragments or []
        pieces = record.quote.fragments or [[record.quote.start, record.quote.end]]
        outer.fragments = sorted(held + [list(p) for p in pieces if list(p) not in held])
    return kept


def container(record: Record, records: list[Record]) -> Quote | None:
    """The mixed quote on the record's own cue that holds all of its words, if any."""
    quote = record.quote
    for other in records:
        outer = other.quote
        if other is not record and outer.kind == "mixed" and outer.cue_start is not None \
                and outer.cue_start == quote.cue_start and outer.start <= quote.start and quote.end <= outer.end \
                and (outer.start, outer.end) != (quote.start, quote.end):
            return outer
    return None


def own_words(doc: Document, record: Record, records: list[Record]) -> list[int]:
    """Where the quoted pieces a mixed record stands for end, closing marks included: its fragments, or the
    quotations inside it that no other of the ``records`` holds (a report the reported-speech pass found around
    quoted words)."""
    quote = record.quote
    if quote.fragments:
        return [next((q.outer_end for q in doc.spans if q.start <= s and e <= q.end), e) for s, e in quote.fragments]
    others = [r.quote for r in records if r is not record]
    return [q.outer_end for q in doc.spans if quote.start <= q.start and q.end <= quote.end
            and not any(o.start <= q.start < o.end for o in others)]


def report_head(doc: Document, record: Record, after: int) -> Token | None:
    """The word the record's report hangs on after position ``after``: its cue, climbed up the clauses and
    prepositions it completes while they lie after that position ("and let them know that “…”" hangs on
    "let", "before claiming that …" on "before")."""
    start = record.quote.cue_start
    cue = doc.tokens_in(start, start + 1) if start is not None else None
    if cue is None:
        return None
    node = cue[0]
    while node.dep_ in ("ccomp", "xcomp", "pcomp") and node.head.idx >= after:
        node = node.head
    return node


def describes(head: Token | None) -> bool:
    """Whether a report hanging on ``head`` is a relative clause ("the budget, which she called “a mess”"): it
    describes something in the words before, which keep it."""
    return head is not None and head.dep_ in ("relcl", "acl")


def report_start(record: Record, head: Token | None, after: int) -> int:
    """Where a report begins: its own first word, or the clause it hangs on (``head``) when that comes first and
    after the words before it ("before claiming that …", "and he, once again, pledged …")."""
    start = record.quote.start
    if head is None:
        return start
    opens = head.left_edge.idx
    return opens if after <= opens < start else start


def trim_joiners(doc: Document, floor: int, end: int) -> int:
    """``end`` moved back over spaces and the words that join two reports, never before ``floor``."""
    while end > floor:
        stripped = doc.text[floor:end].rstrip()
        end = floor + len(stripped)
        word = stripped.rsplit(None, 1)[-1] if stripped else ""
        if word.lower() in JOINERS:
            end -= len(word)
        elif len(word) > 1 and word[-1] in ",;:":
            end -= 1
        else:
            break
    return end
