package data

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"groupwork/data/engine/postgres"
)

// Change is what a watcher of the database hears: which kinds of record
// were changed, as the audit log names them ("client", "group",
// "membership", "session", "attendance", "note", "staff", "settings",
// "measure", "score"; a change of scores is a change of their session
// too, so "session" comes with "score"), or
// none when that cannot be told (a file changed by another program, a
// connection lost and made again): then anything may have changed.
type Change struct {
	Kinds []string
}

// All reports that anything may have changed.
func (c Change) All() bool { return len(c.Kinds) == 0 }

// Has reports whether records of kind may have changed.
func (c Change) Has(kind string) bool { return c.All() || slices.Contains(c.Kinds, kind) }

// watchEvery is how often a file's version is read: a change made by
// another program shows within about this long.
const watchEvery = 500 * time.Millisecond

// Watch calls changed, from a goroutine of its own, each time the database
// changes, until ctx ends: on an office database, as each desktop's change
// commits (PostgreSQL's LISTEN and NOTIFY); on a file, when its version
// moves (PRAGMA data_version), which shows the command line's and other
// programs' changes too. This store's own changes are heard as well; a
// screen refreshed by them shows what it already shows.
func (s *Store) Watch(ctx context.Context, changed func(Change)) {
	if !s.file() {
		go postgres.Listen(ctx, s.source, s.password, func(payload string) {
			kinds, head, _ := strings.Cut(payload, "@")
			if id, err := strconv.ParseInt(head, 10, 64); err == nil && s.isMine(id) {
				return
			}
			var c Change
			if kinds != "" {
				c.Kinds = strings.Split(kinds, ",")
			}
			changed(c)
		})
		return
	}
	go func() {
		conn, err := s.db.db.Conn(ctx)
		if err != nil {
			return
		}
		defer conn.Close()
		var last, seen int64 = -1, -1 // the file's version, and its newest audit line
		tick := time.NewTicker(watchEvery)
		defer tick.Stop()
		for {
			var v, head int64
			if err := conn.QueryRowContext(ctx, "PRAGMA data_version").Scan(&v); err == nil && v != last {
				// Another program's change, unless every audit line
				// written since the last look is this store's own.
				err := conn.QueryRowContext(ctx, "SELECT id FROM audit_head").Scan(&head)
				if last >= 0 && (err != nil || !s.allMine(seen, head)) {
					changed(Change{})
				}
				last, seen = v, head
			}
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
			}
		}
	}()
}

// ownChanges is how many of its latest changes a store recognises as its
// own when they come back to it as notices.
const ownChanges = 64

// mine remembers a change this store committed, by its audit lines.
func (s *Store) mine(first, last int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ours = append(s.ours, [2]int64{first, last})
	if len(s.ours) > ownChanges {
		s.ours = s.ours[len(s.ours)-ownChanges:]
	}
}

// forget drops the change starting at audit line first, which did not
// commit.
func (s *Store) forget(first int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ours = slices.DeleteFunc(s.ours, func(r [2]int64) bool { return r[0] == first })
}

// isMine reports whether audit line id was written through this store.
func (s *Store) isMine(id int64) bool {
	_, ok := s.rangeOf(id)
	return ok
}

// rangeOf is the audit lines of this store's change that wrote line id.
func (s *Store) rangeOf(id int64) ([2]int64, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, r := range s.ours {
		if r[0] <= id && id <= r[1] {
			return r, true
		}
	}
	return [2]int64{}, false
}

// allMine reports whether audit lines after..upto were all written
// through this store.
func (s *Store) allMine(after, upto int64) bool {
	if after < 0 {
		return false
	}
	for id := upto; id > after; {
		r, ok := s.rangeOf(id)
		if !ok {
			return false
		}
		id = r[0] - 1
	}
	return true
}
