-- Views are stored in the database file, so any DuckDB client sees them without this package.
-- Re-created on every open by quotes.db.QuoteDB (CREATE OR REPLACE).

CREATE OR REPLACE VIEW quote_sheet AS
SELECT
    q.id            AS quote_id,
    q.speaker_id,
    s.name          AS speaker,
    coalesce(q.role, s.role) AS role,
    q.quote,
    q.kind,
    q.confidence,
    q.method,
    q.cue,
    q.speaker_mention,
    q.context,
    q.source_id,
    src.title,
    src.outlet,
    src.url,
    src.published_at,
    q.cluster_id,
    q.start_offset,
    q.end_offset,
    q.hidden
FROM quotes q
LEFT JOIN speakers s ON s.id = q.speaker_id
JOIN sources src ON src.id = q.source_id;

CREATE OR REPLACE VIEW speaker_stats AS
SELECT
    s.id            AS speaker_id,
    s.name          AS speaker,
    s.kind,
    s.role,
    count(q.id)     AS quotes,
    count(DISTINCT q.source_id) AS sources,
    count(DISTINCT src.outlet)  AS outlets,
    min(coalesce(src.published_at, src.ingested_at)) AS first_seen,
    max(coalesce(src.published_at, src.ingested_at)) AS last_seen
FROM speakers s
JOIN quotes q ON q.speaker_id = s.id AND q.hidden IS NULL
JOIN sources src ON src.id = q.source_id
GROUP BY ALL;

CREATE OR REPLACE VIEW cluster_sources AS
SELECT
    c.id            AS cluster_id,
    c.norm_text,
    c.first_source_id,
    c.first_seen,
    count(q.id)     AS quotes,
    count(DISTINCT q.source_id) AS sources,
    list(DISTINCT coalesce(src.outlet, src.title)) AS carried_by
FROM quote_clusters c
JOIN quotes q ON q.cluster_id = c.id
JOIN sources src ON src.id = q.source_id
GROUP BY ALL;

-- Every clustered copy with its source and its relation to the cluster's fullest text ("the words that
-- differ": removed / added, for edited copies). `first` marks the copy from the source that carried it first.
CREATE OR REPLACE VIEW quote_variants AS
SELECT
    q.cluster_id,
    q.id            AS quote_id,
    q.source_id,
    s.name          AS speaker,
    q.quote,
    q.kind,
    t.relation,
    t.removed,
    t.added,
    c.norm_text     AS fullest,
    src.outlet,
    src.title,
    src.url,
    coalesce(src.published_at, src.ingested_at) AS seen,
    q.source_id = c.first_source_id AS first
FROM quotes q
JOIN quote_clusters c ON c.id = q.cluster_id
LEFT JOIN cluster_texts t ON t.cluster_id = q.cluster_id AND t.norm_text = q.norm_text
LEFT JOIN speakers s ON s.id = coalesce(q.speaker_id, c.speaker_id)
JOIN sources src ON src.id = q.source_id;
