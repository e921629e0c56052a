//go:build !darwin

package glcheck

import (
	"fmt"
	"os"
	"runtime"

	"github.com/go-gl/glfw/v3.3/glfw"
)

// Check opens and closes an invisible window with the OpenGL version Fyne
// asks for, and returns a *Problem when that fails. It must run on the main
// goroutine before Fyne opens its first window.
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
	if err := glfw.Init(); err != nil {
		return &Problem{Cause: err.Error(), NoDisplay: runtime.GOOS != "windows"}
	}
	defer glfw.Terminate()
	glfw.DefaultWindowHints()
	glfw.WindowHint(glfw.Visible, glfw.False)
	glfw.WindowHint(glfw.ContextVersionMajor, 2)
	glfw.WindowHint(glfw.ContextVersionMinor, 1)
	w, err := glfw.CreateWindow(16, 16, "Groupwork", nil, nil)
	if err != nil {
		return &Problem{Cause: err.Error()}
	}
	w.Destroy()
	glfw.DefaultWindowHints()
	return nil
}
