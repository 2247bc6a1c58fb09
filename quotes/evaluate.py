"""Score the extractor against annotated quote-attribution data.

Spans are compared on trimmed text (no quote marks, spaces or edge
punctuation) because corpora disagree on whether marks belong to a quote. A
quote with segments is scored segment by segment. Matching is greedy and one
to one, by the best overlap first, under three criteria people report:
overlap / union >= 0.5 (strict) and the GenderGapTracker's overlap / gold
length >= 0.3 and >= 0.8.
"""

from __future__ import annotations

import itertools
import json
import random
import re
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from quotes.marks import find_quote_spans
from quotes.names import normalise_name, split_title
from quotes.records import Quote

EDGE = " \t\r\n\"'“”‘’«»„‚`.,;:!?—–-…()[]"
CRITERIA = {"union>=0.5": ("union", 0.5), "gold>=0.3": ("gold", 0.3), "gold>=0.8": ("gold", 0.8)}
# The project's partitions of PolNeAR train (see train_partition); "dev" and "train" are the file's own.
SPLITS = ("heldout", "fit", "resolution")
RESOLUTION_HOLDOUT = 80
HELDOUT_SIZE = 300
HELDOUT_SEED = 14  # chosen once; changing it would expose documents rules were written against
ROW_CRITERION = "gold>=0.3"  # when a stored row counts as a real quotation (calibration, resolution)
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
    quote: int = -1  # for a predicted unit: the index of its Quote


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
    for n, q in enumerate(quotes):
        pieces = q.segments or [[q.start, q.end]]
        for s, e in pieces:
            s, e = trim(text, s, e)
            if e > s:
                units.append(Unit(s, e, q.kind, q.speaker, q.speaker_start, q.speaker_end, quote=n))
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
    """Canonical names agree when equal, or when one is a fuller form of the other (same surname). Titles are
    not part of a name: "Mr. Ekovich" is "Steven M. Ekovich"."""
    if not pred or not gold:
        return False
    p, g = (normalise_name(" ".join(split_title(name.split())[1])).split() for name in (pred, mention_name(gold)))
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
    # (referent group, mention type, outcome) -> mentions; see score_resolutions
    resolution: Counter = field(default_factory=Counter)
    # every predicted quote with whether it is right: the data of the reliability table and of the calibration fit
    rows: list[tuple[Quote, bool]] = field(default_factory=list)
    documents: int = 0
    failures: int = 0
    seconds: float = 0.0

    def as_dict(self) -> dict:
        data = {
            "documents": self.documents, "failures": self.failures, "seconds": round(self.seconds, 2),
            "scores": {group: {crit: t.summary() for crit, t in by.items()} for group, by in self.tallies.items()},
            "calibration": reliability([c.confidence for c, _ in self.rows], [ok for _, ok in self.rows]),
        }
        data["sieves"] = dict(Counter(sieve_of(q) for q, _ in self.rows))
        hidden = [ok for q, ok in self.rows if q.hidden]
        data["hidden"] = {"rows": len(hidden), "right": round(sum(hidden) / len(hidden), 4) if hidden else None}
        if self.resolution:
            data["resolution"] = self.resolution_summary()
        return data

    def resolution_summary(self) -> dict:
        """Shares of the mentions whose quotes were found, per referent group, overall and per mention type."""
        out = {}
        for group in ("named", "unnamed", "document"):
            for mention_type in ("all", "pronoun", "description"):
                counts = Counter()
                for (g, t, o), n in self.resolution.items():
                    if g == group and mention_type in ("all", t):
                        counts[o] += n
                found = sum(n for o, n in counts.items() if o != "quote not found")
                if not counts:
                    continue
                row = {"mentions": sum(counts.values()), "found": found}
                row.update({o: round(counts[o] / found, 4) if found else None
                            for o in OUTCOMES[:-1] if (o in ("named", "unnamed")) == (group != "named")})
                out[f"{group}/{mention_type}"] = row
        return out


def sieve_of(quote: Quote) -> str:
    """The speaker sieve that named a row's speaker, from its method: "cue_subject:coref" → "coref"."""
    rule, _, how = quote.method.partition(":")
    if how:
        return how
    if rule in ("floating", "none", "transcript"):
        return rule
    return "named" if quote.speaker else "none"


def reliability(confidences: list[float], right: list[bool], bins: int = 10) -> dict:
    """The reliability table (rows, mean confidence and observed rate in ten equal bins), the expected
    calibration error (the row-weighted mean gap between confidence and rate) and how often rows at 0.9 or
    more are right."""
    table = []
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        members = [(c, ok) for c, ok in zip(confidences, right) if lo <= c < hi or (b == bins - 1 and c >= hi)]
        if members:
            table.append({"bin": f"{lo:.1f}–{hi:.1f}", "rows": len(members),
                          "confidence": round(sum(c for c, _ in members) / len(members), 4),
                          "observed": round(sum(ok for _, ok in members) / len(members), 4)})
    total = len(confidences)
    ece = sum(r["rows"] * abs(r["confidence"] - r["observed"]) for r in table) / total if total else 0.0
    high = [ok for c, ok in zip(confidences, right) if c >= 0.9]
    return {"bins": table, "ece": round(ece, 4), "rows": total,
            "right_at_0.9": round(sum(high) / len(high), 4) if high else None, "rows_at_0.9": len(high)}


def score_document(doc: dict, quotes: list[Quote], report: Report, keep_errors: bool,
                   rederive_kinds: bool = False, resolutions: list[dict] | None = None) -> None:
    text = doc["text"]
    golds_all, preds_all = gold_units(doc, rederive_kinds), predicted_units(text, quotes)
    pairs = match(preds_all, golds_all, *CRITERIA[ROW_CRITERION])
    score_rows(quotes, preds_all, golds_all, pairs, report, resolutions or [])
    if resolutions is not None:
        score_resolutions(resolutions, preds_all, golds_all, pairs, report, doc["doc_id"] if keep_errors else None)
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


def score_rows(quotes: list[Quote], preds: list[Unit], golds: list[Unit], pairs, report: Report,
               resolutions: list[dict]) -> None:
    """A stored row is right when it is a real quotation (one of its pieces matches a gold quote) with the right
    speaker, or rightly none. This is what ``confidence`` claims to be the probability of.

    Where the gold speaker is a pronoun or description whose referent polnear_resolved.jsonl names, the stored
    name must be that referent's; elsewhere pointing at the gold mention is all the annotation can check."""
    right = [False] * len(quotes)
    for i, j in pairs:
        gold = golds[j]
        referent = next((r for r in resolutions if _speaks_for(gold, r)), None)
        if referent is not None and not referent["document_source"]:
            ok = names_agree(preds[i].speaker, referent["name"]) if referent["name"] else preds[i].speaker is None
        else:
            ok = speaker_right(preds[i], gold)
        if ok:
            right[preds[i].quote] = True
    report.rows.extend(zip(quotes, right))


# How a mention's quotes were stored, worst first: the order breaks ties between a mention's quotes.
OUTCOMES = ("wrong name", "unresolved", "right name", "named", "unnamed", "quote not found")


def score_resolutions(resolutions: list[dict], preds: list[Unit], golds: list[Unit], pairs, report: Report,
                      doc_id: str | None = None) -> None:
    """Who the engine named for each gold pronoun / description speaker (polnear_resolved.jsonl).

    A mention's quotes are the gold quotes whose speaker span overlaps it; the engine's answer is the speaker of
    the predicted quotes matched to them (overlap / gold >= 0.3). A mention with a name is stored under the
    ``right name``, a ``wrong name`` or ``unresolved``; an unnamed / group / unclear one is ``unnamed`` (right) or
    ``named`` (wrong). Mentions whose quotes the engine did not find are counted apart (``quote not found``):
    that is quote finding, not resolution. Statements, polls and ads (``document_source``) are their own group.
    """
    matched = {j: i for i, j in pairs}
    for r in resolutions:
        group = "document" if r["document_source"] else "named" if r["name"] else "unnamed"
        found = [j for j, g in enumerate(golds) if _speaks_for(g, r) and j in matched]
        answers = []
        for j in found:
            speaker = preds[matched[j]].speaker
            if r["name"]:
                answers.append("unresolved" if not speaker else
                               "right name" if names_agree(speaker, r["name"]) else "wrong name")
            else:
                answers.append("named" if speaker else "unnamed")
        if not answers:
            outcome = "quote not found"
        else:
            counts = Counter(answers)
            outcome = max(counts, key=lambda o: (counts[o], -OUTCOMES.index(o)))
        report.resolution[(group, r["type"], outcome)] += 1
        if doc_id is not None and outcome in ("wrong name", "unresolved", "named"):
            report.errors.append({"type": outcome.replace(" ", "_"), "doc_id": doc_id, "kind": r["type"],
                                  "text": r["mention"], "gold_speaker": r["name"],
                                  "speaker": preds[matched[found[0]]].speaker})


def _speaks_for(gold: Unit, referent: dict) -> bool:
    """The gold quote's speaker mention is the annotated pronoun or description (their spans overlap)."""
    return gold.speaker_start is not None and referent["start"] < gold.speaker_end \
        and gold.speaker_start < referent["end"]


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
    """Annotated documents, optionally of one split: a split the file names ("dev", "train") or one of the
    project's own partitions of train (``SPLITS``)."""
    docs = _read_jsonl(path)
    if split in SPLITS:
        wanted = train_partition(docs)[split]
        docs = (d for d in docs if d["doc_id"] in wanted)
    elif split:
        docs = (d for d in docs if d.get("split") == split)
    yield from itertools.islice(docs, limit)


def _read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def train_partition(docs: Iterable[dict]) -> dict[str, set[str]]:
    """PolNeAR train cut into three parts that never overlap, the same on every machine.

    ``resolution``: the last 80 train documents in doc_id order, annotated in polnear_resolved.jsonl and never
    read while writing rules. ``heldout``: 300 of the others drawn once with a fixed seed, also never read; it
    tells whether a rule generalises. ``fit``: the rest, the only train documents rules and the confidence
    calibration may learn from.
    """
    train = sorted(d["doc_id"] for d in docs if d.get("split") == "train")
    resolution, rest = train[-RESOLUTION_HOLDOUT:], train[:-RESOLUTION_HOLDOUT]
    heldout = set(random.Random(HELDOUT_SEED).sample(rest, min(HELDOUT_SIZE, len(rest))))
    return {"resolution": set(resolution), "heldout": heldout, "fit": set(rest) - heldout}


def read_resolutions(path: Path) -> dict[str, list[dict]]:
    """polnear_resolved.jsonl: doc_id -> the pronoun and description speaker mentions with their referents."""
    return {d["doc_id"]: d["resolutions"] for d in _read_jsonl(path)}


def evaluate(docs: Iterable[dict], nlp, options=None, keep_errors: bool = False, batch_size: int = 32,
             rederive_kinds: bool = False, resolved: dict[str, list[dict]] | None = None) -> Report:
    from quotes.extract import extract_quotes
    from quotes.paragraphs import parse_texts

    report = Report()
    started = time.perf_counter()
    docs = list(docs)
    for doc, parsed in zip(docs, parse_texts(nlp, (d["text"] for d in docs), batch_size=batch_size)):
        report.documents += 1
        try:
            quotes = extract_quotes(parsed, options, doc.get("title"))
        except Exception:  # counted, never hidden: a failure scores as no predictions
            report.failures += 1
            quotes = []
        resolutions = resolved.get(doc["doc_id"]) if resolved is not None else None
        score_document(doc, quotes, report, keep_errors, rederive_kinds, resolutions)
    report.seconds = time.perf_counter() - started
    return report


