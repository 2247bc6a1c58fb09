"""Query speed at archive scale: a synthetic database of 1,000,000 quotes, 50,000 speakers, 200,000 sources.

    python bench/synthetic.py [--quotes N] [--speakers N] [--sources N] [--db PATH]

Builds the database through the package's own schema, then times what people do: search by speaker
(the `quotes search` path: name lookup + quote_sheet rows), a quote_sheet filter, and an export of
10,000 rows. Prints p50 / p95 in milliseconds and a final JSON line.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from pathlib import Path

import pyarrow as pa

FIRST = ("Anna Ben Carla Dmitri Elena Farid Grace Hugo Ines Jamal Kofi Lena Marta Nikhil Olga Pavel Quinn Rosa "
         "Samir Tara Umar Vera Wen Ximena Yusuf Zoe Aiko Bruno Chidi Dana Emil Fatima Goran Hana Ivan Julia Karim "
         "Lucia Mateo Nadia Omar Priya Rafael Sofia Tomas Ulla Viktor Wanda Yara Zainab").split()
SYLLABLES = "ka lo mi ren sto va del ri on ba tur esk ham pol qui zen dor lin mar ost vik".split()


def surname(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def build(db_path: Path, n_quotes: int, n_speakers: int, n_sources: int, seed: int = 7) -> list[str]:
    from quotes.clusters import index_words
    from quotes.db import QuoteDB
    from quotes.names import normalise_name

    rng = random.Random(seed)
    names, seen = [], set()
    while len(names) < n_speakers:
        name = f"{rng.choice(FIRST)} {surname(rng)}"
        if name not in seen:
            seen.add(name)
            names.append(name)
    with QuoteDB(db_path) as db:
        con = db.con
        con.register("_names", pa.table({"id": list(range(1, n_speakers + 1)), "name": names,
                                         "name_key": [normalise_name(n) for n in names]}))
        con.execute("INSERT INTO speakers SELECT id, name, name_key, 'person', NULL, NULL, FALSE, now() FROM _names")
        con.execute("INSERT INTO speaker_aliases SELECT name, name_key, id, 'automatic', now() FROM _names")
        con.execute(f"""
            INSERT INTO sources (id, content_hash, doc_key, path, url, title, outlet, published_at, ingested_at, text)
            SELECT i, md5(i::VARCHAR), 'doc' || i, NULL, 'https://example.test/' || i, 'Article ' || i,
                   'Outlet ' || (i % 40), TIMESTAMP '2024-01-01' + INTERVAL (i % 700) DAY, now(), 'text ' || i
            FROM range(1, {n_sources} + 1) t(i)""")
        con.execute(f"""
            INSERT INTO quotes (id, source_id, speaker_id, text, quote, kind, start_offset, end_offset,
                                method, confidence, context, norm_text)
            SELECT i, 1 + hash(i) % {n_sources}, CASE WHEN i % 10 = 0 THEN NULL ELSE 1 + hash(i * 7) % {n_speakers} END,
                   'We will talk about topic ' || (i % 5000) || ' again ' || i,
                   'We will talk about topic ' || (i % 5000) || ' again ' || i,
                   CASE i % 3 WHEN 0 THEN 'direct' WHEN 1 THEN 'indirect' ELSE 'mixed' END, 0, 40,
                   'cue_subject', 0.5 + (i % 50) / 100.0, 'context ' || i, 'we will talk ' || i
            FROM range(1, {n_quotes} + 1) t(i)""")
        # The word index, word counts and anchors that ingest maintains, by the same code (every text here
        # is distinct, so every quote is indexed).
        con.execute("CREATE TEMP TABLE _words AS SELECT DISTINCT unnest(index_words(norm_text)) AS word, "
                    "id AS quote_id FROM quotes")
        index_words(con)
        con.execute("CHECKPOINT")
    return names


def timed(fn, runs: int) -> dict[str, float]:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return {"p50_ms": round(statistics.median(samples), 1), "p95_ms": round(samples[int(0.95 * (len(samples) - 1))], 1)}


def time_batch_write(path: Path) -> dict[str, float]:
    """Storing one ingest batch into the big database: clustering must not scan every stored quote."""
    from quotes.db import QuoteDB
    from quotes.extract import extract_text
    from quotes.models import load_nlp
    from quotes.readers import SourceDocument

    nlp = load_nlp()
    texts = [f"“We will talk about topic {i} again at the hearing,” said Anna Berg.\n\nShe said that budget {i} "
             "was fixed by the council." for i in range(32)]
    quotes = [extract_text(t, nlp) for t in texts]
    samples = []
    with QuoteDB(path) as db:
        registry = db.load_registry()  # an ingest reads it once
        for run in range(5):
            items = [(SourceDocument(f"b{run}-{i}", f"{t} ({run})"), q) for i, (t, q) in enumerate(zip(texts, quotes))]
            started = time.perf_counter()
            db.write_batch(items, {}, None, registry)
            samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return {"p50_ms": round(statistics.median(samples), 1), "p95_ms": round(samples[-1], 1)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quotes", type=int, default=1_000_000)
    parser.add_argument("--speakers", type=int, default=50_000)
    parser.add_argument("--sources", type=int, default=200_000)
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--runs", type=int, default=60)
    args = parser.parse_args()
    from quotes.db import QuoteDB
    from quotes.export import write_sheet

    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or Path(tmp) / "synthetic.duckdb"
        started = time.perf_counter()
        names = build(path, args.quotes, args.speakers, args.sources)
        build_s = time.perf_counter() - started
        rng = random.Random(1)
        results = {}
        with QuoteDB(path, read_only=True) as db:
            def search():
                name = rng.choice(names)
                query = rng.choice([name, name.split()[-1].lower(), name.lower()])
                ids = db.find_speakers(query)["id"].to_list()[:5]
                for speaker_id in ids:
                    db.quotes(speaker_id=speaker_id, limit=100)

            def sheet_filter():
                db.quotes(outlet=f"Outlet {rng.randrange(40)}", kind="direct", min_confidence=0.9,
                          since="2025-01-01", limit=100)

            def export(fmt):
                def run():  # what `quotes export --limit 10000 out.FMT` does after start-up
                    df = db.quotes(limit=10_000)
                    write_sheet(df, Path(tmp) / f"export.{fmt}", fmt, db.carriers(df["cluster_id"].to_list()))
                return run

            results["search by speaker"] = timed(search, args.runs)
            results["quote_sheet filter"] = timed(sheet_filter, args.runs)
            for fmt in ("csv", "parquet", "json", "md", "html", "xlsx"):
                results[f"export 10,000 rows .{fmt}"] = timed(export(fmt), 5)
        results["write a 32-document batch (1 transaction)"] = time_batch_write(path)
    print(f"built {args.quotes:,} quotes / {args.speakers:,} speakers / {args.sources:,} sources in {build_s:.1f}s")
    print(f"{'query':44s} {'p50 ms':>9s} {'p95 ms':>9s}")
    for name, r in results.items():
        print(f"{name:44s} {r['p50_ms']:9.1f} {r['p95_ms']:9.1f}")
    print(json.dumps({"quotes": args.quotes, "speakers": args.speakers, "sources": args.sources,
                      "build_seconds": round(build_s, 1), "timings": results}))


if __name__ == "__main__":
    main()
