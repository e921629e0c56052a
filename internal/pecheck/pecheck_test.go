package pecheck

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"groupwork/internal/version"
)

// TestWindowsPackage checks the real package; `make package-check` builds
// it and names it in GROUPWORK_WINDOWS_EXE.
func TestWindowsPackage(t *testing.T) {
	exe := os.Getenv("GROUPWORK_WINDOWS_EXE")
	if exe == "" {
		t.Skip("GROUPWORK_WINDOWS_EXE is not set; `make package-check` builds the package and checks it")
	}
	r, err := Check(exe)
	t.Logf("%s: subsystem %d, imports %s, icon %v, %s %s", exe, r.Subsystem, strings.Join(r.Imports, " "), r.HasIcon, r.Product, r.Version)
	if err != nil {
		t.Fatal(err)
	}
	if want := fmt.Sprintf("%s.%d", version.Version, version.Build); r.Product != "Groupwork" || r.Version != want {
		t.Errorf("version information says %q %q, want \"Groupwork\" %q", r.Product, r.Version, want)
	}
}

// crossBuild compiles a small pure-Go Windows program.
func crossBuild(t *testing.T, ldflags string) string {
	t.Helper()
	dir := t.TempDir()
	src := filepath.Join(dir, "main.go")
	if err := os.WriteFile(src, []byte("package main\n\nfunc main() { println(\"hello\") }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	exe := filepath.Join(dir, "hello.exe")
	cmd := exec.Command("go", "build", "-ldflags", ldflags, "-o", exe, src)
	cmd.Env = append(os.Environ(), "GOOS=windows", "GOARCH=amd64", "CGO_ENABLED=0", "GOFLAGS=")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return exe
}

func TestConsoleProgramIsRefused(t *testing.T) {
	r, err := Check(crossBuild(t, "-s"))
	if err == nil || !strings.Contains(err.Error(), "a console window would open") {
		t.Fatalf("a console program passed: %v", err)
	}
	if r.Subsystem != 3 { // IMAGE_SUBSYSTEM_WINDOWS_CUI
		t.Errorf("subsystem %d", r.Subsystem)
	}
}

func TestGUIProgramWithoutIconIsRefused(t *testing.T) {
	r, err := Check(crossBuild(t, "-H=windowsgui"))
	if err == nil || strings.Contains(err.Error(), "console") || !strings.Contains(err.Error(), "no icon") || !strings.Contains(err.Error(), "no version information") {
		t.Fatalf("want only the missing icon and version reported, got %v", err)
	}
	if got := NotSystem(r.Imports); len(got) != 0 {
		t.Errorf("a pure-Go program imports %v", got)
	}
}

func TestNotSystem(t *testing.T) {
	got := NotSystem([]string{"KERNEL32.dll", "libwinpthread-1.dll", "api-ms-win-crt-runtime-l1-1-0.dll", "opengl32.dll", "glfw3.dll", "vcruntime140.dll"})
	if want := []string{"libwinpthread-1.dll", "glfw3.dll", "vcruntime140.dll"}; !reflect.DeepEqual(got, want) {
		t.Errorf("NotSystem = %v, want %v", got, want)
	}
}

func TestNotAProgram(t *testing.T) {
	p := filepath.Join(t.TempDir(), "Groupwork.exe")
	os.WriteFile(p, []byte("<html>download failed</html>"), 0o644)
	if _, err := Check(p); err == nil || !strings.Contains(err.Error(), "is not a Windows program") {
		t.Fatalf("got %v", err)
	}
}
