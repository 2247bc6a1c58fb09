"""What the commands print: one line per row fitted to the terminal, quotes as short blocks, and the same rows
as csv, json, jsonl or Markdown.

Article text is untrusted: every cell goes to rich as ``Text``, never as markup, so "[bold]" or "[link=…]" in a
quote prints as written.
"""

from __future__ import annotations

import json
import sys
import textwrap
from datetime import date, datetime

import polars as pl
from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

FORMATS = ("table", "csv", "json", "jsonl", "md")
PIPE_WIDTH = 100  # columns when the output is not a terminal
SHORT_COLUMN = 24  # a column this narrow keeps its natural width; wider ones share what is left
QUOTE_LINES = 2  # lines of a quote shown in a block without --wide


def console() -> Console:
    """The terminal's width, or 100 columns when writing to a pipe or file."""
    return Console(width=None if sys.stdout.isatty() else PIPE_WIDTH, highlight=False)


def check_format(format: str) -> None:
    if format not in FORMATS:
        raise ValueError(f"--format must be one of {', '.join(FORMATS)}, not {format!r}")


def cell(value) -> str:
    """A value as a table shows it: dates as dates, two decimals, lists joined, nothing for null."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:.2f}"
    if isinstance(value, (list, tuple)):
        return ", ".join(cell(v) for v in value)
    return " ".join(str(value).split())


def emit(df: pl.DataFrame, format: str, columns: list[str] | None = None, wide: bool = False,
         noun: str = "rows", out: Console | None = None) -> None:
    """Rows in the chosen format; ``columns`` picks and orders what the table and Markdown show."""
    check_format(format)
    if format == "csv":
        nested = [c for c, t in df.schema.items() if isinstance(t, (pl.List, pl.Array, pl.Struct))]
        flat = df.with_columns([pl.Series(c, [None if v is None else cell(v) for v in df[c].to_list()])
                                for c in nested])
        sys.stdout.write(flat.write_csv())
    elif format == "json":
        sys.stdout.write(json.dumps(df.to_dicts(), ensure_ascii=False, indent=1, default=str) + "\n")
    elif format == "jsonl":
        for row in df.to_dicts():
            sys.stdout.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
    else:
        shown = df.select([c for c in (columns or df.columns) if c in df.columns])
        if format == "md":
            sys.stdout.write(markdown(shown))
        else:
            table(shown, wide, noun, out or console())


def markdown(df: pl.DataFrame) -> str:
    def esc(value) -> str:
        return cell(value).replace("\\", "\\\\").replace("|", "\\|")

    lines = ["| " + " | ".join(df.columns) + " |", "|" + "---|" * len(df.columns)]
    lines += ["| " + " | ".join(esc(v) for v in row) + " |" for row in df.iter_rows()]
    return "\n".join(lines) + "\n"


def widths(natural: list[int], room: int, floor: int = 8) -> list[int]:
    """Column widths that fit ``room``: the widest column gives up a character at a time, down to ``floor``
    (what DuckDB's CLI does), so short columns keep their whole values and long text is what gets cut."""
    out = list(natural)
    while sum(out) > room:
        widest = max(range(len(out)), key=lambda i: out[i])
        if out[widest] <= floor:
            break
        out[widest] -= 1
    return out


def table(df: pl.DataFrame, wide: bool, noun: str, out: Console) -> None:
    """One line per row, cut with "…" where a value does not fit (``wide``: long values wrap instead); numbers
    right-aligned; a rule under the header only; the row count at the end."""
    rows = [[cell(v) for v in row] for row in df.iter_rows()]
    natural = [max([len(c)] + [len(r[i]) for r in rows]) for i, c in enumerate(df.columns)]
    gaps = 3 * (len(natural) - 1)  # a space of padding either side and the (blank) divider
    fitted = natural if wide else widths(natural, max(len(natural), out.width - gaps))
    grid = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, show_lines=False, header_style="bold",
                 expand=wide and sum(natural) + gaps > out.width)
    for i, name in enumerate(df.columns):
        numeric = df.schema[name].is_numeric()
        grid.add_column(name, justify="right" if numeric else "left", no_wrap=not wide,
                        overflow="fold" if wide else "ellipsis", width=None if wide else fitted[i],
                        ratio=1 if wide and natural[i] > SHORT_COLUMN else None,
                        min_width=natural[i] if wide and natural[i] <= SHORT_COLUMN else None)
    for row in rows:
        grid.add_row(*[Text(v) for v in row])
    out.print(grid)
    out.print(Text(f"{len(rows)} {noun if len(rows) != 1 else noun.rstrip('s')}", style="dim"))


def quote_blocks(df: pl.DataFrame, wide: bool = False, out: Console | None = None) -> None:
    """Quotes as short blocks that lead with the words: a dim line "speaker · outlet · date · kind · confidence",
    then the quote, indented and cut to two lines unless ``wide``."""
    out = out or console()
    room = max(20, out.width - 2)
    for row in df.iter_rows(named=True):
        where = row.get("outlet") or row.get("title")
        meta = " · ".join(cell(x) for x in (row.get("speaker") or "unknown speaker", where, row.get("published_at"),
                                            row.get("kind"), row.get("confidence")) if x not in (None, ""))
        words = cell(row.get("quote"))
        if row.get("kind") == "direct":
            words = f"“{words}”"
        lines = textwrap.wrap(words, room) or [""]
        if not wide and len(lines) > QUOTE_LINES:
            lines = lines[: QUOTE_LINES - 1] + [lines[QUOTE_LINES - 1][: room - 1].rstrip() + "…"]
        out.print(Text(meta if len(meta) <= out.width or wide else meta[: out.width - 1] + "…", style="dim"),
                  soft_wrap=True)
        for line in lines:
            out.print(Text("  " + line), soft_wrap=True)
        out.print()
    out.print(Text(f"{df.height} quote{'s' if df.height != 1 else ''}", style="dim"))


def variant_blocks(df: pl.DataFrame, markdown: bool = False) -> None:
    """``quotes variants``: per cluster a head line, then each source (first marked) with its relation to the
    fullest copy, the words an edit changed and its wording — plain text, or Markdown with ``markdown``."""
    lines = []
    for (cluster_id,), part in df.group_by(["cluster_id"], maintain_order=True):
        rows = part.to_dicts()
        head = f"cluster {cluster_id} · {rows[0]['speaker'] or 'unknown speaker'} · {part['source_id'].n_unique()} sources"
        lines.append(f"## {head}" if markdown else head)
        for row in rows:
            where = " ".join(x for x in (row["outlet"] or row["title"] or f"source {row['source_id']}",
                                         cell(row["seen"])) if x)
            relation = f"{row['relation']}{': ' + row['changes'] if row['changes'] else ''}"
            text = " ".join(row["quote"].split())
            lines.append(f"- {where}{' (first)' if row['first'] else ''} — {relation}: “{text}”" if markdown
                         else f"  {'*' if row['first'] else ' '} {where} · {relation}\n      {text}")
        lines.append("")
    sys.stdout.write("\n".join(lines))
