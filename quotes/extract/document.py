"""What every pass reads about one parsed article: its quote marks, paragraphs, sentences and names.

``Document`` is built once per article and shared by the passes; it answers position questions (which
paragraph, which tokens, is this inside quote marks) in logarithmic time so that no pass rescans the text.
``Attribution`` is what a finding pass learnt about who a quote hangs on; ``Record`` carries a quote through
the speaker sieves together with that attribution.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from quotes.coref import CorefResolver
from quotes.grammar import sentences_back, strip_span
from quotes.marks import ALL_MARKS as QUOTE_MARKS
from quotes.marks import INLINE_SPACE, QuoteSpan, find_quote_spans, paragraph_bounds
from quotes.names import Mention, NameIndex
from quotes.records import Quote


@dataclass
class ExtractOptions:
    indirect: bool = True
    belief: bool = True  # belief / intention verbs ("X believes that …") count as indirect attribution
    objects: bool = True  # noun-phrase content ("X cited Y", "X called for Y") as low-confidence indirect quotes
    coref: str = "window"  # "window" | "document" | "off"
    calibrate: bool = True  # confidence as a calibrated probability (quotes.calibration); off: the rules' score
    skip: tuple[str, ...] = ()  # speaker sieves to leave out, by name (quotes eval --ablate)


# The method of words put to somebody ("Sanders was asked by host Bill Maher, “…”"): the asker's, or nobody's
# the text names. The one asked answers next, so no pass continues the asker after it.
AGENT = "agent"


@dataclass
class Attribution:
    """Who a quote hangs on, as a finding pass saw it: the cue, its subject as written, and the rule."""

    cue: Token | None
    subject: Span | None
    method: str
    strength: float = 1.0
    role: str | None = None

    @property
    def has_speaker(self) -> bool:
        """Whether the text says somebody spoke: a subject as written, or the unnamed asker of "Trump was asked,
        “…”" (``agent`` with no "by")."""
        return self.subject is not None or self.method == AGENT


@dataclass
class Record:
    """A quote on its way through the speaker sieves. ``mention`` is the speaker as written at the cue;
    ``target`` what it stands for in its own sentence (a relative pronoun's antecedent, ``relative`` then
    true) and ``mention_type`` whether that is a "pronoun", a "description" or a "name". ``open`` stays true
    while no sieve has decided who it is. A ``tentative`` record is a short quoted phrase kept only for want of a
    better one: the reported-speech pass may claim its words (``quotes.extract.indirect``)."""

    quote: Quote
    attribution: Attribution
    mention: Span | None = None
    target: Span | None = None
    relative: bool = False
    mention_type: str | None = None
    open: bool = False
    tentative: bool = False


class Document:
    def __init__(self, doc: Doc, options: ExtractOptions, title_end: int | None = None):
        self.doc = doc
        self.text = doc.text
        self.options = options
        self.title_end = title_end  # where the article's title ends, when the text opens with it
        self.paragraph_starts = [s for s, e in paragraph_bounds(self.text) if self.text[s:e].strip()] or [0]
        self.sentence_starts = [s.start for s in doc.sents]
        self.token_starts = [t.idx for t in doc]
        self.spans = [s for s in find_quote_spans(self.text) if s.end > s.start]
        self.in_quote = self._mark_quoted_tokens()
        self.names = NameIndex(doc, quoted=self.quoted)
        self.coref = CorefResolver(doc, options.coref)
        self.used_cues: set[int] = set()
        self.listed: set[int] = set()  # first spans of groups that are lists of quoted phrases

    def _mark_quoted_tokens(self) -> list[int]:
        marks = [-1] * len(self.doc)
        for n, span in enumerate(self.spans):
            lo = bisect_right(self.token_starts, span.outer_start - 1)
            hi = bisect_right(self.token_starts, span.outer_end - 1)
            for i in range(lo, hi):
                marks[i] = n
        return marks

    # -- positions -----------------------------------------------------------------------
    def paragraph_of(self, pos: int) -> int:
        return max(0, bisect_right(self.paragraph_starts, pos) - 1)

    def tokens_in(self, start: int, end: int) -> Span | None:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return span if span is not None and len(span) else None

    def quoted(self, token_i: int) -> bool:
        return self.in_quote[token_i] != -1

    def narration_back(self, token: Token, sentences: int = 2) -> Token:
        """Like ``sentences_back``, without counting the sentences of the quotation that ends right before the
        token, though never past the paragraph before the token's own: in "Trump decried … / “I have a message
        … Believe me. Believe me,” he said." the sentence before "he said" is Trump's, however long the quote."""
        first = token.sent.start
        while first > 0 and self._quoted_sentence(self.doc[first - 1].sent):
            first = self.doc[first - 1].sent.start
        paragraph_before = self.paragraph_starts[max(0, self.paragraph_of(token.idx) - 1)]
        limit = bisect_left(self.token_starts, paragraph_before)
        past_quote = sentences_back(self.doc[first], sentences).i
        return self.doc[min(sentences_back(token, sentences).i, max(past_quote, limit))]

    def _quoted_sentence(self, sent: Span) -> bool:
        return all(self.quoted(t.i) for t in sent if not (t.is_punct or t.is_space))

    def inside_quote(self, pos: int) -> bool:
        i = bisect_right(self.token_starts, pos) - 1
        return 0 <= i < len(self.in_quote) and self.in_quote[i] != -1

    def named_before(self, pos: int, kind: str, window_chars: int = 1500) -> list[Mention]:
        """People or organisations (``kind``) named before ``pos`` in the narration, outside quote marks, nearest
        last: who a pronoun or a description could stand for."""
        return [m for m in self.names.mentions_before(pos, window_chars)
                if m.cluster.kind == kind and not self.inside_quote(m.start)]

    def starts_sentence(self, start: int) -> bool:
        """True when the quote (its content begins at ``start``) opens a sentence or paragraph."""
        before = self.text[max(0, start - 40) : start].rstrip(INLINE_SPACE).rstrip(QUOTE_MARKS)
        before = before.rstrip(INLINE_SPACE)
        return not before or before.endswith(("\n", ".", "!", "?", ":", "…", "”", '"', "''"))

    def opens_paragraph(self, span: QuoteSpan) -> bool:
        paragraph_start = self.paragraph_starts[self.paragraph_of(span.outer_start)]
        return not self.text[paragraph_start : span.outer_start].strip()

    def token_before(self, span: QuoteSpan) -> Token | None:
        k = bisect_right(self.token_starts, span.outer_start - 1) - 1
        while k >= 0 and (self.doc[k].is_space or self.doc[k].text in QUOTE_MARKS):
            k -= 1
        return self.doc[k] if k >= 0 else None

    def token_after(self, span: QuoteSpan) -> Token | None:
        k = bisect_right(self.token_starts, span.outer_end - 1)
        while k < len(self.doc) and (self.doc[k].is_space or self.doc[k].text in QUOTE_MARKS):
            k += 1
        return self.doc[k] if k < len(self.doc) else None

    def char_range(self, lo: int, hi: int) -> tuple[int, int]:
        """Character offsets of tokens lo..hi, without edge spaces and punctuation."""
        start = self.doc[lo].idx
        end = self.doc[hi].idx + len(self.doc[hi].text)
        return strip_span(self.text, start, end)

    def around(self, region, first: QuoteSpan, last: QuoteSpan) -> tuple[int, int]:
        """The character span of a reported region; the quoted pieces always lie inside it."""
        start, end = strip_span(self.text, region[0].idx, region[-1].idx + len(region[-1].text))
        return (min(start, first.start), max(end, last.end))

    def finish(self, quote: Quote) -> Quote:
        """Paragraph, sentence and the context a reader needs around the quote."""
        quote.paragraph = self.paragraph_of(quote.start)
        span = self.tokens_in(quote.start, min(quote.end, quote.start + 1))
        if span is not None:
            sent = span[0].sent
            quote.sentence = bisect_right(self.sentence_starts, sent.start) - 1
            lo = min(sent.start_char, quote.start)
            end_span = self.tokens_in(max(quote.start, quote.end - 1), quote.end)
            hi = max(end_span[-1].sent.end_char if end_span is not None else sent.end_char, quote.end)
            quote.context = self.text[lo:hi].strip()[:1000]
        return quote


def own_words(region, quote_ids: set[int], ignore: tuple[str, ...] = ("that", "as")) -> int:
    """How many words of a reported region lie outside the quote marks: two or more make it paraphrase."""
    return sum(1 for t in region if t.i not in quote_ids and not t.is_punct and not t.is_space
               and t.lower_ not in ignore)
