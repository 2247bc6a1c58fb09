"""Quote clusters and variants on a labelled corpus built from real direct quotes (PolNeAR, ../shared/eval).

    python bench/variants.py [--statements 150] [--seed 17]

Each statement is a real direct quote of 8–40 words. It is carried by synthetic articles of several outlets:
the full quote, exact copies, copies with other punctuation and case (identical), excerpts (a contiguous part,
or two parts joined by an ellipsis), and edited copies (one or two words substituted or dropped inside). Hard
negatives are statements of their own: another quote by the same speaker that shares the first half of the
words, and the same words' first half said by someone else. Every article goes through the real ingest
(parse, extract, attribute, store, cluster) into a temporary DuckDB file.

Reported: pairwise cluster precision and recall over copies (two copies of one statement in one cluster is a
true pair), and the confusion table of the expected relation against the stored one ("none": not clustered).
Targets (#17): precision ≥ 0.98, recall ≥ 0.95; edited precision ≥ 0.95, recall ≥ 0.90; identical and excerpt
never reported as edited. Prints a table and a final JSON line.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "polnear_traindev.jsonl"
OUTLETS = ["Harbour Times", "Coastal Post", "River Daily", "Bay News", "Valley Herald", "Metro Ledger",
           "North Star", "Evening Courier"]
FIRST = ["Ana", "Ben", "Carla", "Dmitri", "Elena", "Farid", "Grace", "Hugo", "Ines", "Jonas", "Keiko", "Luis",
         "Maren", "Nikhil", "Olga", "Pavel", "Rosa", "Samir", "Tessa", "Viktor"]
LAST = ["Adeyemi", "Brandt", "Castillo", "Dorsey", "Eklund", "Fontaine", "Gallo", "Haddad", "Ivers", "Jensen",
        "Kowalski", "Lindqvist", "Moreau", "Novak", "Okafor", "Petrov", "Quinlan", "Rasmussen", "Sato", "Tanaka"]
SUBSTITUTES = ["really", "truly", "never", "always", "clearly", "simply", "certainly", "perhaps"]
_WORD = re.compile(r"^[A-Za-z][A-Za-z'’-]*[A-Za-z]$")


def real_quotes(n: int, rng: random.Random) -> list[str]:
    """Direct quotes of 8–40 plain words (no quote marks, digits or line breaks) from the annotated corpus."""
    seen, found = set(), []
    for line in CORPUS.open(encoding="utf-8"):
        doc = json.loads(line)
        for q in doc.get("quotes", []):
            if q.get("kind") != "direct":
                continue
            text = " ".join(doc["text"][q["start"]:q["end"]].split()).strip(" “”\"'‘’,.")
            words = text.split()
            if not 8 <= len(words) <= 40 or re.search(r"[\"“”‘’'0-9\n:;()…]", text) or text.lower() in seen:
                continue
            seen.add(text.lower())
            found.append(text)
    rng.shuffle(found)
    return found[:n]


def substitute(words: list[str], rng: random.Random, times: int) -> list[str]:
    out = list(words)
    inner = [i for i in range(1, len(out) - 1) if _WORD.match(out[i])]
    for i in rng.sample(inner, min(times, len(inner))):
        out[i] = rng.choice([w for w in SUBSTITUTES if w != out[i].lower()])
    return out


def drop(words: list[str], rng: random.Random, times: int) -> list[str]:
    keep = set(range(len(words))) - set(rng.sample(range(2, len(words) - 2), times))
    return [w for i, w in enumerate(words) if i in keep]


def copies(text: str, rng: random.Random) -> list[tuple[str, str]]:
    """(relation to the full text, the copy's words) for one statement; the full text comes first."""
    words = text.split()
    n = len(words)
    out = [("identical", text), ("identical", text)]
    out.append(("identical", text[0].lower() + text[1:].replace(",", "")))
    size = rng.randint(max(5, n // 2), max(5, n - 2))
    start = rng.randint(0, n - size)
    out.append(("excerpt", " ".join(words[start:start + size])))
    if n >= 12:
        cut = rng.randint(4, n - 8)
        out.append(("excerpt", " ".join(words[:cut]) + " … " + " ".join(words[cut + 3:])))
    out.append(("edited", " ".join(substitute(words, rng, 1))))
    out.append(("edited", " ".join(substitute(words, rng, 2) if rng.random() < 0.5 else drop(words, rng, 2))))
    return out


def corpus(n_statements: int, seed: int) -> tuple[list[dict], dict[str, tuple[int, str]]]:
    """Articles as ingest reads them (JSONL rows) and, per article id, (statement, expected relation)."""
    rng = random.Random(seed)
    quotes = real_quotes(n_statements * 2, rng)
    statements, negatives = quotes[:n_statements], quotes[n_statements:]
    people = [f"{f} {last}" for f, last in itertools.product(FIRST, LAST)]
    rng.shuffle(people)
    rows, labels = [], {}
    statement_id = 0

    def publish(person: str, relation: str, text: str, statement: int) -> None:
        i = len(rows)
        outlet = OUTLETS[i % len(OUTLETS)]
        rows.append({"id": f"a{i}", "url": f"https://{outlet.lower().replace(' ', '')}.test/{i}", "outlet": outlet,
                     "published_at": f"2025-{1 + i // 28 % 12:02d}-{1 + i % 28:02d}",
                     "text": f"{person} spoke to {outlet} reporters on day {i} of the session.\n\n"
                             f"“{text},” {person.split()[-1]} said."})
        labels[f"a{i}"] = (statement, relation)

    for k, text in enumerate(statements):
        person = people[k]
        for relation, copy in copies(text, rng):
            publish(person, relation, copy, statement_id)
        words = text.split()
        # Hard negatives: the same speaker's other statement sharing the first half of the words, and the first
        # half said by someone else — each its own statement, carried twice.
        half = words[: len(words) // 2] + negatives[k].split()[len(negatives[k].split()) // 2:]
        for person_, words_ in ((person, half), (people[-1 - k], words[: len(words) // 2] + ["and", "that", "is",
                                                                                             "all", "we", "know"])):
            statement_id += 1
            for _ in range(2):
                publish(person_, "identical", " ".join(words_), statement_id)
        statement_id += 1
    return rows, labels


def measure(rows: list[dict], labels: dict[str, tuple[int, str]]) -> dict:
    from quotes.db import QuoteDB
    from quotes.pipeline import ingest

    with tempfile.TemporaryDirectory() as tmp:
        feed = Path(tmp) / "corpus.jsonl"
        feed.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        started = time.perf_counter()
        with QuoteDB(Path(tmp) / "bench.duckdb") as db:
            ingest(db, [str(feed)])
            stored = db.sql("""
                SELECT s.doc_key, q.cluster_id, t.relation FROM quotes q JOIN sources s ON s.id = q.source_id
                LEFT JOIN cluster_texts t ON t.cluster_id = q.cluster_id AND t.norm_text = q.norm_text
                WHERE q.kind <> 'indirect' ORDER BY q.id""").rows()
        seconds = time.perf_counter() - started
    per_article: dict[str, tuple[int | None, str]] = {}
    for doc_key, cluster_id, relation in stored:
        per_article.setdefault(doc_key, (cluster_id, relation or "none"))  # the article's one quote
    copies_ = [(labels[k], per_article.get(k, (None, "not found"))) for k in labels]
    tp = fp = fn = 0
    for (a_label, a_got), (b_label, b_got) in itertools.combinations(copies_, 2):
        same = a_label[0] == b_label[0]
        together = a_got[0] is not None and a_got[0] == b_got[0]
        tp += same and together
        fp += (not same) and together
        fn += same and not together
    confusion = Counter((label[1], got[1]) for label, got in copies_)
    edited_tp = confusion[("edited", "edited")]
    edited_pred = sum(v for (_, got), v in confusion.items() if got == "edited")
    edited_true = sum(v for (exp, _), v in confusion.items() if exp == "edited")
    return {
        "articles": len(rows), "statements": len({label[0] for label in labels.values()}),
        "pair_precision": round(tp / (tp + fp), 4) if tp + fp else None,
        "pair_recall": round(tp / (tp + fn), 4) if tp + fn else None,
        "edited_precision": round(edited_tp / edited_pred, 4) if edited_pred else None,
        "edited_recall": round(edited_tp / edited_true, 4) if edited_true else None,
        "confusion": {f"{e} → {g}": v for (e, g), v in sorted(confusion.items())},
        "ingest_seconds": round(seconds, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--statements", type=int, default=150)
    parser.add_argument("--seed", type=int, default=17)
    args = parser.parse_args()
    if not CORPUS.exists():
        sys.exit(f"{CORPUS}: not found (../shared/eval beside the checkout)")
    rows, labels = corpus(args.statements, args.seed)
    result = measure(rows, labels)
    print(f"{result['articles']} articles, {result['statements']} statements, ingest {result['ingest_seconds']} s")
    print(f"pairwise cluster precision {result['pair_precision']}, recall {result['pair_recall']}")
    print(f"edited: precision {result['edited_precision']}, recall {result['edited_recall']}")
    print("expected → stored: " + ", ".join(f"{k} {v}" for k, v in result["confusion"].items()))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
