//go:build !darwin

package glcheck

import (
	"fmt"
	"os"
	"runtime"

	"github.com/go-gl/glfw/v3.3/glfw"
)

// Check finds out whether there is a screen to open the window on, and
// starts GLFW for Fyne, on the main goroutine before Fyne opens its first
// window. Whether that screen offers OpenGL 2.1 is learnt from the
// window itself: see Show. A hidden window made only to ask cost every
// start a second OpenGL context, 60 to 90 ms under Mesa's software
// renderer, to learn what Fyne's own window tells for nothing.
func Check() (err error) {
	if runtime.GOOS != "windows" && os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
		return &Problem{NoDisplay: true, Cause: "neither DISPLAY nor WAYLAND_DISPLAY is set"}
	}
	// GLFW panics on some errors instead of returning them.
	defer func() {
		if r := recover(); r != nil {
			err = &Problem{Cause: fmt.Sprint(r)}
		}
	}()
	// Once it works GLFW stays initialised, and Fyne's own glfw.Init
	// then does nothing: initialising it a second time (the display's
	// connection, the OpenGL driver loaded again) cost about half a
	// second of every start under Mesa's software renderer.
	if err := glfw.Init(); err != nil {
		return &Problem{Cause: err.Error(), NoDisplay: runtime.GOOS != "windows"}
	}
	return nil
}

// WorkArea is the size of the primary screen less its task bar or dock, in
// Fyne's units (pixels over the screen's scale), for sizing the first
// window to the screen it opens on: Fyne has no call for it. Zero when it
// cannot be read. It runs on the main goroutine after Check succeeded, and
// reads the screen through the GLFW that Check left initialised for Fyne:
// ending GLFW here would have Fyne start it all over again.
func WorkArea() (width, height float32) {
	defer func() {
		if r := recover(); r != nil { // GLFW not initialised, or no screen
			width, height = 0, 0
		}
	}()
	m := glfw.GetPrimaryMonitor()
	if m == nil {
		return 0, 0
	}
	_, _, w, h := m.GetWorkarea()
	sx, sy := m.GetContentScale()
	if w <= 0 || h <= 0 || sx <= 0 || sy <= 0 {
		return 0, 0
	}
	return float32(w) / sx, float32(h) / sy
}
