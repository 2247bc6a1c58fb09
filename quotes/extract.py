"""The extraction engine: quotations and their speakers from a parsed ``Doc``.

Three passes over one document:

1. direct quotes from the quote-mark finder (``quotes.marks``), each tied to
   the speech cue it hangs on in the parse; a quote whose cue's clause is
   wider than the quoted words is ``mixed``; a quote interrupted by its own
   attribution becomes one record with two ``segments``;
2. indirect speech from the cues left over ("X said (that) …", "according to
   X, …", "X told reporters …", and at lower confidence "X cited …", "X vowed
   to …");
3. a speaker sieve for every record, recording the rule that fired
   (``method``) and a ``confidence``: named subject → a pronoun through the
   subject rule, then coreferee → a description through the titles and
   organisations the article names → the previous speaker for a floating
   quote → nothing. An unknown speaker beats a wrong one.

The grammatical questions the rules ask live in ``quotes.grammar``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from quotes.coref import CorefResolver
from quotes.cues import (
    DIRECTIVE_VERBS,
    INTENT_VERBS,
    NAMING_VERBS,
    OBJECT_PREPS,
    OBJECT_VERBS,
    is_speech_verb,
    speech_strength,
)
from quotes.grammar import (
    CREDIT_LINE,
    SUBJECT_DEPS,
    according_source,
    appositive_text,
    aside_commas,
    content_end,
    in_subtree,
    is_according,
    is_aside,
    is_clause,
    is_linked,
    is_named,
    is_non_speaker,
    is_parenthetical,
    is_phrase,
    looks_like_title,
    noun_phrase,
    outermost_cue,
    relative_antecedent,
    strip_span,
    subject_of,
    trim_mention,
)
from quotes.marks import ALL_MARKS as QUOTE_MARKS
from quotes.marks import TRANSCRIPT_SPEAKER, QuoteSpan, find_quote_spans, paragraph_bounds
from quotes.names import TITLE_WORDS, NameCluster, NameIndex, split_title
from quotes.records import Quote
from quotes.reportable import mark_hidden

PERSON_PRONOUNS = {"he": "m", "him": "m", "she": "f", "her": "f"}
GROUP_PRONOUNS = {"they", "them", "it"}
# Children of a cue that carry what was said (its object or complement clause).
REPORTED_DEPS = ("ccomp", "xcomp", "dobj", "attr", "oprd", "acomp")
LISTENER_VERBS = frozenset({"tell", "inform", "remind", "assure", "warn", "ask", "urge", "advise", "notify"})
MIN_UNCUED_WORDS = 4
# Subordinators of a clause the reporter adds after a quote ("… when Clinton blasted him"); "because" and
# "if" clauses usually carry the speaker's own reasoning and stay in what was said.
NARRATION_MARKS = frozenset({"when", "as", "after", "before", "while", "until", "since", "during"})
_LIST_GAP = re.compile(r"^[\s,]*(?:and|or)?[\s,]*$")
# Lines a page adds around an article ("Follow Pam Key on Twitter @pamkey"), never speech.
_BOILERPLATE = re.compile(r"^\s*(follow\s.*\bon\s+(twitter|facebook|instagram|x)\b|\(?crosstalk\)?\.?$|\(.*\)\.?$)", re.I)
_DASH_NAME = re.compile(r"^[ \t\u00a0]*[―—–-]{1,2}[ \t\u00a0]*([A-Z][^\n“”\"]{1,80}?)[ \t.]*$")
# How much each attribution rule is trusted before pronoun resolution and cue strength are applied.
METHOD_CONFIDENCE = {"cue_subject": 0.95, "inverted_subject": 0.93, "appositive": 0.93, "according_to": 0.9,
                     "colon_cue": 0.88, "colon_name": 0.85, "colon_subject": 0.85, "dash_name": 0.85}


@dataclass
class ExtractOptions:
    indirect: bool = True
    belief: bool = True  # belief / intention verbs ("X believes that …") count as indirect attribution
    objects: bool = True  # noun-phrase content ("X cited Y", "X called for Y") as low-confidence indirect quotes
    coref: str = "window"  # "window" | "document" | "off"
    calibrate: bool = True  # confidence as a calibrated probability (quotes.calibration); off: the rules' score


@dataclass
class _Attribution:
    cue: Token | None
    subject: Span | None
    method: str
    strength: float = 1.0
    role: str | None = None


class _DocExtractor:
    def __init__(self, doc: Doc, options: ExtractOptions):
        self.doc = doc
        self.text = doc.text
        self.options = options
        self.names = NameIndex(doc)
        self.coref = CorefResolver(doc, options.coref)
        self.paragraph_starts = [s for s, e in paragraph_bounds(self.text) if self.text[s:e].strip()] or [0]
        self.sentence_starts = [s.start for s in doc.sents]
        self.token_starts = [t.idx for t in doc]
        self.spans = [s for s in find_quote_spans(self.text) if s.end > s.start]
        self.in_quote = self._mark_quoted_tokens()
        self.used_cues: set[int] = set()
        self.listed: set[int] = set()  # first spans of groups that are lists of quoted phrases

    # -- setup -----------------------------------------------------------------
    def _mark_quoted_tokens(self) -> list[int]:
        marks = [-1] * len(self.doc)
        for n, span in enumerate(self.spans):
            lo = bisect_right(self.token_starts, span.outer_start - 1)
            hi = bisect_right(self.token_starts, span.outer_end - 1)
            for i in range(lo, hi):
                marks[i] = n
        return marks

    def paragraph_of(self, pos: int) -> int:
        return max(0, bisect_right(self.paragraph_starts, pos) - 1)

    def tokens_in(self, start: int, end: int) -> Span | None:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return span if span is not None and len(span) else None

    # -- pass 1: direct and mixed quotes -------------------------------------------
    def direct_quotes(self) -> list[Quote]:
        quotes: list[Quote] = []
        for group in self._group_split_quotes():
            quote = self._direct_quote(group)
            if quote is None:
                continue
            previous = quotes[-1] if quotes else None
            if previous is not None and previous.kind == "mixed" and previous.cue_start == quote.cue_start \
                    and quote.start < previous.end:
                # Several quoted pieces of one reported clause ("called him a “liar” and a “bully”"): one record.
                previous.end = max(previous.end, quote.end)
                previous.text = self.text[previous.start : previous.end]
                previous.fragments += quote.fragments or [[quote.start, quote.end]]
                continue
            quotes.append(quote)
        return quotes

    def _group_split_quotes(self) -> list[list[int]]:
        """Join “A,” he said, “B.” (and “A,” said X. “B.”) into one group of spans."""
        groups: list[list[int]] = []
        for n, span in enumerate(self.spans):
            if groups:
                prev = self.spans[groups[-1][-1]]
                gap = self.text[prev.outer_end : span.outer_start]
                if (
                    "\n" not in gap
                    and len(groups[-1]) == 1
                    and self._starts_sentence(self.spans[groups[-1][0]].start)
                    and self._is_attribution_gap(prev.outer_end, span.outer_start)
                    and gap.rstrip().endswith((",", ".", ":", ";", "—", "–", "-"))  # not “…,” he said on CNN’s “B”
                    and not re.search(r"[.!?]\s+\S", gap.strip())  # one attribution, not a sentence more
                    and (self.text[prev.start : prev.end].rstrip().endswith((",", "—", "-", "…")) or gap.rstrip().endswith(","))
                    and not (gap.rstrip().endswith(".") and self._attributed_after(span))
                ):
                    groups[-1].append(n)
                    continue
                if "\n" not in gap and _LIST_GAP.match(gap) and not self._starts_sentence(span.start):
                    # went on about “how the system is rigged,” and “wounded American families” and “our own
                    # struggling citizens”: one list of quoted phrases, one record.
                    self.listed.add(groups[-1][0])
                    groups[-1].append(n)
                    continue
            groups.append([n])
        return groups

    def _attributed_after(self, span: QuoteSpan) -> bool:
        """“B,” added Rep. Jim Clyburn — a quote with its own attribution after it starts a new record."""
        line_end = self.text.find("\n", span.outer_end)
        line_end = len(self.text) if line_end < 0 else line_end
        stop = min(line_end, span.outer_end + 120)
        for mark in QUOTE_MARKS:  # only up to the next quotation
            found = self.text.find(mark, span.outer_end + 1, stop)
            if found >= 0:
                stop = found
        tail = self.tokens_in(span.outer_end, stop) if stop > span.outer_end else None
        if tail is None:
            return False
        return self._is_attribution_gap(span.outer_end, min(stop, tail[0].sent.end_char))

    def _is_attribution_gap(self, start: int, end: int) -> bool:
        gap = self.tokens_in(start, end)
        if gap is None:
            return False
        words = [t for t in gap if not t.is_punct and not t.is_space]
        if not words or len(words) > 10 or any(t.lower_ == "that" for t in words):
            return False
        return any(is_speech_verb(t, include_belief=False) for t in words)

    def _direct_quote(self, group: list[int]) -> Quote | None:
        spans = [self.spans[n] for n in group]
        first, last = spans[0], spans[-1]
        pieces = [p for s in spans for p in s.pieces]
        transcript = TRANSCRIPT_SPEAKER.match(self.text, first.start)
        if transcript is not None and len(spans) == 1 and self._opens_paragraph(first):
            return self._transcript_line(first, transcript)
        attribution = self._find_cue(group)
        content = self.text[first.start : last.end]
        n_words = len(content.split())
        before, after = self._token_before(first), self._token_after(last)
        if looks_like_title(content) and before is not None and before.tag_ in ("IN", "DT", "POS", "PRP$") and (
                not self._reported_by(attribution, first) or self._work_of_art(first) or before.tag_ == "POS"):
            return None  # on CBS’s “Face the Nation,” … — the name of a show, book or article, not speech
        if n_words <= 2 and before is not None and after is not None and before.pos_ == "PROPN" \
                and after.text[:1].isupper() and after.is_alpha and before.sent == after.sent:
            return None  # Marcia “Cia” Price: a nickname inside a name
        if attribution is None:
            attribution = self._colon_speaker(first) or self._dash_speaker(last)
        if attribution is None:
            if n_words < MIN_UNCUED_WORDS or looks_like_title(content) or CREDIT_LINE.match(content) \
                    or _BOILERPLATE.match(content):
                return None  # scare quotes, nicknames, titles of works
            attribution = _Attribution(None, None, "none", 0.0)
        quote = Quote(
            start=first.start,
            end=last.end,
            text=content,
            kind="direct",
            segments=[list(p) for p in pieces] if len(pieces) > 1 and group[0] not in self.listed else None,
            closed=all(s.closed for s in spans),
        )
        if n_words < MIN_UNCUED_WORDS and (attribution.subject is None or attribution.strength < 0.9):
            return None  # “Shorty”, known as a nickname: a short quote needs somebody who said it
        clause = self._mixed_clause(attribution, first, last)
        if clause is not None:
            quote.kind = "mixed"
            quote.start, quote.end = clause
            quote.text = self.text[clause[0] : clause[1]]
            quote.fragments = [list(p) for p in pieces]
            quote.segments = None
            if attribution.cue is not None and quote.start < attribution.cue.idx < quote.end:
                quote.segments = self._segments_around(attribution.cue, quote.start, quote.end)
        self._attribute(quote, attribution)
        return quote

    def _reported_by(self, attribution: _Attribution | None, span: QuoteSpan) -> bool:
        """The quote lies in what its cue reports ("proclaimed a goal of “Peace Through Strength”"), not in
        a phrase about where or when ("said on “Fox and Friends”")."""
        if attribution is None or attribution.cue is None:
            return False
        cue = attribution.cue
        if cue.lemma_ in NAMING_VERBS:
            return True
        inside = self.tokens_in(span.start, span.end)
        if inside is None:
            return False
        return any(child.dep_ in REPORTED_DEPS and in_subtree(inside[0], child) for child in cue.children)

    def _work_of_art(self, span: QuoteSpan) -> bool:
        inside = self.tokens_in(span.start, span.end)
        return inside is not None and all(t.ent_type_ == "WORK_OF_ART" or t.is_punct for t in inside)

    def _opens_paragraph(self, span: QuoteSpan) -> bool:
        paragraph_start = self.paragraph_starts[self.paragraph_of(span.outer_start)]
        return not self.text[paragraph_start : span.outer_start].strip()

    def _transcript_line(self, span: QuoteSpan, match: re.Match) -> Quote | None:
        """`"PENCE: Well, look, …` — a transcript line: the speaker is the capitalised name before the colon."""
        start, end = strip_span(self.text, match.end(), span.end)
        name = self.tokens_in(match.start(1), match.end(1))
        if end <= start or name is None:
            return None
        quote = Quote(start=start, end=end, text=self.text[start:end], kind="direct", closed=span.closed,
                      method="transcript", speaker_start=name.start_char, speaker_end=name.end_char,
                      speaker_mention=name.text)
        cluster = self.names.by_name(match.group(1))
        if cluster is not None:
            quote.speaker, quote.speaker_kind, quote.role = cluster.name, cluster.kind, cluster.role
            quote.confidence = 0.85
        else:
            quote.speaker, quote.speaker_kind, quote.confidence = match.group(1).title(), "person", 0.6
        return quote

    def _token_before(self, span: QuoteSpan) -> Token | None:
        k = bisect_right(self.token_starts, span.outer_start - 1) - 1
        while k >= 0 and (self.doc[k].is_space or self.doc[k].text in QUOTE_MARKS):
            k -= 1
        return self.doc[k] if k >= 0 else None

    def _token_after(self, span: QuoteSpan) -> Token | None:
        k = bisect_right(self.token_starts, span.outer_end - 1)
        while k < len(self.doc) and (self.doc[k].is_space or self.doc[k].text in QUOTE_MARKS):
            k += 1
        return self.doc[k] if k < len(self.doc) else None

    def _find_cue(self, group: list[int]) -> _Attribution | None:
        """The speech cue a quote hangs on: the nearest cue in its sentences linked to it in the parse."""
        spans = [self.spans[n] for n in group]
        start, end = spans[0].outer_start, spans[-1].outer_end
        qtokens = self.tokens_in(start, end)
        if qtokens is None:
            return None
        members = set(group)
        quote_ids = {t.i for t in qtokens if self.in_quote[t.i] in members}
        sentences = {t.sent.start: t.sent for t in qtokens if not t.is_space}
        after = self._sentence_after(spans[-1])
        if after is not None:  # “Why now?” Clinton said. — the parser ends the sentence at the question mark
            sentences[after.start] = after
        best: tuple[float, Token] | None = None
        for sent in sentences.values():
            for token in sent:
                if self.in_quote[token.i] != -1:
                    continue
                is_naming = token.lemma_.lower() in NAMING_VERBS and token.pos_ == "VERB"
                if not (is_speech_verb(token, self.options.belief) or is_naming or is_according(token)):
                    continue
                linked = is_linked(token, quote_ids)
                if after is not None and token.sent.start == after.start and token.dep_ == "ROOT" and not any(
                        c.dep_ in ("ccomp", "xcomp", "dobj") for c in token.children):
                    linked = True  # “…!” Scott's niece, state Del. Marcia Price, shouted to the crowd.
                if is_naming and not linked:
                    continue
                distance = min(abs(token.i - i) for i in quote_ids) if quote_ids else 0
                if not linked and distance > 8:
                    continue
                score = distance + (0 if linked else 20) + (0 if speech_strength(token) >= 1.0 else 5)
                if token.tag_ == "VBG" and not any(c.dep_ in SUBJECT_DEPS for c in token.children):
                    score += 3  # "X said: “…,” adding that …": the participle continues the attribution
                if best is None or score < best[0]:
                    best = (score, token)
        if best is None:
            return None
        cue = outermost_cue(best[1])
        return self._attribution_for_cue(cue)

    def _sentence_after(self, span: QuoteSpan) -> Span | None:
        """The sentence that starts right after a quote's closing mark, in the same paragraph."""
        rest = self.text[span.outer_end : span.outer_end + 3]
        if "\n" in rest:
            return None
        k = bisect_right(self.token_starts, span.outer_end + len(rest) - len(rest.lstrip()))
        if k >= len(self.doc) or k < 1:
            return None
        token = self.doc[k - 1] if self.doc[k - 1].idx >= span.outer_end else self.doc[k]
        if not token.is_sent_start or self.in_quote[token.i] != -1:
            return None
        return token.sent

    def _dash_speaker(self, span: QuoteSpan) -> _Attribution | None:
        """`“…” ― Nell Carden Grey` or `“…” —Commissioner Jo Starks`: a name after a dash ends the line."""
        line_end = self.text.find("\n", span.outer_end)
        rest = self.text[span.outer_end : len(self.text) if line_end < 0 else line_end]
        match = _DASH_NAME.match(rest)
        if match is None:
            return None
        start = span.outer_end + match.start(1)
        end = span.outer_end + match.end(1)
        name = self.tokens_in(start, end)
        if name is None or not is_named(name):
            return None
        role = None
        comma = name.text.find(",")
        if comma > 0:
            role = name.text[comma + 1 :].strip() or None
            name = self.tokens_in(start, start + comma)
            if name is None:
                return None
        return _Attribution(None, name, "dash_name", 0.85, role)

    def _attribution_for_cue(self, cue: Token) -> _Attribution:
        self.used_cues.add(cue.i)
        if is_according(cue):
            subject = according_source(cue)
            return _Attribution(cue, subject, "according_to", 0.95)
        subject = subject_of(cue, lambda i: self.in_quote[i] != -1)
        if subject is None and cue.tag_ == "VBG":
            # "Mr. Trump hardly clarified the matter, …, asserting, “Of course, I pay federal taxes.”" — when the
            # parse loses the participle's clause, its subject is the sentence's first subject.
            subject = next((noun_phrase(t) for t in cue.sent if t.i < cue.i and t.dep_ == "nsubj"
                            and self.in_quote[t.i] == -1 and t.pos_ in ("PROPN", "PRON", "NOUN")), None)
        method = "cue_subject"
        if subject is not None and subject.root.i > cue.i:
            method = "inverted_subject"
        role = appositive_text(subject) if subject is not None else None
        if role:
            method = "appositive" if method == "cue_subject" else method
        return _Attribution(cue, subject, method, speech_strength(cue), role)

    def _colon_speaker(self, span: QuoteSpan) -> _Attribution | None:
        """`Name: “…”`, or a cue that ends the previous paragraph with a colon."""
        before = self.text[: span.outer_start].rstrip()
        if not before.endswith(":"):
            return None
        colon = len(before) - 1
        lead = self.tokens_in(max(0, colon - 1), colon)
        if lead is None:
            return None
        sent = lead[0].sent
        for token in reversed(list(sent)):
            if token.idx >= colon:
                continue
            if is_speech_verb(token, include_belief=False) and self.in_quote[token.i] == -1:
                attribution = self._attribution_for_cue(token)
                attribution.method = "colon_cue"
                return attribution
        # "Dr. Nandakumar put it plainly: “…”" — the subject of the clause that ends in the colon.
        root = sent.root
        for child in root.children:
            if child.dep_ in SUBJECT_DEPS and child.idx < colon and is_named(noun_phrase(child)):
                return _Attribution(None, noun_phrase(child), "colon_subject", 0.85, appositive_text(noun_phrase(child)))
        # "Trump: “…”" — a bare name before the colon.
        words = self.tokens_in(sent.start_char, colon)
        if words is not None and 0 < len([t for t in words if not t.is_punct]) <= 5:
            if any(t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG") for t in words):
                return _Attribution(None, words, "colon_name", 0.85)
        return None

    def _mixed_clause(self, attribution: _Attribution, first: QuoteSpan, last: QuoteSpan) -> tuple[int, int] | None:
        """The reported clause around the quoted words, when it is more than the quote."""
        cue = attribution.cue
        if cue is None:
            return None
        qtokens = self.tokens_in(first.outer_start, last.outer_end)
        if qtokens is None:
            return None
        quote_ids = {t.i for t in qtokens}
        if is_according(cue):  # "According to Limbaugh, the move reeks of “fear” and desperation."
            found = self._according_clause(cue)
            if found is None:
                return None
            region = self.tokens_in(*found)
            if region is None or _own_words(region, quote_ids, ignore=()) < 2:
                return None
            return self._around(region, first, last)
        if qtokens.start <= cue.i and not is_aside(cue):
            return self._clause_before_cue(cue, quote_ids, first, last)
        if is_aside(cue) and not quote_ids & {t.i for t in cue.subtree}:
            return self._aside_clause(cue, quote_ids, first, last)
        if cue.lemma_ == "put":
            return None  # "X put it in an interview, “…”": what follows is the quote itself
        if cue.lemma_.lower() in NAMING_VERBS:
            # "described Putin as a “strong leader”": the clause is what was named and what it was called,
            # "what he called a “brazen breach” of U.N. resolutions" with its free relative and the rest of
            # the phrase the quoted words belong to.
            lo = cue.i + 1
            what = next((c for c in cue.children if c.lower_ == "what" and c.i < cue.i), None)
            if what is not None:
                lo = what.i
            hi = qtokens.end - 1
            node = self.doc[qtokens.end - 1]
            while node.head.i not in (node.i, cue.i) and node.head.i > cue.i:
                node = node.head
            if node.head.i == cue.i or node.i in quote_ids:
                hi = max(hi, node.right_edge.i)
            return self._around(self.doc[lo : hi + 1], first, last)
        # The reported content: everything after the cue up to the end of its object / complement clauses
        # (a dobj "“budget reforms” and the collection of taxes" can be followed by the ccomp that completes it).
        hi, lo = qtokens.end - 1, qtokens.start
        for child in cue.children:
            if child.dep_ in ("dobj", "dative") and cue.lemma_ in LISTENER_VERBS and not quote_ids & {
                    t.i for t in child.subtree}:
                continue  # "told reporters that …": the listener is not what was said
            if child.i > cue.i and (child.dep_ in REPORTED_DEPS or quote_ids & {t.i for t in child.subtree}):
                hi = max(hi, child.right_edge.i)
                lo = min(lo, child.left_edge.i)  # not "earlier this week" or the "reporters" told
        for t in self.doc[qtokens.end : hi + 1]:
            if t.dep_ == "advcl" and t.head.i in quote_ids and t.left_edge.i >= qtokens.end and (
                    is_speech_verb(t, include_belief=False)
                    or any(c.lower_ in NARRATION_MARKS or c.tag_ == "WRB" for c in t.children)):
                hi = t.left_edge.i - 1  # “…,” adding that … / “…,” when Clinton blasted him: not what was said
                break
        region = self.doc[lo : hi + 1]
        return self._around(region, first, last) if _own_words(region, quote_ids) >= 2 else None

    def _around(self, region, first: QuoteSpan, last: QuoteSpan) -> tuple[int, int]:
        """The character span of a reported region; the quoted pieces always lie inside it."""
        start, end = strip_span(self.text, region[0].idx, region[-1].idx + len(region[-1].text))
        return (min(start, first.start), max(end, last.end))

    def _clause_before_cue(self, cue: Token, quote_ids: set[int], first: QuoteSpan,
                           last: QuoteSpan) -> tuple[int, int] | None:
        """“…,” he said: the quote is what was said — unless it sits in a wider clause the cue follows:
        "A cashier who “steals a handful of $20s” is held accountable, Warren said." """
        content = next((c for c in cue.children if c.dep_ == "ccomp" and c.i < cue.i), None)
        if content is None and cue.dep_ in ("parataxis", "ccomp") and cue.head.i < cue.i:
            content = cue.head  # the parser may hang the cue off the content instead
        if content is None:
            return None
        core = min([cue.i] + [c.left_edge.i for c in cue.children if c.dep_ in SUBJECT_DEPS])
        region = [t for t in content.subtree if t.i < core]
        if not any(c.dep_ in (*SUBJECT_DEPS, "dobj", "attr") and c.i not in quote_ids and c.i < core
                   for c in content.children):
            return None  # "In an interview, “…,” he said": a setting, not a paraphrased part of what was said
        return self._around(region, first, last) if _own_words(region, quote_ids) >= 2 else None

    def _segments_around(self, cue: Token, start: int, end: int) -> list[list[int]] | None:
        """The two pieces of content on either side of a parenthetical cue inside [start, end)."""
        commas = aside_commas(cue)
        if commas is None:
            return None
        before = strip_span(self.text, start, self.doc[commas[0]].idx)
        after = strip_span(self.text, self.doc[commas[1]].idx + 1, end)
        if before[1] <= before[0] or after[1] <= after[0] or not (start <= before[0] and after[1] <= end):
            return None
        return [list(before), list(after)]

    def _aside_clause(self, cue: Token, quote_ids: set[int], first: QuoteSpan, last: QuoteSpan) -> tuple[int, int] | None:
        """The clause an aside cue reports: "African-Americans, he said, can “rock like Jimi”" keeps the cue
        inside (its subject comes first); "During his years in office, Mr. Obama said, a majority …" and
        "As X put it, RT is “…”" start after it."""
        head = cue.head
        subject_first = any(c.dep_ in SUBJECT_DEPS and c.i < cue.i for c in head.children)
        lo = head.left_edge.i if subject_first else cue.right_edge.i + 1
        region = [t for t in self.doc[lo : head.right_edge.i + 1]
                  if subject_first or not in_subtree(t, cue)]
        own = _own_words([t for t in region if not in_subtree(t, cue)], quote_ids, ignore=())
        return self._around(region, first, last) if own >= 2 else None

    # -- pass 2: indirect speech ----------------------------------------------------
    def indirect_quotes(self, taken: list[tuple[int, int]]) -> list[Quote]:
        out: list[Quote] = []
        for token in self.doc:
            if token.i in self.used_cues or self.in_quote[token.i] != -1:
                continue
            found, is_object = None, False
            if is_according(token):
                found = self._according_clause(token)
            elif is_speech_verb(token, self.options.belief):
                found = self._reported_clause(token)
            if found is None and self.options.objects and token.pos_ == "VERB":
                found, is_object = self._reported_object(token), True
            if found is None:
                continue
            start, end = found
            if any(start < e and s < end for s, e in taken):
                continue
            content = self.tokens_in(start, end)
            if content is None or not (is_clause(content) or (is_object and is_phrase(content))):
                continue
            attribution = self._attribution_for_cue(token)
            if attribution.subject is None or is_non_speaker(attribution.subject):
                continue
            if is_object:
                attribution.strength *= 0.7  # "cited derogatory comments": a report of what was said, not of words
            quote = Quote(start=start, end=end, text=self.text[start:end], kind="indirect",
                          segments=self._segments_around(token, start, end),
                          hidden="noun_phrase" if is_object and not is_clause(content) else None)
            self._attribute(quote, attribution)
            taken.append((start, end))
            out.append(quote)
        return out

    def _reported_clause(self, cue: Token) -> tuple[int, int] | None:
        for child in cue.children:
            if child.dep_ == "ccomp" or (child.dep_ == "xcomp" and (
                    cue.lemma_ in ("say", "tell") or (self.options.belief and cue.lemma_ in INTENT_VERBS))):
                lo, hi = child.left_edge.i, child.right_edge.i
                if lo <= cue.i <= hi:
                    continue
                return self._char_range(lo, content_end(child, hi))
        head = cue.head
        if is_parenthetical(cue) and head.pos_ in ("VERB", "AUX") and head.i != cue.i:
            # "The museum, Mr. Obama said, would make visitors face hard truths." — the cue sits inside.
            lo = min(head.left_edge.i, cue.left_edge.i)
            hi = max(head.right_edge.i, cue.right_edge.i)
            return self._char_range(lo, hi)
        # "The economy is strong, the minister said." — the cue hangs off the content.
        after = [t for t in cue.sent if t.i > cue.i and not t.is_punct and not t.is_space and in_subtree(t, cue)]
        if cue.dep_ in ("parataxis", "ccomp") and head.i < cue.i and head.pos_ in ("VERB", "AUX") and len(after) <= 3:
            tokens = [t for t in head.subtree if t.i < cue.i and not in_subtree(t, cue)]
            if tokens and not any(is_speech_verb(t, include_belief=False) for t in tokens if t.i != head.i):
                return self._char_range(tokens[0].i, tokens[-1].i)
        return None

    def _reported_object(self, cue: Token) -> tuple[int, int] | None:
        """Content that is not a clause: "urges supporters to monitor polling places", "cited derogatory
        comments Trump had made", "called for the repeal of Obamacare". Active voice only: in "was criticized
        for …" the subject is the target, not the source."""
        if any(c.dep_ in ("auxpass", "nsubjpass") for c in cue.children):
            return None
        lemma = cue.lemma_.lower()
        after = [c for c in cue.children if c.i > cue.i]
        objects = [c for c in after if c.dep_ == "dobj" and c.pos_ != "PRON"]
        if lemma in DIRECTIVE_VERBS:
            listener = next((c for c in after if c.dep_ in ("dobj", "dative")), None)
            if listener is None:  # "called on Trump to stop attacking her"
                on = next((c for c in after if c.dep_ == "prep" and c.lower_ == "on"), None)
                listener = next((c for c in on.children if c.dep_ == "pobj"), None) if on is not None else None
            action = next((c for c in after if c.dep_ in ("xcomp", "ccomp")), None)
            if listener is not None and action is not None and action.i > listener.i:
                return self._char_range(listener.left_edge.i, action.right_edge.i)
        if lemma in OBJECT_VERBS and objects:
            obj = objects[0]
            hi = obj.right_edge.i
            for c in after:  # "called the charges unsubstantiated", "cited X as an example of Y"
                if c.i > hi and (c.dep_ == "oprd" or (c.dep_ == "prep" and c.lower_ == "as")):
                    hi = c.right_edge.i
            return self._char_range(obj.left_edge.i, content_end(obj, hi))
        for prep in after:
            if prep.dep_ == "prep" and prep.lower_ in OBJECT_PREPS.get(lemma, ()):
                content = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
                if content:
                    return self._char_range(content[0].left_edge.i, content_end(content[0], content[0].right_edge.i))
        return None

    def _according_clause(self, according: Token) -> tuple[int, int] | None:
        head = according.head
        if head.i == according.i:
            # The parse made "According" the root and hung the clause under its source: the clause is what
            # follows the comma that closes "according to X,".
            comma = next((t for t in according.sent if t.i > according.i and t.text == ","), None)
            if comma is None or comma.i + 1 >= according.sent.end - 1:
                return None
            return self._char_range(comma.i + 1, according.sent.end - 1)
        if head.pos_ not in ("VERB", "AUX") and head.dep_ != "ROOT":
            return None
        phrase = {t.i for t in according.subtree}
        tokens = [t for t in head.subtree if t.i not in phrase]
        if not tokens:
            return None
        if according.i < head.i:
            tokens = [t for t in tokens if t.i > max(phrase)]
        else:
            tokens = [t for t in tokens if t.i < min(phrase)]
        if not tokens:
            return None
        return self._char_range(tokens[0].i, tokens[-1].i)

    def _char_range(self, lo: int, hi: int) -> tuple[int, int]:
        start = self.doc[lo].idx
        end = self.doc[hi].idx + len(self.doc[hi].text)
        return strip_span(self.text, start, end)

    # -- pass 3: speakers -----------------------------------------------------------
    def _attribute(self, quote: Quote, attribution: _Attribution) -> None:
        cue = attribution.cue
        if cue is not None:
            if is_according(cue):
                quote.cue, quote.cue_start, quote.cue_end = "according to", cue.idx, cue.idx + len("according to")
            else:
                quote.cue, quote.cue_start, quote.cue_end = cue.text, cue.idx, cue.idx + len(cue.text)
        quote.method = attribution.method
        subject = attribution.subject
        if subject is None:
            if quote.kind == "direct":
                quote.method = "none"  # a cue with no subject says nothing about who: let floating decide
            return
        subject = trim_mention(subject)
        if subject is None:
            return
        quote.speaker_start, quote.speaker_end = subject.start_char, subject.end_char
        quote.speaker_mention = subject.text
        quote.role = attribution.role
        resolved = self._resolve(subject)
        base = METHOD_CONFIDENCE.get(attribution.method, 0.8)
        strength = attribution.strength if cue is not None and not is_according(cue) else 1.0
        if resolved is None:
            quote.confidence = round(0.5 * strength, 3)
            quote.method = f"{attribution.method}:unresolved"
            return
        cluster, how, certainty = resolved
        if how == "appositive_name" and cluster.kind == "person":
            quote.role = subject.text  # "Lindqvist's deputy, Anna Kowalski, said": the description is the role
        self._name_speaker(quote, cluster, how)
        if how != "named":
            quote.method = f"{attribution.method}:{how}"
        quote.confidence = round(base * certainty * strength * (1.0 if quote.closed else 0.9), 3)

    @staticmethod
    def _name_speaker(quote: Quote, cluster: NameCluster | tuple[str, str], how: str) -> None:
        if isinstance(cluster, NameCluster):
            quote.speaker, quote.speaker_kind = cluster.name, cluster.kind
            quote.role = quote.role or cluster.role
        else:
            quote.speaker, quote.speaker_kind = cluster

    def _resolve(self, mention: Span) -> tuple[NameCluster | tuple[str, str], str, float] | None:
        root = mention.root
        antecedent = relative_antecedent(root)
        if antecedent is not None:
            return self._resolve(noun_phrase(antecedent))
        lower = root.text.lower()
        if root.pos_ == "PRON" or lower in PERSON_PRONOUNS or lower in GROUP_PRONOUNS:
            return self._resolve_pronoun(root)
        if root.pos_ in ("NOUN", "PROPN") and root.text[:1].islower():
            # "Lindqvist's deputy, Anna Kowalski"; "the president added" even where the tagger calls it PROPN
            return self._resolve_description(mention)
        cluster = self.names.cluster_for(mention)
        if cluster is not None and not cluster.ambiguous:
            return cluster, "named", 1.0
        if is_named(mention):
            name_words = [t.text for t in mention if t.pos_ == "PROPN" or t.ent_type_]
            _, name_words = split_title(name_words)
            if name_words:
                kind = "organisation" if root.ent_type_ in ("ORG", "NORP", "GPE") else "person"
                return (" ".join(name_words).removesuffix("’s").removesuffix("'s"), kind), "named", 0.95
        return self._resolve_description(mention)

    def _resolve_pronoun(self, pronoun: Token, late: bool = False) -> tuple[NameCluster, str, float] | None:
        """The subject rule while quotes are attributed; with ``late`` (after the last-speaker sieve has had
        its turn, see ``resolve_open_pronouns``) coreferee and then the one person in view."""
        gender = PERSON_PRONOUNS.get(pronoun.text.lower())
        wants_person = gender is not None
        candidates = [m for m in self.names.mentions_before(pronoun.idx, 1500)
                      if (m.cluster.kind == "person") == wants_person and _gender_ok(m.cluster, gender)
                      and not m.cluster.ambiguous and not self._inside_quote(m.start)]
        if not late:
            # News writes "he said" about the last person who was the subject of a sentence: the parse
            # knows subjects even where coreferee links the pronoun to an object ("echoed his secretary").
            subject = self._recent_subject(pronoun, candidates)
            return (subject, "subject_rule", 0.8) if subject is not None else None
        if not candidates and not self.names.has_roles():
            return None  # nobody coreferee could lead to: skip the expensive call
        for antecedent in self.coref.antecedents(pronoun):
            cluster = self._cluster_at(antecedent)
            if cluster is not None and (cluster.kind == "person") == wants_person and _gender_ok(cluster, gender):
                return cluster, "coref", 0.75
        if not candidates:
            return None
        pronoun_paragraph = self.paragraph_of(pronoun.idx)
        nearest = candidates[-1]
        if pronoun_paragraph - self.paragraph_of(nearest.start) > 2:
            return None
        window_start = self.paragraph_starts[max(0, self.paragraph_of(nearest.start) - 1)]
        others = {m.cluster.name for m in candidates if m.start >= window_start}
        if len(others) != 1:
            return None  # two people in view and nothing to choose between them: unknown beats wrong
        return nearest.cluster, "nearest_name", 0.7

    def _recent_subject(self, pronoun: Token, candidates: list) -> NameCluster | None:
        """The person named as a subject in this or the previous two sentences, nearest first."""
        sent = pronoun.sent
        earliest = sent.start_char
        prev = sent.start - 1
        for _ in range(2):
            if prev < 0:
                break
            earliest = self.doc[prev].sent.start_char
            prev = self.doc[prev].sent.start - 1
        for mention in reversed(candidates):
            if mention.start < earliest:
                break
            token = self.tokens_in(mention.start, mention.end)
            if token is None:
                continue
            head = token.root
            # Up through the rest of the name and an appositive ("Gov. Ed Rendell", "his deputy, Ann Lee"), not
            # out of a modifier: "Clinton" in "Rendell, a Clinton surrogate, said" is nobody's subject.
            while head.head.i != head.i and (head.dep_ == "appos" or (
                    head.dep_ in ("compound", "flat") and head.head.pos_ == "PROPN")):
                head = head.head
            if head.dep_ in ("nsubj", "nsubjpass") and head.i < pronoun.i:
                if head.sent.start == sent.start and self._object_between(mention, head.head, pronoun):
                    return None  # "Warren told Stumpf, after he admitted …": the object is just as likely
                return mention.cluster
        return None

    def _object_between(self, mention, verb: Token, pronoun: Token) -> bool:
        """Another person between the subject and the pronoun as the object of the subject's own verb."""
        for m in self.names.mentions_between(mention.end, pronoun.idx):
            if m.cluster is mention.cluster or m.cluster.kind != "person" or self._inside_quote(m.start):
                continue
            span = self.tokens_in(m.start, m.end)
            if span is None:
                continue
            root = span.root
            while root.dep_ in ("compound", "flat", "appos", "poss") and root.head.i != root.i:
                root = root.head
            if root.dep_ in ("dobj", "dative", "iobj") and root.head.i == verb.i:
                return True
            if root.dep_ == "pobj" and root.head.head.i == verb.i:
                return True
        return False

    def _resolve_description(self, mention: Span) -> tuple[NameCluster, str, float] | None:
        root = mention.root
        if root.pos_ not in ("NOUN", "PROPN"):
            return None
        for child in root.children:  # "The company, Northern Lines, said"
            if child.dep_ != "appos":
                continue
            # A person named inside the appositive wins over its head: in "Scott's niece, state Del. Marcia
            # Price (D-Newport News)" the parser heads the appositive with the party label.
            people = [e for e in self.doc[child.left_edge.i : child.right_edge.i + 1].ents if e.label_ == "PERSON"]
            name = people[0] if people else noun_phrase(child)
            in_parentheses = name.start > 0 and self.doc[name.start - 1].text == "("
            if is_named(name) and not in_parentheses:
                cluster = self.names.cluster_for(name)
                if cluster is not None:
                    return cluster, "appositive_name", 0.9
        determiners = {t.lower_ for t in mention if t.dep_ in ("det", "poss")}
        if not determiners & {"the", "this", "that", "its", "his", "her", "their"}:
            return None  # "a spokesperson", "sources" — unknown beats a wrong guess
        cluster = self.names.by_role(root.lemma_) or self.names.org_by_head(root.lemma_)
        if cluster is None:
            # Several people hold the title: the one mentioned last before this description.
            holders = self.names.all_by_role(root.lemma_)
            recent = [m for m in self.names.mentions_before(root.idx, 2500) if m.cluster in holders]
            cluster = recent[-1].cluster if recent else None
        if cluster is not None:
            return cluster, "description", 0.8
        # No coreferee here: over 150 news articles it linked four descriptions ("the woman", "the man"),
        # mostly to the wrong person, and cost a third of the extraction time. Unknown beats wrong.
        if root.lower_ in TITLE_WORDS:  # "the mayor said" in a profile of the mayor
            people = [m for m in self.names.mentions_before(root.idx, 1500)
                      if m.cluster.kind == "person" and not self._inside_quote(m.start)]
            subject = self._recent_subject(root, people)
            if subject is not None:
                return subject, "description_subject", 0.65
        return None

    def _cluster_at(self, token: Token) -> NameCluster | None:
        mentions = self.names.mentions_between(token.idx - 60, token.idx + len(token.text) + 60)
        for m in mentions:
            if m.start <= token.idx < m.end:
                return m.cluster
        if token.pos_ == "NOUN":
            return self.names.by_role(token.lemma_)
        return None

    def _inside_quote(self, pos: int) -> bool:
        i = bisect_right(self.token_starts, pos) - 1
        return 0 <= i < len(self.in_quote) and self.in_quote[i] != -1

    # -- open pronouns: the person last quoted, then coreferee ------------------------------
    def resolve_open_pronouns(self, quotes: list[Quote]) -> None:
        """Pronoun speakers the subject rule left open, in document order. First the last-speaker sieve: a
        "he" / "she" is the person quoted last, when that person agrees in gender, was quoted within the
        previous two paragraphs and nobody else who could be "he" / "she" is named in between (outside quote
        marks) — news keeps quoting one person for several paragraphs. Then coreferee and the one person in
        view. The order is the held-out figures' (notes/eval-log.md): the last speaker is right more often
        than coreferee."""
        previous: Quote | None = None
        for quote in sorted(quotes, key=lambda q: q.start):
            if quote.speaker is None and quote.method.endswith(":unresolved") and quote.speaker_start is not None:
                self._resolve_open_pronoun(quote, previous)
            if quote.speaker is not None and quote.speaker_kind == "person" and (
                    quote.kind in ("direct", "mixed") or quote.cue):
                previous = quote
            elif quote.speaker_start is not None and quote.speaker is None and quote.kind != "indirect":
                previous = None  # an unresolved speaker in between: who is "he" now is anybody's guess

    def _resolve_open_pronoun(self, quote: Quote, previous: Quote | None) -> None:
        mention = self.tokens_in(quote.speaker_start, quote.speaker_end)
        if mention is None:
            return
        pronoun = mention.root
        antecedent = relative_antecedent(pronoun)
        if antecedent is not None or pronoun.lower_ not in PERSON_PRONOUNS and pronoun.lower_ not in GROUP_PRONOUNS:
            return
        gender = PERSON_PRONOUNS.get(pronoun.lower_)
        found = None
        if gender is not None and previous is not None:
            cluster = self.names.by_name(previous.speaker)
            near = self.paragraph_of(quote.speaker_start) - self.paragraph_of(previous.start) <= 2
            if near and (cluster is None or _gender_ok(cluster, gender)) and not self._rival_between(
                    previous, quote.speaker_start, gender):
                found = ((previous.speaker, "person"), "last_speaker", 0.8)
                quote.role = previous.role
        found = found or self._resolve_pronoun(pronoun, late=True)
        if found is None:
            return
        cluster, how, certainty = found
        self._name_speaker(quote, cluster, how)
        quote.method = quote.method.replace(":unresolved", f":{how}")
        quote.confidence = round(quote.confidence * 2 * certainty * (METHOD_CONFIDENCE.get(
            quote.method.split(":")[0], 0.8)), 3)

    def _rival_between(self, previous: Quote, end: int, gender: str) -> bool:
        start = max(previous.end, previous.speaker_end or 0)
        for mention in self.names.mentions_between(start, end):
            cluster = mention.cluster
            if cluster.kind == "person" and cluster.name != previous.speaker and _gender_ok(cluster, gender) \
                    and not self._inside_quote(mention.start):
                return True
        return False

    # -- floating quotes ---------------------------------------------------------------
    def inherit_floating(self, quotes: list[Quote]) -> None:
        """A quote with no cue of its own takes the previous speaker when nobody else intervenes."""
        previous: Quote | None = None
        for quote in sorted(quotes, key=lambda q: q.start):
            if quote.method == "none" and quote.kind == "direct" and previous is not None:
                if self._starts_sentence(quote.start) and self._nobody_between(previous, quote):
                    quote.speaker = previous.speaker
                    quote.speaker_kind = previous.speaker_kind
                    quote.role = previous.role
                    quote.speaker_start, quote.speaker_end = previous.speaker_start, previous.speaker_end
                    quote.speaker_mention = previous.speaker_mention
                    quote.method = "floating"
                    quote.confidence = round(min(previous.confidence, 0.9) * 0.8, 3)
            if quote.speaker_start is not None and (quote.kind in ("direct", "mixed") or quote.cue):
                previous = quote  # "…, Schiff said. “The other factor …”": an indirect report leads in too

    def _starts_sentence(self, start: int) -> bool:
        """True when the quote (its content begins at ``start``) opens a sentence or paragraph."""
        before = self.text[max(0, start - 40) : start].rstrip(" \t").rstrip(QUOTE_MARKS).rstrip(" \t")
        return not before or before.endswith(("\n", ".", "!", "?", ":", "…", "”", '"', "''"))

    def _nobody_between(self, previous: Quote, quote: Quote) -> bool:
        if self.paragraph_of(quote.start) - self.paragraph_of(previous.end) > 1:
            return False
        gap_start = max(previous.end, previous.speaker_end or 0, previous.cue_end or 0)
        attribution = self.tokens_in(gap_start - 1, gap_start)
        if attribution is not None and attribution[-1].sent.end_char <= quote.start:
            # The rest of the attribution's own sentence ("said Ann Lee, an aide to Obama.") is not an intervention.
            gap_start = max(gap_start, attribution[-1].sent.end_char)
        gap_end = quote.start
        for mention in self.names.mentions_between(gap_start, gap_end):
            if mention.cluster.kind == "person" and mention.cluster.name != previous.speaker:
                if not self._inside_quote(mention.start):
                    return False
        gap = self.tokens_in(gap_start, gap_end)
        if gap is not None:
            for token in gap:
                if self.in_quote[token.i] == -1 and is_speech_verb(token, include_belief=False) \
                        and not any(c.dep_ == "neg" for c in token.children):
                    return False  # "He didn't suggest retaliation." reports nothing said
        return True

    # -- finishing ---------------------------------------------------------------------
    def finish(self, quote: Quote) -> Quote:
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

    def run(self) -> list[Quote]:
        quotes = self.direct_quotes()
        taken = [(q.start, q.end) for q in quotes]
        if self.options.indirect:
            quotes += self.indirect_quotes(taken)
        self.resolve_open_pronouns(quotes)
        self.inherit_floating(quotes)
        quotes = [self.finish(q) for q in quotes]
        quotes.sort(key=lambda q: q.start)
        if self.options.calibrate:
            from quotes.calibration import calibrate

            calibrate(quotes)
        mark_hidden(quotes, self.text)
        return quotes


def _own_words(region, quote_ids: set[int], ignore: tuple[str, ...] = ("that", "as")) -> int:
    """How many words of a reported region lie outside the quote marks: two or more make it paraphrase."""
    return sum(1 for t in region if t.i not in quote_ids and not t.is_punct and not t.is_space
               and t.lower_ not in ignore)


def _gender_ok(cluster: NameCluster, gender: str | None) -> bool:
    return gender is None or cluster.gender is None or cluster.gender == gender



# -- public API --------------------------------------------------------------------------------
def extract_quotes(doc: Doc, options: ExtractOptions | None = None) -> list[Quote]:
    """Every quotation in a parsed document, with its speaker where the text says who."""
    return _DocExtractor(doc, options or ExtractOptions()).run()


def extract_text(text: str, nlp=None, options: ExtractOptions | None = None) -> list[Quote]:
    from quotes.models import load_nlp
    from quotes.paragraphs import parse_text

    return extract_quotes(parse_text(nlp or load_nlp(), text), options)

