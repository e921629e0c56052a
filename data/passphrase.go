package data

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
)

// Staff passphrases unlock the window. They are never stored: only an
// argon2id hash with a random salt, in the PHC string format.

// argon2id cost, from OWASP's password storage guidance (19 MiB, 2 passes).
const (
	argonMemory  = 19 * 1024 // KiB
	argonTime    = 2
	argonThreads = 1
	argonKeyLen  = 32
)

// MinPassphrase is the shortest passphrase accepted, in characters.
const MinPassphrase = 8

// HashPassphrase hashes a passphrase with argon2id and a fresh salt.
func HashPassphrase(pass string) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(pass), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, argonMemory, argonTime, argonThreads, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// PassphraseMatches reports whether pass is the one hashed in encoded,
// using the cost written in the hash itself.
func PassphraseMatches(encoded, pass string) bool {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false
	}
	var version int
	var mem, time uint32
	var threads uint8
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &mem, &time, &threads); err != nil || threads == 0 || time == 0 || time > 10 || mem > 1<<20 {
		return false
	}
	b64 := base64.RawStdEncoding
	salt, err1 := b64.DecodeString(parts[4])
	want, err2 := b64.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(want) == 0 {
		return false
	}
	got := argon2.IDKey([]byte(pass), salt, time, mem, threads, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1
}

// SetStaffPassphrase sets (or, with "", removes) a staff member's
// passphrase. The audit log records that it changed, never what it is.
func (s *Store) SetStaffPassphrase(ctx context.Context, staffID int64, pass string) error {
	hash := ""
	if pass != "" {
		if utf8.RuneCountInString(pass) < MinPassphrase {
			return invalid("passphrase", fmt.Sprintf("A passphrase needs at least %d characters; a short sentence is easy to remember and hard to guess.", MinPassphrase))
		}
		var err error
		if hash, err = HashPassphrase(pass); err != nil {
			return err
		}
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE staff SET passphrase_hash = ? WHERE id = ?`, hash, staffID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		action := "passphrase set"
		if hash == "" {
			action = "passphrase removed"
		}
		return s.audit(ctx, tx, "staff", staffID, action, "")
	})
}

// StaffHasPassphrase reports whether a staff member has set a passphrase.
func (s *Store) StaffHasPassphrase(ctx context.Context, staffID int64) (bool, error) {
	var hash string
	err := s.db.QueryRowContext(ctx, `SELECT passphrase_hash FROM staff WHERE id = ?`, staffID).Scan(&hash)
	if errors.Is(err, sql.ErrNoRows) {
		return false, ErrNotFound
	}
	return hash != "", err
}

// CheckStaffPassphrase reports whether pass is the staff member's passphrase.
func (s *Store) CheckStaffPassphrase(ctx context.Context, staffID int64, pass string) (bool, error) {
	var hash string
	err := s.db.QueryRowContext(ctx, `SELECT passphrase_hash FROM staff WHERE id = ?`, staffID).Scan(&hash)
	if errors.Is(err, sql.ErrNoRows) {
		return false, ErrNotFound
	}
	if err != nil || hash == "" {
		return false, err
	}
	return PassphraseMatches(hash, pass), nil
}
