"""``quotes serve``: the database in a browser, read-only, on 127.0.0.1.

Starlette routes, Jinja2 templates (shared with the HTML quote sheet), uvicorn serving. Each request opens the
file read-only and closes it when done, waiting (up to ``READ_WAIT_SECONDS``) while an ingest holds it for a
batch: pages keep answering during an ingest and lag it by at most a batch. The SQL box runs one read-only
statement on a connection with external file and network access switched off.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

import duckdb
from starlette.applications import Starlette
from starlette.background import BackgroundTask
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, PlainTextResponse
from starlette.routing import Route

from quotes.db import READ_WAIT_SECONDS, DatabaseError, QuoteDB, connect, is_read_only_sql
from quotes.export import FORMATS, write_sheet
from quotes.templating import render
from quotes.variants import marked_words

SEARCH_LIMIT = 200
SQL_ROWS = 500
MEDIA_TYPES = {"md": "text/markdown", "html": "text/html", "csv": "text/csv", "json": "application/json",
               "parquet": "application/vnd.apache.parquet",
               "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def create_app(db_path: str) -> Starlette:
    """The web app over one database file."""

    @contextmanager
    def database():
        try:
            db = QuoteDB(db_path, read_only=True, wait_seconds=READ_WAIT_SECONDS)
        except DatabaseError as exc:
            raise HTTPException(503, str(exc)) from exc
        try:
            yield db
        finally:
            db.close()

    def page(name: str, status: int = 200, **context) -> HTMLResponse:
        return HTMLResponse(render(name, db_path=db_path, **context), status_code=status)

    def filters(request: Request) -> dict:
        q = request.query_params
        number = _float(q.get("min_confidence"))
        return {"speaker": q.get("speaker") or None, "contains": q.get("words") or None,
                "outlet": q.get("outlet") or None, "since": q.get("since") or None, "until": q.get("until") or None,
                "kind": q.get("kind") or None, "min_confidence": number}

    def search(request: Request) -> HTMLResponse:
        chosen = filters(request)
        rows, searched = [], any(v is not None for v in chosen.values())
        with database() as db:
            if searched:
                rows = db.quotes(limit=SEARCH_LIMIT, **chosen).to_dicts()
            counts = db.counts()
        return page("search.html", rows=rows, searched=searched, chosen=request.query_params, counts=counts,
                    query=request.url.query, formats=FORMATS, limit=SEARCH_LIMIT)

    def speaker(request: Request) -> HTMLResponse:
        speaker_id = request.path_params["speaker_id"]
        with database() as db:
            who = one_row(db, "SELECT id, name, kind, role FROM speakers WHERE id = ?", speaker_id, "speaker")
            aliases = db.sql("SELECT alias FROM speaker_aliases WHERE speaker_id = ? ORDER BY alias",
                             [speaker_id])["alias"].to_list()
            rows = db.quotes(speaker_id=speaker_id).to_dicts()
            months = db.sql("""
                SELECT strftime(date_trunc('month', coalesce(src.published_at, src.ingested_at)), '%Y-%m') AS month,
                       count(*) AS n
                FROM quotes q JOIN sources src ON src.id = q.source_id
                WHERE q.speaker_id = ? AND q.hidden IS NULL GROUP BY 1 ORDER BY 1""", [speaker_id]).rows()
        outlets = Counter(r["outlet"] or r["title"] or "unknown" for r in rows).most_common()
        return page("speaker.html", speaker=who, aliases=[a for a in aliases if a != who["name"]],
                    rows=rows, months=months, outlets=outlets)

    def quote(request: Request) -> HTMLResponse:
        quote_id = request.path_params["quote_id"]
        with database() as db:
            row = one_row(db, "SELECT * FROM quote_sheet WHERE quote_id = ?", quote_id, "quote")
            copies = []
            if row["cluster_id"] is not None:
                copies = db.sql("""
                    SELECT v.*, q.norm_text FROM quote_variants v JOIN quotes q ON q.id = v.quote_id
                    WHERE v.cluster_id = ? ORDER BY v.first DESC, v.seen, v.source_id""", [row["cluster_id"]]).to_dicts()
        for copy in copies:
            copy["marked"] = (marked_words(copy["fullest"].split(), copy["norm_text"].split())
                              if copy["relation"] == "edited" else None)
        return page("quote.html", row=row, copies=copies)

    def article(request: Request) -> HTMLResponse:
        source_id = request.path_params["source_id"]
        with database() as db:
            source = one_row(db, "SELECT id, title, outlet, url, author, published_at, text FROM sources WHERE id = ?",
                             source_id, "article")
            rows = db.sql("""
                SELECT q.id AS quote_id, q.start_offset, q.end_offset, q.kind, q.method, q.confidence, q.hidden,
                       q.speaker_id, s.name AS speaker, q.speaker_mention
                FROM quotes q LEFT JOIN speakers s ON s.id = q.speaker_id
                WHERE q.source_id = ? ORDER BY q.start_offset, q.end_offset DESC""", [source_id]).to_dicts()
        return page("article.html", source=source, pieces=highlighted(source["text"], rows), rows=rows)

    def download(request: Request) -> FileResponse:
        fmt = request.path_params["fmt"]
        if fmt not in FORMATS:
            raise HTTPException(404, f"no sheet format {fmt!r}")
        with database() as db:
            df = db.quotes(**filters(request))
            carried = db.carriers(df["cluster_id"].to_list()) if df.height else {}
        folder = tempfile.mkdtemp(prefix="quotes-sheet-")
        path = Path(folder) / f"quotes.{fmt}"
        write_sheet(df, path, fmt, carried)
        return FileResponse(path, media_type=MEDIA_TYPES[fmt], filename=path.name,
                            background=BackgroundTask(_remove, Path(folder)))

    def sql(request: Request) -> HTMLResponse:
        query = request.query_params.get("q", "").strip()
        columns, rows, error = [], [], None
        if query:
            try:
                columns, rows = run_read_only(db_path, query)
            except ValueError as exc:
                error = str(exc)
        return page("sql.html", query=query, columns=columns, rows=rows, error=error, limit=SQL_ROWS)

    def health(_: Request) -> PlainTextResponse:
        return PlainTextResponse("ok")

    async def not_found(request: Request, exc: HTTPException) -> HTMLResponse:
        return page("error.html", status=exc.status_code, message=exc.detail)

    return Starlette(routes=[
        Route("/", search), Route("/speaker/{speaker_id:int}", speaker), Route("/quote/{quote_id:int}", quote),
        Route("/article/{source_id:int}", article), Route("/download/quotes.{fmt}", download),
        Route("/sql", sql), Route("/health", health),
    ], exception_handlers={HTTPException: not_found})


def one_row(db: QuoteDB, query: str, key: int, what: str) -> dict:
    """The row a page is about, or a 404 naming what was not found."""
    found = db.sql(query, [key]).to_dicts()
    if not found:
        raise HTTPException(404, f"no {what} {key}")
    return found[0]


def highlighted(text: str, quotes: list[dict]) -> list[tuple[str, dict | None]]:
    """The article as (text, quote or None) pieces, each quote's span marked once; a quote inside one already
    marked (a direct quote within a reported clause) is listed beside the text, not nested."""
    pieces, at = [], 0
    for q in quotes:
        start, end = q["start_offset"], q["end_offset"]
        if start < at or end > len(text):
            continue
        if start > at:
            pieces.append((text[at:start], None))
        pieces.append((text[start:end], q))
        at = end
    pieces.append((text[at:], None))
    return pieces


def run_read_only(db_path: str, query: str) -> tuple[list[str], list[tuple]]:
    """One read-only statement with external access off (no files, no network, no extensions); at most
    ``SQL_ROWS`` rows. A bad statement is a ValueError with DuckDB's first line."""
    if not is_read_only_sql(query) or ";" in query.strip().rstrip(";"):
        raise ValueError("only one read-only statement (SELECT, WITH, DESCRIBE, …) can run here")
    try:
        con = connect(db_path, read_only=True, wait_seconds=READ_WAIT_SECONDS,
                      settings={"enable_external_access": False, "autoload_known_extensions": False,
                                "autoinstall_known_extensions": False, "lock_configuration": True})
    except DatabaseError as exc:
        raise ValueError(str(exc)) from exc
    try:
        result = con.execute(query)
        columns = [d[0] for d in result.description or []]
        return columns, result.fetchmany(SQL_ROWS)
    except duckdb.Error as exc:
        raise ValueError(str(exc).splitlines()[0]) from exc
    finally:
        con.close()


def serve(db_path: str, host: str = "127.0.0.1", port: int = 8000) -> None:
    import uvicorn

    uvicorn.run(create_app(db_path), host=host, port=port, log_level="warning")


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None


def _remove(folder: Path) -> None:
    for path in folder.iterdir():
        path.unlink()
    folder.rmdir()
