package wintest

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// profileName is the Windows account the tests run as: a space and
// letters outside ASCII, as in many caseworkers' names. Wine names the
// profile folder after $USER, so every default path has them.
const profileName = "Zoë Ngô"

// needTools skips when a tool is missing, unless the run demands them
// (make sets GROUPWORK_REQUIRE_TOOLS=1), and then fails.
func needTools(t *testing.T, tools ...string) {
	t.Helper()
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("GROUPWORK_REQUIRE_TOOLS") != "" {
				t.Fatalf("%s is missing; run .ci/install-deps test", tool)
			}
			t.Skipf("%s is missing (set GROUPWORK_REQUIRE_TOOLS=1 to fail instead)", tool)
		}
	}
}

// windowsExe is the packaged program, named by `make package-check`.
func windowsExe(t *testing.T) string {
	t.Helper()
	exe := os.Getenv("GROUPWORK_WINDOWS_EXE")
	if exe == "" {
		t.Skip("GROUPWORK_WINDOWS_EXE is not set; `make package-check` builds the package and runs it under Wine")
	}
	abs, err := filepath.Abs(exe)
	if err != nil {
		t.Fatal(err)
	}
	return abs
}

// wine is a private Wine prefix: a Windows installation of its own with
// one user, profileName.
type wine struct {
	t       *testing.T
	prefix  string
	home    string // Wine links the profile's Documents and Desktop here
	display string // "" runs without a screen
}

// newWine makes a prefix in a temporary folder and puts the stand-in for
// bcryptprimitives.dll into its system32.
func newWine(t *testing.T) *wine {
	t.Helper()
	needTools(t, "wine", "wineboot", "wineserver", "x86_64-w64-mingw32-gcc")
	w := &wine{t: t, prefix: filepath.Join(t.TempDir(), "prefix"), home: t.TempDir()}
	t.Cleanup(func() { // the prefix's own programs, and no one else's
		k := exec.Command("wineserver", "-k")
		k.Env = w.env()
		k.Run()
	})
	start := time.Now()
	w.cmdOK(30*time.Minute, "wineboot", "-i")
	w.cmdOK(5*time.Minute, "wineserver", "-w")
	t.Logf("Wine prefix made in %.1f s", time.Since(start).Seconds())
	buildProcessPrng(t, filepath.Join(w.prefix, "drive_c", "windows", "system32", "bcryptprimitives.dll"))
	if _, err := os.Stat(w.unix(`C:\users\` + profileName)); err != nil {
		t.Fatalf("Wine did not make the profile %q: %v", profileName, err)
	}
	return w
}

func (w *wine) env() []string {
	env := []string{"WINEPREFIX=" + w.prefix, "WINEDEBUG=-all",
		// No Mono or Gecko: Groupwork needs neither, and installing them
		// would ask on screen.
		"WINEDLLOVERRIDES=mscoree,mshtml=",
		"USER=" + profileName, "LOGNAME=" + profileName, "HOME=" + w.home,
		"LANG=C.UTF-8", "LIBGL_ALWAYS_SOFTWARE=1"}
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch k {
		case "PATH", "TMPDIR":
			env = append(env, kv)
		}
	}
	if w.display != "" {
		env = append(env, "DISPLAY="+w.display)
	}
	return env
}

// command prepares a program to run in the prefix: a Windows program
// through wine, or one of Wine's own tools.
func (w *wine) command(ctx context.Context, name string, args ...string) *exec.Cmd {
	if strings.HasSuffix(strings.ToLower(name), ".exe") {
		args = append([]string{name}, args...)
		name = "wine"
	}
	c := exec.CommandContext(ctx, name, args...)
	c.Env = w.env()
	c.WaitDelay = 5 * time.Second
	return c
}

// result is what a finished program said.
type result struct {
	code           int
	stdout, stderr string
}

func (w *wine) run(timeout time.Duration, name string, args ...string) result {
	w.t.Helper()
	r := w.runOnce(timeout, name, args...)
	// Groupwork says why whenever it fails. Failing without a word, it
	// never ran: Wine could not start it (seen about once in a hundred
	// starts, as a backup followed a demo at once), and it starts again.
	if r.code != 0 && r.stdout == "" && r.stderr == "" && strings.HasSuffix(strings.ToLower(name), ".exe") {
		w.t.Logf("%s %s ended with status %d and no word; starting it again", filepath.Base(name), strings.Join(args, " "), r.code)
		r = w.runOnce(timeout, name, args...)
	}
	return r
}

func (w *wine) runOnce(timeout time.Duration, name string, args ...string) result {
	w.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	c := w.command(ctx, name, args...)
	// Files, not pipes: Wine's server and services outlive the program and
	// would hold a pipe open.
	out, errs := outputFile(w.t), outputFile(w.t)
	c.Stdout, c.Stderr = out, errs
	err := c.Run()
	r := result{stdout: readBack(w.t, out), stderr: readBack(w.t, errs)}
	if ctx.Err() != nil {
		w.t.Fatalf("%s %s did not finish in %s:\n%s%s", name, strings.Join(args, " "), timeout, r.stdout, r.stderr)
	}
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		r.code = ee.ExitCode()
	} else if err != nil {
		w.t.Fatalf("%s: %v", name, err)
	}
	return r
}

func outputFile(t *testing.T) *os.File {
	f, err := os.CreateTemp(t.TempDir(), "out-")
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func readBack(t *testing.T, f *os.File) string {
	defer f.Close()
	b, err := os.ReadFile(f.Name())
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// cmdOK runs a program and fails the test unless it succeeds.
func (w *wine) cmdOK(timeout time.Duration, name string, args ...string) string {
	w.t.Helper()
	r := w.run(timeout, name, args...)
	if r.code != 0 {
		w.t.Fatalf("%s %s: exit status %d\n%s%s", filepath.Base(name), strings.Join(args, " "), r.code, r.stdout, r.stderr)
	}
	return r.stdout
}

// unix is where a C: path of the prefix is on this computer.
func (w *wine) unix(winPath string) string {
	rest, ok := strings.CutPrefix(winPath, `C:\`)
	if !ok {
		w.t.Fatalf("not a C: path: %s", winPath)
	}
	return filepath.Join(w.prefix, "drive_c", filepath.FromSlash(strings.ReplaceAll(rest, `\`, "/")))
}

// buildProcessPrng compiles the stand-in for Windows 10's
// bcryptprimitives.dll, which Wine 8 lacks and Go 1.24+ needs at start-up
// for ProcessPrng. It draws on RtlGenRandom (SystemFunction036), which
// Wine has. It is for the tests' prefix only; Windows ships the real one.
func buildProcessPrng(t *testing.T, dst string) {
	t.Helper()
	dir := t.TempDir()
	src := `#include <windows.h>
BOOLEAN WINAPI SystemFunction036(PVOID buf, ULONG len);
BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
	while (len > 0) {
		ULONG n = len > 0x10000000 ? 0x10000000 : (ULONG)len;
		if (!SystemFunction036(data, n)) return FALSE;
		data += n;
		len -= n;
	}
	return TRUE;
}
`
	def := "LIBRARY bcryptprimitives.dll\nEXPORTS\nProcessPrng\n"
	if err := os.WriteFile(filepath.Join(dir, "prng.c"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "prng.def"), []byte(def), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("x86_64-w64-mingw32-gcc", "-shared", "-O2", "-o", dst, "prng.c", "prng.def", "-ladvapi32")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building the ProcessPrng stand-in: %v\n%s", err, out)
	}
}
