"""Find quoted spans in raw text, character by character.

This works on the text, not on tokens, because the tokenizer cannot tell an
apostrophe from a closing single quote and because real scrapes are messy:
curly and straight marks mixed, a closing mark lost, the newspaper habit of
re-opening a quote at each paragraph of a long quotation without closing the
previous one. The finder never raises: an unbalanced mark is recovered locally
(closed at the end of its paragraph) and the rest of the text is still read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

DOUBLE_OPEN = "“„«‟"
DOUBLE_CLOSE = "”»"
DOUBLE_STRAIGHT = '"'
SINGLE_OPEN = "‘‚‹"
SINGLE_CLOSE = "’›"
SINGLE_STRAIGHT = "'"
# Spaces within a line, the no-break and thin spaces news copy puts before a quote mark included.
INLINE_SPACE = " \t\u00a0\u2009\u202f"
ALL_MARKS = DOUBLE_OPEN + DOUBLE_CLOSE + DOUBLE_STRAIGHT + SINGLE_OPEN + SINGLE_CLOSE + SINGLE_STRAIGHT + "`"
# A markup tag left in the text (`<tweet author="realDonaldTrump" tweet_id="7539…">`): the marks around its
# attribute values delimit markup, not anybody's words.
MARKUP_TAG = re.compile(r"</?[A-Za-z][\w-]*(?:\s+[\w:-]+\s*=\s*(?:\"[^\"<>\n]*\"|'[^'<>\n]*'))*\s*/?>")

# "PENCE: Well, look, …" / "MR. TRUMP: …" — the speaker of a transcript line.
TRANSCRIPT_SPEAKER = re.compile(r"((?:[A-Z][A-Z.'’-]+ ){0,2}[A-Z][A-Z'’-]+):[ \t]+(?=\S)")

_OPENING_CONTEXT = INLINE_SPACE + "\n\r([{—–-/:" + DOUBLE_OPEN + SINGLE_OPEN
_CLOSING_CONTEXT = " \t\n\r)]}—–-.,;:!?…" + DOUBLE_CLOSE + SINGLE_CLOSE


@dataclass(frozen=True)
class QuoteSpan:
    """A quotation found between marks.

    ``start``/``end`` delimit the text inside the outer marks. ``pieces`` holds
    one (start, end) per paragraph for a quote that runs over several
    paragraphs (the re-opened marks are left out). ``closed`` is False when the
    closing mark was missing and the span was closed at its paragraph's end.
    """

    start: int
    end: int
    open_at: int
    close_at: int | None
    style: str  # "double" or "single"
    closed: bool = True
    pieces: tuple[tuple[int, int], ...] = field(default=())
    nested: tuple[tuple[int, int], ...] = field(default=())

    @property
    def outer_start(self) -> int:
        return self.open_at

    @property
    def outer_end(self) -> int:
        return self.close_at + 1 if self.close_at is not None else self.end


def _char(text: str, i: int) -> str:
    return text[i] if 0 <= i < len(text) else " "


def _double_role(text: str, i: int, width: int = 1) -> str:
    """Say whether the double mark at ``i`` opens, closes, or could do either."""
    ch = "“" if text.startswith("``", i) else ('"' if text.startswith("''", i) else text[i])
    left, right = _char(text, i - 1), _char(text, i + width)
    opens_by_context = (left in _OPENING_CONTEXT or left.isspace()) and not right.isspace()
    closes_by_context = (right in _CLOSING_CONTEXT or right.isspace()) and not left.isspace()
    if ch in DOUBLE_OPEN:
        # “ typed where ” was meant (“text“) is common in scrapes.
        return "either" if closes_by_context and not opens_by_context else "open"
    if ch in DOUBLE_CLOSE:
        if ch == "»" and opens_by_context and not closes_by_context:
            return "open"  # »Danish/German style«
        return "either" if opens_by_context and not closes_by_context else "close"
    if opens_by_context and not closes_by_context:
        return "open"
    if closes_by_context and not opens_by_context:
        return "close"
    return "either"


def _single_role(text: str, i: int) -> str | None:
    """Role of a single mark, or None when it is an apostrophe (Let’s, ’90s, rock ’n’ roll)."""
    left, right = _char(text, i - 1), _char(text, i + 1)
    if left.isalnum() and right.isalnum():
        return None  # inside a word
    ch = text[i]
    starts = (left.isspace() or left in _OPENING_CONTEXT) and (right.isalpha() or right in "$£€“\"")
    ends = (left.isalnum() or left in ".,!?;:…”\"") and (right.isspace() or right in _CLOSING_CONTEXT)
    if ch in SINGLE_OPEN or (ch in SINGLE_CLOSE + SINGLE_STRAIGHT and starts and not ends):
        if right.isdigit():
            return None  # ’90s
        return "open" if starts or ch in SINGLE_OPEN else None
    if ends:
        return "close"
    return None


def paragraph_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line without its line break; a line is a paragraph in scraped news."""
    bounds = []
    pos = 0
    for line in text.splitlines(keepends=True):
        bounds.append((pos, pos + len(line.rstrip("\r\n"))))
        pos += len(line)
    return bounds


def _first_char_index(text: str, start: int, end: int) -> int | None:
    for i in range(start, end):
        if not text[i].isspace():
            return i
    return None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


@dataclass
class _Open:
    style: str
    open_at: int
    content_start: int
    pieces: list[tuple[int, int]]
    nested: list[tuple[int, int]]


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """All outermost quoted spans of ``text`` in order; never raises."""
    spans: list[QuoteSpan] = []
    markup = {j for tag in MARKUP_TAG.finditer(text) for j in range(tag.start(), tag.end()) if text[j] in ALL_MARKS}
    paragraphs = paragraph_bounds(text)
    carried: _Open | None = None  # a double quote re-opened at the next paragraph
    for p_index, (p_start, p_end) in enumerate(paragraphs):
        first = _first_char_index(text, p_start, p_end)
        if first is None:
            continue
        stack: list[_Open] = []
        skip_first = False
        if carried is not None:
            if _double_mark_width(text, first) and carried.style == "double":
                carried.pieces.append((first + _double_mark_width(text, first), -1))
                stack.append(carried)
                skip_first = True
            carried = None
        skip_to = p_start
        for i in range(p_start, p_end):
            ch = text[i]
            if ch not in ALL_MARKS or i in markup or i < skip_to or (skip_first and i == first):
                if skip_first and i == first:
                    skip_to = first + _double_mark_width(text, first)
                continue
            width = _double_mark_width(text, i)
            if width:
                skip_to = i + width
                role = _double_role(text, i, width)
                open_double = next((k for k in range(len(stack) - 1, -1, -1) if stack[k].style == "double"), None)
                if open_double is not None and role in ("close", "either"):
                    _close(text, stack, open_double, i, spans, width)
                elif open_double is None and role in ("open", "either"):
                    stack.append(_Open("double", i, i + width, [(i + width, -1)], []))
                elif open_double is not None and role == "open":
                    if _closes_ahead(text, i + width, p_end) >= 2 or (
                            text[stack[open_double].open_at] == '"' and text[i] in DOUBLE_OPEN
                            and any(text[k] in DOUBLE_CLOSE for k in range(i + 1, p_end))):
                        # “… what he calls “hell” than …”: the same marks nested (two closings follow).
                        stack.append(_Open("double", i, i + width, [(i + width, -1)], []))
                    elif stack[open_double] is stack[0] and len(stack) == 1:
                        # A second opening mark: the first quote lost its closing mark.
                        _close_unclosed(text, stack, i, spans)
                        stack.append(_Open("double", i, i + width, [(i + width, -1)], []))
                # a stray closing mark with nothing open is ignored
            else:
                role = _single_role(text, i)
                if role is None:
                    continue
                open_single = next((k for k in range(len(stack) - 1, -1, -1) if stack[k].style == "single"), None)
                if role == "close" and open_single is not None:
                    _close(text, stack, open_single, i, spans)
                elif role == "open":
                    stack.append(_Open("single", i, i + 1, [(i + 1, -1)], []))
        # End of paragraph: carry a double quote into a re-opened next paragraph, else recover.
        if stack:
            outer = stack[0]
            if outer.style == "double" and _next_paragraph_reopens(text, paragraphs, p_index):
                outer.pieces[-1] = (outer.pieces[-1][0], p_end)
                carried = outer
            elif outer.style == "double" or _starts_like_a_quotation(text, outer):
                _close_unclosed(text, stack, p_end, spans)
    if carried is not None:
        _close_unclosed(text, [carried], len(text.rstrip()), spans)
    spans.sort(key=lambda s: s.start)
    return spans


def _closes_ahead(text: str, start: int, end: int) -> int:
    """Double marks that can close between ``start`` and the next mark that can only open."""
    count, i = 0, start
    while i < end:
        width = _double_mark_width(text, i)
        if not width:
            i += 1
            continue
        role = _double_role(text, i, width)
        if role == "open":
            break
        count += 1
        i += width
    return count


def _double_mark_width(text: str, i: int) -> int:
    """1 for a double mark, 2 for the typewriter pairs `` and '' (old wire copy), 0 otherwise."""
    if text.startswith(("``", "''"), i):
        return 2
    return 1 if text[i] in DOUBLE_OPEN + DOUBLE_CLOSE + DOUBLE_STRAIGHT else 0


def _next_paragraph_reopens(text: str, paragraphs: list[tuple[int, int]], index: int) -> bool:
    for start, end in paragraphs[index + 1 :]:
        first = _first_char_index(text, start, end)
        if first is None:
            continue
        reopens = text[first] in DOUBLE_OPEN + DOUBLE_STRAIGHT or text.startswith(("``", "''"), first)
        # A transcript's next line ("PENCE: …") is a new speaker, not the same quotation going on.
        after = first + _double_mark_width(text, first)
        return reopens and not TRANSCRIPT_SPEAKER.match(text, after) and not text.startswith("(", after)
    return False


def _starts_like_a_quotation(text: str, opened: _Open) -> bool:
    # An unmatched single opening mark is usually an elision (‘til, ‘em): only
    # recover it when it starts the paragraph, as a quotation would.
    return text[: opened.open_at].rstrip(INLINE_SPACE).endswith(("\n", ":")) or opened.open_at == 0


def _close(text: str, stack: list[_Open], index: int, close_at: int, spans: list[QuoteSpan], width: int = 1) -> None:
    opened = stack[index]
    del stack[index:]  # marks still open inside it were never closed: drop them
    start, _ = opened.pieces[-1]
    opened.pieces[-1] = (start, close_at)
    if stack:  # nested inside another quote: remember it on the outer one
        stack[-1].nested.append((opened.content_start, close_at))
        return
    _emit(text, opened, close_at + width - 1, True, spans)


def _close_unclosed(text: str, stack: list[_Open], end: int, spans: list[QuoteSpan]) -> None:
    opened = stack[0]
    stack.clear()
    start, _ = opened.pieces[-1]
    opened.pieces[-1] = (start, end)
    _emit(text, opened, None, False, spans)


def _emit(text: str, opened: _Open, close_at: int | None, closed: bool, spans: list[QuoteSpan]) -> None:
    pieces = tuple(p for p in (_trim(text, s, e) for s, e in opened.pieces) if p[1] > p[0])
    if not pieces:
        return
    if opened.style == "single" and pieces[-1][1] - pieces[0][0] < 3:
        return  # rock ’n’ roll
    spans.append(
        QuoteSpan(
            start=pieces[0][0],
            end=pieces[-1][1],
            open_at=opened.open_at,
            close_at=close_at,
            style=opened.style,
            closed=closed,
            pieces=pieces,
            nested=tuple(opened.nested),
        )
    )
