-- Schema version 3: words with digits join the word index whatever their length ("5", "2016", "$20s").
-- A quote template repeated with different numbers ("We will decide on item 17 next week") otherwise
-- has only common words, so its anchor matches every earlier copy and clustering one batch costs time
-- and memory in proportion to the whole database. A number is the most selective word such a quote has.

INSERT INTO quote_words
SELECT DISTINCT w, id FROM (SELECT id, unnest(string_split(norm_text, ' ')) AS w FROM quotes)
WHERE length(w) < 4 AND regexp_matches(w, '[0-9]');

INSERT INTO quote_word_counts
SELECT word, count(*) FROM quote_words WHERE length(word) < 4 AND regexp_matches(word, '[0-9]') GROUP BY word
ON CONFLICT (word) DO UPDATE SET n = excluded.n;

-- Re-anchor: a number now present may be rarer than the word chosen before.
UPDATE quotes SET anchor = a.anchor
FROM (SELECT w.quote_id, first(w.word ORDER BY c.n, length(w.word) DESC, w.word) AS anchor
      FROM quote_words w JOIN quote_word_counts c USING (word) GROUP BY w.quote_id) a
WHERE quotes.id = a.quote_id;
