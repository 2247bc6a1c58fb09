"""Quote sheets: the rows of ``quote_sheet`` written as Markdown, HTML, XLSX, CSV, JSON or Parquet."""

from __future__ import annotations

import html
import json
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
                also_carried: dict[int, list[tuple[int, str]]] | None = None, per_speaker_sheets: bool = False) -> None:
    """Write ``df`` (rows of quote_sheet); ``also_carried`` is ``QuoteDB.carriers`` for its clusters."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    {"md": _markdown, "html": _html, "xlsx": _xlsx, "csv": _csv, "json": _json, "parquet": _parquet}[fmt](
        df, tmp, also_carried or {}, per_speaker_sheets)
    tmp.replace(path)  # a half-written sheet never replaces a good one


def _also_carried_by(carried: dict, row: dict) -> list[str]:
    """The other sources that carried this row's quote (never the row's own source), each with how its copy
    differs: "CNN (excerpt)", "Fox News (edited: −peace +war)"; the first to carry it is marked."""
    labels = []
    for n, (source_id, label, relation, changes) in enumerate(carried.get(row.get("cluster_id"), [])):
        if source_id == row.get("source_id"):
            continue
        notes = [x for x in ("first" if n == 0 else "", relation if relation != "identical" else "") if x]
        if changes:
            notes[-1:] = [f"{notes[-1] if notes else 'edited'}: {changes}"]
        labels.append(label + (f" ({', '.join(notes)})" if notes else ""))
    return labels


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


def _grouped(df: pl.DataFrame) -> dict[str | None, dict[int, list[dict]]]:
    """Rows by speaker, then by source, each in order of first appearance (one pass over the rows)."""
    groups: dict[str | None, dict[int, list[dict]]] = {}
    for row in df.iter_rows(named=True):
        groups.setdefault(row.get("speaker"), {}).setdefault(row.get("source_id"), []).append(row)
    return groups


def _role(by_source: dict[int, list[dict]]) -> str | None:
    return next((row["role"] for rows in by_source.values() for row in rows if row.get("role")), None)


def _markdown(df, path, carried, _per) -> None:
    lines = ["# Quote sheet", "", f"{df.height} quotes, generated {datetime.now():%Y-%m-%d %H:%M}", ""]
    for speaker, by_source in _grouped(df).items():
        role = _role(by_source)
        lines += [f"## {speaker or 'Unknown speaker'}" + (f" — {role}" if role else ""), ""]
        for row in (row for rows in by_source.values() for row in rows):
            where = " · ".join(str(x) for x in (row.get("outlet"), row.get("published_at"), row.get("title")) if x)
            text = row["quote"].replace("\n", " ")
            lines.append(f"- “{text}” ({row['kind']}, confidence {row['confidence']:.2f})" + (f" — {where}" if where else ""))
            if row.get("url"):
                lines.append(f"  <{row['url']}>")
            others = _also_carried_by(carried, row)
            if others:
                lines.append(f"  Also carried by: {', '.join(others)}")
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")


_CSS = """
body{font-family:Georgia,serif;max-width:60em;margin:2em auto;color:#111;line-height:1.45}
h1{font-size:1.6em}h2{border-bottom:2px solid #333;margin-top:2em}h3{font-size:1em;color:#444;margin-bottom:.3em}
blockquote{margin:.4em 0 .2em 1em;padding-left:.8em;border-left:3px solid #888;font-size:1.05em}
.meta{font-size:.85em;color:#555}.context{font-size:.85em;color:#333;background:#f4f4f4;padding:.3em .6em}
.kind{font-variant:small-caps;color:#666}@media print{a{color:#000}h2{page-break-after:avoid}}
"""


def _html(df, path, carried, _per) -> None:
    esc = html.escape
    out = ["<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Quote sheet</title>",
           f"<style>{_CSS}</style></head><body>", "<h1>Quote sheet</h1>",
           f"<p class='meta'>{df.height} quotes · generated {datetime.now():%Y-%m-%d %H:%M}</p>"]
    for speaker, by_source in _grouped(df).items():
        role = _role(by_source)
        out.append(f"<section class='speaker'><h2>{esc(speaker or 'Unknown speaker')}"
                   + (f" <small>— {esc(role)}</small>" if role else "") + "</h2>")
        for rows in by_source.values():
            first = rows[0]
            title = esc(first.get("title") or "Untitled source")
            link = f"<a href='{esc(first['url'])}'>{title}</a>" if first.get("url") else title
            meta = " · ".join(esc(str(x)) for x in (first.get("outlet"), first.get("published_at")) if x)
            out.append(f"<h3>{link}</h3><div class='meta'>{meta}</div>")
            for row in rows:
                out.append(f"<blockquote class='quote'>{esc(row['quote'])} <span class='kind'>{esc(row['kind'])}"
                           f" · {row['confidence']:.2f}</span></blockquote>")
                if row.get("context"):
                    out.append(f"<div class='context'>{esc(row['context'])}</div>")
                others = _also_carried_by(carried, row)
                if others:
                    out.append(f"<div class='meta'>Also carried by: {esc(', '.join(others))}</div>")
        out.append("</section>")
    out.append("</body></html>")
    path.write_text("\n".join(out), encoding="utf-8")
