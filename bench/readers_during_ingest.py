"""Readers during a long ingest: does `quotes search` answer while `quotes ingest` writes the same file?

    python bench/readers_during_ingest.py [--seconds 300]

Ingests PolNeAR articles (repeated with a counter so every one is new) for about --seconds alone, then the same
again while `quotes search` runs once a second in another process. Reports the share of searches that answered
within 5 s and how much longer the ingest took. Targets: ≥ 95 % within 5 s, ingest ≤ 20 % slower.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "polnear_traindev.jsonl"
BIN = Path(sys.executable).parent


def feed(folder: Path, n: int, tag: str) -> Path:
    with open(CORPUS, encoding="utf-8") as handle:
        texts = [json.loads(line)["text"] for line in handle]
    path = folder / f"feed-{tag}.jsonl"
    with open(path, "w", encoding="utf-8") as out:
        for i in range(n):
            out.write(json.dumps({"id": f"{tag}-{i}", "text": texts[i % len(texts)] + f"\n\n({tag} {i})"}) + "\n")
    return path


def ingest(db: Path, path: Path) -> subprocess.Popen:
    return subprocess.Popen([BIN / "quotes", "ingest", path, "--db", db, "-q"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=300)
    parser.add_argument("--rate", type=float, default=6.0, help="documents per second of one ingest, to size the feed")
    args = parser.parse_args()
    if not CORPUS.exists():
        sys.exit(f"{CORPUS}: not found (the benchmark reads ../shared/eval)")
    n = int(args.seconds * args.rate)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        alone_db, shared_db = folder / "alone.duckdb", folder / "shared.duckdb"
        started = time.perf_counter()
        proc = ingest(alone_db, feed(folder, n, "alone"))
        proc.wait()
        alone = time.perf_counter() - started
        # The shared run starts from a database that already holds documents, as a newsroom's would.
        subprocess.run([BIN / "quotes", "ingest", feed(folder, 50, "seed"), "--db", shared_db, "-q"],
                       capture_output=True, check=True)
        started = time.perf_counter()
        proc = ingest(shared_db, feed(folder, n, "shared"))
        answers = []
        while proc.poll() is None:
            asked = time.perf_counter()
            result = subprocess.run([BIN / "quotes", "search", "Trump", "--db", shared_db, "--limit", "5",
                                     "--format", "csv"], capture_output=True, text=True, timeout=60)
            answers.append((result.returncode == 0, time.perf_counter() - asked))
            time.sleep(max(0.0, 1.0 - (time.perf_counter() - asked)))
        shared = time.perf_counter() - started
    within = sum(1 for ok, secs in answers if ok and secs <= 5.0)
    slowest = max((secs for _, secs in answers), default=0.0)
    print(f"ingest of {n} documents alone {alone:.1f} s, with readers {shared:.1f} s "
          f"({(shared / alone - 1) * 100:+.1f} %)")
    print(f"searches: {len(answers)}, answered within 5 s: {within} ({within / max(1, len(answers)):.1%}), "
          f"slowest {slowest:.2f} s")
    print(json.dumps({"documents": n, "alone_s": round(alone, 1), "with_readers_s": round(shared, 1),
                      "searches": len(answers), "within_5s": within, "slowest_s": round(slowest, 2)}))


if __name__ == "__main__":
    main()
