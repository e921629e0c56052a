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
	"time"
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
	return s.tx(ctx, func(tx *txn) error {
		if err := s.mayChangePassphrase(ctx, tx, staffID, hash); err != nil {
			return err
		}
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

// mayChangePassphrase holds the office database's rule: everyone keeps a
// passphrase, which is how they sign in; a person sets their first one,
// and after that only they change it (a forgotten one is an
// administrator's to reset, with ResetPassphrase). On a file, whoever sits
// at the desktop may, as before.
func (s *Store) mayChangePassphrase(ctx context.Context, tx *txn, staffID int64, hash string) error {
	if s.file() {
		return nil
	}
	if hash == "" {
		return invalid("passphrase", "On an office database everyone keeps a passphrase: it is how they sign in.")
	}
	var name, current string
	err := tx.QueryRowContext(ctx, `SELECT name, passphrase_hash FROM staff WHERE id = ?`, staffID).Scan(&name, &current)
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	} else if err != nil {
		return err
	}
	if current != "" && s.Actor().StaffID != staffID {
		return invalid("passphrase", name+" already has a passphrase: only they change it, and an administrator gives them a new one if it is forgotten (Settings → Staff).")
	}
	return nil
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

// ErrNotYourPassphrase means the passphrase given is not the staff member's.
var ErrNotYourPassphrase = errors.New("that is not your passphrase")

// WaitError means too many wrong passphrases were given in a row for one
// person, who must wait before trying again.
type WaitError struct {
	Name  string
	Until time.Time // UTC
}

func (e *WaitError) Error() string {
	return fmt.Sprintf("Too many wrong passphrases in a row for %s; try again after %s.", e.Name, e.Until.Local().Format("15:04:05"))
}

// After passphraseTries wrong passphrases in a row, that person waits
// passphraseWait: enough to make guessing slow, short enough that someone
// who mistyped is not locked out of their afternoon.
const (
	passphraseTries = 5
	passphraseWait  = time.Minute
)

// VerifyPassphrase checks that pass is the staff member's own passphrase.
// It returns nil when it is, ErrNotYourPassphrase when it is not, a
// *WaitError while they must wait after too many wrong ones, and a
// validation error when they have no passphrase yet. Wrong tries are
// counted in the database, so every window and the command line share
// the count.
func (s *Store) VerifyPassphrase(ctx context.Context, staffID int64, pass string) error {
	var name, hash, waitUntil string
	err := s.db.QueryRowContext(ctx, `SELECT name, passphrase_hash, passphrase_wait_until FROM staff WHERE id = ?`,
		staffID).Scan(&name, &hash, &waitUntil)
	if errors.Is(err, sql.ErrNoRows) {
		return invalid("staff", "That staff member is not on file.")
	} else if err != nil {
		return err
	}
	if until := parseStamp(waitUntil); !until.IsZero() && s.now().UTC().Before(until) {
		return &WaitError{Name: name, Until: until}
	}
	if hash == "" {
		return invalid("passphrase", name+" has no passphrase yet; set one first (File → Set my passphrase…).")
	}
	if pass == "" {
		return ErrNotYourPassphrase // Enter in an empty box is not a guess: not counted
	}
	// The hash is worked out outside the transaction: it takes a moment
	// and needs no lock.
	ok := PassphraseMatches(hash, pass)
	var wait *WaitError
	err = s.tx(ctx, func(tx *txn) error {
		// Read again under the write lock: guesses made at the same time
		// are counted one after another, and none is tried while a wait
		// one of them started is running, not even a right one.
		var nowHash, nowWait string
		if err := tx.QueryRowContext(ctx, `SELECT passphrase_hash, passphrase_wait_until FROM staff WHERE id = ?`,
			staffID).Scan(&nowHash, &nowWait); err != nil {
			return err
		}
		if until := parseStamp(nowWait); !until.IsZero() && s.now().UTC().Before(until) {
			wait = &WaitError{Name: name, Until: until}
			return nil
		}
		if nowHash != hash {
			ok = false // changed meanwhile: what was checked is not the passphrase now
			return nil
		}
		if ok {
			_, err := tx.ExecContext(ctx, `UPDATE staff SET passphrase_failures = 0, passphrase_wait_until = '' WHERE id = ? AND (passphrase_failures <> 0 OR passphrase_wait_until <> '')`, staffID)
			return err
		}
		var failures int
		if err := tx.QueryRowContext(ctx, `UPDATE staff SET passphrase_failures = passphrase_failures + 1 WHERE id = ? RETURNING passphrase_failures`,
			staffID).Scan(&failures); err != nil {
			return err
		}
		if failures < passphraseTries {
			return nil
		}
		wait = &WaitError{Name: name, Until: s.now().UTC().Add(passphraseWait).Truncate(time.Second)}
		if _, err := tx.ExecContext(ctx, `UPDATE staff SET passphrase_failures = 0, passphrase_wait_until = ? WHERE id = ?`,
			wait.Until.Format("2006-01-02 15:04:05"), staffID); err != nil {
			return err
		}
		return s.audit(ctx, tx, "staff", staffID, "passphrase wait", fmt.Sprintf("%d wrong passphrases in a row", failures))
	})
	switch {
	case err != nil:
		return err
	case wait != nil:
		return wait
	case !ok:
		return ErrNotYourPassphrase
	}
	return nil
}

// CheckStaffPassphrase reports whether pass is the staff member's
// passphrase; false for someone with none. Wrong tries count as for
// VerifyPassphrase, and a *WaitError says when to try again.
func (s *Store) CheckStaffPassphrase(ctx context.Context, staffID int64, pass string) (bool, error) {
	err := s.VerifyPassphrase(ctx, staffID, pass)
	if _, isInvalid := IsValidation(err); isInvalid || errors.Is(err, ErrNotYourPassphrase) {
		return false, nil
	}
	return err == nil, err
}
