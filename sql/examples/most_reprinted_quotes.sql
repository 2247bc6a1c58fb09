-- The most reprinted quotes: clusters carried by the most sources, with who said them and who carried them first.
SELECT c.cluster_id, c.sources, any_value(qs.speaker) FILTER (WHERE qs.speaker IS NOT NULL) AS speaker,
       c.norm_text AS quote, c.first_seen, c.carried_by
FROM cluster_sources c JOIN quote_sheet qs ON qs.cluster_id = c.cluster_id
GROUP BY c.cluster_id, c.sources, c.norm_text, c.first_seen, c.carried_by
ORDER BY c.sources DESC, c.cluster_id
LIMIT 20;
