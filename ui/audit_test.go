package ui

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"testing"
)

// The screen lists the newest 1000 changes; the export for an auditor
// holds every change the filter matches.
func TestAuditExportHoldsEveryMatchingChange(t *testing.T) {
	ui, _ := openMainUI(t, safetyDB(t))
	pickFirstStaff(t, ui)
	ctx := context.Background()
	tx, err := ui.store.DB().BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 1200; i++ {
		if _, err := tx.ExecContext(ctx, `INSERT INTO audit_log (at, actor, entity, entity_id, action, detail)
			VALUES ('2026-03-02 09:00:00', 'Thảo Nguyễn', 'client', 1, 'update', 'Phone changed')`); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	var total int
	ui.store.DB().QueryRow(`SELECT count(*) FROM audit_log`).Scan(&total)
	a := ui.newAuditScreen()
	if len(a.entries) != 1000 {
		t.Fatalf("the screen lists %d changes, want the newest 1000", len(a.entries))
	}
	path := filepath.Join(t.TempDir(), "audit.csv")
	n, err := a.exportTo(path)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(path)
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(raw, []byte("\ufeff")))).ReadAll()
	if err != nil || n != total || len(rows) != total+1 {
		t.Fatalf("exported %d changes in %d rows (%v), want all %d", n, len(rows)-1, err, total)
	}
}
