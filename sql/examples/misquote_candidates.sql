-- Misquote candidates: copies of a quote that differ from its fullest copy. Edited copies first (words changed,
-- added or dropped inside the quoted stretch: `removed` / `added`), then excerpts (a cut can change the
-- meaning too), each with the source that carried the quote first.
SELECT v.cluster_id, v.relation, v.speaker, v.outlet, v.title, v.seen, v.removed, v.added, v.quote,
       f.outlet AS first_outlet, f.title AS first_title, v.fullest
FROM quote_variants v
LEFT JOIN (SELECT DISTINCT ON (cluster_id) cluster_id, outlet, title FROM quote_variants WHERE first
           ORDER BY cluster_id, seen) f USING (cluster_id)
WHERE v.relation IN ('edited', 'excerpt')
ORDER BY v.relation = 'edited' DESC, v.cluster_id, v.seen;
