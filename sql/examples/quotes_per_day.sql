-- Quotes per day (by publication date, else the day the article was ingested).
SELECT CAST(coalesce(src.published_at, src.ingested_at) AS DATE) AS day, count(*) AS quotes,
       count(DISTINCT q.speaker_id) AS speakers
FROM quotes q JOIN sources src ON src.id = q.source_id
GROUP BY 1
ORDER BY 1;
