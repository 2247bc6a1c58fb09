-- Schema version 2: a word index so that clustering a new quote never scans every stored quote.
-- A quote S contained in a longer quote L shares all its words with L, so S's anchor (its rarest
-- word) is among L's indexed words: candidates come from equality joins, then `contains` checks them.

-- DuckDB alters no table that a view or index depends on: drop them (views.sql re-creates the views).
DROP VIEW IF EXISTS quote_sheet;
DROP VIEW IF EXISTS speaker_stats;
DROP VIEW IF EXISTS cluster_sources;
DROP INDEX IF EXISTS quotes_speaker_idx;
DROP INDEX IF EXISTS quotes_source_idx;

ALTER TABLE quotes ADD COLUMN IF NOT EXISTS anchor VARCHAR;  -- the quote's rarest word when it was stored

CREATE INDEX IF NOT EXISTS quotes_speaker_idx ON quotes (speaker_id);
CREATE INDEX IF NOT EXISTS quotes_source_idx ON quotes (source_id);

CREATE TABLE IF NOT EXISTS quote_words (
    word      VARCHAR NOT NULL,   -- a distinct word of quotes.norm_text with at least 4 characters
    quote_id  BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS quote_word_counts (
    word      VARCHAR PRIMARY KEY,
    n         BIGINT NOT NULL      -- how many stored quotes use the word: picks selective anchors
);

-- Back-fill databases written by schema version 1.
INSERT INTO quote_words
SELECT DISTINCT w, id FROM (SELECT id, unnest(string_split(norm_text, ' ')) AS w FROM quotes) WHERE length(w) >= 4;

INSERT INTO quote_word_counts SELECT word, count(*) FROM quote_words GROUP BY word;

UPDATE quotes SET anchor = a.anchor
FROM (SELECT w.quote_id, first(w.word ORDER BY c.n, length(w.word) DESC, w.word) AS anchor
      FROM quote_words w JOIN quote_word_counts c USING (word) GROUP BY w.quote_id) a
WHERE quotes.id = a.quote_id;
-- No index on word or anchor: the candidate queries are hash joins, which an ART index does not speed up.
