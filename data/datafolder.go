package data

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
)

// LegacyDataDir is where Groupwork 0.1 kept its files on Windows: the
// roaming %AppData%, which Folder Redirection may put on a network share
// where SQLite's write-ahead log fails. It is "" where nothing moved.
func LegacyDataDir() string {
	if runtime.GOOS != "windows" {
		return ""
	}
	base, err := os.UserConfigDir()
	if err != nil {
		return ""
	}
	return filepath.Join(base, "Groupwork")
}

// NotMovedError says why the records in the old folder stayed there. They
// are intact and still open from there.
type NotMovedError struct {
	From, To string
	Reason   error
}

func (e *NotMovedError) Error() string {
	return fmt.Sprintf("Groupwork could not move your records from %s to %s, so they stay where they were, untouched, and open from there: %v", e.From, e.To, e.Reason)
}

func (e *NotMovedError) Unwrap() error { return e.Reason }

// OldDatabase is the database left in the old folder.
func (e *NotMovedError) OldDatabase() string { return filepath.Join(e.From, dbFileName) }

const dbFileName = "groupwork.db"

// MoveDataFolder moves the database in oldDir, its backups and whatever
// else is in that folder, into newDir, when oldDir has a database and
// newDir has none. It reports whether it moved anything. The database must
// pass its check first; everything is copied and compared before the old
// folder goes, and on any failure the old folder is left as it was and a
// *NotMovedError says why.
func MoveDataFolder(ctx context.Context, oldDir, newDir string) (bool, error) {
	oldDB := filepath.Join(oldDir, dbFileName)
	aside := oldDir + ".moving"
	if err := finishCutShort(oldDir, aside, newDir); err != nil {
		return false, &NotMovedError{From: aside, To: newDir, Reason: err}
	}
	if _, err := os.Stat(oldDB); err != nil {
		return false, nil
	}
	if _, err := os.Stat(filepath.Join(newDir, dbFileName)); err == nil {
		return false, nil // both exist: the new one is in use, the old one is left alone
	}
	fail := func(err error) (bool, error) { return false, &NotMovedError{From: oldDir, To: newDir, Reason: err} }
	if open, who := OpenInWindow(oldDB); open {
		return fail(fmt.Errorf("another Groupwork window has it open (%s); close it and start Groupwork again", who))
	}
	if err := checkedForMove(ctx, oldDB); err != nil {
		return fail(err)
	}
	if err := checkpoint(ctx, oldDB); err != nil {
		return fail(err)
	}
	parent := filepath.Dir(newDir)
	if err := MkdirPrivate(parent); err != nil {
		return fail(err)
	}
	stage, err := os.MkdirTemp(parent, "."+filepath.Base(newDir)+"-moving-")
	if err != nil {
		return fail(diskError(err))
	}
	defer removeTree(stage)
	privateFolder(stage) // what is copied in inherits it; see MakeDataDir
	if err := copyFolder(oldDir, stage); err != nil {
		return fail(err)
	}
	if err := checkedForMove(ctx, filepath.Join(stage, dbFileName)); err != nil {
		return fail(fmt.Errorf("the copy fails its check: %w", err))
	}
	// The old folder is set aside before the new one is filled: renaming
	// a folder fails while another program holds a file in it, and then
	// there is nothing to undo.
	if err := rename(oldDir, aside); err != nil {
		return fail(fmt.Errorf("the old folder is in use: %w", err))
	}
	if err := fillFolder(stage, newDir); err != nil {
		if rerr := rename(aside, oldDir); rerr != nil {
			return false, &NotMovedError{From: aside, To: newDir, Reason: fmt.Errorf("%w; the old folder is kept as %s", err, aside)}
		}
		return fail(err)
	}
	if err := removeTree(aside); err != nil {
		return true, fmt.Errorf("your records moved to %s; the old copy in %s could not all be removed (%v): delete it", newDir, aside, err)
	}
	return true, nil
}

// finishCutShort settles a move cut short (a power cut) while the old
// folder was set aside: if the new folder was filled, the set-aside copy
// goes; if not, it comes back.
func finishCutShort(oldDir, aside, newDir string) error {
	if _, err := os.Stat(aside); err != nil {
		return nil
	}
	if _, err := os.Stat(filepath.Join(newDir, dbFileName)); err == nil {
		return removeTree(aside)
	}
	if _, err := os.Stat(oldDir); err == nil {
		return fmt.Errorf("both %s and %s exist; keep the one with your records as %s", oldDir, aside, oldDir)
	}
	return rename(aside, oldDir)
}

// MakeDataDir creates the data folder, private to the user, unless it
// exists.
func MakeDataDir(dir string) error {
	if _, err := os.Stat(dir); err == nil {
		return nil
	}
	if err := MkdirPrivate(dir); err != nil {
		return err
	}
	// Should Windows refuse the access list, the folder keeps the one it
	// inherits from the user's profile, which is private as well.
	privateFolder(dir)
	return nil
}

// removeTree removes a folder and everything in it, one entry at a time:
// os.RemoveAll deletes through a Windows call (POSIX-style delete) that
// not every file system or Windows layer offers, and fails there.
func removeTree(dir string) error {
	var paths []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		paths = append(paths, p)
		return nil
	})
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	for i := len(paths) - 1; i >= 0; i-- { // what is in a folder before the folder
		err = errors.Join(err, os.Remove(paths[i]))
	}
	return err
}

// checkedForMove passes a sound Groupwork database.
func checkedForMove(ctx context.Context, path string) error {
	r, err := Check(ctx, path)
	if err != nil {
		return err
	}
	if !r.OK() || r.Version == 0 {
		return fmt.Errorf("%s fails its check (%s)", path, strings.Join(append(r.Integrity, r.ForeignKeys...), "; "))
	}
	return nil
}

// copyFolder copies every file under src into the empty folder dst and
// reads both back to compare them. A database's shared-memory index and
// its window lock belong to the running program, not to the records.
func copyFolder(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil || rel == "." {
			return err
		}
		to := filepath.Join(dst, rel)
		switch {
		case d.IsDir():
			return os.Mkdir(to, PrivateDir)
		case !d.Type().IsRegular(), strings.HasSuffix(p, "-shm"), strings.HasSuffix(p, "-window"):
			return nil
		}
		if err := copyFile(p, to); err != nil {
			return fmt.Errorf("copying %s: %w", p, diskError(err))
		}
		return sameBytes(p, to)
	})
}

func sameBytes(a, b string) error {
	ha, err := fileDigest(a)
	if err != nil {
		return err
	}
	hb, err := fileDigest(b)
	if err != nil {
		return err
	}
	if !bytes.Equal(ha, hb) {
		return fmt.Errorf("the copy of %s differs from it", a)
	}
	return nil
}

func fileDigest(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return nil, err
	}
	return h.Sum(nil), nil
}

// fillFolder moves each entry of stage into dir, which may exist already
// (empty, or with files of other names); on failure the entries moved so
// far go back.
func fillFolder(stage, dir string) error {
	if err := MakeDataDir(dir); err != nil {
		return err
	}
	entries, err := os.ReadDir(stage)
	if err != nil {
		return err
	}
	// The database goes last: once it is in place, so is everything else,
	// which is what finishCutShort relies on.
	sort.SliceStable(entries, func(i, j int) bool { return entries[j].Name() == dbFileName })
	var done []string
	for _, e := range entries {
		to := filepath.Join(dir, e.Name())
		err := fmt.Errorf("%s is in the way", to)
		if _, serr := os.Lstat(to); serr != nil {
			err = rename(filepath.Join(stage, e.Name()), to)
		}
		if err != nil {
			for _, name := range done {
				err = errors.Join(err, rename(filepath.Join(dir, name), filepath.Join(stage, name)))
			}
			return err
		}
		done = append(done, e.Name())
	}
	return nil
}
