// Package glcheck finds out whether this computer can draw the window:
// Check, before the window is made, that there is a screen; Show, as it
// is made, that the screen offers OpenGL 2.1, which Fyne needs. Without it
// (Remote Desktop, Citrix, virtual machines, no graphics driver) Fyne
// panics with a stack trace or goes on with no window, which tells a
// caseworker nothing.
package glcheck

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"strings"
)

// Problem is why the window cannot open, in words a person can act on.
type Problem struct {
	Cause     string // what the graphics system said
	NoDisplay bool
}

func (p *Problem) Error() string { return Explain(p) }

// Explain says what went wrong and what to do about it on this system.
func Explain(err error) string { return explain(err, runtime.GOOS) }

func explain(err error, goos string) string {
	var p *Problem
	if !errors.As(err, &p) {
		p = &Problem{Cause: err.Error()}
	}
	var b strings.Builder
	switch {
	case p.NoDisplay:
		b.WriteString("Groupwork cannot open its window: there is no screen to show it on (no desktop session was found).\n\n" +
			"Start Groupwork from the desktop, or use its commands without a window: run 'groupwork help' to see them.")
	case goos == "windows":
		b.WriteString("Groupwork cannot open its window: this computer's graphics do not offer OpenGL 2.1, which Groupwork needs to draw it. " +
			"This is common over Remote Desktop or Citrix and in virtual machines.\n\n" +
			"To fix it, copy the files from the \"software-rendering\" folder in Groupwork's folder into the folder that holds Groupwork.exe, " +
			"and start Groupwork again. If there is no such folder, ask whoever looks after your computers to install the graphics driver, " +
			"or Mesa's software renderer as \"Read me.txt\" in Groupwork's folder explains.")
	case goos == "darwin":
		b.WriteString("Groupwork cannot open its window: macOS did not give it an OpenGL drawing surface.\n\n" +
			"Restart the Mac and try again; if it still fails, ask your IT support to check the Mac's graphics.")
	default:
		b.WriteString("Groupwork cannot open its window: the display offers no usable OpenGL 2.1.\n\n" +
			"Install your system's OpenGL drivers (on Debian or Ubuntu: sudo apt-get install libgl1-mesa-dri), " +
			"or start Groupwork with LIBGL_ALWAYS_SOFTWARE=1 to draw without the graphics card.")
	}
	if p.Cause != "" {
		fmt.Fprintf(&b, "\n\nDetails: %s", p.Cause)
	}
	return b.String()
}

// Tell shows msg to the person: in a message box on Windows, where a
// program started by double-click has no console, and on standard error
// elsewhere.
func Tell(msg string) { Inform("Groupwork cannot start", msg) }

// Inform shows msg under title, as Tell does.
func Inform(title, msg string) {
	if !messageBox(title, msg) {
		fmt.Fprintln(os.Stderr, msg)
	}
}
