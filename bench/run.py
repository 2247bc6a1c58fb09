"""Throughput benchmark, measured in ONE run so the ratios compare like with like.

    python bench/run.py [--docs N]

Corpus: the first N texts of ../shared/eval/polnear_traindev.jsonl. Prints a table and a final JSON line.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "polnear_traindev.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=150)
    parser.add_argument("--memory-docs", type=int, default=10_000, help="documents in the long-ingest memory run (0: skip)")
    args = parser.parse_args()
    if not CORPUS.exists():
        sys.exit(f"{CORPUS}: not found (the benchmark reads ../shared/eval)")
    from quotes.db import QuoteDB
    from quotes.extract import ExtractOptions
    from quotes.models import load_nlp
    from quotes.pipeline import batched, extract_batches, ingest
    from quotes.readers import SourceDocument

    texts = []
    with open(CORPUS, encoding="utf-8") as handle:
        for line in handle:
            texts.append(json.loads(line)["text"])
            if len(texts) >= args.docs:
                break
    nlp = load_nlp()
    tokens = sum(len(doc) for doc in nlp.tokenizer.pipe(texts))
    results = {}

    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    results["bare nlp.pipe"] = tokens / (time.perf_counter() - started)

    docs = [SourceDocument(doc_id=str(i), text=t) for i, t in enumerate(texts)]
    for workers in (1, 2):
        for mode in ("window", "document"):
            if mode == "document" and workers == 2:
                continue
            started = time.perf_counter()
            for _ in extract_batches(batched(docs, 32), ExtractOptions(coref=mode), workers):
                pass
            results[f"extract ({mode} coref, {workers} worker{'s' if workers > 1 else ''})"] = (
                tokens / (time.perf_counter() - started))

    with tempfile.TemporaryDirectory() as tmp:
        feed = Path(tmp) / "feed.jsonl"
        feed.write_text("".join(json.dumps({"id": str(i), "text": t}) + "\n" for i, t in enumerate(texts)))
        for workers in (1, 2):
            with QuoteDB(Path(tmp) / f"b{workers}.duckdb") as db:
                started = time.perf_counter()
                ingest(db, [str(feed)], workers=workers)
                results[f"ingest ({workers} worker{'s' if workers > 1 else ''})"] = tokens / (time.perf_counter() - started)

    memory = memory_profile(args.memory_docs) if args.memory_docs else []

    bare = results["bare nlp.pipe"]
    print(f"{args.docs} documents, {tokens:,} tokens")
    print(f"{'step':45s} {'tokens/s':>10s} {'× bare parse':>13s}")
    for name, rate in results.items():
        print(f"{name:45s} {rate:10.0f} {rate / bare:13.2f}")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS (main process): {peak_mb:.0f} MB")
    if memory:
        print("RSS during a long ingest (documents → MB): " + ", ".join(f"{n:,} → {mb:.0f}" for n, mb in memory))
        half = len(memory) // 2
        first, second = max(mb for _, mb in memory[:half]), max(mb for _, mb in memory[half:])
        print(f"peak RSS over the first half of the ingest {first:.0f} MB, over the second half {second:.0f} MB "
              f"(growth {100 * (second - first) / first:+.1f} %)")
        warm = [(n, mb) for n, mb in memory if n > 2_000] or memory  # after the caches have filled
        if len(warm) > 2:
            slope = statistics.linear_regression([n for n, _ in warm], [mb for _, mb in warm]).slope
            print(f"fitted RSS trend after 2,000 documents: {slope * 10_000:+.1f} MB per 10,000 documents")
    print(json.dumps({"docs": args.docs, "tokens": tokens, "tokens_per_s": {k: round(v) for k, v in results.items()},
                      "ratio_to_bare": {k: round(v / bare, 3) for k, v in results.items()}, "peak_rss_mb": round(peak_mb),
                      "ingest_rss_mb": [[n, round(mb)] for n, mb in memory]}))


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def memory_profile(n_docs: int) -> list[tuple[int, float]]:
    """Ingest n_docs short generated articles into a fresh database, sampling RSS every 500 documents."""
    import random

    from quotes.db import QuoteDB
    from quotes.pipeline import ingest

    rng = random.Random(5)
    firsts = "Ana Ben Cleo Dev Eli Fay Gus Hal Ida Jon Kai Liv Max Noa Oli Pia Rex Sol Tim Uma".split()
    lasts = "Berg Cruz Dahl Engel Frost Gray Holm Ivers Jansen Kerr Lund Moss Nash Ortiz Park Quist".split()
    samples: list[tuple[int, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        feed = Path(tmp) / "many.jsonl"
        with open(feed, "w", encoding="utf-8") as out:
            for i in range(n_docs):
                name = f"{rng.choice(firsts)} {rng.choice(lasts)}"
                text = (f"Council meeting {i}\n\n“We will decide on item {i} next week,” said {name}, the chair.\n\n"
                        f"She said that the budget for project {rng.randrange(10**6)} was fixed. "
                        f"According to {rng.choice(lasts)}, the vote was close.\n")
                out.write(json.dumps({"id": f"m{i}", "text": text}) + "\n")
        done = {"docs": 0, "next": 500}

        def progress(docs: int, _quotes: int) -> None:
            done["docs"] += docs
            if docs and done["docs"] >= done["next"]:  # every 500 documents: peaks between reopenings show
                samples.append((done["docs"], rss_mb()))
                done["next"] += 500

        with QuoteDB(Path(tmp) / "many.duckdb") as db:
            ingest(db, [str(feed)], on_progress=progress)
    return samples


if __name__ == "__main__":
    main()
