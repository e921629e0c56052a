package data

import (
	"context"
	"database/sql"
	"strings"
	"testing"
	"time"
)

// cutShort is a querier whose reads of one table are cut short after they
// start, as a lost connection or a cancelled read would.
type cutShort struct {
	q     querier
	table string
}

func (c cutShort) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	return c.q.QueryRowContext(ctx, query, args...)
}

func (c cutShort) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if !strings.Contains(query, "FROM "+c.table+" ") {
		return c.q.QueryContext(ctx, query, args...)
	}
	ctx, cancel := context.WithCancel(ctx)
	rows, err := c.q.QueryContext(ctx, query, args...)
	if err != nil {
		cancel()
		return rows, err
	}
	cancel()
	for deadline := time.Now().Add(5 * time.Second); rows.Err() == nil && time.Now().Before(deadline); {
		time.Sleep(time.Millisecond) // until database/sql has closed the rows
	}
	return rows, nil
}

// A note whose sections or processes could not all be read must be an
// error: handed over as a complete note, the editor would show it with
// parts missing and save that over the whole note.
func TestNoteReadCutShortIsAnError(t *testing.T) {
	f := newFixture(t)
	x := heldSession(t, f)
	saved, err := f.s.SaveNote(f.ctx, Note{SessionID: x.ID, Format: DAP, Processes: []Process{MutualSupport},
		Sections: map[string]string{"data": "Members shared news.", "plan": "Meet again."}})
	if err != nil {
		t.Fatal(err)
	}
	id := saved.ID
	for _, table := range []string{"note_sections", "note_processes", "addenda"} {
		n, err := getNote(f.ctx, cutShort{q: f.s.db, table: table}, id)
		if err == nil {
			t.Errorf("a read of %s cut short gave a note without error: %d sections, %d processes", table, len(n.Sections), len(n.Processes))
		}
	}
}
