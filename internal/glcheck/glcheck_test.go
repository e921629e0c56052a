package glcheck

import (
	"errors"
	"log"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver"
	"fyne.io/fyne/v2/test"
)

// Each system's message names the problem, what to do, and the cause.
func TestExplain(t *testing.T) {
	cause := "VersionUnavailable: WGL: OpenGL 2.1 is not supported"
	for _, c := range []struct {
		goos string
		err  error
		want []string
	}{
		{"windows", &Problem{Cause: cause}, []string{"do not offer OpenGL 2.1", "Remote Desktop", `"software-rendering"`, "Groupwork.exe", `"Read me.txt"`, "Details: " + cause}},
		{"linux", &Problem{Cause: "GLX: GLX extension not found"}, []string{"no usable OpenGL 2.1", "libgl1-mesa-dri", "LIBGL_ALWAYS_SOFTWARE=1"}},
		{"linux", &Problem{NoDisplay: true}, []string{"no screen to show it on", "groupwork help"}},
		{"darwin", errors.New("NSGL: failed"), []string{"macOS", "Details: NSGL: failed"}},
	} {
		got := explain(c.err, c.goos)
		for _, w := range c.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: %q missing from\n%s", c.goos, w, got)
			}
		}
		if strings.Contains(got, "goroutine") || strings.Contains(got, "panic") {
			t.Errorf("%s: reads like a crash:\n%s", c.goos, got)
		}
	}
}

// nativeWindow is a window whose system's window is, or is not, there.
type nativeWindow struct {
	fyne.Window
	context any
}

func (w nativeWindow) RunNative(f func(any)) { f(w.context) }

// A window is drawn when the system gave it a handle; Fyne passes an
// empty one when making the window failed.
func TestDrawn(t *testing.T) {
	for _, c := range []struct {
		context any
		want    bool
	}{
		{driver.X11WindowContext{WindowHandle: 0x400007}, true},
		{driver.X11WindowContext{}, false},
		{driver.WindowsWindowContext{HWND: 0x1a2b}, true},
		{driver.WindowsWindowContext{}, false},
		{driver.MacWindowContext{NSWindow: 0x7f00}, true},
		{driver.MacWindowContext{}, false},
		{driver.WaylandWindowContext{WaylandSurface: 0x55}, true},
		{driver.WaylandWindowContext{}, false},
	} {
		if got := drawn(nativeWindow{context: c.context}); got != c.want {
			t.Errorf("drawn with %#v = %v, want %v", c.context, got, c.want)
		}
	}
	if !drawn(test.NewTempWindow(t, nil)) {
		t.Error("Fyne's test window, which has no system's window to make, was not taken as drawn")
	}
}

// The cause is what Fyne logged after "Cause:" for the window it could
// not make, without its time stamp, whatever else was logged around it.
func TestLoggedCause(t *testing.T) {
	said := "2026/12/03 12:46:01 Fyne error:  Preferences load error:\n" +
		"2026/12/03 12:46:01   Cause: EOF\n" +
		"2026/12/03 12:46:01 Fyne error:  window creation error\n" +
		"2026/12/03 12:46:01   Cause: APIUnavailable: GLX: GLX extension not found\n" +
		"2026/12/03 12:46:01   At: driver.go:147\n"
	if got, want := loggedCause(said), "APIUnavailable: GLX: GLX extension not found"; got != want {
		t.Errorf("loggedCause = %q, want %q", got, want)
	}
	if got := loggedCause("something else went wrong\n"); got != "something else went wrong" {
		t.Errorf("with no cause line, loggedCause = %q", got)
	}
	if got := loggedCause(""); got != "the window could not be created" {
		t.Errorf("with nothing logged, loggedCause = %q", got)
	}
}

// panicWindow is a window whose making panics, as GLFW does when no pixel
// format suits.
type panicWindow struct{ fyne.Window }

func (panicWindow) Show() { panic("FormatUnavailable: WGL: Failed to find a suitable pixel format") }

// A panic while the window is made is a problem to explain, not a crash,
// and the log is left as it was.
func TestShowTurnsAPanicIntoAProblem(t *testing.T) {
	before := log.Writer()
	err := Show(panicWindow{})
	var p *Problem
	if !errors.As(err, &p) || !strings.Contains(p.Cause, "suitable pixel format") {
		t.Fatalf("Show = %v, want a problem naming the pixel format", err)
	}
	if log.Writer() != before {
		t.Error("Show left the log writing to its copy")
	}
}
