-- Schema version 4: the word index holds one quote per text and speaker, not every reprint of it.
-- A quote reprinted in ten thousand articles used to put ten thousand rows under each of its words, so
-- every later copy's candidate search returned ten thousand partners: the time and memory of clustering
-- one batch grew with the size of the largest cluster. Now a quote whose text and speaker were already
-- stored from another source is found through that earlier quote's words and joins its cluster; only a
-- quote with a text (or a speaker of it) new to the database is indexed and gets an anchor. Word counts
-- therefore count distinct texts, the better rarity measure: a reprint does not make its words common.
-- (The speaker matters because a short fragment joins a longer quote only when they share a speaker.)

-- The words a quote is indexed under: its distinct words of four letters or more and its words with a
-- digit; a text with none of those ("we are not in it") is indexed under the whole text.
CREATE OR REPLACE MACRO index_words(t) AS
    coalesce(nullif(list_distinct(list_filter(string_split(t, ' '),
                                              lambda w: length(w) >= 4 OR regexp_matches(w, '[0-9]'))), []), [t]);

-- Back-fill: a quote leaves the index when an earlier quote with the same text and speaker came from
-- another source.
CREATE TEMP TABLE _repeats AS
WITH firsts AS (
    SELECT norm_text, speaker_id, arg_min(source_id, id) AS first_source FROM quotes WHERE norm_text <> ''
    GROUP BY norm_text, speaker_id
), others AS (
    SELECT q.norm_text, q.speaker_id, min(q.id) AS first_other
    FROM quotes q JOIN firsts f ON f.norm_text = q.norm_text AND f.speaker_id IS NOT DISTINCT FROM q.speaker_id
    WHERE q.source_id <> f.first_source GROUP BY q.norm_text, q.speaker_id
)
SELECT q.id
FROM quotes q JOIN firsts f ON f.norm_text = q.norm_text AND f.speaker_id IS NOT DISTINCT FROM q.speaker_id
LEFT JOIN others o ON o.norm_text = q.norm_text AND o.speaker_id IS NOT DISTINCT FROM q.speaker_id
WHERE q.source_id <> f.first_source OR q.id > o.first_other;

DELETE FROM quote_words WHERE quote_id IN (SELECT id FROM _repeats);
UPDATE quotes SET anchor = NULL WHERE id IN (SELECT id FROM _repeats);

INSERT INTO quote_words
SELECT norm_text, id FROM quotes
WHERE norm_text <> '' AND id NOT IN (SELECT id FROM _repeats) AND id NOT IN (SELECT quote_id FROM quote_words);

CREATE TEMP TABLE _counts AS SELECT word, count(*) AS n FROM quote_words GROUP BY word;
DELETE FROM quote_word_counts WHERE word NOT IN (SELECT word FROM _counts);
UPDATE quote_word_counts SET n = _counts.n FROM _counts WHERE quote_word_counts.word = _counts.word;
INSERT INTO quote_word_counts SELECT word, n FROM _counts WHERE word NOT IN (SELECT word FROM quote_word_counts);

UPDATE quotes SET anchor = a.anchor
FROM (SELECT w.quote_id, first(w.word ORDER BY c.n, length(w.word) DESC, w.word) AS anchor
      FROM quote_words w JOIN quote_word_counts c USING (word) GROUP BY w.quote_id) a
WHERE quotes.id = a.quote_id;

DROP TABLE _repeats;
DROP TABLE _counts;
