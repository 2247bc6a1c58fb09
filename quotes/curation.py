"""Hand-made decisions on speakers, integrity checks, and whole-database export.

Manual decisions are written as aliases with origin 'manual' or as rows of
``speaker_decisions``; ``SpeakerRegistry`` reads both on every ingest, so a
person's decision wins over the automatic rules from then on.
"""

from __future__ import annotations

import json
from pathlib import Path

from quotes.db import QuoteDB
from quotes.db import utcnow as _now
from quotes.names import normalise_name


def _transaction(db: QuoteDB, statements: list[tuple[str, list]]) -> None:
    with db.transaction("changing speakers"):
        for sql, params in statements:
            db.con.execute(sql, params).fetchall()


def merge_speakers(db: QuoteDB, source_id: int, target_id: int) -> int:
    if source_id == target_id:
        raise ValueError("cannot merge a speaker into itself")
    moved = db.con.execute("SELECT count(*) FROM quotes WHERE speaker_id = ?", [source_id]).fetchone()[0]
    now = _now()
    _transaction(db, [
        ("UPDATE quotes SET speaker_id = ? WHERE speaker_id = ?", [target_id, source_id]),
        ("INSERT INTO speaker_aliases SELECT alias, alias_key, ?, 'manual', ? FROM speaker_aliases "
         "WHERE speaker_id = ?", [target_id, now, source_id]),
        ("INSERT INTO speaker_aliases SELECT name, name_key, ?, 'manual', ? FROM speakers WHERE id = ?",
         [target_id, now, source_id]),
        ("DELETE FROM speaker_aliases WHERE speaker_id = ?", [source_id]),
        ("DELETE FROM speaker_decisions WHERE decision = 'split' AND speaker_id = ? AND alias_key IN "
         "(SELECT alias_key FROM speaker_aliases WHERE speaker_id = ?)", [target_id, target_id]),
        ("INSERT INTO speaker_decisions VALUES ('merge', NULL, ?, ?, ?)", [target_id, f"merged {source_id}", now]),
        ("DELETE FROM speakers WHERE id = ?", [source_id]),
    ])
    return moved


def rename_speaker(db: QuoteDB, speaker_id: int, new_name: str) -> None:
    if not normalise_name(new_name):
        raise ValueError("the new name is empty")
    now = _now()
    _transaction(db, [
        ("UPDATE speakers SET name = ?, name_key = ?, manual_name = TRUE WHERE id = ?",
         [new_name, normalise_name(new_name), speaker_id]),
        ("INSERT INTO speaker_aliases VALUES (?, ?, ?, 'manual', ?)", [new_name, normalise_name(new_name), speaker_id, now]),
        ("INSERT INTO speaker_decisions VALUES ('rename', ?, ?, ?, ?)",
         [normalise_name(new_name), speaker_id, new_name, now]),
    ])


def split_speaker(db: QuoteDB, speaker_id: int, alias: str) -> tuple[int, int]:
    """Move the quotes whose mention or alias is ``alias`` to a new speaker and block the merge for good."""
    key = normalise_name(alias)
    new_id = db.con.execute("SELECT coalesce(max(id), 0) + 1 FROM speakers").fetchone()[0]
    kind = db.con.execute("SELECT kind FROM speakers WHERE id = ?", [speaker_id]).fetchone()
    now = _now()
    matching = ("speaker_id = ? AND trim(regexp_replace(lower(strip_accents(coalesce(speaker_mention, ''))), "
                "'[^a-z0-9 -]', '', 'g')) = ?")
    moved = db.con.execute(f"SELECT count(*) FROM quotes WHERE {matching}", [speaker_id, key]).fetchone()[0]
    _transaction(db, [
        ("INSERT INTO speakers VALUES (?, ?, ?, ?, NULL, NULL, TRUE, ?)",
         [new_id, alias, key, kind[0] if kind else "person", now]),
        (f"UPDATE quotes SET speaker_id = ? WHERE {matching}", [new_id, speaker_id, key]),
        ("DELETE FROM speaker_aliases WHERE speaker_id = ? AND alias_key = ?", [speaker_id, key]),
        ("INSERT INTO speaker_aliases VALUES (?, ?, ?, 'manual', ?)", [alias, key, new_id, now]),
        ("INSERT INTO speaker_decisions VALUES ('split', ?, ?, ?, ?)", [key, speaker_id, f"to {new_id}", now]),
    ])
    return new_id, moved


def verify_database(db: QuoteDB) -> list[str]:
    """Every way the stored rows can disagree with each other; [] when the database is sound."""
    problems = []
    checks = {
        "quotes whose source is missing": "SELECT count(*) FROM quotes q LEFT JOIN sources s ON s.id = q.source_id "
                                          "WHERE s.id IS NULL",
        "quotes whose speaker is missing": "SELECT count(*) FROM quotes q LEFT JOIN speakers s ON s.id = q.speaker_id "
                                           "WHERE q.speaker_id IS NOT NULL AND s.id IS NULL",
        "quotes whose cluster is missing": "SELECT count(*) FROM quotes q LEFT JOIN quote_clusters c "
                                           "ON c.id = q.cluster_id WHERE q.cluster_id IS NOT NULL AND c.id IS NULL",
        "clustered quotes with no relation to their cluster's fullest text": "SELECT count(*) FROM quotes q WHERE "
            "q.cluster_id IS NOT NULL AND q.norm_text <> '' AND NOT EXISTS (SELECT 1 FROM cluster_texts t "
            "WHERE t.cluster_id = q.cluster_id AND t.norm_text = q.norm_text)",
        "clusters with no quotes": "SELECT count(*) FROM quote_clusters c WHERE NOT EXISTS "
                                   "(SELECT 1 FROM quotes q WHERE q.cluster_id = c.id)",
        "indexed words of quotes that no longer exist": "SELECT count(*) FROM quote_words w LEFT JOIN quotes q "
                                                        "ON q.id = w.quote_id WHERE q.id IS NULL",
        "stored texts missing from the word index": "SELECT count(*) FROM (SELECT norm_text FROM quotes WHERE "
                                                    "norm_text <> '' GROUP BY norm_text HAVING count(anchor) = 0)",
        "word counts that disagree with the word index": "SELECT count(*) FROM quote_word_counts c FULL JOIN (SELECT "
                                                         "word, count(*) AS n FROM quote_words GROUP BY word) w "
                                                         "USING (word) WHERE coalesce(c.n, 0) <> coalesce(w.n, 0)",
        "aliases pointing to no speaker": "SELECT count(*) FROM speaker_aliases a LEFT JOIN speakers s "
                                          "ON s.id = a.speaker_id WHERE s.id IS NULL",
        "sources stored twice (same content hash)": "SELECT count(*) - count(DISTINCT content_hash) FROM sources",
        "quotes with offsets outside their source": "SELECT count(*) FROM quotes q JOIN sources s ON s.id = q.source_id "
                                                    "WHERE q.start_offset < 0 OR q.end_offset > length(s.text) "
                                                    "OR q.start_offset >= q.end_offset",
    }
    for label, query in checks.items():
        n = db.con.execute(query).fetchone()[0]
        if n:
            problems.append(f"{n} {label}")
    # Offsets are Python str offsets; check them in Python, source by source.
    mismatched = 0
    for source_id, text in db.con.execute("SELECT id, text FROM sources").fetchall():
        for start, end, stored in db.con.execute(
            "SELECT start_offset, end_offset, text FROM quotes WHERE source_id = ?", [source_id]
        ).fetchall():
            if text[start:end] != stored:
                mismatched += 1
    if mismatched:
        problems.append(f"{mismatched} quotes whose offsets no longer match the stored text")
    bad_norm = db.con.execute("SELECT count(*) FROM quotes WHERE norm_text IS NULL").fetchone()[0]
    if bad_norm:
        problems.append(f"{bad_norm} quotes without normalised text")
    return problems


def export_parquet(db: QuoteDB, directory: Path) -> dict:
    directory.mkdir(parents=True, exist_ok=True)
    tables = [r[0] for r in db.con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE' ORDER BY 1").fetchall()]
    manifest = {"schema_version": db.schema_version(), "exported_at": _now().isoformat(), "tables": {}}
    for table in tables:
        target = directory / f"{table}.parquet"
        db.con.execute(f"COPY (SELECT * FROM \"{table}\") TO '{_sql_path(target)}' (FORMAT parquet)").fetchall()
        rows = db.con.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
        manifest["tables"][table] = {"file": target.name, "rows": rows}
    (directory / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return manifest


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")


