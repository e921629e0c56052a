package data

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"filippo.io/age"
)

// Encrypted backups are for copies that leave the office: an age file
// (https://age-encryption.org) locked with a passphrase, unreadable without it.

const ageHeader = "age-encryption.org/v1\n"

// IsEncryptedBackup reports whether the file at path is an encrypted backup.
func IsEncryptedBackup(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, len(ageHeader))
	_, err = io.ReadFull(f, head)
	return err == nil && string(head) == ageHeader
}

// ErrWrongPassphrase means an encrypted backup did not open with the
// passphrase given.
var ErrWrongPassphrase = errors.New("the passphrase does not open this backup; check it and try again")

// BackupEncrypted writes a checked copy of the database to dst, encrypted
// with the passphrase. The unencrypted copy it starts from is made beside
// the database, never at dst (which is often a USB stick), and removed.
func (s *Store) BackupEncrypted(ctx context.Context, dst, passphrase string) error {
	if strings.TrimSpace(passphrase) == "" {
		return invalid("passphrase", "Choose a passphrase for the encrypted backup.")
	}
	// The window asks for this much; a copy made from the command line,
	// which may leave the office on a stick, is held to the same.
	if utf8.RuneCountInString(passphrase) < MinPassphrase {
		return invalid("passphrase", fmt.Sprintf("An encrypted backup's passphrase needs at least %d characters; a short sentence is easy to remember and hard to guess.", MinPassphrase))
	}
	r, err := age.NewScryptRecipient(passphrase)
	if err != nil {
		return err
	}
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, PrivateFile)
	if errors.Is(err, os.ErrExist) {
		return fmt.Errorf("%s already exists; choose a new file name", dst)
	} else if err != nil {
		return fmt.Errorf("backing up to %s: %w", dst, diskError(err))
	}
	fail := func(err error) error {
		out.Close()
		os.Remove(dst)
		return fmt.Errorf("backing up to %s: %w", dst, diskError(err))
	}
	// A name of its own: another backup being encrypted at the same time
	// (the command line while the window makes one) keeps its copy.
	scratch, base := filepath.Dir(s.path), filepath.Base(s.path)
	if !s.file() {
		base = "office"
		// An office database has no folder of its own: the copy is made
		// in a private folder of the person's, removed afterwards.
		if scratch, err = os.MkdirTemp("", "groupwork-backup-"); err != nil {
			return fail(err)
		}
		defer os.RemoveAll(scratch)
	}
	pf, err := os.CreateTemp(scratch, "."+base+".encrypting-*")
	if err != nil {
		return fail(err)
	}
	plain := pf.Name()
	pf.Close()
	os.Remove(plain) // Backup makes it again, owner-only, and wants it new
	defer os.Remove(plain)
	if err := s.Backup(ctx, plain); err != nil {
		return fail(err)
	}
	if err := VerifyBackup(ctx, plain); err != nil {
		return fail(err)
	}
	in, err := os.Open(plain)
	if err != nil {
		return fail(err)
	}
	defer in.Close()
	bw := bufio.NewWriter(out)
	w, err := age.Encrypt(bw, r)
	if err != nil {
		return fail(err)
	}
	if _, err := io.Copy(w, in); err != nil {
		return fail(err)
	}
	if err := w.Close(); err != nil {
		return fail(err)
	}
	if err := bw.Flush(); err != nil {
		return fail(err)
	}
	if err := out.Sync(); err != nil {
		return fail(err)
	}
	return out.Close()
}

// decryptBackup writes the plain database inside an encrypted backup to
// a new owner-only file beside path and returns its name.
func decryptBackup(src, path, passphrase string) (string, error) {
	id, err := age.NewScryptIdentity(passphrase)
	if err != nil {
		return "", err
	}
	in, err := os.Open(src)
	if err != nil {
		return "", err
	}
	defer in.Close()
	r, err := age.Decrypt(bufio.NewReader(in), id)
	if err != nil {
		var noMatch *age.NoIdentityMatchError
		if errors.As(err, &noMatch) || strings.Contains(err.Error(), "incorrect passphrase") {
			return "", fmt.Errorf("%s: %w", src, ErrWrongPassphrase)
		}
		return "", fmt.Errorf("%s is not a readable encrypted backup: %w", src, err)
	}
	tmp := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".decrypting")
	os.Remove(tmp)
	out, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, PrivateFile)
	if err != nil {
		return "", diskError(err)
	}
	if _, err := io.Copy(out, r); err != nil {
		out.Close()
		os.Remove(tmp)
		return "", fmt.Errorf("%s is damaged or incomplete: %w", src, err)
	}
	if err := out.Close(); err != nil {
		os.Remove(tmp)
		return "", err
	}
	return tmp, nil
}

// RestoreEncrypted restores the database at path from an encrypted
// backup, keeping the replaced database aside as Restore does.
func RestoreEncrypted(ctx context.Context, src, path, passphrase string) (keptAs string, err error) {
	tmp, err := decryptBackup(src, path, passphrase)
	if err != nil {
		return "", err
	}
	defer os.Remove(tmp)
	return Restore(ctx, tmp, path)
}
