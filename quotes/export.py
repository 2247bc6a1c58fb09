"""Quote sheets: the rows of ``quote_sheet`` written as Markdown, HTML, XLSX, CSV, JSON or Parquet."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import polars as pl

FORMATS = ("md", "html", "xlsx", "csv", "json", "parquet")
SHEET_COLUMNS = ["speaker", "role", "quote", "kind", "confidence", "title", "outlet", "published_at", "url",
                 "context", "cluster_id", "quote_id", "source_id", "method"]


def format_for(path: Path, explicit: str | None) -> str:
    fmt = (explicit or path.suffix.lstrip(".")).lower()
    fmt = {"markdown": "md", "htm": "html", "jsonl": "json", "pq": "parquet"}.get(fmt, fmt)
    if fmt not in FORMATS:
        raise ValueError(f"{path}: unknown export format {fmt!r} (use one of {', '.join(FORMATS)})")
    return fmt


def write_sheet(df: pl.DataFrame, path: Path, fmt: str,
                also_carried: dict[int, list[dict]] | None = None, per_speaker_sheets: bool = False) -> None:
    """Write ``df`` (rows of quote_sheet); ``also_carried`` is ``QuoteDB.carriers`` for its clusters."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    {"md": _markdown, "html": _html, "xlsx": _xlsx, "csv": _csv, "json": _json, "parquet": _parquet}[fmt](
        df, tmp, also_carried or {}, per_speaker_sheets)
    tmp.replace(path)  # a half-written sheet never replaces a good one


KIND_ORDER = {"direct": 0, "mixed": 1, "indirect": 2}


@dataclass
class Carrier:
    """One article that carried a statement: how its copy relates to the fullest one, and whether it came first."""

    label: str
    title: str | None = None
    url: str | None = None
    seen: object = None
    relation: str = ""
    changes: str = ""
    first: bool = False

    @property
    def note(self) -> str:
        """"first", "excerpt", "edited: −spring +summer" — what a sheet prints after the outlet."""
        notes = ["first"] if self.first else []
        if self.relation and self.relation != "identical":
            notes.append(f"{self.relation}: {self.changes}" if self.changes else self.relation)
        return ", ".join(notes)


@dataclass
class Statement:
    """A quote as a sheet shows it: once, with every article that carried it."""

    row: dict
    carriers: list[Carrier] = field(default_factory=list)


def statements(df: pl.DataFrame, carried: dict[int, list[dict]]) -> dict[str | None, list[Statement]]:
    """Rows of quote_sheet by speaker, each quote once: the copies of a cluster become one statement (its fullest
    text) listing every source that carried it, first marked; an article carried twice under the same outlet,
    title and date is listed once. Direct quotes first, then mixed, then reported speech."""
    found: dict[tuple, Statement] = {}
    speaker_of: dict[tuple, str | None] = {}
    for row in df.iter_rows(named=True):
        key = ("cluster", row["cluster_id"]) if row.get("cluster_id") is not None else ("quote", row.get("quote_id"))
        known = found.get(key)
        if known is None or len(row["quote"]) > len(known.row["quote"]):
            found[key] = Statement(row, known.carriers if known else [])
        if speaker_of.get(key) is None:
            speaker_of[key] = row.get("speaker")
        if key[0] == "quote":
            found[key].carriers = [_carrier(row)]
    for key, statement in found.items():
        if key[0] == "cluster":
            statement.carriers = [Carrier(c["label"], c.get("title"), c.get("url"), c.get("seen"), c.get("relation", ""),
                                          c.get("changes", "")) for c in carried.get(key[1], [])] \
                or [_carrier(statement.row)]
        statement.carriers = _distinct(statement.carriers)
        statement.carriers[0].first = len(statement.carriers) > 1
    by_speaker: dict[str | None, list[Statement]] = {}
    for key, statement in found.items():
        by_speaker.setdefault(speaker_of[key], []).append(statement)
    for items in by_speaker.values():
        items.sort(key=lambda st: (KIND_ORDER.get(st.row["kind"], 3), str(st.carriers[0].seen or "")))
    return by_speaker


def _carrier(row: dict) -> Carrier:
    return Carrier(row.get("outlet") or row.get("title") or f"source {row.get('source_id')}", row.get("title"),
                   row.get("url"), row.get("published_at"))


def _distinct(carriers: list[Carrier]) -> list[Carrier]:
    seen, out = set(), []
    for c in carriers:
        key = (c.label, c.title, str(c.seen)[:10] if c.seen else None)
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


def _cols(df: pl.DataFrame) -> pl.DataFrame:
    return df.select([c for c in SHEET_COLUMNS if c in df.columns])


def _csv(df, path, _carried, _per) -> None:
    _cols(df).write_csv(path)


def _json(df, path, _carried, _per) -> None:
    rows = _cols(df).to_dicts()
    path.write_text(json.dumps(rows, ensure_ascii=False, indent=1, default=str), encoding="utf-8")


def _parquet(df, path, _carried, _per) -> None:
    _cols(df).write_parquet(path)


def _xlsx(df, path, _carried, per_speaker) -> None:
    import xlsxwriter

    frame = _cols(df).with_columns(pl.col("published_at").cast(pl.String)) if "published_at" in df.columns else _cols(df)
    workbook = xlsxwriter.Workbook(str(path), {"strings_to_urls": False})  # URL sniffing on every cell is slow
    wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
    bold = workbook.add_format({"bold": True})
    sheets = [("Quotes", frame)]
    if per_speaker:
        sheets = [(_sheet_name(name or "Unknown", i), part) for i, ((name,), part) in
                  enumerate(frame.group_by(["speaker"], maintain_order=True))]
    for title, part in sheets:
        ws = workbook.add_worksheet(title)
        ws.write_row(0, 0, part.columns, bold)
        for c, name in enumerate(part.columns):  # formats by column: far cheaper than per cell
            ws.set_column(c, c, 80 if name in ("quote", "context") else 18, wrap)
        for r, row in enumerate(part.iter_rows(), start=1):
            ws.write_row(r, 0, ["" if value is None else value for value in row])
        ws.autofilter(0, 0, max(part.height, 1), len(part.columns) - 1)
        ws.freeze_panes(1, 0)
    workbook.close()


def _sheet_name(name: str, index: int) -> str:
    clean = "".join(ch for ch in name if ch not in "[]:*?/\\")[:28]
    return f"{clean or 'Sheet'}{index}" if index else (clean or "Sheet")


def _role(items: list[Statement]) -> str | None:
    return next((st.row["role"] for st in items if st.row.get("role")), None)


def _markdown(df, path, carried, _per) -> None:
    from quotes.templating import web_url

    lines = ["# Quote sheet", "", f"{df.height} quotes, generated {datetime.now():%Y-%m-%d %H:%M}", ""]
    for speaker, items in statements(df, carried).items():
        role = _role(items)
        lines += [f"## {speaker or 'Unknown speaker'}" + (f" — {role}" if role else ""), ""]
        for st in items:
            text = " ".join(st.row["quote"].split())
            lines.append(f"- “{text}” ({st.row['kind']}, confidence {st.row['confidence']:.2f})")
            for c in st.carriers:
                where = " · ".join(str(x) for x in (c.label, str(c.seen)[:10] if c.seen else None) if x)
                link = f" <{web_url(c.url)}>" if web_url(c.url) else ""
                lines.append(f"  - {where}{link}" + (f" ({c.note})" if c.note else ""))
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")


def _html(df, path, carried, _per) -> None:
    from quotes.templating import render

    path.write_text(render("sheet.html", sections=statements(df, carried), quotes=df.height,
                           generated=datetime.now()), encoding="utf-8")
