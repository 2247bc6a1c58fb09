"""Coreference where it pays: coreferee on a window of sentences, not the whole article.

coreferee is several times slower than the parse it sits on, yet only speakers
written as pronouns or descriptions ("he", "the ministry") need it. The
resolver parses nothing: it copies the already parsed sentences before the
quote into a small ``Doc``, runs coreferee on that and maps the answer back.
In ``document`` mode it runs once over the whole ``Doc`` instead (kept to
measure what the window costs in accuracy).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

# Three sentences back: coreferee's pair checks grow with the square of the window, and the
# extractor's own subject rule already covers the nearest names (measured in notes/eval-log.md).
WINDOW_SENTENCES = 3
RECENT_WINDOWS = 8
BLOCK_TOKENS = 20_000


class CorefResolver:
    def __init__(self, doc: Doc, mode: str = "window", window_sentences: int = WINDOW_SENTENCES,
                 block_tokens: int = BLOCK_TOKENS):
        self.doc = doc
        self.mode = mode
        self.window = window_sentences
        self._sent_starts = [s.start for s in doc.sents] if mode != "off" else []
        self._windows: list[tuple[int, int, Doc]] = []
        self._whole_done = False
        self.block_tokens = block_tokens
        self.blocks = 0  # blocks copied, for the tests
        self._block: Doc | None = None
        self._block_start = self._block_end = 0
        self._pristine = self._rows = None
        self.calls = 0

    def antecedents(self, token: Token) -> list[Token]:
        """Tokens of the document that ``token`` refers to, most specific first; [] when unknown."""
        if self.mode == "off":
            return []
        if self.mode == "document":
            return self._whole(token)
        return self._windowed(token)

    def _whole(self, token: Token) -> list[Token]:
        from quotes.models import coref_pipeline

        if not self._whole_done:
            coref_pipeline()(self.doc)
            self._whole_done = True
        resolved = self.doc._.coref_chains.resolve(token)
        return list(resolved or [])

    def _windowed(self, token: Token) -> list[Token]:
        from bisect import bisect_right

        from quotes.models import coref_pipeline

        k = max(0, bisect_right(self._sent_starts, token.i) - 1)
        window = self._covering(token.i, k)
        if window is None:
            first = self._sent_starts[max(0, k - self.window)]
            last = self._sent_starts[k + 1] if k + 1 < len(self._sent_starts) else len(self.doc)
            sub = self._sub_doc(first, last)
            try:
                coref_pipeline()(sub)
            except Exception:  # coreferee can fail on odd fragments; a pronoun then stays unresolved
                return []
            window = (first, last, sub)
            self._windows.append(window)
            self.calls += 1
        first, _, sub = window
        try:
            resolved = sub._.coref_chains.resolve(sub[token.i - first])
        except Exception:
            return []
        return [self.doc[t.i + first] for t in (resolved or [])]

    def _sub_doc(self, first: int, last: int) -> Doc:
        """``doc[first:last].as_doc()``. ``Span.as_doc`` costs time in proportion to the whole document (it reads
        every entity of it), so in a long document windows are cut from a block of ``block_tokens`` tokens that
        is itself copied once: the work per pronoun stays flat however long the article. Same result: a block
        fixes heads and entities at its edges the way the window then does at its own."""
        if len(self.doc) <= self.block_tokens:
            return self.doc[first:last].as_doc()
        if self._block is None or not (self._block_start <= first and last <= self._block_end):
            end = min(len(self.doc), max(last, first + self.block_tokens))
            if self._pristine is None:  # the document's arrays, read once; as_doc rewrites a block's rows
                self._attrs = self.doc._get_array_attrs()
                self._pristine = self.doc.to_array(self._attrs)
                self._rows = self._pristine.copy()
            self._rows[first:end] = self._pristine[first:end]
            block = self.doc[first:end].as_doc(array_head=self._attrs, array=self._rows)
            self._block, self._block_start, self._block_end = block, first, end
            self.blocks += 1
        offset = self._block_start
        return self._block[first - offset : last - offset].as_doc()

    def _covering(self, token_i: int, k: int):
        """A window already run that holds the token with enough sentences before it."""
        needed = self._sent_starts[max(0, k - self.window)]
        # Pronouns are resolved in document order, so only the latest windows can cover this one: looking at
        # a few keeps the cost per pronoun flat however long the article.
        for window in reversed(self._windows[-RECENT_WINDOWS:]):
            first, last, _ = window
            if first <= needed and token_i < last:
                return window
        return None
