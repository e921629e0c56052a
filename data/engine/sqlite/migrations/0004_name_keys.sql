-- Names are found and sorted as people expect, not by their bytes.
--
-- search_key: the folded form search compares (see Fold): what a person
-- types on a US keyboard, case, accents and punctuation aside.
-- sort_key: a collation key (Unicode's collation, see sortKey), so that
-- ORDER BY sort_key puts Çelik before Smith, as a reader would.
--
-- Both are written with each record, so lists and searches read them
-- instead of working them out for every row each time.
ALTER TABLE clients ADD COLUMN search_key TEXT NOT NULL DEFAULT '';
ALTER TABLE clients ADD COLUMN sort_key BLOB NOT NULL DEFAULT x'';
ALTER TABLE groups ADD COLUMN search_key TEXT NOT NULL DEFAULT '';
ALTER TABLE groups ADD COLUMN sort_key BLOB NOT NULL DEFAULT x'';
ALTER TABLE staff ADD COLUMN sort_key BLOB NOT NULL DEFAULT x'';
CREATE INDEX clients_sort ON clients (sort_key);
