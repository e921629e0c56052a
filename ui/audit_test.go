package ui

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"groupwork/data"
)

// The screen lists the newest 1000 changes; the export for an auditor
// holds every change the filter matches.
func TestAuditExportHoldsEveryMatchingChange(t *testing.T) {
	ui, _ := openMainUI(t, safetyDB(t))
	pickFirstStaff(t, ui)
	ctx := context.Background()
	// 1200 changes to one client's phone, made as a person makes them.
	c, err := ui.store.GetClient(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 1200; i++ {
		after := c
		after.Phone = fmt.Sprintf("555-%04d", i)
		if c, err = ui.store.UpdateClient(ctx, c, after); err != nil {
			t.Fatal(err)
		}
	}
	all, err := ui.store.AuditLog(ctx, data.AuditFilter{Limit: 1 << 30})
	if err != nil {
		t.Fatal(err)
	}
	total := len(all)
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
