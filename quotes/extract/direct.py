"""Pass 1: quotations in quote marks, as ``direct`` and ``mixed`` records.

Each run of quote marks from ``quotes.marks`` becomes a record tied to the speech cue it hangs on; a quote
interrupted by its own attribution (“A,” he said, “B.”) is one record with two ``segments``; a quote inside a
wider reported clause is ``mixed``. Titles of works, nicknames and scare quotes with nobody saying them are not
quotations.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from quotes.cues import NAMING_VERBS, TITLE_GIVING_WORDS, WORK_NOUNS, is_speech_verb
from quotes.extract.attribution import (
    attributed_after,
    clause_subject,
    colon_speaker,
    dash_speaker,
    find_cue,
    is_attribution_gap,
    lead_in_cue,
    leading_cue,
    owner_cue,
    trailing_cue,
)
from quotes.extract.clauses import REPORTED_DEPS, end_before_tail, lead_in, mixed_clause, segments_around
from quotes.extract.document import Attribution, Document, Record
from quotes.extract.speakers import attach
from quotes.grammar import CREDIT_LINE, in_subtree, is_according, looks_like_title, strip_span
from quotes.marks import ALL_MARKS, TRANSCRIPT_SPEAKER, QuoteSpan
from quotes.records import Quote

MIN_UNCUED_WORDS = 4
NOUN_PHRASE_TAGS = frozenset({"DT", "PRP$", "POS", "JJ", "NN", "NNS", "NNP", "NNPS"})
_LIST_GAP = re.compile(r"^[\s,]*(?:and|or)?[\s,]*$")
# Lines a page adds around an article ("Follow Pam Key on Twitter @pamkey"), never speech.
_BOILERPLATE = re.compile(r"^\s*(follow\s.*\bon\s+(twitter|facebook|instagram|x)\b|\(?crosstalk\)?\.?$|\(.*\)\.?$)", re.I)


def find(doc: Document) -> list[Record]:
    """Every quotation in quote marks as a direct or mixed record, tied to the cue it hangs on."""
    records: list[Record] = []
    for group in group_split_quotes(doc):
        record = direct_quote(doc, group)
        if record is None:
            continue
        quote = record.quote
        previous = records[-1].quote if records else None
        if previous is not None and previous.kind == "mixed" and previous.cue_start == quote.cue_start \
                and quote.start < previous.end:
            # Several quoted pieces of one reported clause ("called him a “liar” and a “bully”"): one record.
            previous.end = max(previous.end, quote.end)
            previous.text = doc.text[previous.start : previous.end]
            previous.fragments += quote.fragments or [[quote.start, quote.end]]
            records[-1].tentative = records[-1].tentative and record.tentative
            continue
        records.append(record)
    return records


def group_split_quotes(doc: Document) -> list[list[int]]:
    """Join “A,” he said, “B.” (and “A,” said X. “B.”) into one group of spans."""
    groups: list[list[int]] = []
    for n, span in enumerate(doc.spans):
        if groups:
            prev = doc.spans[groups[-1][-1]]
            gap = doc.text[prev.outer_end : span.outer_start]
            if (
                "\n" not in gap
                and len(groups[-1]) == 1
                and doc.starts_sentence(doc.spans[groups[-1][0]].start)
                and is_attribution_gap(doc, prev.outer_end, span.outer_start)
                and gap.rstrip().endswith((",", ".", ":", ";", "—", "–", "-"))  # not “…,” he said on CNN’s “B”
                and not re.search(r"[.!?]\s+\S", gap.strip())  # one attribution, not a sentence more
                and (doc.text[prev.start : prev.end].rstrip().endswith((",", "—", "-", "…")) or gap.rstrip().endswith(","))
                and not (gap.rstrip().endswith(".") and attributed_after(doc, span))
            ):
                groups[-1].append(n)
                continue
            if "\n" not in gap and _LIST_GAP.match(gap) and not doc.starts_sentence(span.start):
                # went on about “how the system is rigged,” and “wounded American families” and “our own
                # struggling citizens”: one list of quoted phrases, one record.
                doc.listed.add(groups[-1][0])
                groups[-1].append(n)
                continue
        groups.append([n])
    return groups


def direct_quote(doc: Document, group: list[int]) -> Record | None:
    spans = [doc.spans[n] for n in group]
    first, last = spans[0], spans[-1]
    pieces = [p for s in spans for p in s.pieces]
    transcript = TRANSCRIPT_SPEAKER.match(doc.text, first.start)
    if transcript is not None and len(spans) == 1 and doc.opens_paragraph(first):
        return transcript_line(doc, first, transcript)
    attribution = find_cue(doc, group)
    content = doc.text[first.start : last.end]
    n_words = len(content.split())
    before, after = doc.token_before(first), doc.token_after(last)
    if looks_like_title(content) and before is not None and (names_a_work(before) or (
            before.tag_ in ("IN", "DT", "POS", "PRP$") and (
            not reported_by(doc, attribution, first) or work_of_art(doc, first) or before.tag_ == "POS"))):
        return None  # on CBS’s “Face the Nation,” … — the name of a show, book or article, not speech
    if n_words <= 2 and before is not None and after is not None and before.pos_ == "PROPN" \
            and after.text[:1].isupper() and after.is_alpha and before.sent == after.sent:
        return None  # Marcia “Cia” Price: a nickname inside a name
    if attribution is None:
        attribution = trailing_cue(doc, last) or leading_cue(doc, first) or colon_speaker(doc, first) \
            or dash_speaker(doc, last) or lead_in_cue(doc, first) or owner_cue(doc, first, last)
    if attribution is not None and in_speaker_phrase(doc, attribution, first):
        return None
    alone = n_words < MIN_UNCUED_WORDS and stands_alone(doc, first, last)
    if attribution is None:
        if (n_words < MIN_UNCUED_WORDS and not alone) or looks_like_title(content) \
                or CREDIT_LINE.match(content) \
                or _BOILERPLATE.match(content):
            return None  # scare quotes, nicknames, titles of works
        attribution = clause_subject(doc, first, last) or Attribution(None, None, "none", 0.0)
    quote = Quote(
        start=first.start,
        end=last.end,
        text=content,
        kind="direct",
        segments=[list(p) for p in pieces] if len(pieces) > 1 and group[0] not in doc.listed else None,
        closed=all(s.closed for s in spans),
    )
    # A short quotation on a weak cue is somebody's words only inside what they are reported to think or say
    # ("Whitfield thinks the tax should now be a “red line” for her party"); on its own it is a
    # nickname, a scare quote or a title (“Shorty”, known as …; an episode of “Survivor”).
    # A short sentence standing alone after somebody's quote (… the governor asked. “Nobody does.”) has no cue at all:
    # the floating sieve decides whose it is.
    tentative = n_words < MIN_UNCUED_WORDS and (not attribution.has_speaker or attribution.strength < 0.9) \
        and not (attribution.cue is None and alone)
    whole = introduced_whole(doc, first)
    clause = mixed_clause(doc, attribution, first, last) if not whole else None
    if tentative and (clause is None or not attribution.has_speaker or looks_like_title(content)):
        return None
    if n_words < MIN_UNCUED_WORDS and clause is None and not whole and inside_noun_phrase(doc, before, first):
        return None  # the “autopsy” recommended; a “regional” candidate; CNN “reporter”: a term, not words said
    if clause is not None:
        quote.kind = "mixed"
        quote.start, quote.end = clause[0], end_before_tail(doc, last.outer_end, clause[1])
        quote.text = doc.text[quote.start : quote.end]
        quote.fragments = [list(p) for p in pieces]
        quote.segments = None
        if attribution.cue is not None and quote.start < attribution.cue.idx < quote.end:
            quote.segments = segments_around(doc, attribution.cue, quote.start, quote.end)
    elif len(spans) == 1 and not whole:
        lead = lead_in(doc, first)
        if lead is not None:  # "In this election, “resources don't necessarily mean …,” he said": one statement
            quote.kind = "mixed"
            quote.start, quote.end = lead[0], last.outer_end
            quote.text = doc.text[quote.start : quote.end]
            quote.fragments = [list(p) for p in pieces]
    record = attach(doc, quote, attribution)
    record.tentative = tentative
    return record


def stands_alone(doc: Document, first: QuoteSpan, last: QuoteSpan) -> bool:
    """Whether the quotation is a sentence of its own: it opens a sentence, ends on ".", "!" or "?" inside its
    marks, and a new sentence or paragraph follows (“Nobody does.”), unlike a phrase in the middle of one."""
    if first is not last or len(first.pieces) > 1 or not doc.starts_sentence(first.start):
        return False
    if not doc.text[first.start : last.end].rstrip().endswith((".", "!", "?")):
        return False
    rest = doc.text[last.outer_end : last.outer_end + 2]
    return rest[:1] in ("", "\n") or rest[:1] in ALL_MARKS or (rest[:1] == " " and rest[1:2].isupper())


def inside_noun_phrase(doc: Document, before: Token | None, span: QuoteSpan) -> bool:
    """Whether the quotation follows a determiner, possessive, adjective or noun of its own sentence: a quoted
    term inside a noun phrase ("the “autopsy”", "his signature “yada, yada”"), not a remark somebody made."""
    inside = doc.tokens_in(span.start, span.end)
    return before is not None and inside is not None and before.sent == inside[0].sent \
        and before.tag_ in NOUN_PHRASE_TAGS


def introduced_whole(doc: Document, span: QuoteSpan) -> bool:
    """A quotation that opens with a capital after a colon or a dash stands as said, not inside a paraphrase:
    "When asked which Iowa county was his favorite, he demurred: “Whichever one I'm in at the moment.”",
    "Neither man was impressed by Mrs. Clinton – “Born with a silver spoon in her mouth,” Mr. Elkins said"."""
    before = doc.text[max(0, span.outer_start - 3) : span.outer_start].rstrip()
    return before.endswith((":", "—", "–", "-")) and doc.text[span.start : span.start + 1].isupper()


def reported_by(doc: Document, attribution: Attribution | None, span: QuoteSpan) -> bool:
    """The quote lies in what its cue reports ("proclaimed a goal of “Peace Through Strength”"), not in
    a phrase about where or when ("said on “Fox and Friends”")."""
    if attribution is None or attribution.cue is None:
        return False
    cue = attribution.cue
    if cue.lemma_ in NAMING_VERBS:
        return True
    inside = doc.tokens_in(span.start, span.end)
    if inside is None:
        return False
    return any(child.dep_ in REPORTED_DEPS and in_subtree(inside[0], child) for child in cue.children)


def in_speaker_phrase(doc: Document, attribution: Attribution, span: QuoteSpan) -> bool:
    """The quoted words are part of the phrase that says who spoke ("said James Andrew Miller, a co-author of
    “Those Guys Have All the Fun”", "said former Rep. George Miller, one of the original “big four”
    negotiators"): a title or a label in the speaker's description, not what the speaker said."""
    subject = attribution.subject
    inside = doc.tokens_in(span.start, span.end)
    if subject is None or inside is None or attribution.cue is None or is_according(attribution.cue):
        return False  # "According to Rush Limbaugh, the move reeks of “fear”" may parse as one phrase
    root = subject.root
    if not in_subtree(inside[0], root) or in_subtree(attribution.cue, root):
        return False
    if doc.text[: span.outer_start].rstrip().endswith((".", "!", "?")):
        return False  # said Sen. Lindsey Graham, R-S.C. “I get that. …”: a new sentence the parse hung there
    node = inside[0]
    while node.i != root.i and node.head.i != node.i:
        node = node.head
        if is_speech_verb(node) or node.lemma_.lower() in NAMING_VERBS:
            return False  # "Humphrey, who calls Trump a “sociopath”, …": a cue of its own inside the phrase
    return True


def names_a_work(before: Token) -> bool:
    """The words before a Title Case quote say it is a name: a work or an outlet ("the podcast", "The
    movie,"), a word that gives a title ("titled", "called") or "told" (“told “Fox and Friends””: people are
    not told Title Case sentences)."""
    if before.text == "," and before.i > 0:
        before = before.nbor(-1)  # "The movie, “13 Hours: …”"
    lower = before.lower_
    return (lower in WORK_NOUNS and before.pos_ == "NOUN") or lower in TITLE_GIVING_WORDS \
        or before.lemma_ == "tell"


def work_of_art(doc: Document, span: QuoteSpan) -> bool:
    inside = doc.tokens_in(span.start, span.end)
    return inside is not None and all(t.ent_type_ == "WORK_OF_ART" or t.is_punct for t in inside)


def transcript_line(doc: Document, span: QuoteSpan, match: re.Match) -> Record | None:
    """`"PENCE: Well, look, …` — a transcript line: the speaker is the capitalised name before the colon."""
    start, end = strip_span(doc.text, match.end(), span.end)
    name = doc.tokens_in(match.start(1), match.end(1))
    if end <= start or name is None:
        return None
    quote = Quote(start=start, end=end, text=doc.text[start:end], kind="direct", closed=span.closed,
                  method="transcript", speaker_start=name.start_char, speaker_end=name.end_char,
                  speaker_mention=name.text)
    name_labelled_speaker(doc, quote, match.group(1))
    return Record(quote, Attribution(None, name, "transcript"))


def name_labelled_speaker(doc: Document, quote: Quote, label: str) -> None:
    """The speaker of a transcript line from its label: the article's person ("PENCE" → Mike Pence), or the label
    itself with a lower score when the article names nobody so."""
    cluster = doc.names.by_name(label)
    if cluster is not None:
        quote.speaker, quote.speaker_kind, quote.role = cluster.name, cluster.kind, cluster.role
        quote.confidence = 0.85
    else:
        quote.speaker, quote.speaker_kind, quote.confidence = label.title(), "person", 0.6
