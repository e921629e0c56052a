package ui

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"groupwork/data"
)

// A signed note changed outside Groupwork (here with the stock sqlite3
// shell, its trigger dropped) is named when the window checks the file,
// which it does once its first screen has drawn.
func TestWindowNamesAChangedSignedNote(t *testing.T) {
	sh, err := exec.LookPath("sqlite3")
	if err != nil {
		if os.Getenv("GROUPWORK_REQUIRE_TOOLS") != "" {
			t.Fatal("sqlite3 is not installed; run .ci/install-deps test")
		}
		t.Skip("sqlite3 is not installed")
	}
	path := filepath.Join(t.TempDir(), "agency.db")
	s := sessOK[*data.Store](t)(data.Open(context.Background(), path))
	if err := s.Demo(context.Background(), data.DemoSmall); err != nil {
		t.Fatal(err)
	}
	s.Close()
	out, err := exec.Command(sh, path, `DROP TRIGGER note_sections_update_locked;
		UPDATE note_sections SET body = 'Rewritten later.' WHERE note_id = (SELECT min(id) FROM notes WHERE status = 'signed');
		SELECT g.name || ' on ' || x.date FROM notes n JOIN sessions x ON x.id = n.session_id JOIN groups g ON g.id = x.group_id
		WHERE n.id = (SELECT min(id) FROM notes WHERE status = 'signed');`).CombinedOutput()
	if err != nil {
		t.Fatalf("sqlite3: %v %s", err, out)
	}
	ui, w := openMainUI(t, path)
	pickFirstStaff(t, ui)
	ui.shown()
	waitJobs(t, ui)
	assertScreenShows(t, w, "Some signed records have changed", "1 signed record(s) or audit line(s) no longer match",
		"of "+strings.TrimSpace(string(out))+" (note ")
}
