-- Schema version 1: sources, speakers, quotes and their clusters.
-- Applied by quotes.db.QuoteDB inside one transaction; the version is recorded in schema_version.

CREATE TABLE IF NOT EXISTS sources (
    id            BIGINT PRIMARY KEY,
    content_hash  VARCHAR NOT NULL,      -- sha256 of text: an unchanged document is skipped by it
    doc_key       VARCHAR,               -- the document's id in its input (file path or JSONL id)
    path          VARCHAR,
    url           VARCHAR,               -- the same URL with new text replaces the old rows
    title         VARCHAR,
    outlet        VARCHAR,
    author        VARCHAR,
    published_at  TIMESTAMP,
    ingested_at   TIMESTAMP NOT NULL,
    run_id        BIGINT,
    text          VARCHAR NOT NULL       -- quote offsets index into this text (Python str offsets)
);

CREATE TABLE IF NOT EXISTS speakers (
    id            BIGINT PRIMARY KEY,
    name          VARCHAR NOT NULL,      -- the fullest name form seen
    name_key      VARCHAR NOT NULL,      -- lower case, no accents or punctuation: what search matches
    kind          VARCHAR,               -- 'person' | 'organisation'
    role          VARCHAR,               -- title or appositive, e.g. 'Defense Secretary'
    organisation  VARCHAR,
    manual_name   BOOLEAN DEFAULT FALSE, -- renamed by hand: automatic ingest never changes the name
    created_at    TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS speaker_aliases (
    alias         VARCHAR NOT NULL,
    alias_key     VARCHAR NOT NULL,
    speaker_id    BIGINT NOT NULL,
    origin        VARCHAR NOT NULL,      -- 'automatic' | 'manual'
    created_at    TIMESTAMP NOT NULL
);

-- Manual decisions that later ingests must respect ('split': alias_key never joins speaker_id).
CREATE TABLE IF NOT EXISTS speaker_decisions (
    decision      VARCHAR NOT NULL,      -- 'merge' | 'rename' | 'split'
    alias_key     VARCHAR,
    speaker_id    BIGINT,
    detail        VARCHAR,
    created_at    TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS quote_clusters (
    id              BIGINT PRIMARY KEY,
    norm_text       VARCHAR NOT NULL,    -- the longest normalised text in the cluster
    first_source_id BIGINT,
    first_seen      TIMESTAMP
);

CREATE TABLE IF NOT EXISTS quotes (
    id              BIGINT PRIMARY KEY,
    source_id       BIGINT NOT NULL,
    speaker_id      BIGINT,              -- NULL: the text does not say who (better than a wrong guess)
    text            VARCHAR NOT NULL,    -- = sources.text[start_offset:end_offset]
    quote           VARCHAR NOT NULL,    -- what was said: segments joined, without the interrupting attribution
    kind            VARCHAR NOT NULL,    -- 'direct' | 'mixed' | 'indirect'
    start_offset    INTEGER NOT NULL,
    end_offset      INTEGER NOT NULL,
    segments        INTEGER[][],         -- pieces of a split or multi-paragraph direct quote
    fragments       INTEGER[][],         -- quoted pieces inside a mixed quote
    speaker_mention VARCHAR,             -- the speaker as written at the cue ('he', 'Mr. Trump')
    speaker_start   INTEGER,
    speaker_end     INTEGER,
    role            VARCHAR,
    cue             VARCHAR,
    method          VARCHAR NOT NULL,    -- the sieve rule that named the speaker
    confidence      DOUBLE NOT NULL,
    paragraph       INTEGER,
    sentence        INTEGER,
    context         VARCHAR,             -- the sentence(s) around the quote
    norm_text       VARCHAR,             -- normalised text used for clustering
    cluster_id      BIGINT
);

CREATE TABLE IF NOT EXISTS ingest_runs (
    id            BIGINT PRIMARY KEY,
    started_at    TIMESTAMP NOT NULL,
    finished_at   TIMESTAMP,
    versions      VARCHAR,               -- JSON: package, spaCy, model, coreferee, DuckDB
    settings      VARCHAR,               -- JSON: batch size, workers, coref mode, inputs
    n_new         INTEGER DEFAULT 0,
    n_unchanged   INTEGER DEFAULT 0,
    n_replaced    INTEGER DEFAULT 0,
    n_failed      INTEGER DEFAULT 0,
    n_quotes      INTEGER DEFAULT 0,
    n_speakers    INTEGER DEFAULT 0,
    seconds       DOUBLE
);

CREATE INDEX IF NOT EXISTS quotes_speaker_idx ON quotes (speaker_id);
CREATE INDEX IF NOT EXISTS quotes_source_idx ON quotes (source_id);
CREATE INDEX IF NOT EXISTS sources_hash_idx ON sources (content_hash);
CREATE INDEX IF NOT EXISTS sources_url_idx ON sources (url);
CREATE INDEX IF NOT EXISTS aliases_key_idx ON speaker_aliases (alias_key);
