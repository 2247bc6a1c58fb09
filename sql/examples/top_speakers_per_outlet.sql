-- Top speakers per outlet: who each outlet quotes most (three per outlet).
WITH counts AS (
    SELECT coalesce(outlet, '(unknown outlet)') AS outlet, speaker, count(*) AS quotes
    FROM quote_sheet
    WHERE speaker IS NOT NULL
    GROUP BY 1, 2
)
SELECT outlet, speaker, quotes
FROM counts
QUALIFY row_number() OVER (PARTITION BY outlet ORDER BY quotes DESC, speaker) <= 3
ORDER BY outlet, quotes DESC;
