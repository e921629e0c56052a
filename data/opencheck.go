package data

import (
	"context"
	"database/sql"
	"io"
	"os"
	"sync"
	"time"

	"groupwork/data/engine/sqlite"
)

// OpenChecking is Open for the window, with the check of every page moved
// off the path to the first screen.
//
// What was chosen, and why. Open reads the whole file (SQLite's quick
// check) before anything may write to it: on ten years of records that is
// a third to half a second at every start, spent before the window shows.
// OpenChecking keeps the cheap part of the check in front (the header, the
// data version, the schema: what tells at once a file that is not a
// database, another program's or a newer Groupwork's) and runs the quick
// check on a read-only connection of its own, in the background, while the
// first screen shows. Reading is safe meanwhile: a damaged page gives an
// error, never a wrong record. Writing is not, since a write into a damaged
// file can spread the damage, so every write waits until the check has
// passed (held, not refused: a tap in the first second waits that long),
// and if it fails every write is refused with the same words Open would
// have said, nothing is written, and no backup is made of the file (a
// damaged copy would push good backups out). Checked reports how it went.
//
// The check only moves when opening itself writes nothing: a file at this
// version's schema and already in write-ahead-log mode. Any other (an older
// file that migrations bring up to date, a restored copy still in the old
// journal mode) is checked in full first, as Open does.
func OpenChecking(ctx context.Context, path string) (*Store, error) {
	if !opensWithoutWriting(ctx, path) {
		s, err := Open(ctx, path)
		if err != nil {
			return nil, err
		}
		s.check = passedCheck()
		return s, nil
	}
	s, err := openFileUnchecked(ctx, path)
	if err != nil {
		return nil, err
	}
	checkCtx, cancel := context.WithCancel(context.Background())
	c := &fileCheck{done: make(chan struct{}), cancel: cancel}
	c.run = func() {
		defer close(c.done)
		// With the window's connection open the file has a log beside it,
		// whose committed pages are part of the database: read with locks.
		c.err = probeWith(checkCtx, path, DSN(path, true), true)
	}
	s.check = c
	// The check starts once the first screen has had time to draw: on two
	// cores, reading every page beside the window's start slowed the
	// start itself. A write starts it at once (it waits for it anyway).
	time.AfterFunc(CheckDelay, c.start)
	return s, nil
}

// CheckDelay is how long after opening a file OpenChecking starts reading
// every page of it, unless a write starts it sooner.
const CheckDelay = time.Second

// opensWithoutWriting reports whether opening the file read-write changes
// nothing in it: it is sound as far as a first look tells, in write-ahead-
// log mode, and at this version's schema.
func opensWithoutWriting(ctx context.Context, path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	head := make([]byte, 20)
	_, err = io.ReadFull(f, head)
	f.Close()
	// Bytes 18 and 19 are the file format's write and read versions: 2 in
	// write-ahead-log mode.
	if err != nil || string(head[:16]) != "SQLite format 3\x00" || head[18] != 2 || head[19] != 2 {
		return false
	}
	db, err := sql.Open("sqlite", DSN(path, true))
	if err != nil {
		return false
	}
	defer db.Close()
	var version int
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil || version != SchemaVersion() {
		return false
	}
	return probeWith(ctx, path, DSN(path, true), false) == nil
}

// openFileUnchecked is Open after the probe.
func openFileUnchecked(ctx context.Context, path string) (*Store, error) {
	if err := createPrivate(path); err != nil {
		return nil, describeOpenError(path, err)
	}
	db, err := sql.Open("sqlite", DSN(path, false))
	if err != nil {
		return nil, err
	}
	s := newStore(db, sqlite.Engine{}, path)
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, describeOpenError(path, err)
	}
	return s, nil
}

// fileCheck is the check of every page of a file opened by OpenChecking.
type fileCheck struct {
	done   chan struct{} // closed when the check has ended
	err    error         // why it failed; read once done is closed
	cancel func()
	run    func() // the check, started once by start; nil when there is none to run
	once   sync.Once
}

// start runs the check in the background, if it has not started.
func (c *fileCheck) start() {
	c.once.Do(func() {
		if c.run != nil {
			go c.run()
		}
	})
}

func passedCheck() *fileCheck {
	c := &fileCheck{done: make(chan struct{}), cancel: func() {}}
	close(c.done)
	return c
}

// Checked is closed once the file's check has ended, at once for a file
// that was checked before it opened and for an office database (which its
// server looks after); CheckErr then says whether it passed.
func (s *Store) Checked() <-chan struct{} {
	if s.check == nil {
		return passedCheck().done
	}
	return s.check.done
}

// CheckErr is nil when the file's check passed or is still running, and
// otherwise why the file may not be written to (a *BadFileError).
func (s *Store) CheckErr() error {
	if s.check == nil {
		return nil
	}
	select {
	case <-s.check.done:
		return s.check.err
	default:
		return nil
	}
}

// writable waits until the file may be written to: at once, unless its
// check is still running. It returns why not, when its check failed.
func (s *Store) writable(ctx context.Context) error {
	c := s.check
	if c == nil {
		return nil
	}
	select {
	case <-c.done:
		return c.err
	default:
	}
	c.start()
	select {
	case <-c.done:
		return c.err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// stopCheck ends a check still running, as the store closes, and reports
// whether the file is known sound.
func (s *Store) stopCheck() bool {
	c := s.check
	if c == nil {
		return true
	}
	c.cancel()
	c.start() // one not yet started ends at once, cancelled: not known sound
	<-c.done
	return c.err == nil
}
