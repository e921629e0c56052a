package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"groupwork/internal/xdisplay"
)

// These tests start the real program, as a person would, under a virtual
// X display drawn by Mesa's software renderer (llvmpipe): the path taken on
// computers without a graphics driver.

var (
	buildOnce sync.Once
	builtBin  string
	buildErr  error
)

// buildBinary compiles the program once for all the tests here.
func buildBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "groupwork-test-")
		if err != nil {
			buildErr = err
			return
		}
		builtBin = filepath.Join(dir, "groupwork")
		if out, err := exec.Command("go", "build", "-tags", "migrated_fynedo", "-o", builtBin, ".").CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return builtBin
}

func TestMain(m *testing.M) {
	code := m.Run()
	if builtBin != "" {
		os.RemoveAll(filepath.Dir(builtBin))
	}
	os.Exit(code)
}

// needTools skips when the display tools are missing, unless the run
// demands them (make test sets GROUPWORK_REQUIRE_DISPLAY=1).
func needTools(t *testing.T, tools ...string) {
	t.Helper()
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("GROUPWORK_REQUIRE_DISPLAY") != "" {
				t.Fatalf("%s is missing; run .ci/install-deps test", tool)
			}
			t.Skipf("%s is missing (set GROUPWORK_REQUIRE_DISPLAY=1 to fail instead)", tool)
		}
	}
}

// appEnv is a clean environment: the person's own preferences and data
// folder stay untouched.
func appEnv(t *testing.T, display string) []string {
	home := t.TempDir()
	env := []string{"HOME=" + home, "XDG_CONFIG_HOME=" + filepath.Join(home, "config"),
		"XDG_DATA_HOME=" + filepath.Join(home, "data"), "LANG=C.UTF-8", "PATH=" + os.Getenv("PATH")}
	if display != "" {
		env = append(env, "DISPLAY="+display, "LIBGL_ALWAYS_SOFTWARE=1")
	}
	return env
}

func makeDemo(t *testing.T, bin string) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "demo.db")
	if out, err := exec.Command(bin, "--db", db, "demo").CombinedOutput(); err != nil {
		t.Fatalf("groupwork demo: %v\n%s", err, out)
	}
	return db
}

// waitForWindow polls until a visible window's name contains title.
func waitForWindow(t *testing.T, display, title string, app *exec.Cmd, exited <-chan error, stderr *bytes.Buffer) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case err := <-exited:
			t.Fatalf("the app exited (%v) before its window appeared:\n%s", err, stderr.String())
		default:
		}
		if strings.Contains(xdisplay.Windows(display), title) {
			return
		}
		time.Sleep(250 * time.Millisecond)
	}
	t.Fatalf("no window named %q appeared in 60 s:\n%s", title, stderr.String())
}

// runWindow starts the app, waits for its window, screenshots it, asks it
// to close the way a logout does (SIGTERM) and checks it ended cleanly.
func runWindow(t *testing.T, bin string, env []string, display, title string, args ...string) string {
	t.Helper()
	app := exec.Command(bin, args...)
	app.Env = env
	var stderr bytes.Buffer
	app.Stdout, app.Stderr = &stderr, &stderr
	if err := app.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- app.Wait() }()
	defer func() {
		if app.ProcessState == nil {
			app.Process.Kill()
		}
	}()
	waitForWindow(t, display, title, app, exited, &stderr)
	shot := xdisplay.Screenshot(t, display)
	if err := app.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-exited:
		if err != nil {
			t.Fatalf("the app ended with %v:\n%s", err, stderr.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatalf("the app did not close within 20 s of SIGTERM:\n%s", stderr.String())
	}
	if s := stderr.String(); strings.Contains(s, "panic:") || strings.Contains(s, "goroutine ") {
		t.Fatalf("the app printed a crash:\n%s", s)
	}
	return shot
}

func TestWindowOpensWithSoftwareRendering(t *testing.T) {
	needTools(t, "Xvfb", "xwininfo", "import")
	bin := buildBinary(t)
	db := makeDemo(t, bin)
	display := xdisplay.Start(t)
	env := appEnv(t, display)

	shot := runWindow(t, bin, env, display, "Groupwork — demo.db", "--db", db)
	if dir := os.Getenv("GROUPWORK_SHOT_DIR"); dir != "" {
		if b, err := os.ReadFile(shot); err == nil {
			os.WriteFile(filepath.Join(dir, "window.png"), b, 0o644)
		}
	}

	// Started without --db, the app opens the file last opened from the
	// File menu, which Fyne keeps in its preferences.
	prefs := filepath.Join(envValue(env, "XDG_CONFIG_HOME"), "fyne", "org.groupwork.app", "preferences.json")
	if err := os.MkdirAll(filepath.Dir(prefs), 0o700); err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(map[string]string{"lastDatabase": db})
	if err := os.WriteFile(prefs, b, 0o600); err != nil {
		t.Fatal(err)
	}
	runWindow(t, bin, env, display, "Groupwork — demo.db")
	if _, err := os.Stat(filepath.Join(envValue(env, "XDG_DATA_HOME"), "groupwork", "groupwork.db")); err == nil {
		t.Error("the default database was made although the remembered one exists")
	}
}

func envValue(env []string, key string) string {
	for _, kv := range env {
		if v, ok := strings.CutPrefix(kv, key+"="); ok {
			return v
		}
	}
	return ""
}

// startFails runs the app where it cannot draw and returns what it said.
func startFails(t *testing.T, bin string, env []string, db string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "--db", db)
	cmd.Env = env
	out, err := cmd.CombinedOutput()
	if ctx.Err() != nil {
		t.Fatalf("the app neither opened nor gave up within 60 s:\n%s", out)
	}
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
		t.Fatalf("want exit status 1, got %v:\n%s", err, out)
	}
	s := string(out)
	if strings.Contains(s, "panic:") || strings.Contains(s, "goroutine ") {
		t.Fatalf("a crash instead of a message:\n%s", s)
	}
	return s
}

func TestNoDisplayIsExplained(t *testing.T) {
	bin := buildBinary(t)
	db := makeDemo(t, bin)
	out := startFails(t, bin, appEnv(t, ""), db)
	if !strings.Contains(out, "Groupwork cannot open its window: there is no screen to show it on") ||
		!strings.Contains(out, "groupwork help") {
		t.Fatalf("the message does not say what happened and what to do:\n%s", out)
	}
}

func TestNoOpenGLIsExplained(t *testing.T) {
	needTools(t, "Xvfb")
	bin := buildBinary(t)
	db := makeDemo(t, bin)
	display := xdisplay.Start(t, "-extension", "GLX") // a display without OpenGL
	out := startFails(t, bin, appEnv(t, display), db)
	if !strings.Contains(out, "Groupwork cannot open its window: the display offers no usable OpenGL 2.1") ||
		!strings.Contains(out, "LIBGL_ALWAYS_SOFTWARE=1") ||
		!strings.Contains(out, "Details: APIUnavailable: GLX: GLX extension not found") {
		t.Fatalf("the message does not say what happened, why and what to do:\n%s", out)
	}
	if _, err := os.Stat(db); err != nil {
		t.Fatal(err)
	}
}

// The command line says what it was asked and nothing of the computer's
// language: under the C locale, however spelled, Fyne has no language to
// read and must not log that it could not parse one.
func TestCommandLineIsQuietInTheCLocale(t *testing.T) {
	bin := buildBinary(t)
	db := makeDemo(t, bin)
	for _, locale := range []string{"LANG=C", "LANG=C.UTF-8", "LANG=POSIX", "LC_ALL=C.UTF-8", "LANG=en_US.UTF-8"} {
		env := append(appEnv(t, ""), locale)
		cmd := exec.Command(bin, "--db", db, "check")
		cmd.Env = env
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("%s groupwork check: %v\n%s%s", locale, err, stdout.String(), stderr.String())
		}
		if stderr.Len() != 0 || !strings.Contains(stdout.String(), "integrity ok") {
			t.Errorf("%s groupwork check said:\n%s\nand on stderr:\n%s", locale, stdout.String(), stderr.String())
		}
	}
}
