"""Quote clusters in the database: which stored quotes are copies of one statement, and how each copy differs.

Every write path calls ``cluster_new`` after appending a batch of quotes (ids from ``first_new_id`` on), and
``refresh`` for clusters whose members were deleted. The rules of relating two copies are in
``quotes.variants``; this module finds candidates cheaply and keeps the tables consistent:

- ``quote_words`` / ``quote_word_counts``: a word index holding the first quote of each text and speaker, so
  that candidates come from equality joins and never from a scan of every stored text. A reprint of a stored
  text is found through that earlier quote and joins its cluster without being indexed itself, so the work per
  batch does not grow with the largest cluster.
- ``quote_clusters``: per cluster the fullest text (``norm_text``, ``full_quote_id``), its speaker and first
  appearance.
- ``cluster_texts``: per cluster and distinct text, its relation to the fullest text and the words that differ
  (the view ``quote_variants`` joins it to every copy).

A new quote is compared with the fullest text of each cluster its candidates belong to. It joins when it
relates; when it is the fuller text it becomes the cluster's fullest and the cluster's texts are related anew
(a copy that no longer relates leaves). A quote that relates to several clusters as the shorter text is
ambiguous and joins none; as the fuller text it joins them into one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import duckdb
import pyarrow as pa

from quotes.variants import Copy, Variant, copy_of, could_relate, fuller, relate

CANDIDATES_PER_QUOTE = 30  # the stored quotes sharing most of a new quote's rarest words
PROBE_WORDS = 3  # a new quote looks for partners through this many of its rarest indexed words


@dataclass
class _Cluster:
    id: int | None  # None until written
    full_id: int
    full: Copy
    speaker_id: int | None
    merged: set[int] = field(default_factory=set)  # stored clusters folded into this one
    rebuild: bool = False  # fullest text changed or clusters merged: relate every text again
    speaker_changed: bool = False


# -- the word index ----------------------------------------------------------------------------------------
def index_words(con: duckdb.DuckDBPyConnection) -> None:
    """Add the quotes listed in the temp table ``_words`` to the word index, its counts and their anchors."""
    con.execute("INSERT INTO quote_words SELECT word, quote_id FROM _words").fetchall()
    con.execute("""
        INSERT INTO quote_word_counts SELECT word, count(*) FROM _words GROUP BY word
        ON CONFLICT (word) DO UPDATE SET n = quote_word_counts.n + excluded.n
    """).fetchall()
    con.execute("""
        UPDATE quotes SET anchor = a.anchor
        FROM (SELECT w.quote_id, first(w.word ORDER BY c.n, length(w.word) DESC, w.word) AS anchor
              FROM _words w JOIN quote_word_counts c USING (word) GROUP BY w.quote_id) a
        WHERE quotes.id = a.quote_id
    """).fetchall()


def unindex_words(con: duckdb.DuckDBPyConnection, where: str, param) -> None:
    """Drop quotes from the word index and its counts (before the quotes themselves are deleted)."""
    con.execute(f"""
        UPDATE quote_word_counts SET n = n - gone.k
        FROM (SELECT word, count(*) AS k FROM quote_words WHERE {where} GROUP BY word) gone
        WHERE quote_word_counts.word = gone.word
    """, [param]).fetchall()
    con.execute(f"DELETE FROM quote_words WHERE {where}", [param]).fetchall()


def forget_sources(con: duckdb.DuckDBPyConnection, source_ids: list[int]) -> list[int]:
    """Delete the quotes of these sources (replaced articles) with their place in the word index, index the
    earliest other copy of each text they held there, and return the clusters they belonged to (to ``refresh``
    once the batch is stored)."""
    touched = [r[0] for r in con.execute(
        "SELECT DISTINCT cluster_id FROM quotes WHERE cluster_id IS NOT NULL AND source_id IN (SELECT unnest(?))",
        [source_ids]).fetchall()]
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _orphans AS SELECT DISTINCT norm_text, speaker_id FROM quotes "
        "WHERE anchor IS NOT NULL AND source_id IN (SELECT unnest(?))", [source_ids]).fetchall()
    unindex_words(con, "quote_id IN (SELECT id FROM quotes WHERE source_id IN (SELECT unnest(?)))", source_ids)
    con.execute("DELETE FROM quotes WHERE source_id IN (SELECT unnest(?))", [source_ids]).fetchall()
    con.execute("""
        CREATE OR REPLACE TEMP TABLE _words AS
        SELECT DISTINCT unnest(index_words(norm_text)) AS word, id AS quote_id FROM quotes
        WHERE id IN (SELECT min(q.id) FROM quotes q JOIN _orphans o ON o.norm_text = q.norm_text
                     AND o.speaker_id IS NOT DISTINCT FROM q.speaker_id GROUP BY q.norm_text, q.speaker_id)
    """).fetchall()
    index_words(con)
    for table in ("_words", "_orphans"):
        con.execute(f"DROP TABLE IF EXISTS {table}").fetchall()
    return touched


# -- clustering a batch ------------------------------------------------------------------------------------
def cluster_new(con: duckdb.DuckDBPyConnection, first_new_id: int) -> None:
    """Index the quotes stored from ``first_new_id`` on and give each a cluster where it copies another."""
    con.execute("""
        CREATE OR REPLACE TEMP TABLE _words AS
        SELECT DISTINCT unnest(index_words(norm_text)) AS word, id AS quote_id FROM quotes
        WHERE id >= ? AND norm_text <> ''
    """, [first_new_id]).fetchall()
    # A repeat is a quote whose text and speaker came earlier from another source: found through the indexed
    # quote's rarest word, or earlier in this batch. It pairs with that quote instead of being indexed.
    con.execute("""
        CREATE OR REPLACE TEMP TABLE _repeats AS
        WITH probe AS (
            SELECT w.quote_id, first(w.word ORDER BY coalesce(c.n, 0), length(w.word) DESC, w.word) AS word
            FROM _words w LEFT JOIN quote_word_counts c USING (word) GROUP BY w.quote_id
        )
        SELECT p.quote_id AS new_id, o.id AS other_id
        FROM probe p JOIN quotes n ON n.id = p.quote_id
        JOIN quote_words w ON w.word = p.word AND w.quote_id < ?
        JOIN quotes o ON o.id = w.quote_id AND o.norm_text = n.norm_text
                      AND o.speaker_id IS NOT DISTINCT FROM n.speaker_id
        UNION ALL
        SELECT id, first_id FROM (
            SELECT id, source_id, first_value(id) OVER text_order AS first_id,
                   first_value(source_id) OVER text_order AS first_source
            FROM quotes WHERE id >= ? AND norm_text <> ''
            WINDOW text_order AS (PARTITION BY norm_text, speaker_id ORDER BY id))
        WHERE source_id <> first_source
    """, [first_new_id, first_new_id]).fetchall()
    con.execute("DELETE FROM _words WHERE quote_id IN (SELECT new_id FROM _repeats)").fetchall()
    index_words(con)
    assign(con, "id >= ?", [first_new_id])
    for table in ("_repeats", "_words"):
        con.execute(f"DROP TABLE IF EXISTS {table}").fetchall()


def rebuild_all(con: duckdb.DuckDBPyConnection, chunk: int = 20_000) -> None:
    """Cluster every stored quote again under the current rules (a schema migration that changes them)."""
    con.execute("UPDATE quotes SET cluster_id = NULL WHERE cluster_id IS NOT NULL").fetchall()
    con.execute("DELETE FROM quote_clusters").fetchall()
    con.execute("DELETE FROM cluster_texts").fetchall()
    # Quotes left out of the index are copies of the indexed quote with their text and speaker.
    con.execute("""
        CREATE OR REPLACE TEMP TABLE _repeats AS
        SELECT n.id AS new_id, o.id AS other_id FROM quotes n
        JOIN quotes o ON o.anchor IS NOT NULL AND o.norm_text = n.norm_text
                      AND o.speaker_id IS NOT DISTINCT FROM n.speaker_id AND o.id < n.id
        WHERE n.anchor IS NULL AND n.norm_text <> ''
    """).fetchall()
    bounds = [r[0] for r in con.execute(
        "SELECT id FROM (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM quotes) WHERE n % ? = 0 ORDER BY id",
        [chunk]).fetchall()]
    for lo, hi in zip(bounds, bounds[1:] + [None]):
        hi = hi if hi is not None else 2**62
        con.execute("CREATE OR REPLACE TEMP TABLE _words AS SELECT word, quote_id FROM quote_words "
                    "WHERE quote_id >= ? AND quote_id < ?", [lo, hi]).fetchall()
        assign(con, "id >= ? AND id < ?", [lo, hi])
    for table in ("_repeats", "_words"):
        con.execute(f"DROP TABLE IF EXISTS {table}").fetchall()


def assign(con: duckdb.DuckDBPyConnection, new: str, params: list) -> None:
    """Clusters for the quotes matching ``new`` (the temp tables ``_words``, their indexed words, and ``_repeats``
    must be in place): candidates through the word index, then ``quotes.variants.relate`` against each
    candidate cluster's fullest text."""
    # Copies of one text within the quotes being placed share the first one's candidates: a text repeated
    # thousands of times looks its partners up once.
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE _fresh AS
        SELECT id, min(id) OVER (PARTITION BY norm_text, speaker_id) AS rep FROM quotes WHERE {new} AND norm_text <> ''
    """, params).fetchall()
    pairs = con.execute(f"""
        WITH rep_words AS (SELECT * FROM _words WHERE quote_id IN (SELECT id FROM _fresh WHERE id = rep)),
        probes AS (
            SELECT quote_id, word FROM (
                SELECT w.quote_id, w.word, row_number() OVER (PARTITION BY w.quote_id
                       ORDER BY coalesce(c.n, 0), length(w.word) DESC, w.word) AS r
                FROM rep_words w LEFT JOIN quote_word_counts c USING (word))
            WHERE r <= {PROBE_WORDS}
        ),
        found AS (
            SELECT p.quote_id AS new_id, w.quote_id AS other_id, count(*) AS hits
            FROM probes p JOIN quote_words w ON w.word = p.word AND w.quote_id < p.quote_id GROUP BY ALL
            UNION ALL
            SELECT w.quote_id, o.id, 1 FROM rep_words w JOIN quotes o ON o.anchor = w.word AND o.id < w.quote_id
            UNION ALL
            SELECT new_id, other_id, {PROBE_WORDS + 1} FROM _repeats WHERE new_id IN (SELECT id FROM _fresh)
            UNION ALL
            SELECT id, rep, {PROBE_WORDS + 2} FROM _fresh WHERE id <> rep
        )
        SELECT new_id, other_id FROM (
            SELECT new_id, other_id, row_number() OVER (PARTITION BY new_id ORDER BY max(hits) DESC, other_id) AS r
            FROM found GROUP BY new_id, other_id)
        WHERE r <= {CANDIDATES_PER_QUOTE}
    """).fetchall()
    reps = dict(con.execute("SELECT id, rep FROM _fresh WHERE id <> rep").fetchall())
    con.execute("DROP TABLE _fresh").fetchall()
    if not pairs:
        return
    others: dict[int, list[int]] = {}
    for new_id, other_id in pairs:
        others.setdefault(new_id, []).append(other_id)
    for new_id, rep in reps.items():
        others[new_id] = others.get(new_id, []) + others.get(rep, [])
    rows = _quote_rows(con, set(others) | {i for ids in others.values() for i in ids})
    stored = _stored_clusters(con, {r["cluster_id"] for r in rows.values() if r["cluster_id"] is not None})
    clustering = _Batch(rows, stored)
    for new_id in sorted(others):
        clustering.place(new_id, others[new_id])
    clustering.write(con)


def _quote_rows(con: duckdb.DuckDBPyConnection, ids: set[int]) -> dict[int, dict]:
    # The ids go in as an Arrow table: a Python list parameter costs DuckDB an import attempt per element.
    con.register("_ids", pa.table({"id": pa.array(sorted(ids), pa.int64())}))
    try:
        result = con.execute("""
            SELECT id, source_id, cluster_id, norm_text, kind, speaker_id, quote, coalesce(len(fragments), 1) AS pieces
            FROM quotes WHERE id IN (SELECT id FROM _ids)
        """)
        columns = [d[0] for d in result.description]
        return {row[0]: dict(zip(columns, row)) for row in result.fetchall()}
    finally:
        con.unregister("_ids")


def _copy(row: dict) -> Copy:
    return copy_of(row["norm_text"], row["kind"], row["speaker_id"], row["quote"], row["pieces"])


def _stored_clusters(con: duckdb.DuckDBPyConnection, ids: set[int]) -> dict[int, _Cluster]:
    if not ids:
        return {}
    rows = con.execute("""
        SELECT c.id, c.speaker_id, q.id, q.norm_text, q.kind, q.speaker_id, q.quote, coalesce(len(q.fragments), 1)
        FROM quote_clusters c JOIN quotes q ON q.id = c.full_quote_id WHERE c.id IN (SELECT unnest(?))
    """, [sorted(ids)]).fetchall()
    return {cid: _Cluster(cid, qid, copy_of(text, kind, sid, quote, pieces), speaker)
            for cid, speaker, qid, text, kind, sid, quote, pieces in rows}


class _Batch:
    """The assignment of one batch's quotes, decided in memory and then written in a few statements."""

    def __init__(self, rows: dict[int, dict], stored: dict[int, _Cluster]):
        self.rows = rows
        self.clusters: list[_Cluster] = list(stored.values())
        self.of_stored = dict(stored)  # stored cluster id → its (possibly merged) state
        self.member: dict[int, _Cluster] = {}  # quote id → cluster decided in this batch
        self.variants: dict[tuple[int, str], tuple[_Cluster, Variant]] = {}

    def cluster_of(self, quote_id: int) -> _Cluster | None:
        if quote_id in self.member:
            return self.member[quote_id]
        stored = self.rows[quote_id]["cluster_id"]
        return self.of_stored.get(stored) if stored is not None else None

    def place(self, new_id: int, other_ids: list[int]) -> None:
        row = self.rows[new_id]
        if row["cluster_id"] is not None or new_id in self.member:
            return
        new = _copy(row)
        matches: dict[int, tuple[_Cluster | int, bool, Variant]] = {}
        for other_id in other_ids:
            other = self.rows[other_id]
            if other["source_id"] == row["source_id"]:
                continue
            cluster = self.cluster_of(other_id)
            key = id(cluster) if cluster is not None else -other_id
            if key in matches:
                continue
            full = cluster.full if cluster is not None else _copy(other)
            speaker = cluster.speaker_id if cluster is not None else other["speaker_id"]
            full = Copy(full.words, full.kind, speaker, full.cuts)
            if not could_relate(new, full):
                continue
            new_is_full = fuller(new, full)
            variant = relate(new, full) if new_is_full else relate(full, new)
            if variant is not None:
                matches[key] = (cluster if cluster is not None else other_id, new_is_full, variant)
        if not matches:
            return
        if len(matches) > 1 and not all(new_is_full for _, new_is_full, _ in matches.values()):
            return  # a shorter text that relates to several statements: which one is a guess
        target = self._join([m[0] for m in matches.values()])
        if any(new_is_full for _, new_is_full, _ in matches.values()):
            target.full_id, target.full, target.rebuild = new_id, new, True
        else:
            variant = next(iter(matches.values()))[2]
            self.variants[(id(target), row["norm_text"])] = (target, variant)
        if target.speaker_id is None and row["speaker_id"] is not None:
            target.speaker_id, target.speaker_changed = row["speaker_id"], True
        self.member[new_id] = target

    def _join(self, targets: list[_Cluster | int]) -> _Cluster:
        """One cluster for the targets: the stored cluster with the lowest id absorbs the others."""
        clusters = [t for t in targets if isinstance(t, _Cluster)]
        singles = [t for t in targets if isinstance(t, int)]
        clusters.sort(key=lambda c: (c.id is None, c.id or 0))
        if clusters:
            target = clusters[0]
        else:
            first = self.rows[singles[0]]
            target = _Cluster(None, singles[0], _copy(first), first["speaker_id"])
            self.clusters.append(target)
        for other in clusters[1:]:
            target.rebuild = True
            if other.id is not None:
                target.merged.add(other.id)
            target.merged |= other.merged
            self.clusters.remove(other)
            for quote_id, cluster in list(self.member.items()):
                if cluster is other:
                    self.member[quote_id] = target
            for stored_id, cluster in list(self.of_stored.items()):
                if cluster is other:
                    self.of_stored[stored_id] = target
        for single in singles:
            self.member[single] = target
            row = self.rows[single]
            if target.speaker_id is None and row["speaker_id"] is not None:
                target.speaker_id, target.speaker_changed = row["speaker_id"], True
            if single != target.full_id:
                target.rebuild = True
        if not clusters:
            target.rebuild = True
        return target

    def write(self, con: duckdb.DuckDBPyConnection) -> None:
        touched = [c for c in self.clusters if c.id is None or c.rebuild or any(m is c for m in self.member.values())]
        if not touched:
            return
        next_id = con.execute("SELECT coalesce(max(id), 0) + 1 FROM quote_clusters").fetchone()[0]
        created = [c for c in touched if c.id is None]
        for cluster in created:
            cluster.id, next_id = next_id, next_id + 1
        for cluster in touched:
            for other in sorted(cluster.merged):
                con.execute("UPDATE quotes SET cluster_id = ? WHERE cluster_id = ?", [cluster.id, other]).fetchall()
                con.execute("DELETE FROM quote_clusters WHERE id = ?", [other]).fetchall()
                con.execute("DELETE FROM cluster_texts WHERE cluster_id = ?", [other]).fetchall()
        # One statement each for the new clusters and for the stored ones whose speaker became known (a
        # statement per cluster costs more than the rest of the batch at a million quotes).
        _upsert_clusters(con, [(c.id, " ".join(c.full.words), c.full_id, c.speaker_id) for c in created], insert=True)
        _upsert_clusters(con, [(c.id, " ".join(c.full.words), c.full_id, c.speaker_id) for c in touched
                               if c.speaker_changed and c not in created], insert=False)
        assignments = [(quote_id, cluster.id) for quote_id, cluster in self.member.items()]
        con.register("_assign", pa.table({"id": [a for a, _ in assignments], "cid": [b for _, b in assignments]}))
        try:
            con.execute("UPDATE quotes SET cluster_id = _assign.cid FROM _assign WHERE quotes.id = _assign.id").fetchall()
        finally:
            con.unregister("_assign")
        rebuilt = [c.id for c in touched if c.rebuild]
        if rebuilt:
            refresh(con, rebuilt)
        grown = {c.id for c in touched if not c.rebuild}
        newcomers = [q for q, c in self.member.items() if c.id in grown]
        if newcomers:
            _grow(con, newcomers, [(c.id, text, v) for (_, text), (c, v) in self.variants.items() if c.id in grown])


# -- keeping clusters consistent ---------------------------------------------------------------------------
def _grow(con: duckdb.DuckDBPyConnection, quote_ids: list[int], texts: list[tuple[int, str, Variant]]) -> None:
    """Clusters that only gained copies: their first appearance from the newcomers alone (a quote reprinted in
    ten thousand articles must not be re-read every batch), and a relation for each text they did not hold."""
    con.execute(f"""
        UPDATE quote_clusters SET
            first_source_id = CASE WHEN quote_clusters.first_seen IS NULL OR agg.first_seen < quote_clusters.first_seen
                                   THEN agg.first_source ELSE quote_clusters.first_source_id END,
            first_seen = least(quote_clusters.first_seen, agg.first_seen)
        FROM ({_first_appearance("q.id IN (SELECT unnest(?))")}) agg
        WHERE quote_clusters.id = agg.cluster_id
    """, [quote_ids]).fetchall()
    _insert_texts(con, texts, only_new=True)


def refresh(con: duckdb.DuckDBPyConnection, cluster_ids: list[int] | None = None) -> None:
    """Recompute these clusters (all when None) from their members: the fullest text and its speaker, every
    text's relation to it (a copy that no longer relates leaves the cluster), the first appearance; a cluster
    left with one source is dissolved. An ingest passes only the clusters its batch touched."""
    only = "" if cluster_ids is None else "AND cluster_id IN (SELECT unnest(?))"
    params = [] if cluster_ids is None else [cluster_ids]
    texts = con.execute(f"""
        SELECT cluster_id, norm_text, NULL, min(id) AS first_id,
               arg_min(kind, CASE WHEN kind = 'indirect' THEN 1 ELSE 0 END) AS kind,
               mode(speaker_id) AS speaker_id, max(quote) AS quote, max(coalesce(len(fragments), 1)) AS pieces
        FROM quotes WHERE cluster_id IS NOT NULL AND norm_text <> '' {only}
        GROUP BY cluster_id, norm_text
    """, params).fetchall()
    by_cluster: dict[int, list[tuple]] = {}
    for row in texts:
        by_cluster.setdefault(row[0], []).append(row)
    updates, relations, leave = [], [], []
    for cluster_id, rows in by_cluster.items():
        copies = {row[1]: copy_of(row[1], row[4], row[5], row[6], row[7]) for row in rows}
        first_ids = {row[1]: row[3] for row in rows}
        full_text = max(copies, key=lambda t: (copies[t].quoted, len(copies[t].words), -first_ids[t]))
        full = copies[full_text]
        speakers = [c.speaker_id for c in copies.values() if c.speaker_id is not None]
        speaker = full.speaker_id if full.speaker_id is not None else (max(set(speakers), key=speakers.count)
                                                                        if speakers else None)
        full = Copy(full.words, full.kind, speaker, full.cuts)
        updates.append((cluster_id, full_text, first_ids[full_text], speaker))
        for text, copy in copies.items():
            variant = Variant("identical") if text == full_text else relate(full, copy)
            if variant is None:
                leave.append((cluster_id, text))
            else:
                relations.append((cluster_id, text, variant))
    _upsert_clusters(con, updates, insert=False)
    if leave:
        con.register("_leave", pa.table({"cid": [c for c, _ in leave], "t": [t for _, t in leave]}))
        try:
            con.execute("UPDATE quotes SET cluster_id = NULL FROM _leave "
                        "WHERE quotes.cluster_id = _leave.cid AND quotes.norm_text = _leave.t").fetchall()
        finally:
            con.unregister("_leave")
    con.execute(f"DELETE FROM cluster_texts WHERE true {only}", params).fetchall()
    _insert_texts(con, relations)
    con.execute(f"""
        UPDATE quote_clusters SET first_source_id = agg.first_source, first_seen = agg.first_seen
        FROM ({_first_appearance("q.cluster_id IS NOT NULL " + only.replace("cluster_id", "q.cluster_id"))}) agg
        WHERE quote_clusters.id = agg.cluster_id
    """, params).fetchall()
    # A cluster left with one source (its reprint was replaced, or its copies no longer relate) is no cluster.
    con.execute(f"""
        UPDATE quotes SET cluster_id = NULL WHERE cluster_id IN (
            SELECT cluster_id FROM quotes WHERE cluster_id IS NOT NULL {only}
            GROUP BY cluster_id HAVING count(DISTINCT source_id) < 2)
    """, params).fetchall()
    members = "(SELECT DISTINCT cluster_id FROM quotes WHERE cluster_id IS NOT NULL)"
    for table, column in (("cluster_texts", "cluster_id"), ("quote_clusters", "id")):
        scope = "" if cluster_ids is None else f"AND {column} IN (SELECT unnest(?))"
        con.execute(f"DELETE FROM {table} WHERE {column} NOT IN {members} {scope}", params).fetchall()


def _upsert_clusters(con: duckdb.DuckDBPyConnection, rows: list[tuple[int, str, int, int | None]], insert: bool) -> None:
    """Write (id, fullest text, its quote, speaker) of clusters in one statement: new ones, or stored ones."""
    if not rows:
        return
    con.register("_clusters", pa.table({
        "id": pa.array([r[0] for r in rows], pa.int64()), "norm_text": [r[1] for r in rows],
        "full_quote_id": pa.array([r[2] for r in rows], pa.int64()),
        "speaker_id": pa.array([r[3] for r in rows], pa.int64())}))
    try:
        if insert:
            con.execute("INSERT INTO quote_clusters (id, norm_text, full_quote_id, speaker_id) "
                        "SELECT id, norm_text, full_quote_id, speaker_id FROM _clusters").fetchall()
        else:
            con.execute("UPDATE quote_clusters SET norm_text = u.norm_text, full_quote_id = u.full_quote_id, "
                        "speaker_id = u.speaker_id FROM _clusters u WHERE quote_clusters.id = u.id").fetchall()
    finally:
        con.unregister("_clusters")


def _insert_texts(con: duckdb.DuckDBPyConnection, texts: list[tuple[int, str, Variant]], only_new: bool = False) -> None:
    if not texts:
        return
    con.register("_texts", pa.table({
        "cluster_id": pa.array([c for c, _, _ in texts], pa.int64()),
        "norm_text": [t for _, t, _ in texts],
        "relation": [v.relation for _, _, v in texts],
        "removed": pa.array([list(v.removed) for _, _, v in texts], pa.list_(pa.string())),
        "added": pa.array([list(v.added) for _, _, v in texts], pa.list_(pa.string())),
    }))
    try:
        skip = ("WHERE NOT EXISTS (SELECT 1 FROM cluster_texts c WHERE c.cluster_id = t.cluster_id "
                "AND c.norm_text = t.norm_text)") if only_new else ""
        con.execute(f"INSERT INTO cluster_texts SELECT DISTINCT ON (cluster_id, norm_text) * FROM _texts t {skip}"
                    ).fetchall()
    finally:
        con.unregister("_texts")


def _first_appearance(where: str) -> str:
    """Per cluster, over the quotes matching ``where``: the source that carried it first and when."""
    return f"""
        SELECT q.cluster_id,
               arg_min(q.source_id, coalesce(s.published_at, s.ingested_at)) AS first_source,
               min(coalesce(s.published_at, s.ingested_at)) AS first_seen
        FROM quotes q JOIN sources s ON s.id = q.source_id
        WHERE {where} GROUP BY q.cluster_id"""
