"""Pass 2c: quotations in the article's title.

A headline condenses a report into a few words and puts quote marks around a word or two of it ("Mayor
calls stadium plan ‘reckless’", "Council calls audit of harbour works 'damning'"): the marks
flag the headline writer's shorthand, not a quotation whose extent anybody said, and the body gives the words
in their context. Such a row is the headline's report of what was said, ``indirect``. PolNeAR's annotators
read headlines the same way: of the 15 mixed quotes the engine found in titles of the train documents outside
both hold-outs, 13 are annotated as reported speech, one as a direct quote and none as a mixed quote.

Only a title the input names (a ``title`` field, an HTML page's title) counts, and only when the text opens
with it: a plain-text file's first line may as well be the lede, whose mixed quotes are quotes.
"""

from __future__ import annotations

import re

from quotes.extract.document import Document, Record

MAX_TITLE_WORDS = 30
_NOT_A_LETTER = re.compile(r"[\W_]+")


def title_end(text: str, title: str | None) -> int | None:
    """Where the title ends when the text opens with the article's ``title``, give or take punctuation and line
    breaks ("Choir sings ‘The Anthem’" titles a text that opens "Choir sings ‘The Anthem.’"; "Budget vote lifts
    mayor; A rise in approval" one that breaks the line after the semicolon): the end of the line the title's
    last word is on. None when the text opens otherwise, or is only its title."""
    if not title or not 2 <= len(title.split()) <= MAX_TITLE_WORDS:
        return None
    wanted = _NOT_A_LETTER.sub("", title).lower()
    matched = 0
    for pos, char in enumerate(text):
        if matched == len(wanted):
            end = text.find("\n", pos)
            return end if end >= 0 and text[end:].strip() else None
        if _NOT_A_LETTER.fullmatch(char):
            continue
        if char.lower() != wanted[matched]:
            return None
        matched += 1
    return None


def report_headline_quotes(doc: Document, records: list[Record]) -> None:
    """A mixed quote in the title is the headline's report: ``indirect``."""
    if doc.title_end is None:
        return
    for record in records:
        if record.quote.kind == "mixed" and record.quote.end <= doc.title_end:
            record.quote.kind = "indirect"
