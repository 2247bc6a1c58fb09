"""The Ray engine against the local one, in ONE run: the same PolNeAR texts through `quotes ingest` as a user runs
it (a fresh process, start-up and model loading included), plus `quotes load` rates and a projection.

    python bench/ray_engine.py [--docs 500] [--synthetic-quotes 1000000]

Runs: local engine with 1 and 2 workers, Ray engine with 1 and 2 actors (a local Ray instance started and
stopped by the command). Then `quotes extract --engine ray --out` writes shards, and `quotes load` stores them
into an empty database and into the synthetic database of bench/synthetic.py (1M quotes). Prints tables and a
final JSON line. Target (#13): Ray with 2 actors ≥ 0.9× the local engine with 2 workers.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "eval" / "polnear_traindev.jsonl"
QUOTES = Path(sys.executable).parent / "quotes"
ARCHIVES = (1_000_000, 10_000_000, 100_000_000)
CORES = (16, 64, 256)


def timed(command: list) -> float:
    started = time.perf_counter()
    result = subprocess.run([str(c) for c in command], capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"{' '.join(map(str, command))} failed:\n{result.stderr[-2000:]}")
    return time.perf_counter() - started


def quote_count(db: Path) -> int:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT count(*) FROM quotes").fetchone()[0]
    finally:
        con.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=500)
    parser.add_argument("--synthetic-quotes", type=int, default=1_000_000)
    args = parser.parse_args()
    if not CORPUS.exists():
        sys.exit(f"{CORPUS}: not found (the benchmark reads ../shared/eval)")
    from quotes.models import load_nlp

    texts = []
    for line in CORPUS.open(encoding="utf-8"):
        texts.append(json.loads(line)["text"])
        if len(texts) >= args.docs:
            break
    tokens = sum(len(d) for d in load_nlp().tokenizer.pipe(texts))
    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        feed = tmp / "feed.jsonl"
        feed.write_text("".join(json.dumps({"id": str(i), "text": t}) + "\n" for i, t in enumerate(texts)))
        runs = [("local, 1 worker", ["--workers", "1"]), ("local, 2 workers", ["--workers", "2"]),
                ("ray, 1 actor", ["--engine", "ray", "--actors", "1"]),
                ("ray, 2 actors", ["--engine", "ray", "--actors", "2"])]
        for name, flags in runs:
            db = tmp / f"{name.replace(' ', '').replace(',', '_')}.duckdb"
            results[name] = timed([QUOTES, "ingest", feed, "--db", db, "-q", *flags])
        shards = tmp / "shards"
        results["extract --out, ray, 2 actors"] = timed([QUOTES, "extract", feed, "--engine", "ray", "--actors", "2",
                                                        "--out", shards])
        empty = tmp / "load.duckdb"
        results["load into an empty database"] = timed([QUOTES, "load", shards, "--db", empty])
        loaded_quotes = quote_count(empty)
        big = tmp / "synthetic.duckdb"
        sys.path.insert(0, str(ROOT / "bench"))
        import synthetic

        synthetic.build(big, args.synthetic_quotes, 50_000, 200_000)
        results["load into the 1M-quote database"] = timed([QUOTES, "load", shards, "--db", big])
        shutil.rmtree(shards)

    local2, ray2 = results["local, 2 workers"], results["ray, 2 actors"]
    docs_per_core = args.docs / results["local, 1 worker"]
    load_rate = loaded_quotes / results["load into an empty database"]
    load_rate_big = loaded_quotes / results["load into the 1M-quote database"]
    quotes_per_doc = loaded_quotes / args.docs
    print(f"{args.docs} documents, {tokens:,} tokens, {loaded_quotes:,} quotes (whole processes, start-up included)")
    print(f"{'run':38s} {'seconds':>8s} {'docs/s':>8s} {'tokens/s':>9s}")
    for name, seconds in results.items():
        print(f"{name:38s} {seconds:8.1f} {args.docs / seconds:8.1f} {tokens / seconds:9.0f}")
    print(f"ray 2 actors ÷ local 2 workers (throughput): {local2 / ray2:.2f}")
    print(f"quotes load: {load_rate:,.0f} quotes/s into an empty database, {load_rate_big:,.0f} into the 1M-quote one")
    writer_docs = load_rate_big / quotes_per_doc  # documents per second the one DuckDB writer stores
    print(f"projection at {docs_per_core:.1f} documents/s per core (local engine, 1 worker, start-up included); "
          f"one writer stores {writer_docs:,.0f} documents/s")
    print(f"{'articles':>12s} " + " ".join(f"{c:>4d} cores (h)" for c in CORES))
    projection = {}
    for n in ARCHIVES:
        hours = []
        for cores in CORES:
            rate = min(cores * docs_per_core, writer_docs)
            hours.append(n / rate / 3600)
            projection[f"{n}@{cores}"] = round(n / rate / 3600, 2)
        print(f"{n:12,d} " + " ".join(f"{h:14.1f}" for h in hours))
    print(f"the single writer is the limit from {writer_docs / docs_per_core:,.0f} cores on")
    print(json.dumps({"docs": args.docs, "tokens": tokens, "seconds": {k: round(v, 2) for k, v in results.items()},
                      "ray2_vs_local2": round(local2 / ray2, 3), "docs_per_core": round(docs_per_core, 2),
                      "load_quotes_per_s": round(load_rate), "load_quotes_per_s_1m": round(load_rate_big),
                      "projection_hours": projection}))


if __name__ == "__main__":
    main()
