"""Sieve ``floating``: a quotation with no cue of its own continues the person quoted just before.

"…, Schiff said. / “The other factor …”" — a quote with no cue of its own takes the previous quote's speaker
when it opens a sentence (or follows words that only modify it), follows within a paragraph, and nobody else is
named or reported as speaking in between. Mixed ones included: "Unless further rivals quit the race, “a very
difficult race to win”" is a quotation its lead-in continues (``clauses.lead_in``).
"""

from __future__ import annotations

from spacy.tokens import Token

from quotes.cues import is_speech_verb
from quotes.extract.document import AGENT, Document
from quotes.records import Quote

METHOD = "floating"


def run(doc: Document, quotes: list[Quote]) -> None:
    """A quote with no cue of its own takes the previous speaker when nobody else intervenes."""
    previous: Quote | None = None
    for quote in sorted(quotes, key=lambda q: q.start):
        if quote.method == "none" and quote.kind in ("direct", "mixed") and previous is not None:
            lead = lead_words(doc, quote)
            going_on = continuing_lead(lead)
            opens = doc.starts_sentence(quote.start) or adverbial_lead(doc, quote, lead) or going_on is not None
            if opens and nobody_between(doc, previous, quote, going_on):
                quote.speaker = previous.speaker
                quote.speaker_kind = previous.speaker_kind
                quote.role = previous.role
                quote.speaker_start, quote.speaker_end = previous.speaker_start, previous.speaker_end
                quote.speaker_mention = previous.speaker_mention
                quote.method = METHOD
                quote.confidence = round(min(previous.confidence, 0.9) * 0.8, 3)
        if quote.method.startswith(AGENT):
            previous = None  # a question put to somebody: the quote after it is the answer, not more question
        elif quote.speaker_start is not None and (quote.kind in ("direct", "mixed") or quote.cue) \
                and not _aside_of(doc, quote, previous):
            previous = quote  # "…, Schiff said. “The other factor …”": an indirect report leads in too


# How a word before the quote may hang on the quoted clause and still only modify it.
_MODIFIER_DEPS = frozenset({"cc", "advmod", "advcl", "prep", "npadvmod", "punct", "intj", "mark"})
MAX_LEAD_WORDS = 12


def lead_words(doc: Document, quote: Quote) -> list[Token]:
    """The words before a quote in its sentence, outside quote marks."""
    first = doc.tokens_in(quote.start, quote.start + 1)
    if first is None:
        return []
    return [t for t in first[0].sent if t.idx < quote.start and not doc.quoted(t.i) and not t.is_space]


def adverbial_lead(doc: Document, quote: Quote, lead: list[Token]) -> bool:
    """The words before the quote in its sentence (``lead``) only modify it — "But “…”", "Now, “…”", "Unless
    further rivals quit the race, “it's very difficult …”" — with no name, no speech verb and no clause of their
    own that the quote would belong to ("He has directed “…”" is somebody's action, not a continuation)."""
    if not lead or len(lead) > MAX_LEAD_WORDS:
        return False
    for token in lead:
        if token.pos_ == "PROPN" or token.ent_type_ in ("PERSON", "ORG") \
                or is_speech_verb(token, include_belief=False):
            return False
        top = token
        while top.head.i != top.i and top.head.idx < quote.start and not doc.quoted(top.head.i):
            top = top.head
        if top.head.i == top.i or top.dep_ not in _MODIFIER_DEPS:
            return False
    return True


def continuing_lead(lead: list[Token]) -> int | None:
    """Where a lead-in that only says the speaker goes on begins: "Adding, “Now, like with all Clinton scandals
    …”", "And continuing: “…”" — a participle of a speech verb with no subject of its own, the whole of what
    comes before the quote in its sentence (``lead``)."""
    words = [t for t in lead if not t.is_punct and t.dep_ != "cc"]
    if len(words) != 1:
        return None
    verb = words[0]
    if verb.tag_ != "VBG" or not is_speech_verb(verb, include_belief=False) \
            or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    return lead[0].idx


def nobody_between(doc: Document, previous: Quote, quote: Quote, lead_start: int | None = None) -> bool:
    if doc.paragraph_of(quote.start) - doc.paragraph_of(previous.end) > 1:
        return False
    gap_start = max(previous.end, previous.speaker_end or 0, previous.cue_end or 0)
    attribution = doc.tokens_in(gap_start - 1, gap_start)
    if attribution is not None and attribution[-1].sent.end_char <= quote.start:
        # The rest of the attribution's own sentence ("said Ann Lee, an aide to Obama.") is not an intervention,
        # unless it is a second clause in which somebody else speaks ("Ebeling said, and her husband cut in.").
        rest = doc.tokens_in(gap_start, attribution[-1].sent.end_char)
        if rest is not None and any(t.dep_ == "conj" and is_speech_verb(t, include_belief=False)
                                    and any(c.dep_ == "nsubj" for c in t.children) for t in rest):
            return False
        gap_start = max(gap_start, attribution[-1].sent.end_char)
    gap_end = quote.start if lead_start is None else lead_start
    for mention in doc.names.mentions_between(gap_start, gap_end):
        if mention.cluster.kind == "person" and mention.cluster.name != previous.speaker:
            if not doc.inside_quote(mention.start):
                return False
    gap = doc.tokens_in(gap_start, gap_end)
    if gap is not None:
        for token in gap:
            if doc.in_quote[token.i] == -1 and is_speech_verb(token, include_belief=False) \
                    and not any(c.dep_ == "neg" for c in token.children):
                return False  # "He didn't suggest retaliation." reports nothing said
    return True


def _aside_of(doc: Document, quote: Quote, previous: Quote | None) -> bool:
    """An indirect report later in the sentence of a direct quote is an aside to it: in "“Your reputation is
    amazing,” Trump assured Jones, after Jones assured Trump that …. “I will not let you down.”" the next
    quote still continues Trump."""
    if previous is None or quote.kind != "indirect" or previous.kind == "indirect" or previous.speaker is None:
        return False
    here, there = doc.tokens_in(quote.start, quote.end), doc.tokens_in(previous.start, previous.end)
    return here is not None and there is not None and here[0].sent.start == there[-1].sent.start
