"""Which extracted rows a reporter would call quotes.

The engine keeps everything it finds, but some rows are not what people search a quote database for: a
headline or a related-articles link ("Spotify Announces New Price Hike for U.S. Premium Subscribers" read as
Spotify announcing a price hike), a noun phrase reported as what someone said ("Trump echoed his defense
secretary"), and rows so unlikely to be right that showing them costs more trust than it gives. Each such row
keeps its place in the database with a ``hidden`` reason; search, export and the default views leave it out and
``--all`` shows it.
"""

from __future__ import annotations

import re

from quotes.records import Quote

# Below this calibrated probability a row is more likely wrong than a coin toss twice over (calibrated rows at
# 0.0–0.2 were right 3 % of the time on held-out news: notes/eval-log.md).
UNLIKELY = 0.2
HEADLINE_MAX_WORDS = 20
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_SMALL_WORDS = frozenset("a an and as at but by for from in into of on or over the to up via vs with".split())
_SENTENCE_END = tuple(".!?…:;\"”’'")


def is_headline(line: str) -> bool:
    """A title-case line without a sentence end: a headline, a related-articles link, a section name."""
    line = line.strip()
    if not line or line.endswith(_SENTENCE_END):
        return False
    words = _WORD.findall(line)
    if not 3 <= len(words) <= HEADLINE_MAX_WORDS:
        return False
    content = [w for w in words if w.lower() not in _SMALL_WORDS]
    capitalised = [w for w in content if w[:1].isupper()]
    return len(content) >= 3 and len(capitalised) >= 0.8 * len(content)


def line_at(text: str, pos: int) -> str:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return text[start : len(text) if end < 0 else end]


def hidden_reason(quote: Quote, text: str, title_end: int | None = None) -> str | None:
    """Why a row is not shown by default, or None for a quote a reporter would call one. ``title_end``: where
    the article's title ends, when the text opens with it (``quotes.extract.headline``)."""
    if quote.hidden:
        return quote.hidden  # set by the rule that found it ("noun_phrase")
    if is_headline(line_at(text, quote.start)) or (title_end is not None and quote.end <= title_end):
        return "headline"
    if quote.confidence < UNLIKELY:
        return "unlikely"
    return None


def mark_hidden(quotes: list[Quote], text: str, title_end: int | None = None) -> None:
    for quote in quotes:
        quote.hidden = hidden_reason(quote, text, title_end)
