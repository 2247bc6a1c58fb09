"""Cost per byte of inputs that are not prose, beside ordinary news: what scraped pages and dumps throw at the
extractor. Target: none more than 3× slower per byte than news.

    python bench/adversarial.py [--kb 100]

Each input is generated here (seeded), about --kb kilobytes, and run through the real path a document takes
(reader → parse → extract) on one core. Prints a table and a final JSON line.
"""

from __future__ import annotations

import argparse
import base64
import json
import random
import sys
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "polnear_traindev.jsonl"


def inputs(size: int) -> dict[str, str]:
    rng = random.Random(16)
    words = "the of and a to in is you that it he was for on are as with his they at be this".split()
    csv_rows = "\n".join(",".join([str(rng.randint(0, 10**6)), f'"{rng.choice(words)} {rng.choice(words)}"',
                                   f"{rng.random():.6f}", "2016-09-0" + str(rng.randint(1, 9))])
                         for _ in range(size // 40))
    script = "".join(f"var a{i}=function(b){{return b+\"{rng.choice(words)}\"*{i}}};" for i in range(size // 40))
    return {
        "punctuation run (one line)": "".join(rng.choice("!?.,;:-—*#") for _ in range(size)),
        "1 MB single line of words": " ".join(rng.choice(words) for _ in range(250_000))[:1_000_000],
        "one line of words, no full stop": " ".join(rng.choice(words) for _ in range(size // 4))[:size],
        "CSV dump with quoted fields": csv_rows[:size],
        "base64 blob": base64.b64encode(rng.randbytes(size * 3 // 4)).decode()[:size],
        "minified JavaScript in HTML": f"<html><body><p>Page</p><script>{script[:size]}</script></body></html>",
        "quote marks only (--kb 100: 100,000)": '"' * size,
        "curly quote marks only": "“”" * (size // 2),
    }


def rate(nlp, text: str, suffix: str = ".txt") -> float:
    """Seconds per megabyte through the reader, the parser and the extractor."""
    import tempfile

    from quotes.extract import extract_quotes
    from quotes.paragraphs import parse_text
    from quotes.readers import read_documents

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{suffix}"
        path.write_text(text, encoding="utf-8")
        started = time.perf_counter()
        for document in read_documents([str(path)]):
            if hasattr(document, "text"):
                extract_quotes(parse_text(nlp, document.text))
        return (time.perf_counter() - started) / (len(text.encode()) / 1e6)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kb", type=int, default=100)
    args = parser.parse_args()
    if not CORPUS.exists():
        sys.exit(f"{CORPUS}: not found (the benchmark reads ../shared/eval)")
    from quotes.models import load_nlp

    nlp = load_nlp()
    with open(CORPUS, encoding="utf-8") as handle:
        news = "\n\n".join(json.loads(line)["text"] for _, line in zip(range(60), handle))[: args.kb * 1000]
    rate(nlp, news[:2000])  # warm up
    results = {"ordinary news": rate(nlp, news)}
    for name, text in inputs(args.kb * 1000).items():
        results[name] = rate(nlp, text, ".html" if "HTML" in name else ".txt")
    base = results["ordinary news"]
    print(f"{'input (' + str(args.kb) + ' KB)':36s} {'s per MB':>9s} {'× news':>7s}")
    for name, secs in results.items():
        print(f"{name:36s} {secs:9.1f} {secs / base:7.2f}")
    print(json.dumps({name: {"seconds_per_mb": round(secs, 2), "vs_news": round(secs / base, 2)}
                      for name, secs in results.items()}))


if __name__ == "__main__":
    main()
