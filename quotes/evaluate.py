"""Score the extractor against annotated quote-attribution data.

Spans are compared on trimmed text (no quote marks, spaces or edge
punctuation) because corpora disagree on whether marks belong to a quote. A
quote with segments is scored segment by segment. Matching is greedy and one
to one, by the best overlap first, under three criteria people report:
overlap / union >= 0.5 (strict) and the GenderGapTracker's overlap / gold
length >= 0.3 and >= 0.8.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from quotes.marks import find_quote_spans
from quotes.names import normalise_name
from quotes.records import Quote

EDGE = " \t\r\n\"'“”‘’«»„‚`.,;:!?—–-…()[]"
CRITERIA = {"union>=0.5": ("union", 0.5), "gold>=0.3": ("gold", 0.3), "gold>=0.8": ("gold", 0.8)}
GROUPS = {"all": None, "direct+mixed": {"direct", "mixed"}, "direct": {"direct"}, "mixed": {"mixed"},
          "indirect": {"indirect"}}


@dataclass
class Unit:
    """One scored span: a quote or one segment of it."""

    start: int
    end: int
    kind: str
    speaker: str | None
    speaker_start: int | None
    speaker_end: int | None
    speaker_is_mention: bool = True


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in EDGE:
        start += 1
    while end > start and text[end - 1] in EDGE:
        end -= 1
    return start, end


def rederived_kind(text: str, q: dict) -> str:
    """The gold kind re-derived from the quote marks with this package's mark finder.

    PolNeAR's kinds were derived from quote marks that did not include the typewriter pairs `` and ''
    used by old wire copy, so its NYT quotes in ''…'' are labelled indirect. Same definition, all marks.
    """
    start, end = q["start"], q["end"]
    offset = max(0, start - 2)  # the marks may sit just outside the annotated span
    if "''" not in text[offset : end + 2] and "``" not in text[offset : end + 2]:
        return q.get("kind") or "indirect"
    inside = 0
    for span in find_quote_spans(text[offset : end + 2]):
        inside += max(0, min(end, span.end + offset) - max(start, span.start + offset))
    if inside == 0:
        return q.get("kind") or "indirect"
    return "direct" if inside >= 0.8 * (q.get("core_end", end) - q.get("core_start", start)) else "mixed"


def gold_units(doc: dict, rederive_kinds: bool = False) -> list[Unit]:
    units = []
    text = doc["text"]
    for q in doc.get("quotes", []):
        kind = q.get("kind") or "indirect"
        if rederive_kinds and kind == "indirect":
            kind = rederived_kind(text, q)
        pieces = q.get("segments") or [[q.get("core_start", q["start"]), q.get("core_end", q["end"])]]
        if len(pieces) == 1:
            pieces = [[q.get("core_start", q["start"]), q.get("core_end", q["end"])]]
        for s, e in pieces:
            s, e = trim(text, s, e)
            if e > s:
                units.append(Unit(s, e, kind, q.get("speaker"), q.get("speaker_start"), q.get("speaker_end"),
                                  q.get("speaker_is_mention", q.get("speaker_start") is not None)))
    return units


def predicted_units(text: str, quotes: list[Quote]) -> list[Unit]:
    units = []
    for q in quotes:
        pieces = q.segments or [[q.start, q.end]]
        for s, e in pieces:
            s, e = trim(text, s, e)
            if e > s:
                units.append(Unit(s, e, q.kind, q.speaker, q.speaker_start, q.speaker_end))
    return units


def _score(pred: Unit, gold: Unit, mode: str) -> float:
    overlap = min(pred.end, gold.end) - max(pred.start, gold.start)
    if overlap <= 0:
        return 0.0
    if mode == "union":
        return overlap / (max(pred.end, gold.end) - min(pred.start, gold.start))
    return overlap / (gold.end - gold.start)


def match(preds: list[Unit], golds: list[Unit], mode: str, threshold: float) -> list[tuple[int, int]]:
    pairs = []
    for i, p in enumerate(preds):
        for j, g in enumerate(golds):
            if p.end <= g.start or g.end <= p.start:
                continue
            score = _score(p, g, mode)
            if score >= threshold:
                pairs.append((score, i, j))
    pairs.sort(reverse=True)
    used_p, used_g, out = set(), set(), []
    for _, i, j in pairs:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            out.append((i, j))
    return out


def mention_name(mention: str) -> str:
    """The name in a gold mention, without what corpora annotate around it.

    "House Speaker Paul Ryan, R-Wis.," and "Sen. Claire McCaskill (D-Mo.)" name Paul Ryan and Claire
    McCaskill: the appositive after the comma, a parenthesis and a possessive 's are not part of the name.
    """
    name = re.sub(r"\([^)]*\)", " ", mention).split(",")[0]
    return re.sub(r"['’]s?\s*$", "", name.strip())


def names_agree(pred: str | None, gold: str | None) -> bool:
    """Canonical names agree when equal, or when one is a fuller form of the other (same surname)."""
    if not pred or not gold:
        return False
    p, g = normalise_name(pred).split(), normalise_name(mention_name(gold)).split()
    if not p or not g:
        return False
    if p == g:
        return True
    return p[-1] == g[-1] and (set(g) <= set(p) or set(p) <= set(g))


def speaker_right(pred: Unit, gold: Unit) -> bool:
    if gold.speaker is None:
        return pred.speaker is None and pred.speaker_start is None
    if gold.speaker_is_mention and gold.speaker_start is not None and pred.speaker_start is not None:
        if pred.speaker_start < gold.speaker_end and gold.speaker_start < pred.speaker_end:
            return True
    return names_agree(pred.speaker, gold.speaker)


@dataclass
class Tally:
    tp: int = 0
    n_pred: int = 0
    n_gold: int = 0
    speaker_ok: int = 0
    speaker_n: int = 0
    attributed: int = 0

    def add(self, other: "Tally") -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def summary(self) -> dict:
        p = self.tp / self.n_pred if self.n_pred else 0.0
        r = self.tp / self.n_gold if self.n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        ap = self.attributed / self.n_pred if self.n_pred else 0.0
        ar = self.attributed / self.n_gold if self.n_gold else 0.0
        return {
            "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
            "speaker_accuracy": round(self.speaker_ok / self.speaker_n, 4) if self.speaker_n else None,
            "attribution_f1": round(2 * ap * ar / (ap + ar), 4) if ap + ar else 0.0,
            "gold": self.n_gold, "predicted": self.n_pred, "matched": self.tp,
        }


@dataclass
class Report:
    tallies: dict[str, dict[str, Tally]] = field(default_factory=dict)
    errors: list[dict] = field(default_factory=list)
    documents: int = 0
    failures: int = 0
    seconds: float = 0.0

    def as_dict(self) -> dict:
        return {
            "documents": self.documents, "failures": self.failures, "seconds": round(self.seconds, 2),
            "scores": {group: {crit: t.summary() for crit, t in by.items()} for group, by in self.tallies.items()},
        }


def score_document(doc: dict, quotes: list[Quote], report: Report, keep_errors: bool,
                   rederive_kinds: bool = False) -> None:
    text = doc["text"]
    golds_all, preds_all = gold_units(doc, rederive_kinds), predicted_units(text, quotes)
    for group, kinds in GROUPS.items():
        golds = [g for g in golds_all if kinds is None or g.kind in kinds]
        preds = [p for p in preds_all if kinds is None or p.kind in kinds]
        for crit, (mode, threshold) in CRITERIA.items():
            tally = Tally(n_pred=len(preds), n_gold=len(golds))
            pairs = match(preds, golds, mode, threshold)
            tally.tp = len(pairs)
            for i, j in pairs:
                ok = speaker_right(preds[i], golds[j])
                if golds[j].speaker is not None:
                    tally.speaker_n += 1
                    tally.speaker_ok += ok
                tally.attributed += ok
            report.tallies.setdefault(group, {}).setdefault(crit, Tally()).add(tally)
            if keep_errors and group == "all" and crit == "union>=0.5":
                _collect_errors(doc, preds, golds, pairs, report)


def _collect_errors(doc: dict, preds: list[Unit], golds: list[Unit], pairs, report: Report) -> None:
    text = doc["text"]
    matched_p, matched_g = {i for i, _ in pairs}, {j for _, j in pairs}
    for j, g in enumerate(golds):
        if j not in matched_g:
            report.errors.append({"type": "missed", "doc_id": doc["doc_id"], "kind": g.kind,
                                  "text": text[g.start:g.end], "gold_speaker": g.speaker})
    for i, p in enumerate(preds):
        if i not in matched_p:
            report.errors.append({"type": "spurious", "doc_id": doc["doc_id"], "kind": p.kind,
                                  "text": text[p.start:p.end], "speaker": p.speaker})
    for i, j in pairs:
        if golds[j].speaker is not None and not speaker_right(preds[i], golds[j]):
            p = preds[i]
            mention = text[p.speaker_start:p.speaker_end] if p.speaker_start is not None else None
            report.errors.append({"type": "wrong_speaker", "doc_id": doc["doc_id"], "kind": golds[j].kind,
                                  "text": text[golds[j].start:golds[j].end], "gold_speaker": golds[j].speaker,
                                  "speaker": p.speaker, "mention": mention})


def read_gold(path: Path, split: str | None = None, limit: int | None = None) -> Iterator[dict]:
    count = 0
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            doc = json.loads(line)
            if split and doc.get("split") != split:
                continue
            yield doc
            count += 1
            if limit and count >= limit:
                return


def evaluate(docs: Iterable[dict], nlp, options=None, keep_errors: bool = False, batch_size: int = 32,
             rederive_kinds: bool = False) -> Report:
    from quotes.extract import extract_quotes
    from quotes.paragraphs import parse_texts

    report = Report()
    started = time.perf_counter()
    docs = list(docs)
    for doc, parsed in zip(docs, parse_texts(nlp, (d["text"] for d in docs), batch_size=batch_size)):
        report.documents += 1
        try:
            quotes = extract_quotes(parsed, options)
        except Exception:  # counted, never hidden: a failure scores as no predictions
            report.failures += 1
            quotes = []
        score_document(doc, quotes, report, keep_errors, rederive_kinds)
    report.seconds = time.perf_counter() - started
    return report


