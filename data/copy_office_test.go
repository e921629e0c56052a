package data

import (
	"context"
	"path/filepath"
	"testing"

	"groupwork/internal/pgtest"
)

// A file's records move into a new office database in one go; the
// copy's last step sets each table's id counter, and tables without ids
// (settings, the audit head) must not stop it.
func TestCopyFileIntoOfficeDatabase(t *testing.T) {
	ctx := context.Background()
	src, err := Open(ctx, filepath.Join(t.TempDir(), "file.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	id := must[int64](t)(src.CreateClient(ctx, Client{FirstName: "Ana", LastName: "Lima"}))
	dst, err := OpenOffice(ctx, pgtest.DB(t), "")
	if err != nil {
		t.Fatal(err)
	}
	defer dst.Close()
	if err := src.CopyTo(ctx, dst); err != nil {
		t.Fatal(err)
	}
	got, err := dst.GetClient(ctx, id)
	if err != nil || got.FirstName != "Ana" {
		t.Fatalf("client %d in the office database: %+v, %v", id, got, err)
	}
	next := must[int64](t)(dst.CreateClient(ctx, Client{FirstName: "Bo", LastName: "Kim"}))
	if next <= id {
		t.Errorf("a new client got id %d, not past the copied %d", next, id)
	}
}
