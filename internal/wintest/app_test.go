package wintest

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"groupwork/internal/version"
	"groupwork/internal/xdisplay"
)

// TestUnderWine runs the packaged Groupwork.exe on Windows' own interfaces
// (files, locks, paths, the registry, windows and OpenGL) as Wine provides
// them, in one prefix, in the order a caseworker meets them.
func TestUnderWine(t *testing.T) {
	exe := windowsExe(t)
	w := newWine(t)
	profile := `C:\users\` + profileName
	local := profile + `\AppData\Local\Groupwork`
	defaultDB := local + `\groupwork.db`

	t.Run("old data folder moves to the local one", func(t *testing.T) {
		w.t = t
		old := profile + `\AppData\Roaming\Groupwork`
		if err := os.MkdirAll(w.unix(old+`\backups`), 0o755); err != nil {
			t.Fatal(err)
		}
		w.cmdOK(2*time.Minute, exe, "--db", old+`\groupwork.db`, "demo")
		w.cmdOK(2*time.Minute, exe, "--db", old+`\groupwork.db`, "backup", old+`\backups\groupwork-2026-01-05.db`)
		sum := digest(t, w.unix(old+`\groupwork.db`))

		// Damaged, it stays where it is, untouched, and opens from there.
		good := mustRead(t, w.unix(old+`\groupwork.db`))
		bad := append([]byte(nil), good...)
		for i := 4096; i < len(bad) && i < 3*4096; i++ {
			bad[i] = 0xA5
		}
		os.WriteFile(w.unix(old+`\groupwork.db`), bad, 0o644)
		r := w.run(2*time.Minute, exe, "check")
		if r.code != 1 || !strings.Contains(r.stderr, "could not move your records") || !strings.Contains(r.stderr+r.stdout, old+`\groupwork.db`) {
			t.Errorf("check with a damaged old database: status %d\n%s%s", r.code, r.stdout, r.stderr)
		}
		if !bytes.Equal(mustRead(t, w.unix(old+`\groupwork.db`)), bad) {
			t.Error("the damaged old database was changed")
		}
		if _, err := os.Stat(w.unix(defaultDB)); !os.IsNotExist(err) {
			t.Errorf("a failed move left a database in the new folder: %v", err)
		}
		os.WriteFile(w.unix(old+`\groupwork.db`), good, 0o644)

		out := w.cmdOK(2*time.Minute, exe, "check")
		if !strings.Contains(out, "ok") {
			t.Errorf("check after the move: %s", out)
		}
		if digest(t, w.unix(defaultDB)) != sum {
			t.Error("the moved database differs from the old one")
		}
		if _, err := os.Stat(w.unix(local + `\backups\groupwork-2026-01-05.db`)); err != nil {
			t.Errorf("the backups did not move: %v", err)
		}
		if _, err := os.Stat(w.unix(old)); !os.IsNotExist(err) {
			t.Errorf("the old folder is still there: %v", err)
		}
	})

	t.Run("commands", func(t *testing.T) {
		w.t = t
		testCommands(t, w, exe, profile, defaultDB)
	})

	t.Run("window", func(t *testing.T) {
		w.t = t
		needTools(t, "Xvfb", "xwininfo", "import")
		testWindow(t, w, exe, defaultDB)
	})

	t.Run("installer", func(t *testing.T) {
		w.t = t
		testInstaller(t, w, exe, profile, defaultDB)
	})
}

func testCommands(t *testing.T, w *wine, exe, profile, defaultDB string) {
	out := w.cmdOK(time.Minute, exe, "version")
	if want := fmt.Sprintf("Groupwork %s (build %d", version.Version, version.Build); !strings.Contains(out, want) {
		t.Errorf("version says %q, want %q", out, want)
	}
	help := w.cmdOK(time.Minute, exe, "help")
	if !strings.Contains(help, "Database: "+defaultDB) {
		t.Errorf("help does not name the default database %s:\n%s", defaultDB, help)
	}

	// A second database on a path with spaces and letters outside ASCII,
	// beside the default one (already made by the move above).
	other := `C:\Dossiers Ñandú\group work 2026.db`
	os.MkdirAll(filepath.Dir(w.unix(other)), 0o755)
	w.cmdOK(2*time.Minute, exe, "--db", other, "demo")
	for _, db := range []string{defaultDB, other} {
		if out := w.cmdOK(2*time.Minute, exe, "--db", db, "check"); !strings.Contains(out, "ok") {
			t.Errorf("check %s: %s", db, out)
		}
	}

	docs := profile + `\Documents`
	os.MkdirAll(w.unix(docs), 0o755)
	exported := docs + `\Clients — Zoë's list.csv`
	w.cmdOK(time.Minute, exe, "export", "clients", "-o", exported)
	if b, err := os.ReadFile(w.unix(exported)); err != nil || !bytes.HasPrefix(b, []byte("\ufeffRecord number")) {
		t.Errorf("the export %s: %v %.40q", exported, err, b)
	}

	list := docs + `\Nouveaux clients.csv`
	if err := os.WriteFile(w.unix(list), []byte("First name,Last name\r\nZoë,Ngô-Đặng\r\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	w.cmdOK(time.Minute, exe, "import", "clients", list)
	if out := w.cmdOK(time.Minute, exe, "export", "clients", "-o", "-"); !strings.Contains(out, "Ngô-Đặng") {
		t.Errorf("the imported client is not in the export:\n%.300s", out)
	}

	group, date := firstSession(t, w.cmdOK(time.Minute, exe, "export", "sessions", "-o", "-"))
	sheet := docs + `\Sign-in ` + date + ".pdf"
	w.cmdOK(2*time.Minute, exe, "print", "sign-in", "--group", group, "--date", date, "-o", sheet)
	if b, err := os.ReadFile(w.unix(sheet)); err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Errorf("the sign-in sheet %s: %v", sheet, err)
	}

	backup := `C:\Sauvegardes Zoë\copie 1.db`
	os.MkdirAll(filepath.Dir(w.unix(backup)), 0o755)
	w.cmdOK(2*time.Minute, exe, "backup", backup)
	w.cmdOK(2*time.Minute, exe, "--db", backup, "check")
	out = w.cmdOK(2*time.Minute, exe, "restore", backup)
	kept, _ := filepath.Glob(filepath.Join(filepath.Dir(w.unix(defaultDB)), "groupwork.replaced-*.db"))
	if len(kept) != 1 {
		t.Errorf("restore kept %v aside; said %q", kept, out)
	}
	w.cmdOK(2*time.Minute, exe, "check")
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// firstSession is the group and date of the first session in an export.
func firstSession(t *testing.T, export string) (group, date string) {
	t.Helper()
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(export, "\ufeff"))).ReadAll()
	if err != nil || len(rows) < 2 || rows[0][0] != "Group" || rows[0][1] != "Date" {
		t.Fatalf("the sessions export: %v %.200q", err, export)
	}
	return rows[1][0], rows[1][1]
}

// testWindow opens the window on Wine's OpenGL (Mesa's llvmpipe under
// Xvfb), checks it draws, and that a second window on the same database
// is refused through the LockFileEx lock.
func testWindow(t *testing.T, w *wine, exe, defaultDB string) {
	// Wine's desktop process, started by the commands above without a
	// screen, would keep the next programs from drawing: stop it first.
	w.cmdOK(time.Minute, "wineserver", "-k")
	w.cmdOK(time.Minute, "wineserver", "-w")
	w.display = xdisplay.Start(t)
	defer func() { w.display = "" }()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	first := w.command(ctx, exe)
	var firstOut bytes.Buffer
	first.Stdout, first.Stderr = &firstOut, &firstOut
	if err := first.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- first.Wait() }()
	defer w.run(time.Minute, "wineserver", "-k")

	start := time.Now()
	for {
		wins := xdisplay.Windows(w.display)
		if strings.Contains(wins, `"Groupwork cannot start"`) {
			t.Fatalf("Groupwork says it cannot start under Wine's OpenGL:\n%s", firstOut.String())
		}
		if strings.Contains(wins, `"Groupwork": (`) {
			break
		}
		select {
		case err := <-exited:
			t.Fatalf("Groupwork.exe ended (%v) before its window appeared:\n%s", err, firstOut.String())
		case <-time.After(500 * time.Millisecond):
		}
		if time.Since(start) > 3*time.Minute {
			t.Fatalf("no Groupwork window in 3 minutes; windows:\n%s\n%s", wins, firstOut.String())
		}
	}
	t.Logf("the window appeared in %.1f s", time.Since(start).Seconds())
	shot := xdisplay.Screenshot(t, w.display)
	if dir := os.Getenv("GROUPWORK_SHOT_DIR"); dir != "" {
		if b, err := os.ReadFile(shot); err == nil {
			os.WriteFile(filepath.Join(dir, "wine-window.png"), b, 0o644)
		}
	}

	second := w.run(3*time.Minute, exe, "restore", `C:\Sauvegardes Zoë\copie 1.db`)
	if second.code != 1 || !strings.Contains(second.stderr, "is open in a Groupwork window") {
		t.Errorf("a restore while the window is open: status %d, %s", second.code, second.stderr)
	}
	// The second window says why in its own small window and on standard
	// error, then waits for the person to close it.
	sctx, scancel := context.WithTimeout(ctx, 3*time.Minute)
	defer scancel()
	again := w.command(sctx, exe)
	var againOut syncBuffer
	again.Stdout, again.Stderr = &againOut, &againOut
	if err := again.Start(); err != nil {
		t.Fatal(err)
	}
	for !strings.Contains(againOut.String(), "is already open in another Groupwork window") {
		if sctx.Err() != nil {
			t.Fatalf("a second window on %s was not refused:\n%s", defaultDB, againOut.String())
		}
		time.Sleep(250 * time.Millisecond)
	}
	again.Process.Kill()
	again.Wait()
}
