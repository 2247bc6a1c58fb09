"""The tables ``quotes eval`` prints: one split in detail, or several side by side.

Kept apart from the scoring (``quotes.evaluate``) so that the numbers can be had as JSON without rich.
"""

from __future__ import annotations

from rich.table import Table

# The headline figures, in the order a reader checks them: quote finding, speakers, resolution, calibration.
HEADLINE = (
    ("direct+mixed F1 (union ≥ 0.5)", lambda d: d["scores"]["direct+mixed"]["union>=0.5"]["f1"]),
    ("direct+mixed F1 (gold ≥ 0.3)", lambda d: d["scores"]["direct+mixed"]["gold>=0.3"]["f1"]),
    ("speaker accuracy, direct+mixed (union ≥ 0.5)",
     lambda d: d["scores"]["direct+mixed"]["union>=0.5"]["speaker_accuracy"]),
    ("all relations F1 (gold ≥ 0.3)", lambda d: d["scores"]["all"]["gold>=0.3"]["f1"]),
    ("attribution F1, all (gold ≥ 0.3)", lambda d: d["scores"]["all"]["gold>=0.3"]["attribution_f1"]),
    ("resolution: named → right name", lambda d: _resolution(d, "named/all", "right name")),
    ("resolution: named → wrong name", lambda d: _resolution(d, "named/all", "wrong name")),
    ("resolution: named → unresolved", lambda d: _resolution(d, "named/all", "unresolved")),
    ("resolution: unnamed → left unnamed", lambda d: _resolution(d, "unnamed/all", "unnamed")),
    ("resolution: mentions found / annotated", lambda d: _found(d)),
    ("calibration: expected error", lambda d: d["calibration"]["ece"]),
    ("calibration: right at confidence ≥ 0.9", lambda d: d["calibration"]["right_at_0.9"]),
    ("rows", lambda d: d["calibration"]["rows"]),
    ("rows hidden by default (headline, noun phrase, unlikely)", lambda d: d["hidden"]["rows"]),
    ("hidden rows that were right", lambda d: d["hidden"]["right"]),
)


def _resolution(data: dict, key: str, outcome: str):
    return data.get("resolution", {}).get(key, {}).get(outcome)


def _found(data: dict) -> str | None:
    rows = [v for k, v in data.get("resolution", {}).items() if k.endswith("/all")]
    if not rows:
        return None
    return f"{sum(r['found'] for r in rows)} / {sum(r['mentions'] for r in rows)}"


def _cell(value) -> str:
    if value is None:
        return "—"
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def side_by_side(reports: dict[str, dict]) -> Table:
    """The headline figures of several splits, one column each."""
    table = Table(title="quotes eval: " + ", ".join(f"{name} ({data['documents']} documents, {data['failures']} "
                                                    f"failures)" for name, data in reports.items()))
    table.add_column("figure", no_wrap=True)
    for name in reports:
        table.add_column(name, justify="right", no_wrap=True)
    for label, get in HEADLINE:
        values = [_cell(get(data)) for data in reports.values()]
        if any(v != "—" for v in values):
            table.add_row(label, *values)
    return table


def scores(title: str, data: dict) -> Table:
    """Precision, recall, F1 and speaker figures of one split for every kind and match criterion."""
    table = Table(title=title)
    for name in ("kinds", "match", "P", "R", "F1", "speaker acc", "attribution F1", "gold", "pred"):
        table.add_column(name, justify="right" if name not in ("kinds", "match") else "left", no_wrap=True)
    for group, by in data["scores"].items():
        for crit, s in by.items():
            table.add_row(group, crit, f"{s['precision']:.3f}", f"{s['recall']:.3f}", f"{s['f1']:.3f}",
                          _cell(s["speaker_accuracy"]), f"{s['attribution_f1']:.3f}", str(s["gold"]),
                          str(s["predicted"]))
    return table


def resolution(reports: dict[str, dict]) -> Table | None:
    """Per referent group and mention type: how the mentions whose quotes were found were stored."""
    keys = [k for data in reports.values() for k in data.get("resolution", {})]
    if not keys:
        return None
    table = Table(title="who the pronoun and description speakers were stored as (shares of mentions found)")
    table.add_column("split", no_wrap=True)
    table.add_column("referent / mention", no_wrap=True)
    for name in ("mentions", "found", "right name", "wrong name", "unresolved", "unnamed", "named"):
        table.add_column(name, justify="right", no_wrap=True)
    for split, data in reports.items():
        for key, row in data.get("resolution", {}).items():
            table.add_row(split, key, *(_cell(row.get(c)) for c in (
                "mentions", "found", "right name", "wrong name", "unresolved", "unnamed", "named")))
    return table


def reliability(reports: dict[str, dict]) -> Table:
    """Ten confidence bins: rows, mean confidence and the observed rate of right rows, per split."""
    table = Table(title="reliability: is a row at confidence c right c of the time?")
    table.add_column("confidence", no_wrap=True)
    for split in reports:
        for name in ("rows", "mean", "observed"):
            table.add_column(f"{split} {name}" if name == "rows" else name, justify="right", no_wrap=True)
    bins = sorted({b["bin"] for data in reports.values() for b in data["calibration"]["bins"]})
    for label in bins:
        cells = []
        for data in reports.values():
            row = next((b for b in data["calibration"]["bins"] if b["bin"] == label), None)
            cells += [str(row["rows"]), f"{row['confidence']:.3f}", f"{row['observed']:.3f}"] if row else ["0", "—", "—"]
        table.add_row(label, *cells)
    table.add_row("ECE", *[c for data in reports.values() for c in ("", "", f"{data['calibration']['ece']:.3f}")])
    return table


ABLATION = (
    ("attribution F1", lambda d: d["scores"]["all"]["gold>=0.3"]["attribution_f1"]),
    ("d+m speaker acc", lambda d: d["scores"]["direct+mixed"]["union>=0.5"]["speaker_accuracy"]),
    ("named → right", lambda d: _resolution(d, "named/all", "right name")),
    ("named → wrong", lambda d: _resolution(d, "named/all", "wrong name")),
    ("unnamed → none", lambda d: _resolution(d, "unnamed/all", "unnamed")),
)


def ablation(split: str, full: dict, without: dict[str, dict]) -> Table:
    """What each sieve adds: the full engine's figure minus the figure with that sieve left out, and how many
    rows the sieve names in the full run."""
    table = Table(title=f"{split}: what each speaker sieve adds (full engine minus the engine without it)")
    table.add_column("sieve", no_wrap=True)
    table.add_column("rows it names", justify="right", no_wrap=True)
    for label, _ in ABLATION:
        table.add_column(label, justify="right", no_wrap=True)
    for sieve, data in without.items():
        cells = []
        for _, get in ABLATION:
            a, b = get(full), get(data)
            cells.append("—" if a is None or b is None else f"{a - b:+.3f}")
        table.add_row(sieve, str(full.get("sieves", {}).get(sieve, 0)), *cells)
    return table
