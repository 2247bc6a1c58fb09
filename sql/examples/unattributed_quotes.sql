-- Quotes the text does not attribute (speaker NULL): the ones to check by hand.
SELECT quote_id, kind, speaker_mention, quote, title, method
FROM quote_sheet
WHERE speaker_id IS NULL
ORDER BY source_id, start_offset;
