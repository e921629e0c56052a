package wintest

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"groupwork/internal/version"
)

const uninstallKey = `HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\Groupwork`

// setupExe is the installer `make package-windows` made beside the program.
func setupExe(t *testing.T, exe string) string {
	t.Helper()
	p := filepath.Join(filepath.Dir(filepath.Dir(exe)), "Groupwork-"+version.Version+"-setup.exe")
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("no installer beside %s: %v", exe, err)
	}
	return p
}

// repoRoot is the project's folder, for .ci's scripts.
func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// makeInstaller builds an installer of the given version from the program
// folder src, with zlib: quicker to make than LZMA, and only installed.
func makeInstaller(t *testing.T, version, src, out string) {
	t.Helper()
	build := exec.Command("makensis", "-V2", "-XSetCompressor /FINAL zlib", "-DVERSION="+version, "-DBUILD=1",
		"-DSRC="+src, "-DOUT="+out, filepath.Join(repoRoot(t), ".ci", "groupwork.nsi"))
	if b, err := build.CombinedOutput(); err != nil {
		t.Fatalf("makensis %s: %v\n%s", version, err, b)
	}
}

// testInstaller installs silently over an older version, runs the
// installed program, and uninstalls it, the records staying.
func testInstaller(t *testing.T, w *wine, exe, profile, defaultDB string) {
	needTools(t, "makensis")
	setup := setupExe(t, exe)
	older := filepath.Join(t.TempDir(), "Groupwork-0.0.9-setup.exe")
	makeInstaller(t, "0.0.9", filepath.Dir(exe), older)
	dir := profile + `\AppData\Local\Programs\Groupwork`
	records := digest(t, w.unix(defaultDB))

	w.cmdOK(5*time.Minute, older, "/S")
	w.cmdOK(time.Minute, "wineserver", "-w")
	if v := uninstallEntry(t, w)["DisplayVersion"]; v != "0.0.9" {
		t.Fatalf("the older version's entry says %q", v)
	}
	start := time.Now()
	w.cmdOK(5*time.Minute, setup, "/S")
	w.cmdOK(time.Minute, "wineserver", "-w")
	t.Logf("installed silently over 0.0.9 in %.1f s; installer %d KiB", time.Since(start).Seconds(), fileSize(t, setup)/1024)

	want := map[string]string{
		"DisplayName":          "Groupwork",
		"DisplayVersion":       version.Version,
		"Publisher":            "Groupwork",
		"InstallLocation":      dir,
		"DisplayIcon":          dir + `\Groupwork.exe,0`,
		"UninstallString":      `"` + dir + `\uninstall.exe"`,
		"QuietUninstallString": `"` + dir + `\uninstall.exe" /S`,
		"NoModify":             "dword:00000001",
		"NoRepair":             "dword:00000001",
	}
	entry := uninstallEntry(t, w)
	for name, v := range want {
		if got := entry[name]; got != v {
			t.Errorf("Settings > Apps entry %s = %q, want %q", name, got, v)
		}
	}
	// In KiB: the program is some 30 MB.
	if size, err := strconv.ParseUint(strings.TrimPrefix(entry["EstimatedSize"], "dword:"), 16, 32); err != nil || size < 10_000 {
		t.Errorf("EstimatedSize = %q", entry["EstimatedSize"])
	}
	shortcut := w.unix(profile + `\AppData\Roaming\Microsoft\Windows\Start Menu\Programs\Groupwork.lnk`)
	if _, err := os.Stat(shortcut); err != nil {
		t.Errorf("no Start-menu shortcut: %v", err)
	}
	installed := dir + `\Groupwork.exe`
	if digest(t, w.unix(installed)) != digest(t, exe) {
		t.Error("the installed program is not the packaged one: the upgrade did not replace it")
	}
	if out := w.cmdOK(time.Minute, w.unix(installed), "version"); !strings.Contains(out, "Groupwork "+version.Version) {
		t.Errorf("the installed program says %q", out)
	}

	// NSIS uninstallers copy themselves to %TEMP% and return at once;
	// waiting for the prefix to fall idle waits for the copy.
	w.cmdOK(5*time.Minute, w.unix(dir+`\uninstall.exe`), "/S")
	w.cmdOK(time.Minute, "wineserver", "-w")
	if _, err := os.Stat(w.unix(dir)); !os.IsNotExist(err) {
		left, _ := os.ReadDir(w.unix(dir))
		t.Errorf("the program folder is still there after uninstalling: %v %v", err, left)
	}
	if _, err := os.Stat(shortcut); !os.IsNotExist(err) {
		t.Errorf("the Start-menu shortcut is still there: %v", err)
	}
	if r := w.run(time.Minute, "wine", "reg", "query", uninstallKey); r.code == 0 {
		t.Errorf("the Settings > Apps entry is still there:\n%s", r.stdout)
	}
	if digest(t, w.unix(defaultDB)) != records {
		t.Error("installing or uninstalling changed the records")
	}
}

// uninstallEntry reads Groupwork's Settings > Apps entry, exported as a
// .reg file: UTF-16, so names outside ASCII survive (reg query prints in
// the console's code page). Numbers come back as "dword:00000001".
func uninstallEntry(t *testing.T, w *wine) map[string]string {
	t.Helper()
	file := `C:\entry.reg`
	w.cmdOK(time.Minute, "wine", "reg", "export", uninstallKey, file, "/y")
	b, err := os.ReadFile(w.unix(file))
	if err != nil {
		t.Fatal(err)
	}
	os.Remove(w.unix(file))
	u16 := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		u16 = append(u16, uint16(b[i])|uint16(b[i+1])<<8)
	}
	values := map[string]string{}
	for _, line := range strings.Split(string(utf16.Decode(u16)), "\n") {
		name, v, ok := strings.Cut(strings.TrimSpace(line), "=")
		if !ok || !strings.HasPrefix(name, `"`) {
			continue
		}
		if uq, err := strconv.Unquote(v); err == nil {
			v = uq // a string; .reg escapes \ and " as Go does
		}
		values[strings.Trim(name, `"`)] = v
	}
	return values
}

func fileSize(t *testing.T, path string) int64 {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Size()
}
