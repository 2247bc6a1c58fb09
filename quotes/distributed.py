"""The Ray engine: parse, extract and attribute on a Ray cluster; rows come back to the one process that writes.

``ray_extract_batches`` has the shape of ``quotes.pipeline.extract_batches`` — batches of documents in, each
batch with its quotes out — so ingest, ``extract --out`` and everything after them are the same code whatever
the engine. Documents go through Ray Data ``map_batches`` into a pool of actors (``Extractor``) that each load
spaCy and coreferee once. Ray Data restarts an actor that dies and runs its batch again (``max_restarts`` and
``max_task_retries`` default to unlimited for actor pools), and hands batches back as they finish, so one
document that keeps the parser busy for minutes holds up one actor, not the run. A document the extractor
fails on comes back as an error row: reported in one line and skipped.

The driver holds at most a window of documents (``WINDOW_BATCHES`` batches per actor) while a dataset runs:
an archive streams through window by window.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field

from quotes.extract import ExtractOptions
from quotes.readers import SourceDocument
from quotes.records import Quote

INSTALL_HINT = "the Ray engine needs Ray: pip install 'quotes[ray]' (or pip install 'ray[data]')"
WINDOW_BATCHES = 64  # batches per actor that one dataset holds; the actors load their models once per window


class EngineUnavailable(RuntimeError):
    """Ray is not installed; the message says how to install it."""


def ray_available() -> str | None:
    """Ray's version, or None when it is not installed."""
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError:
        return None
    return ray.__version__


@dataclass
class RayRun:
    """What a run on Ray used: the nodes and actor processes that extracted batches; failures go to
    ``on_failure``."""

    nodes: set[str] = field(default_factory=set)
    processes: set[tuple[str, int]] = field(default_factory=set)
    on_failure: Callable[[SourceDocument, str], None] | None = None


class Extractor:
    """A Ray Data actor: loads spaCy + coreferee once, then extracts batch after batch."""

    def __init__(self, options: dict):
        import ray

        from quotes.pipeline import _init_worker

        _init_worker(ExtractOptions(**options))
        self.node = ray.get_runtime_context().get_node_id()

    def __call__(self, batch: dict) -> dict:
        from quotes.pipeline import _extract_texts

        texts = [str(t) for t in batch["text"]]
        titles = [str(t) if t else None for t in batch["title"]]
        try:
            found = _extract_texts(texts, titles)
            errors = [""] * len(texts)
        except Exception:  # one document spoilt the batch: find it, keep the others
            found, errors = [], []
            for text, title in zip(texts, titles):
                try:
                    found.append(_extract_texts([text], [title])[0])
                    errors.append("")
                except Exception as exc:  # reported by the driver as one line
                    found.append([])
                    errors.append(f"extraction failed: {type(exc).__name__}: {str(exc)[:200]}")
        return {"i": list(batch["i"]), "quotes": [json.dumps([q.as_dict() for q in qs]) for qs in found],
                "error": errors, "node": [self.node] * len(texts), "pid": [os.getpid()] * len(texts)}


def start(address: str | None = None, num_cpus: int | None = None) -> bool:
    """Join the cluster at ``address`` or start a local instance; True when this call started Ray."""
    try:
        import ray
    except ImportError as exc:
        raise EngineUnavailable(INSTALL_HINT) from exc
    if ray.is_initialized():
        return False
    # Ray's own log lines stay in its session logs (/tmp/ray/session_*/logs), not between the command's output.
    os.environ.setdefault("RAY_BACKEND_LOG_LEVEL", "fatal")
    logging.getLogger("ray").setLevel(logging.ERROR)
    kwargs = {"include_dashboard": False, "log_to_driver": False, "logging_level": logging.ERROR}
    if address:
        ray.init(address=address, **kwargs)
    else:
        ray.init(num_cpus=num_cpus or os.cpu_count(), **kwargs)
    quiet()
    return True


def quiet() -> None:
    """Ray Data's progress bars and execution logs off: the command prints its own progress and summary."""
    import ray.data

    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    context.print_on_execution_start = False
    for name in ("ray", "ray.data"):
        logging.getLogger(name).setLevel(logging.ERROR)


def cluster_cpus() -> int:
    import ray

    return max(1, int(ray.cluster_resources().get("CPU", 1)))


def ray_extract_batches(batches: Iterable[list[SourceDocument]], options: ExtractOptions, actors: int | None = None,
                        batch_size: int = 32, run: RayRun | None = None,
                        on_failure: Callable[[SourceDocument, str], None] | None = None,
                        ) -> Iterator[list[tuple[SourceDocument, list[Quote]]]]:
    """Yield each batch with its quotes as the actors finish it (not in input order); a document the extractor
    failed on goes to ``on_failure`` instead. Ray must be started (``start``)."""
    import ray.data

    run = run if run is not None else RayRun(on_failure=on_failure)
    actors = actors or cluster_cpus()
    window: list[SourceDocument] = []
    for batch in batches:
        window.extend(batch)
        if len(window) >= actors * WINDOW_BATCHES * batch_size:
            yield from _run_window(ray.data, window, options, actors, batch_size, run)
            window = []
    if window:
        yield from _run_window(ray.data, window, options, actors, batch_size, run)


def _run_window(data, docs: list[SourceDocument], options: ExtractOptions, actors: int, batch_size: int,
                run: RayRun) -> Iterator[list[tuple[SourceDocument, list[Quote]]]]:
    dataset = data.from_items([{"i": i, "text": d.text, "title": d.stated_title or ""} for i, d in enumerate(docs)],
                              override_num_blocks=max(1, -(-len(docs) // batch_size)))
    pool = data.ActorPoolStrategy(size=min(actors, max(1, -(-len(docs) // batch_size))))
    extracted = dataset.map_batches(Extractor, fn_constructor_kwargs={"options": asdict(options)},
                                    batch_size=batch_size, compute=pool, num_cpus=1, batch_format="numpy")
    for result in extracted.iter_batches(batch_size=None, batch_format="numpy"):
        items = []
        for i, quotes_json, error, node, pid in zip(result["i"], result["quotes"], result["error"], result["node"],
                                                    result["pid"]):
            doc = docs[int(i)]
            run.nodes.add(str(node))
            run.processes.add((str(node), int(pid)))
            if error:
                if run.on_failure is not None:
                    run.on_failure(doc, str(error))
                continue
            items.append((doc, [Quote(**_quote_fields(q)) for q in json.loads(str(quotes_json))]))
        if items:
            yield items


def _quote_fields(data: dict) -> dict:
    for key in ("segments", "fragments"):
        if data.get(key) is not None:
            data[key] = [tuple(piece) for piece in data[key]]
    return data
