-- Speakers quoted by more than one outlet or source, widest reach first.
SELECT speaker, count(DISTINCT coalesce(outlet, title)) AS outlets, count(DISTINCT source_id) AS sources,
       count(*) AS quotes
FROM quote_sheet
WHERE speaker IS NOT NULL
GROUP BY speaker
HAVING count(DISTINCT source_id) > 1
ORDER BY outlets DESC, quotes DESC;
