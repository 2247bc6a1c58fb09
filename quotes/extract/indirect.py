"""Pass 2: reported speech without quote marks, as ``indirect`` records.

"X said (that) …", "according to X, …", "X told reporters …", and at lower confidence content that is not a
clause ("X cited …", "X called for …", "X urged Y to …"); a verbless noun phrase is kept but hidden
(``quotes.reportable``). A report that quotes some of its words ("Manafort told friends that … the criticism was a
“badge of honor”") is stored as a mixed quote, as the quote-mark pass stores one.
"""

from __future__ import annotations

from quotes.cues import is_speech_verb
from quotes.extract.attribution import attribution_for_cue
from quotes.extract.clauses import according_clause, reported_clause, reported_object, segments_around
from quotes.extract.document import Document, Record
from quotes.extract.speakers import attach
from quotes.grammar import is_according, is_clause, is_non_speaker, is_phrase
from quotes.records import Quote


def add_reported_speech(doc: Document, records: list[Record]) -> list[Record]:
    """The quote-mark ``records`` plus reported speech. A short quoted phrase that pass 1 kept only tentatively
    gives way to a report around it, whose extent the speech verb fixes ("Lowe told a radio host he would
    consider it a “personal betrayal” if the council did not fund the library")."""
    reported = find(doc, [(r.quote.start, r.quote.end) for r in records if not r.tentative])

    def claimed(record: Record) -> bool:
        return any(r.quote.start < record.quote.end and record.quote.start < r.quote.end for r in reported)

    return [r for r in records if not (r.tentative and claimed(r))] + reported


def find(doc: Document, taken: list[tuple[int, int]]) -> list[Record]:
    """Reported speech on the cues pass 1 left over, outside the spans already ``taken``."""
    out: list[Record] = []
    for token in doc.doc:
        if token.i in doc.used_cues or doc.in_quote[token.i] != -1:
            continue
        found, is_object = None, False
        if is_according(token):
            found = according_clause(doc, token)
        elif is_speech_verb(token, doc.options.belief):
            found = reported_clause(doc, token)
        if found is None and doc.options.objects and token.pos_ == "VERB":
            found, is_object = reported_object(doc, token), True
        if found is None:
            continue
        start, end = found
        if any(start < e and s < end for s, e in taken):
            continue
        content = doc.tokens_in(start, end)
        if content is None or not (is_clause(content) or (is_object and is_phrase(content))):
            continue
        attribution = attribution_for_cue(doc, token)
        if not attribution.has_speaker or (attribution.subject is not None and is_non_speaker(attribution.subject)):
            continue
        if is_object:
            attribution.strength *= 0.7  # "cited derogatory comments": a report of what was said, not of words
        quoted_words = any(doc.quoted(t.i) and t.is_alpha for t in content)
        quote = Quote(start=start, end=end, text=doc.text[start:end], kind="mixed" if quoted_words else "indirect",
                      segments=segments_around(doc, token, start, end),
                      hidden="noun_phrase" if is_object and not is_clause(content) else None)
        taken.append((start, end))
        out.append(attach(doc, quote, attribution))
    return out
