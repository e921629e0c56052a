-- Search finds names as a person types them on a US keyboard: case,
-- accents and punctuation aside (see Fold). The folded form is kept with
-- each client and group, written with them, so a search reads it instead
-- of folding every name on every keystroke.
ALTER TABLE clients ADD COLUMN search_key TEXT NOT NULL DEFAULT '';
ALTER TABLE groups ADD COLUMN search_key TEXT NOT NULL DEFAULT '';
