"""Documents in, attributed quotes out: batching, worker processes and the ingest loop.

The parse is the expensive step, so documents go through ``nlp.pipe`` in
batches, optionally spread over worker processes that each load the model
once. Only the main process writes to DuckDB, one transaction per batch, so
an interrupted ingest leaves whole documents or nothing.
"""

from __future__ import annotations

import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict
from itertools import islice

from quotes.db import IngestSummary, QuoteDB
from quotes.extract import ExtractOptions, extract_quotes
from quotes.paragraphs import parse_texts
from quotes.readers import InputProblem, SourceDocument, read_documents
from quotes.records import Quote

DEFAULT_BATCH = 32
REOPEN_EVERY = 512  # documents written between reopenings of the database (see QuoteDB.reopen)
IN_FLIGHT_BATCHES = 64  # batches whose hashes are remembered: more than can be queued for the workers
_worker_state: dict = {}


def _init_worker(options: ExtractOptions) -> None:
    from quotes.models import load_nlp

    os.environ.setdefault("OMP_NUM_THREADS", "1")
    _worker_state["nlp"] = load_nlp()
    _worker_state["options"] = options


def _extract_texts(texts: list[str], titles: list[str | None] | None = None) -> list[list[Quote]]:
    """Parse and extract one batch inside a spaCy memory zone; ``titles`` are the articles' stated titles.

    Every new word and number adds an entry to the shared vocabulary and string store that no ``Doc``
    frees; over an archive that is unbounded growth. The zone drops them when the batch is done, which is
    safe because quotes are plain strings and offsets that keep nothing of the ``Doc``.
    """
    nlp, options = _worker_state["nlp"], _worker_state["options"]
    titles = titles or [None] * len(texts)
    with nlp.memory_zone():
        return [extract_quotes(doc, options, title) for doc, title in zip(parse_texts(nlp, texts), titles)]


def batched(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def texts_and_titles(batch: list[SourceDocument]) -> tuple[list[str], list[str | None]]:
    return [d.text for d in batch], [d.stated_title for d in batch]


def extract_batches(
    batches: Iterable[list[SourceDocument]], options: ExtractOptions, workers: int = 1,
) -> Iterator[list[tuple[SourceDocument, list[Quote]]]]:
    """Yield each batch with its quotes, in input order."""
    if workers <= 1:
        _init_worker(options)
        for batch in batches:
            yield list(zip(batch, _extract_texts(*texts_and_titles(batch))))
        return
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(options,)) as pool:
        pending: list = []
        for batch in batches:
            pending.append((batch, pool.submit(_extract_texts, *texts_and_titles(batch))))
            if len(pending) >= workers * 2:
                done_batch, future = pending.pop(0)
                yield list(zip(done_batch, future.result()))
        for done_batch, future in pending:
            yield list(zip(done_batch, future.result()))


# An engine turns batches of documents into batches of (document, quotes); a document it fails on goes to the
# reporter it is given. The local engine is ``extract_batches``; quotes.distributed has the Ray engine;
# ``quotes load`` uses one that hands back quotes extracted earlier (quotes.shards).
Items = list[tuple[SourceDocument, list[Quote]]]
Engine = Callable[[Iterable[list[SourceDocument]], Callable[[SourceDocument, str], None]], Iterator[Items]]


def local_engine(options: ExtractOptions, workers: int = 1) -> Engine:
    return lambda batches, _report: extract_batches(batches, options, workers)


def ingest(
    db: QuoteDB,
    paths: list[str],
    options: ExtractOptions | None = None,
    batch_size: int = DEFAULT_BATCH,
    workers: int = 1,
    max_bytes: int | None = None,
    on_problem: Callable[[InputProblem], None] | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    share: bool = True,
    engine: Engine | None = None,
    reader: Iterable[SourceDocument | InputProblem] | None = None,
    settings: dict | None = None,
    in_flight_batches: int | None = None,
) -> IngestSummary:
    """Read, extract and store; unchanged documents are skipped by content hash.

    With ``share`` the database file is held only while a batch is classified or written and released while
    the next one is parsed, so other processes can read it during a long ingest (at most a batch behind);
    without it the file stays open throughout (reopened every ``REOPEN_EVERY`` documents). ``engine`` is the
    local one with ``workers`` processes unless given; ``reader`` replaces reading ``paths``."""
    from quotes.models import versions

    options = options or ExtractOptions()
    engine = engine or local_engine(options, workers)
    summary = IngestSummary()
    started = time.perf_counter()
    run_id = db.start_run(versions(), {"paths": paths, "batch_size": batch_size, "workers": workers,
                                       "options": asdict(options), **(settings or {})})
    if reader is None:
        reader = read_documents(paths, **({"max_bytes": max_bytes} if max_bytes else {}))

    def report(doc: SourceDocument, message: str) -> None:
        problem = InputProblem(doc.path or doc.doc_id, message)
        summary.failed += 1
        summary.problems.append(str(problem))
        if on_problem:
            on_problem(problem)

    def documents() -> Iterator[SourceDocument]:
        for item in reader:
            if isinstance(item, InputProblem):
                summary.failed += 1
                summary.problems.append(str(item))
                if on_problem:
                    on_problem(item)
            else:
                yield item

    def todo_batches() -> Iterator[list[SourceDocument]]:
        # Documents of this run still in flight are not in the database yet; older ones are, and classify
        # finds them there, so only the last batches' hashes are kept (memory stays flat over an archive).
        recent: deque[set[str]] = deque(maxlen=max(IN_FLIGHT_BATCHES, in_flight_batches or 0))
        for batch in batched(documents(), batch_size):
            fresh, hashes = [], set()
            for doc in batch:
                if doc.content_hash not in hashes and not any(doc.content_hash in seen for seen in recent):
                    hashes.add(doc.content_hash)
                    fresh.append(doc)
            recent.append(hashes)
            todo, replaces = db.classify(fresh)
            if share:
                db.release()
            summary.unchanged += len(batch) - len(todo)
            _replaces.update(replaces)
            if on_progress:
                on_progress(len(batch) - len(todo), 0)
            if todo:
                yield todo

    _replaces: dict[str, list[int]] = {}
    registry = db.load_registry()  # read once; each batch adds to it
    since_reopen = 0
    for items in engine(todo_batches(), report):
        if since_reopen >= REOPEN_EVERY and not share:
            db.reopen()
            since_reopen = 0
        replaces = {d.content_hash: _replaces.pop(d.content_hash) for d, _ in items if d.content_hash in _replaces}
        n_docs, n_quotes, n_speakers = db.write_batch(items, replaces, run_id, registry)
        summary.replaced += len(replaces)
        summary.new += n_docs - len(replaces)
        summary.quotes += n_quotes
        summary.speakers += n_speakers
        since_reopen += n_docs
        if share:
            db.release()
        if on_progress:
            on_progress(n_docs, n_quotes)
    summary.seconds = time.perf_counter() - started
    db.finish_run(run_id, summary)
    return summary
