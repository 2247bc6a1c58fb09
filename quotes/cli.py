"""The ``quotes`` command: a thin Typer layer over the library.

Conventions on every command: ``--db`` or ``QUOTES_DB`` names the database;
exit 0 ok, 1 nothing found, 2 usage or input error; user errors are one line
on stderr, never a traceback.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Optional

import duckdb
import typer
from rich.console import Console

from quotes.db import (
    READ_WAIT_SECONDS,
    DatabaseError,
    QuoteDB,
    database_failure,
    default_db_path,
    is_read_only_sql,
)
from quotes.models import ModelMissing
from quotes.terminal import check_format, console

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="Quote attribution for news: every quotation, who said it, in a DuckDB speaker database.")
speakers_app = typer.Typer(add_completion=False, invoke_without_command=True,
                           help="List speakers, or merge / rename / split them by hand.")
app.add_typer(speakers_app, name="speakers")
out = console()
err = Console(stderr=True)

DbOption = Annotated[Optional[str], typer.Option("--db", help="Database file (default: $QUOTES_DB or data/quotes.duckdb).")]
FormatOption = Annotated[str, typer.Option("--format", "-f", help="table | csv | json | jsonl | md")]
WideOption = Annotated[bool, typer.Option("--wide", help="Whole texts, wrapped, instead of one line per row.")]
EngineOption = Annotated[str, typer.Option("--engine", help="local (worker processes here) | ray (a Ray cluster).")]
ActorsOption = Annotated[Optional[int], typer.Option("--actors", help="Ray: extraction actors (default: the cluster's CPUs).")]
RayAddressOption = Annotated[Optional[str], typer.Option(
    "--ray-address", help="Ray: join this cluster (`ray start --head` prints it); default: a local Ray instance for "
                          "this command.")]


class UserError(Exception):
    """An error worth one line to the user (exit 2)."""


def fail(message: str, code: int = 2):
    err.print(f"error: {message}", markup=False, highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def guarded(func):
    """Turn the errors users cause into one line and exit code 2."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except (ModelMissing, DatabaseError, UserError, ValueError, FileNotFoundError) as exc:
            fail(str(exc))
        except duckdb.Error as exc:  # raised while reading or writing an open database: name the file
            fail(database_failure(kwargs.get("db") or default_db_path(), exc))
        except KeyboardInterrupt:
            fail("interrupted; whole batches already written are kept", 130)
        except typer.Exit:
            raise
        except Exception as exc:  # last resort: one line, the details only with QUOTES_DEBUG=1
            if os.environ.get("QUOTES_DEBUG"):
                raise
            fail(f"unexpected {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''} "
                 "(set QUOTES_DEBUG=1 for the traceback)")

    return wrapper


def open_db(db: str | None, read_only: bool = True, wait: float | None = None, on_wait=None) -> QuoteDB:
    """Readers wait up to READ_WAIT_SECONDS for an ingest to release the file between batches; writers wait
    only as long as asked (``--wait``)."""
    if wait is None:
        wait = READ_WAIT_SECONDS if read_only else 0.0
    return QuoteDB(db or default_db_path(), read_only=read_only, wait_seconds=wait, on_wait=on_wait)


# -- extraction ------------------------------------------------------------------------
@app.command()
@guarded
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files, directories or .jsonl files with text and doc_id/id.")],
    format: Annotated[str, typer.Option("--format", "-f", help="jsonl | table | csv | json | md")] = "jsonl",
    wide: WideOption = False,
    coref: Annotated[str, typer.Option(help="window | document | off")] = "window",
    no_indirect: Annotated[bool, typer.Option("--no-indirect", help="Only quotes in quote marks.")] = False,
    workers: Annotated[int, typer.Option(help="Worker processes.")] = 1,
    batch_size: Annotated[int, typer.Option(help="Documents per nlp.pipe batch.")] = 32,
    max_bytes: Annotated[int, typer.Option(help="Largest document accepted, in bytes.")] = 10_000_000,
    strict: Annotated[bool, typer.Option(help="Stop at the first bad input instead of skipping it.")] = False,
    out_dir: Annotated[Optional[Path], typer.Option("--out", help="Write Parquet shards here instead of printing "
                                                    "(archive mode: a re-run skips what is done; `quotes load` "
                                                    "stores them).")] = None,
    engine: EngineOption = "local",
    actors: ActorsOption = None,
    ray_address: RayAddressOption = None,
):
    """Print every quotation with its speaker, without storing anything — or, with --out, write them as Parquet
    shards that a crashed run resumes and `quotes load` stores.

    Example: quotes extract data/samples --format table
    Example: quotes extract archive/ --engine ray --out shards/ && quotes load shards/
    """
    from quotes.extract import ExtractOptions
    from quotes.pipeline import batched
    from quotes.readers import InputProblem, read_documents

    check_format(format)
    _require_engine(engine)  # fails early and clearly when a model is missing
    options = ExtractOptions(indirect=not no_indirect, coref=_coref_mode(coref))
    problems = []
    writer = None
    if out_dir is not None:
        from quotes.shards import ShardError, ShardWriter

        try:
            writer = ShardWriter(out_dir)
        except (ShardError, OSError) as exc:
            raise UserError(f"{out_dir}: {exc}") from exc

    def skip(problem: InputProblem) -> None:
        err.print(f"skipped {problem}", markup=False, highlight=False, soft_wrap=True)
        problems.append(problem)
        if strict:
            raise UserError(str(problem))

    def docs():
        seen = set()
        for item in read_documents(paths, max_bytes=max_bytes):
            if isinstance(item, InputProblem):
                skip(item)
                continue
            if writer is not None and (item.content_hash in writer.done or item.content_hash in seen):
                continue  # finished by an earlier run (or a copy of a document in this one)
            seen.add(item.content_hash)
            yield item

    found, rows, shards, done = 0, [], 0, 0
    with _engine(engine, options, workers, actors, ray_address, batch_size) as (run_engine, _):
        for items in run_engine(batched(docs(), batch_size), lambda d, m: skip(InputProblem(d.path or d.doc_id, m))):
            if writer is not None:
                writer.write(items)
                shards += 1
                done += len(items)
                found += sum(len(q) for _, q in items)
                continue
            for doc, quotes in items:
                found += len(quotes)
                if format == "jsonl":  # streams: one line per document as it is done
                    sys.stdout.write(json.dumps({"doc_id": doc.doc_id, "quotes": [q.as_dict() for q in quotes]},
                                                ensure_ascii=False) + "\n")
                else:
                    rows += [{"doc_id": doc.doc_id, **q.as_dict()} for q in quotes]
    if writer is not None:
        out.print(f"{shards} shards, {done} documents, {found} quotes → {out_dir} (done before: "
                  f"{len(writer.done) - done} documents)", markup=False, highlight=False)
        if problems and done == 0 and not writer.done:
            raise typer.Exit(2)
        return
    if format != "jsonl" and rows:
        import polars as pl

        _emit_frame(pl.DataFrame(rows, infer_schema_length=None), format,
                    ["doc_id", "speaker", "kind", "text", "method", "confidence"], wide, noun="quotes")
    if problems and found == 0:
        raise typer.Exit(2)


def _coref_mode(mode: str) -> str:
    if mode not in ("window", "document", "off"):
        raise UserError(f"--coref must be window, document or off, not {mode!r}")
    return mode


@app.command()
@guarded
def eval(
    gold: Annotated[Path, typer.Argument(help="Annotated JSONL (see ../shared/eval/README.md).")],
    split: Annotated[Optional[list[str]], typer.Option(
        help="Only documents of this split: dev or train as the file says, or the project's partitions of train: "
             "heldout (300 documents never read while writing rules), resolution (the 80 of "
             "polnear_resolved.jsonl), fit (the rest). Repeat to score several side by side.")] = None,
    resolved: Annotated[Optional[Path], typer.Option(
        help="polnear_resolved.jsonl: also score who pronoun and description speakers were stored as.")] = None,
    limit: Annotated[Optional[int], typer.Option(help="At most this many documents per split.")] = None,
    coref: Annotated[str, typer.Option(help="window | document | off")] = "window",
    errors: Annotated[int, typer.Option("--errors", help="List this many misses, spurious quotes, wrong speakers.")] = 0,
    json_out: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    rederive_kinds: Annotated[bool, typer.Option(
        help="Re-derive gold kinds from quote marks including `` and '' (PolNeAR's kinds miss them).")] = False,
    ablate: Annotated[bool, typer.Option(
        "--ablate", help="Also score the engine without each speaker sieve in turn: what each one adds.")] = False,
):
    """Precision / recall / F1, speaker accuracy, attribution F1, resolution of pronoun and description speakers
    and the reliability of confidence against annotated data.

    Example: quotes eval ../shared/eval/polnear_traindev.jsonl --split dev --split heldout --errors 20
    """
    from quotes import eval_tables
    from quotes.evaluate import evaluate, read_gold, read_resolutions
    from quotes.extract import SIEVE_NAMES, ExtractOptions
    from quotes.models import load_nlp

    for path in (gold, resolved):
        if path is not None and not path.exists():
            raise UserError(f"{path}: no such file")
    nlp = load_nlp()
    resolutions = read_resolutions(resolved) if resolved is not None else None
    reports, ablations, all_errors = {}, {}, []
    for name in split or [None]:
        docs = list(read_gold(gold, name, limit))
        report = evaluate(docs, nlp, ExtractOptions(coref=_coref_mode(coref)),
                          keep_errors=errors > 0, rederive_kinds=rederive_kinds, resolved=resolutions)
        reports[name or "all"] = report.as_dict()
        all_errors += report.errors
        if ablate:
            ablations[name or "all"] = {
                sieve: evaluate(docs, nlp, ExtractOptions(coref=_coref_mode(coref), skip=(sieve,)),
                                rederive_kinds=rederive_kinds, resolved=resolutions).as_dict()
                for sieve in SIEVE_NAMES}
    if json_out:
        if ablations:
            reports = {name: data | {"ablation": ablations[name]} for name, data in reports.items()}
        print(json.dumps(reports if len(reports) > 1 else next(iter(reports.values())), indent=1))
    else:
        # Score tables are read whole: into a pipe they keep 160 columns instead of being cut at 100.
        report = Console(width=None if sys.stdout.isatty() else 160, highlight=False)
        if len(reports) == 1:
            name, data = next(iter(reports.items()))
            report.print(eval_tables.scores(f"{gold.name} {name}: {data['documents']} documents, {data['failures']} "
                                         f"failures, {data['seconds']:.1f}s", data))
        report.print(eval_tables.side_by_side(reports))
        for table in (eval_tables.resolution(reports), eval_tables.reliability(reports)):
            if table is not None:
                report.print(table)
        for name, without in ablations.items():
            report.print(eval_tables.ablation(name, reports[name], without))
    kinds = ("missed", "spurious", "wrong_speaker", "wrong_name", "unresolved", "named")
    for kind in kinds:
        for e in [e for e in all_errors if e["type"] == kind][:errors]:
            out.print(f"[{kind}] {e['doc_id']} ({e['kind']}): {e['text'][:160]!r} gold={e.get('gold_speaker')!r} "
                      f"pred={e.get('speaker')!r}", markup=False, highlight=False)


# -- the database ------------------------------------------------------------------------
def _require_engine(name: str) -> None:
    """A missing engine or model is one line before anything starts (no progress bar, no database opened). The
    local engine loads the models here, where its forked workers inherit them; with Ray only the actors load
    them, so the driver checks that they are installed and saves the seconds of loading."""
    from quotes.models import load_nlp, model_info, require_coref_model

    if name not in ("local", "ray"):
        raise UserError(f"--engine must be local or ray, not {name!r}")
    if name == "local":
        load_nlp()
        return
    from quotes.distributed import INSTALL_HINT, ray_available

    if ray_available() is None:
        raise UserError(INSTALL_HINT)
    model_info()
    require_coref_model()


@contextmanager
def _engine(name: str, options, workers: int, actors: int | None, address: str | None, batch_size: int):
    """The extraction engine for ingest and extract, and the settings an ingest run records."""
    from quotes.pipeline import local_engine

    if name == "local":
        yield local_engine(options, workers), {"engine": "local"}
        return
    from quotes import distributed  # "ray": _require_engine checked the name and that Ray is installed

    try:
        started = distributed.start(address)
    except distributed.EngineUnavailable as exc:
        raise UserError(str(exc)) from exc
    try:
        n = actors or distributed.cluster_cpus()
        run = distributed.RayRun()

        def run_engine(batches, report):
            run.on_failure = report
            return distributed.ray_extract_batches(batches, options, n, batch_size, run)

        yield run_engine, {"engine": "ray", "actors": n, "ray_address": address,
                           "in_flight_batches": 2 * n * distributed.WINDOW_BATCHES}
        err.print(f"ray: {n} actors on {len(run.nodes)} node(s)", markup=False, highlight=False)
    finally:
        if started:
            import ray

            ray.shutdown()


@app.command()
@guarded
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, globs, directories (recursive) or .jsonl files.")],
    db: DbOption = None,
    workers: Annotated[int, typer.Option(help="Worker processes for parsing.")] = 1,
    batch_size: Annotated[int, typer.Option(help="Documents per batch (one transaction each).")] = 32,
    coref: Annotated[str, typer.Option(help="window | document | off")] = "window",
    max_bytes: Annotated[int, typer.Option(help="Largest document accepted, in bytes.")] = 10_000_000,
    strict: Annotated[bool, typer.Option(help="Fail (exit 2) when any input is bad; stored data stays.")] = False,
    wait: Annotated[float, typer.Option(help="Seconds to wait for another writer (an ingest, a merge) to finish.")] = 0.0,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    engine: EngineOption = "local",
    actors: ActorsOption = None,
    ray_address: RayAddressOption = None,
):
    """Extract quotes from articles and store them; unchanged documents are skipped.

    Example: quotes ingest data/samples ../shared/seeds --db data/quotes.duckdb
    Example: quotes ingest archive/ --engine ray --ray-address 10.0.0.5:6379
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from quotes.extract import ExtractOptions
    from quotes.pipeline import ingest as run_ingest
    from quotes.readers import InputProblem, expand_paths

    _require_engine(engine)
    files = [p for p in expand_paths(paths) if not isinstance(p, InputProblem)]
    def waiting(message: str) -> None:
        err.print(message, markup=False, highlight=False, soft_wrap=True)

    with open_db(db, read_only=False, wait=wait, on_wait=waiting) as database:
        progress = Progress(TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(),
                            TextColumn("{task.fields[rate]} docs/s · {task.fields[quotes]} quotes"),
                            TimeElapsedColumn(), console=err, disable=quiet, transient=False)
        with progress:
            has_jsonl = any(f.suffix.lower() in (".jsonl", ".ndjson") for f in files)
            task = progress.add_task("ingest", total=None if has_jsonl else len(files), rate="0.0", quotes=0)
            state = {"docs": 0, "quotes": 0}

            def on_progress(docs: int, quotes: int) -> None:
                state["docs"] += docs
                state["quotes"] += quotes
                elapsed = progress.tasks[0].elapsed or 1e-9
                progress.update(task, advance=docs, rate=f"{state['docs'] / elapsed:.1f}", quotes=state["quotes"])

            def on_problem(problem: InputProblem) -> None:
                progress.console.print(f"skipped {problem}", markup=False, highlight=False, soft_wrap=True)
                progress.update(task, advance=1)

            options = ExtractOptions(coref=_coref_mode(coref))
            with _engine(engine, options, workers, actors, ray_address, batch_size) as (run_engine, settings):
                summary = run_ingest(database, list(paths), options, batch_size, workers, max_bytes, on_problem,
                                     on_progress, engine=run_engine, settings=settings,
                                     in_flight_batches=settings.get("in_flight_batches"))
    line = summary.line()
    if summary.new == 0 and summary.replaced == 0 and summary.unchanged and not summary.failed:
        line += " — nothing new to add"
    out.print(f"{line} ({summary.seconds:.1f}s) → {db or default_db_path()}", markup=False, highlight=False)
    if summary.failed and (strict or summary.new + summary.unchanged + summary.replaced == 0):
        raise typer.Exit(2)


@app.command()
@guarded
def load(
    folder: Annotated[Path, typer.Argument(help="A folder written by `quotes extract --out`.")],
    db: DbOption = None,
    batch_size: Annotated[int, typer.Option(help="Documents per transaction.")] = 256,
    wait: Annotated[float, typer.Option(help="Seconds to wait for another writer to finish.")] = 0.0,
):
    """Store Parquet shards in the database: the same speakers, aliases, manual decisions and quote clusters as
    `quotes ingest`, through the same write path; loading the same shards again changes nothing.

    Example: quotes load shards/ --db data/quotes.duckdb
    """
    from quotes.pipeline import ingest as run_ingest
    from quotes.shards import ShardError, load_engine, shard_reader

    if not folder.is_dir():
        raise UserError(f"{folder}: no such folder")
    stored: dict = {}
    with open_db(db, read_only=False, wait=wait) as database:
        try:
            summary = run_ingest(database, [str(folder)], batch_size=batch_size, engine=load_engine(stored),
                                 reader=shard_reader(folder, stored, keep=4 * batch_size),
                                 settings={"engine": "load", "shards": str(folder)})
        except ShardError as exc:
            raise UserError(str(exc)) from exc
    out.print(f"{summary.line()} ({summary.seconds:.1f}s) → {db or default_db_path()}", markup=False, highlight=False)


@app.command()
@guarded
def search(
    name: Annotated[str, typer.Argument(help="A speaker's name or part of it: trump, zelensky, peskov.")],
    db: DbOption = None,
    contains: Annotated[Optional[str], typer.Option(help="Only quotes containing this text.")] = None,
    outlet: Annotated[Optional[str], typer.Option(help="Only this outlet (part of its name).")] = None,
    source: Annotated[Optional[str], typer.Option(help="Only this source (id, URL or part of its title).")] = None,
    since: Annotated[Optional[str], typer.Option(help="Published on or after (YYYY-MM-DD).")] = None,
    until: Annotated[Optional[str], typer.Option(help="Published on or before (YYYY-MM-DD).")] = None,
    kind: Annotated[Optional[str], typer.Option(help="direct | mixed | indirect")] = None,
    min_confidence: Annotated[Optional[float], typer.Option(help="Only quotes at least this sure (0..1).")] = None,
    limit: Annotated[int, typer.Option(help="At most this many quotes.")] = 100,
    format: FormatOption = "table",
    wide: WideOption = False,
    show_all: Annotated[bool, typer.Option("--all", help="Also rows a reporter would not call quotes: headlines, "
                                           "noun phrases, unlikely rows (see the hidden column).")] = False,
):
    """A speaker's quotes with where and when they appeared.

    Example: quotes search zelensky --kind direct --since 2025-01-01
    """
    check_format(format)
    with open_db(db) as database:
        candidates = database.find_speakers(name)
        if candidates.height == 0:
            suggestions = _closest_names(database, name)
            hint = f"; did you mean: {', '.join(suggestions)}?" if suggestions else ""
            err.print(f"no speaker matches {name!r}{hint}", markup=False, highlight=False)
            raise typer.Exit(1)
        exact = candidates.filter(candidates["exact"])
        chosen = exact if exact.height == 1 else candidates
        if chosen.height > 1:
            err.print(f"{name!r} matches {chosen.height} speakers; be more specific:", markup=False, highlight=False)
            for row in chosen.head(20).iter_rows(named=True):
                err.print(f"  {row['name']} ({row['quotes']} quotes)", markup=False, highlight=False)
        ids = chosen["id"].to_list()
        frames = [database.quotes(speaker_id=i, since=since, until=until, outlet=outlet, kind=kind, contains=contains,
                                  source=source, min_confidence=min_confidence, include_hidden=show_all)
                  for i in ids]
        import polars as pl

        df = pl.concat(frames, how="vertical_relaxed").head(limit) if frames else pl.DataFrame()
    if df.height == 0:
        err.print("no quotes match", markup=False)
        raise typer.Exit(1)
    if format == "table":
        from quotes.terminal import quote_blocks

        quote_blocks(df, wide, out)
    else:
        _emit_frame(df, format, ["speaker", "outlet", "published_at", "title", "quote", "kind", "confidence"], wide)


@app.command()
@guarded
def variants(
    db: DbOption = None,
    speaker: Annotated[Optional[str], typer.Option(help="Only this speaker's quotes (name, alias or part of it).")] = None,
    edited_only: Annotated[bool, typer.Option("--edited-only", help="Only clusters with an edited copy (words "
                                              "changed, added or dropped: the misquote candidates).")] = False,
    limit: Annotated[int, typer.Option(help="At most this many clusters.")] = 50,
    format: Annotated[str, typer.Option("--format", "-f", help="table | md | json | jsonl | csv")] = "table",
):
    """Quotes carried by several sources whose copies differ: the first source, then each outlet's wording
    with its relation to the fullest copy (identical, excerpt, edited, paraphrase) and the words that differ.

    Example: quotes variants --speaker trump --edited-only
    """
    from quotes.variants import changes_text

    check_format(format)
    with open_db(db) as database:
        ids = database.find_speakers(speaker)["id"].to_list() if speaker else None
        df = database.variants(ids, edited_only, limit)
    if df.height == 0:
        err.print("no quote carried by several sources differs between them" + (" by an edit" if edited_only else ""),
                  markup=False)
        raise typer.Exit(1)
    import polars as pl

    df = df.with_columns(pl.Series("changes", [changes_text(r, a) for r, a in zip(df["removed"].to_list(), df["added"].to_list())]))
    if format in ("json", "jsonl", "csv"):
        _emit_frame(df.drop("removed", "added"), format, [])
    else:
        from quotes.terminal import variant_blocks

        variant_blocks(df, markdown=format == "md")


def _closest_names(database: QuoteDB, name: str) -> list[str]:
    from rapidfuzz import process

    names = database.sql("SELECT name FROM speakers")["name"].to_list()
    return [m[0] for m in process.extract(name, names, limit=3, score_cutoff=60)]


def _emit_frame(df, format: str, table_columns: list[str], wide: bool = False, noun: str = "rows") -> None:
    from quotes import terminal

    terminal.emit(df, format, table_columns or None, wide, noun, out)


@speakers_app.callback()
@guarded
def speakers(
    ctx: typer.Context,
    db: DbOption = None,
    top: Annotated[int, typer.Option(help="Show the N most quoted speakers.")] = 50,
    format: FormatOption = "table",
    wide: WideOption = False,
):
    """Speakers with quote counts, outlets, first and last seen.

    Example: quotes speakers --top 20
    """
    if ctx.invoked_subcommand is not None:
        return
    check_format(format)
    with open_db(db) as database:
        df = database.sql("SELECT speaker_id AS id, speaker, kind, role, quotes, sources, outlets, first_seen, "
                          "last_seen FROM speaker_stats ORDER BY quotes DESC, speaker LIMIT ?", [top])
    if df.height == 0:
        err.print("no speakers yet (run quotes ingest)", markup=False)
        raise typer.Exit(1)
    _emit_frame(df, format, df.columns, wide, noun="speakers")


def _speaker_id(database: QuoteDB, name: str) -> int:
    if name.isdigit():
        row = database.con.execute("SELECT id FROM speakers WHERE id = ?", [int(name)]).fetchone()
        if row:
            return row[0]
    found = database.find_speakers(name)
    exact = found.filter(found["exact"])
    if exact.height == 1:
        return exact["id"][0]
    if found.height == 1:
        return found["id"][0]
    if found.height == 0:
        raise UserError(f"no speaker matches {name!r}")
    raise UserError(f"{name!r} matches {found.height} speakers ({', '.join(found['name'].head(5).to_list())}); use the id")


@speakers_app.command("merge")
@guarded
def speakers_merge(
    source: Annotated[str, typer.Argument(help="The speaker to fold in (name or id).")],
    target: Annotated[str, typer.Argument(help="The speaker that stays (name or id).")],
    db: DbOption = None,
):
    """Merge speaker SOURCE into TARGET; later ingests keep SOURCE's names on TARGET.

    Example: quotes speakers merge "V. Zelenskyy" "Volodymyr Zelensky"
    """
    from quotes.curation import merge_speakers

    with open_db(db, read_only=False) as database:
        a, b = _speaker_id(database, source), _speaker_id(database, target)
        moved = merge_speakers(database, a, b)
    out.print(f"merged speaker {a} into {b}: {moved} quotes moved", markup=False)


@speakers_app.command("rename")
@guarded
def speakers_rename(
    speaker: Annotated[str, typer.Argument(help="Speaker name or id.")],
    new_name: Annotated[str, typer.Argument(help="The name to show from now on.")],
    db: DbOption = None,
):
    """Rename a speaker; automatic ingests never change a name set by hand.

    Example: quotes speakers rename "Trump" "Donald Trump"
    """
    from quotes.curation import rename_speaker

    with open_db(db, read_only=False) as database:
        sid = _speaker_id(database, speaker)
        rename_speaker(database, sid, new_name)
    out.print(f"speaker {sid} is now {new_name!r}", markup=False)


@speakers_app.command("split")
@guarded
def speakers_split(
    speaker: Annotated[str, typer.Argument(help="Speaker name or id.")],
    alias: Annotated[str, typer.Argument(help="The name form that is somebody else.")],
    db: DbOption = None,
):
    """Split the quotes stored under ALIAS off SPEAKER into a new speaker, and keep them apart.

    Example: quotes speakers split "Donald Trump" "Ivanka Trump"
    """
    from quotes.curation import split_speaker

    with open_db(db, read_only=False) as database:
        sid = _speaker_id(database, speaker)
        new_id, moved = split_speaker(database, sid, alias)
    out.print(f"{moved} quotes moved to new speaker {new_id} ({alias!r})", markup=False)


@app.command()
@guarded
def show(
    source: Annotated[str, typer.Argument(help="Source id, URL or part of its title.")],
    db: DbOption = None,
    format: Annotated[str, typer.Option("--format", "-f", help="table (the text, quotes highlighted) | csv | json "
                                        "| jsonl | md (its quotes)")] = "table",
    wide: WideOption = False,
):
    """Print one document with its quotes highlighted and labelled by speaker.

    Example: quotes show 3
    """
    from rich.text import Text

    check_format(format)
    with open_db(db) as database:
        rows = database.sql("SELECT id, title, outlet, url, published_at, text FROM sources WHERE "
                            "CAST(id AS VARCHAR) = ? OR url = ? OR title ILIKE '%' || ? || '%' ORDER BY id LIMIT 2",
                            [source, source, source])
        if rows.height == 0:
            err.print(f"no source matches {source!r}", markup=False)
            raise typer.Exit(1)
        doc = rows.row(0, named=True)
        quotes = database.sql("SELECT q.id AS quote_id, q.start_offset, q.end_offset, q.kind, s.name AS speaker, "
                              "q.speaker_mention, q.quote, q.method, q.confidence FROM quotes q "
                              "LEFT JOIN speakers s ON s.id = q.speaker_id WHERE q.source_id = ? "
                              "ORDER BY q.start_offset", [doc["id"]])
    if format != "table":
        _emit_frame(quotes, format, ["quote_id", "speaker", "kind", "quote", "method", "confidence"], wide,
                    noun="quotes")
        return
    text = Text(doc["text"])
    styles = {"direct": "bold yellow", "mixed": "bold cyan", "indirect": "green"}
    labels = []
    for q in quotes.iter_rows(named=True):
        text.stylize(styles.get(q["kind"], "bold"), q["start_offset"], q["end_offset"])
        labels.append((q["end_offset"], f" [{q['speaker'] or q['speaker_mention'] or 'unknown'}]"))
    for end, label in sorted(labels, reverse=True):
        text = text[:end] + Text(label, style="reverse") + text[end:]
    meta = " · ".join(str(x) for x in (doc["outlet"], doc["published_at"], doc["url"]) if x)
    out.print(Text.assemble((doc["title"] or "Untitled", "bold"), f"  (source {doc['id']}) {meta}"))
    out.print(text)


@app.command()
@guarded
def sql(
    query: Annotated[Optional[str], typer.Argument(help="SQL to run.")] = None,
    file: Annotated[Optional[Path], typer.Option("--file", help="Run the SQL in this file (e.g. sql/examples/*.sql).")] = None,
    db: DbOption = None,
    write: Annotated[bool, typer.Option("--write", help="Allow statements that change the database.")] = False,
    format: FormatOption = "table",
    wide: WideOption = False,
):
    """Ad-hoc SQL on the database; read-only unless --write.

    Example: quotes sql "SELECT speaker, count(*) FROM quote_sheet GROUP BY 1 ORDER BY 2 DESC"
    """
    import duckdb

    check_format(format)
    if (query is None) == (file is None):
        raise UserError("give either a query or --file")
    if file is not None:
        if not file.exists():
            raise UserError(f"{file}: no such file")
        query = file.read_text(encoding="utf-8")
    if not write and not is_read_only_sql(_strip_comments(query)):
        raise UserError("this statement can change the database; add --write to run it")
    with open_db(db, read_only=not write) as database:
        try:
            df = database.sql(query)
        except duckdb.Error as exc:
            raise UserError(f"SQL error: {str(exc).splitlines()[0]}") from exc
    if df.height == 0:
        err.print("no rows", markup=False)
        raise typer.Exit(1)
    _emit_frame(df, format, df.columns, wide)


def _strip_comments(query: str) -> str:
    lines = [line for line in query.splitlines() if not line.strip().startswith("--")]
    return "\n".join(lines)


@app.command()
@guarded
def export(
    output: Annotated[Path, typer.Argument(help="Output file: .md .html .xlsx .csv .json .parquet")],
    db: DbOption = None,
    speaker: Annotated[Optional[str], typer.Option(help="Only this speaker (name, alias or part of it).")] = None,
    contains: Annotated[Optional[str], typer.Option(help="Only quotes containing this text.")] = None,
    outlet: Annotated[Optional[str], typer.Option(help="Only this outlet.")] = None,
    source: Annotated[Optional[str], typer.Option(help="Only this source.")] = None,
    since: Annotated[Optional[str], typer.Option(help="Published on or after (YYYY-MM-DD).")] = None,
    until: Annotated[Optional[str], typer.Option(help="Published on or before (YYYY-MM-DD).")] = None,
    kind: Annotated[Optional[str], typer.Option(help="direct | mixed | indirect")] = None,
    min_confidence: Annotated[Optional[float], typer.Option(help="Only quotes at least this sure.")] = None,
    limit: Annotated[Optional[int], typer.Option(help="At most this many quotes.")] = None,
    sql_query: Annotated[Optional[str], typer.Option("--sql", help="Rows from this SELECT on quote_sheet instead.")] = None,
    format: Annotated[Optional[str], typer.Option("--format", help="Overrides the extension.")] = None,
    per_speaker: Annotated[bool, typer.Option(help="XLSX: one sheet per speaker.")] = False,
    show_all: Annotated[bool, typer.Option("--all", help="Also rows a reporter would not call quotes: headlines, "
                                           "noun phrases, unlikely rows (see the hidden column).")] = False,
):
    """Write a quote sheet (format from the extension).

    Example: quotes export --speaker "Donald Trump" trump.html
    """
    from quotes.export import format_for, write_sheet

    fmt = format_for(output, format)
    with open_db(db) as database:
        if sql_query:
            if not is_read_only_sql(sql_query):
                raise UserError("--sql must be a SELECT")
            df = database.sql(sql_query)
        else:
            df = database.quotes(speaker=speaker, since=since, until=until, outlet=outlet, kind=kind,
                                 contains=contains, source=source, min_confidence=min_confidence, limit=limit,
                                 include_hidden=show_all)
        carried = database.carriers(df["cluster_id"].to_list()) if "cluster_id" in df.columns else {}
    if df.height == 0:
        err.print("no quotes match; nothing written", markup=False)
        raise typer.Exit(1)
    write_sheet(df, output, fmt, carried, per_speaker)
    out.print(f"wrote {df.height} quotes to {output}", markup=False)


@app.command("export-db")
@guarded
def export_db(
    directory: Annotated[Path, typer.Argument(help="Folder for one Parquet file per table plus manifest.json.")],
    db: DbOption = None,
):
    """The whole database as Parquet files, for pandas, Spark or a lakehouse.

    Example: quotes export-db exports/
    """
    from quotes.curation import export_parquet

    with open_db(db) as database:
        manifest = export_parquet(database, directory)
    out.print(f"wrote {len(manifest['tables'])} tables to {directory}", markup=False)


@app.command()
@guarded
def verify(db: DbOption = None):
    """Integrity checks: orphan rows, offsets that no longer match the text, clusters pointing nowhere.

    Example: quotes verify --db data/quotes.duckdb
    """
    from quotes.curation import verify_database

    with open_db(db) as database:
        problems = verify_database(database)
    if problems:
        for p in problems:
            out.print(f"problem: {p}", markup=False)
        raise typer.Exit(1)
    out.print("ok: no problems found", markup=False)


@app.command()
@guarded
def shell(
    db: DbOption = None,
    write: Annotated[bool, typer.Option("--write", help="Open read-write.")] = False,
):
    """Open the DuckDB command line on the database (read-only unless --write).

    Example: quotes shell
    """
    path = db or default_db_path()
    if not Path(path).exists():
        raise UserError(f"{path}: no such database (create it with `quotes ingest`)")
    binary = shutil.which("duckdb", path=str(Path(sys.executable).parent)) or shutil.which("duckdb")
    if binary is None:
        raise UserError("the duckdb command line is not installed; fix: .venv/bin/pip install duckdb-cli")
    err.print("quotes database — tables: sources, speakers, speaker_aliases, quotes, quote_clusters, ingest_runs; "
              "views: quote_sheet, speaker_stats, cluster_sources" + ("" if write else " (read-only)"), markup=False)
    args = [binary] + ([] if write else ["-readonly"]) + [path]
    raise typer.Exit(subprocess.call(args))


@app.command()
@guarded
def serve(
    db: DbOption = None,
    port: Annotated[int, typer.Option(help="Port on 127.0.0.1.")] = 8000,
    host: Annotated[str, typer.Option(help="Address to listen on; the default keeps it on this machine.")] = "127.0.0.1",
):
    """The database in a browser, read-only: search, speaker, quote and article pages, sheet downloads, SQL.

    It keeps answering while `quotes ingest` writes the same file (pages lag the ingest by a batch).
    Example: quotes serve --port 8765, then open http://127.0.0.1:8765/
    """
    from quotes.web import serve as run

    path = db or default_db_path()
    with open_db(path):  # a missing or damaged file is one line now, not an error page later
        pass
    err.print(f"serving {path} read-only on http://{host}:{port}/ (Ctrl-C stops)", markup=False, highlight=False)
    run(path, host, port)


@app.command()
def doctor(db: DbOption = None):
    """Check Python, the models, DuckDB and Polars, and the database; exit 1 when something is missing.

    Example: quotes doctor
    """
    import platform

    ok = True
    rows = [("python", platform.python_version())]
    from quotes.models import coref_model_version, model_info, require_coref_model, versions

    v = versions()
    rows.append(("spacy", v["spacy"] or "MISSING"))
    try:
        info = model_info()
        rows.append(("spacy model", f"{info.name} {info.version} ({info.package}) at {info.path}"))
    except ModelMissing as exc:
        rows.append(("spacy model", f"MISSING — {exc}"))
        ok = False
    try:
        require_coref_model()
        rows.append(("coreferee", f"{v['coreferee']}; model coreferee_model_en {coref_model_version()}"))
    except ModelMissing as exc:
        rows.append(("coreferee", f"MISSING — {exc}"))
        ok = False
    rows += [("duckdb", v["duckdb"]), ("polars", v["polars"])]
    from quotes.distributed import INSTALL_HINT, ray_available

    ray_version = ray_available()
    rows.append(("ray", f"{ray_version} (--engine ray available)" if ray_version else
                 f"not installed — optional; {INSTALL_HINT}"))
    path = db or default_db_path()
    if Path(path).exists():
        try:
            with QuoteDB(path, read_only=True) as database:
                counts = database.counts()
                rows.append(("database", f"{path} (schema v{database.schema_version()}): "
                             + ", ".join(f"{k} {n}" for k, n in counts.items())))
        except DatabaseError as exc:
            rows.append(("database", str(exc)))
    else:
        rows.append(("database", f"{path} (not created yet)"))
    for name, value in rows:
        out.print(f"{name:12s} {value}", markup=False, highlight=False)
    raise typer.Exit(0 if ok else 1)


def main() -> None:
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    app()


if __name__ == "__main__":
    main()
