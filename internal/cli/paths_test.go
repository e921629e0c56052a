package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"groupwork/internal/version"
)

// IT support asks where the files are; help answers on any computer.
func TestHelpShowsWhereFilesAre(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", filepath.Join(t.TempDir(), "share"))
	db := filepath.Join(t.TempDir(), "agency.db")
	code, out, errs := runCLI(t, "--db", db, "help")
	if code != 0 {
		t.Fatalf("help: %d %s", code, errs)
	}
	dir := filepath.Join(filepathFromEnv(t), "groupwork")
	for _, want := range []string{
		"Database: " + db,
		"Default database (when neither --db nor GROUPWORK_DB names one): " + filepath.Join(dir, "groupwork.db"),
		"Data folder: " + dir,
		"Backups folder: " + filepath.Join(filepath.Dir(db), "backups"),
	} {
		if !strings.Contains(out, want) {
			t.Errorf("help does not say %q:\n%s", want, out)
		}
	}
	code, out, _ = runCLI(t, "--db", db, "version")
	if code != 0 || !strings.Contains(out, "Groupwork "+version.Version+" (build 1,") {
		t.Errorf("version: %d %q", code, out)
	}
}

func filepathFromEnv(t *testing.T) string {
	t.Helper()
	return filepath.Clean(strings.TrimSpace(os.Getenv("XDG_DATA_HOME")))
}
