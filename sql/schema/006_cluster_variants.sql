-- Schema version 6: a cluster holds copies of one statement by one speaker, and says how each copy differs.
-- Every copy is compared with the cluster's fullest text (never with another member, which chained different
-- statements through a shared fragment); the rules are in quotes/variants.py and sql/README.md.
-- `full_quote_id` is the quote whose text is the fullest; `speaker_id` the speaker every copy agrees with.
ALTER TABLE quote_clusters ADD COLUMN IF NOT EXISTS full_quote_id BIGINT;
ALTER TABLE quote_clusters ADD COLUMN IF NOT EXISTS speaker_id BIGINT;

-- One row per cluster and distinct text: how that text relates to the fullest one.
CREATE TABLE IF NOT EXISTS cluster_texts (
    cluster_id  BIGINT NOT NULL,
    norm_text   VARCHAR NOT NULL,
    relation    VARCHAR NOT NULL,   -- 'identical' | 'excerpt' | 'edited' | 'paraphrase'
    removed     VARCHAR[],          -- edited: words of the fullest text changed or dropped inside the copied stretch
    added       VARCHAR[]           -- edited: the words the copy has instead
);
-- The clusters of older versions are rebuilt under these rules by quotes.clusters.rebuild_all, run by
-- QuoteDB.migrate in the same transaction as this file.
