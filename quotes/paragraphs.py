"""Parse a document paragraph by paragraph.

Scraped news puts captions, headlines and paragraphs on their own lines with
no final full stop. Parsing the whole text at once lets the parser run a
sentence across a line break and glue a caption to the next quote, and
presetting boundaries inside one parse confuses spaCy's parser. Parsing each
line on its own and joining the pieces with ``Doc.from_docs`` keeps the exact
text (offsets stay valid), keeps every sentence inside one paragraph and
bounds the memory a single huge document needs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from spacy.tokens import Doc

_PARAGRAPH = re.compile(r"[^\n]*\n*")
# A "paragraph" longer than this is cut at a sentence end (or a space) so the
# parser never sees a pathological single line.
MAX_CHUNK_CHARS = 20_000
# ... and so is one of more tokens than this. The parser's time grows with the square of a sentence's length,
# and a line the parser cannot split into sentences (10,000 quote marks, a table row of symbols) would take
# minutes; a news paragraph has at most about 500 (PolNeAR's longest of 20,220: 499), so news is never cut.
MAX_CHUNK_TOKENS = 600
# A stretch without a single letter (quote marks, rules of dashes, table borders) holds no quotation and no
# sentence worth parsing whole: it goes to the parser in much smaller pieces.
SYMBOL_CHUNK_TOKENS = 100
_TOKEN = re.compile(r"\w+|[^\w\s]")
_LETTER = re.compile(r"[^\W\d_]")


def paragraph_chunks(text: str) -> list[str]:
    """Split text into pieces that concatenate back to ``text`` exactly, one per line."""
    chunks: list[str] = []
    for match in _PARAGRAPH.finditer(text):
        piece = match.group(0)
        while True:
            limit = _chunk_limit(piece)
            if limit is None:
                break
            cut = _cut_point(piece, limit)
            chunks.append(piece[:cut])
            piece = piece[cut:]
        if piece:
            chunks.append(piece)
    return chunks


def _chunk_limit(piece: str) -> int | None:
    """Where a piece has to be cut by, in characters, or None when it is short enough for the parser."""
    limit = MAX_CHUNK_CHARS if len(piece) > MAX_CHUNK_CHARS else None
    window = piece[: limit or len(piece)]
    most = SYMBOL_CHUNK_TOKENS if not _LETTER.search(window[: MAX_CHUNK_TOKENS * 4]) else MAX_CHUNK_TOKENS
    if len(piece) > most:  # fewer characters cannot hold more tokens
        for n, token in enumerate(_TOKEN.finditer(window)):
            if n == most:
                return token.start()
    return limit


def _cut_point(piece: str, limit: int) -> int:
    window = piece[:limit]
    for sep in (". ", "? ", "! ", "; ", ", ", " "):
        pos = window.rfind(sep)
        if pos > limit // 2:
            return pos + len(sep)
    return limit


def parse_texts(nlp, texts: Iterable[str], batch_size: int = 64) -> Iterator[Doc]:
    """Parse many documents; each comes back as one ``Doc`` whose text equals the input."""
    texts = list(texts)
    plan = [paragraph_chunks(t) for t in texts]
    flat = (chunk for chunks in plan for chunk in chunks)
    parsed = nlp.pipe(flat, batch_size=batch_size)
    for text, chunks in zip(texts, plan):
        parts = [next(parsed) for _ in chunks]
        if not parts:
            yield nlp.make_doc(text)
            continue
        doc = parts[0] if len(parts) == 1 else Doc.from_docs(parts, ensure_whitespace=False)
        yield doc


def parse_text(nlp, text: str) -> Doc:
    return next(parse_texts(nlp, [text]))

