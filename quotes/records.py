"""Typed records the extractor returns; plain data, JSON-ready through ``as_dict``."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

KINDS = ("direct", "mixed", "indirect")


@dataclass
class Quote:
    """One attributed quotation.

    Offsets are Python ``str`` offsets into the document text. For a direct
    quote ``start``/``end`` lie inside the quote marks; ``segments`` lists the
    pieces of a quote interrupted by its attribution (“A,” he said, “B.”; “The
    museum, he said, would …” for any kind) or re-opened at each paragraph. For
    a mixed quote the span is the reported clause and ``fragments`` are the
    quoted pieces inside it.
    """

    start: int
    end: int
    text: str
    kind: str
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_mention: str | None = None
    speaker_kind: str | None = None  # "person" | "organisation" | None
    role: str | None = None
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    method: str = "none"
    confidence: float = 0.0
    segments: list[tuple[int, int]] | None = None
    fragments: list[tuple[int, int]] | None = None
    paragraph: int = 0
    sentence: int = 0
    context: str = ""
    closed: bool = True
    # Why the row is left out of search, export and the default views (quotes.reportable), None when shown.
    hidden: str | None = None

    def as_dict(self) -> dict:
        data = asdict(self)
        if data["segments"] is None:
            data.pop("segments")
        if data["fragments"] is None:
            data.pop("fragments")
        return data


@dataclass
class DocumentQuotes:
    doc_id: str
    quotes: list[Quote] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"doc_id": self.doc_id, "quotes": [q.as_dict() for q in self.quotes]}
