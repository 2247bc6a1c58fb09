"""Pass ``interview``: words printed as an interview or a transcript, without quote marks.

    Ana Silva, the mayor, spoke to us on Monday.        Dana Wells spoke with Omar Reyes.
    Q: Why did you back the bridge?                     WELLS: Will the bill pass?
    A: Because the city needs it.                       REYES: It will pass this week.

Questions and answers count when the article has both. An answer ("A:") is the interviewee's: the one person the
article names most before the first question, when nobody else is named as often — otherwise it is kept with no
speaker, since unknown beats wrong. Questions are the publication's and are not stored. Name labels ("REYES:")
count when at least two different people speak that way; a label names its speaker through the article's name
index, as quoted transcript lines do (``direct.name_labelled_speaker``), and a label that names nobody in the article
must recur ("UPDATE:" once is a heading). A paragraph that already holds a quotation another pass stored is left
to that pass.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from quotes.extract.direct import name_labelled_speaker
from quotes.extract.document import Document
from quotes.grammar import strip_span
from quotes.marks import TRANSCRIPT_SPEAKER
from quotes.names import NameCluster
from quotes.records import Quote

METHOD = "interview"
QUESTION = re.compile(r"(?:Q|Question|QUESTION)\s*[:.]\s+(?=\S)")
ANSWER = re.compile(r"(?:A|Answer|ANSWER)\s*[:.]\s+(?=\S)")
LEADING_SPACE = re.compile(r"\s*")
ANSWER_SCORE, UNKNOWN_SCORE = 0.8, 0.6  # rule scores; calibration makes them probabilities


@dataclass
class Line:
    start: int  # where the label starts
    end: int  # end of the paragraph
    label: re.Match
    role: str  # "question" | "answer" | "name"


def find(doc: Document, taken: list[tuple[int, int]]) -> list[Quote]:
    """Answers and transcript lines outside quote marks, as direct quotes."""
    lines = [line for line in _labelled_lines(doc) if not any(s < line.end and line.start < e for s, e in taken)]
    quotes = _answers(doc, [line for line in lines if line.role != "name"])
    quotes += _transcript(doc, [line for line in lines if line.role == "name"])
    return sorted(quotes, key=lambda q: q.start)


def _labelled_lines(doc: Document) -> list[Line]:
    text, lines = doc.text, []
    for start in doc.paragraph_starts:
        start = LEADING_SPACE.match(text, start).end()
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        for role, pattern in (("question", QUESTION), ("answer", ANSWER), ("name", TRANSCRIPT_SPEAKER)):
            match = pattern.match(text, start, end)
            if match is not None:
                lines.append(Line(start, end, match, role))
                break
    return lines


def _answers(doc: Document, lines: list[Line]) -> list[Quote]:
    roles = {line.role for line in lines}
    if roles != {"question", "answer"}:
        return []
    first_question = min(line.start for line in lines if line.role == "question")
    interviewee = _interviewee(doc, first_question)
    return [q for line in lines if line.role == "answer" if (q := _quote(doc, line, interviewee, ANSWER_SCORE))]


def _transcript(doc: Document, lines: list[Line]) -> list[Quote]:
    labels = Counter(line.label.group(1) for line in lines)
    speakers = {label: doc.names.by_name(label) for label in labels}
    kept = [line for line in lines if speakers[line.label.group(1)] is not None or labels[line.label.group(1)] > 1]
    if len({line.label.group(1) for line in kept}) < 2:
        return []
    quotes = []
    for line in kept:
        label = line.label.group(1)
        quote = _quote(doc, line, None, UNKNOWN_SCORE)
        if quote is None:
            continue
        quote.method = "transcript"
        quote.speaker_start, quote.speaker_end, quote.speaker_mention = line.start, line.start + len(label), label
        name_labelled_speaker(doc, quote, label)
        quotes.append(quote)
    return quotes


def _quote(doc: Document, line: Line, speaker: NameCluster | None, score: float) -> Quote | None:
    lo, hi = strip_span(doc.text, line.label.end(), line.end)
    if hi <= lo:
        return None
    quote = Quote(start=lo, end=hi, text=doc.text[lo:hi], kind="direct", method=METHOD, confidence=UNKNOWN_SCORE)
    if speaker is not None:
        quote.speaker, quote.speaker_kind, quote.role, quote.confidence = speaker.name, speaker.kind, speaker.role, score
    return quote


def _interviewee(doc: Document, before: int) -> NameCluster | None:
    """The one person the article names most before the interview starts, or None on a tie."""
    mentions = [m for m in doc.names.mentions_between(0, before)
                if m.cluster.kind == "person" and not doc.inside_quote(m.start)]
    people = {m.cluster.name: m.cluster for m in mentions}
    ranked = Counter(m.cluster.name for m in mentions).most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return people[ranked[0][0]]
