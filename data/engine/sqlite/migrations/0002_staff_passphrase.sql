-- A staff member's passphrase unlocks the window after it locks itself.
-- Only an argon2id hash in PHC form ('$argon2id$v=19$m=...,t=...,p=...$salt$hash')
-- is kept; '' means no passphrase has been set.
ALTER TABLE staff ADD COLUMN passphrase_hash TEXT NOT NULL DEFAULT '';
