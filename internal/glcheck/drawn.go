package glcheck

import (
	"bytes"
	"fmt"
	"io"
	"log"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver"
)

// Show shows w, on the main goroutine before the app runs, and returns a
// *Problem when the computer could not draw it. Fyne makes the system's
// window, with its OpenGL context, in Show. When the computer offers no
// OpenGL 2.1, either GLFW panics (no suitable pixel format) or Fyne logs
// the failure and goes on, and its event loop would then run with no
// window: a process nobody can see or close, holding the database. So the
// caller runs the app only when Show returns nil.
func Show(w fyne.Window) (err error) {
	// Fyne tells the cause only to its log; keep a copy of what it says.
	var said bytes.Buffer
	out := log.Writer()
	log.SetOutput(io.MultiWriter(out, &said))
	defer func() {
		log.SetOutput(out)
		if r := recover(); r != nil {
			err = &Problem{Cause: fmt.Sprint(r)}
		}
	}()
	w.Show()
	if drawn(w) {
		return nil
	}
	return &Problem{Cause: loggedCause(said.String())}
}

// loggedCause is the cause Fyne logged for the window it could not make
// (the "  Cause: ..." line after "window creation error"), or the whole of
// what was logged when it names none.
func loggedCause(said string) string {
	lines := strings.Split(said, "\n")
	for i, line := range lines {
		if !strings.Contains(line, "window creation error") {
			continue
		}
		for _, next := range lines[i+1:] {
			if _, cause, ok := strings.Cut(next, "Cause: "); ok {
				return strings.TrimSpace(cause)
			}
		}
	}
	if s := strings.TrimSpace(said); s != "" {
		return s
	}
	return "the window could not be created"
}

// drawn tells whether w has a window of the system's behind it.
func drawn(w fyne.Window) bool {
	native, ok := w.(driver.NativeWindow)
	if !ok {
		return true // a window with no system's window to make (Fyne's test driver)
	}
	made := true
	native.RunNative(func(context any) {
		switch c := context.(type) {
		case driver.X11WindowContext:
			made = c.WindowHandle != 0
		case driver.WindowsWindowContext:
			made = c.HWND != 0
		case driver.MacWindowContext:
			made = c.NSWindow != 0
		case driver.WaylandWindowContext:
			made = c.WaylandSurface != 0
		}
	})
	return made
}
