-- Schema version 5: rows a reporter would not call quotes stay stored but are hidden by default.
-- `hidden` says why (quotes.reportable): 'headline' (a title-case line: headlines, related-article links),
-- 'noun_phrase' (a noun phrase reported as what was said: "X echoed his defense secretary") or 'unlikely'
-- (calibrated confidence below 0.2). NULL: shown. Search, export, quote sheets and speaker_stats leave hidden
-- rows out; `--all` (and plain SQL on the quotes table) shows them. Rows stored before version 5 are shown
-- until their source is ingested again.
ALTER TABLE quotes ADD COLUMN IF NOT EXISTS hidden VARCHAR;
