"""Time against document length: ordinary news joined into one long document (hearing transcripts, long
reports and live blogs look like this), parsed and extracted as one document on one core.

    python bench/long_documents.py

Two 1 MB documents against the 250 KB one: the same 250 KB four times over (the purest "same kind of text") and
1 MB of further PolNeAR articles. Target: 1 MB ÷ 250 KB ≤ 4.5 (linear time would be 4.0). Prints a table and a
final JSON line.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "polnear_traindev.jsonl"
SIZE = 250_000


def seconds(nlp, text: str) -> tuple[float, int]:
    from quotes.extract import extract_quotes
    from quotes.paragraphs import parse_text

    started = time.perf_counter()
    quotes = extract_quotes(parse_text(nlp, text))
    return time.perf_counter() - started, len(quotes)


def main() -> None:
    if not CORPUS.exists():
        sys.exit(f"{CORPUS}: not found (the benchmark reads ../shared/eval)")
    from quotes.models import load_nlp

    with open(CORPUS, encoding="utf-8") as handle:
        articles = [json.loads(line)["text"] for line in handle]
    joined = "\n\n".join(articles)
    base = joined[:SIZE]
    documents = {"250 KB": base, "1 MB: the 250 KB four times": base * 4, "1 MB of articles": joined[:4 * SIZE]}
    nlp = load_nlp()
    seconds(nlp, articles[0])  # warm up: model loading is not what this measures
    results = {name: seconds(nlp, text) for name, text in documents.items()}
    small = results["250 KB"][0]
    print(f"{'document':32s} {'seconds':>8s} {'quotes':>7s} {'÷ 250 KB':>9s}")
    for name, (secs, n) in results.items():
        print(f"{name:32s} {secs:8.1f} {n:7d} {secs / small:9.2f}")
    print(json.dumps({name: {"seconds": round(secs, 2), "quotes": n, "ratio": round(secs / small, 2)}
                      for name, (secs, n) in results.items()}))


if __name__ == "__main__":
    main()
