// Command groupwork is the Groupwork app: with no command it opens the
// window; with one (see `groupwork help`) it runs it without a display.
package main

import (
	"context"
	"fmt"
	"os"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"groupwork/data"
	"groupwork/internal/cli"
	"groupwork/internal/glcheck"
	"groupwork/internal/version"
	"groupwork/ui"
)

func main() {
	// Client records: whatever the app writes (exports, PDFs, backups) is
	// readable by its owner only.
	data.RestrictNewFiles()
	inv, err := cli.Parse(os.Args[1:])
	if err != nil {
		fmt.Fprintln(os.Stderr, "groupwork:", err)
		os.Exit(2)
	}
	if inv.Command != "" {
		os.Exit(inv.Run(context.Background(), os.Stdin, os.Stdout, os.Stderr))
	}
	a := app.NewWithID(version.AppID)
	if inv.DB == "" {
		inv.DB = ui.LastDatabase(a.Preferences())
	}
	path, notMoved, err := inv.DatabasePath(context.Background())
	if err != nil {
		fmt.Fprintln(os.Stderr, "groupwork: cannot find the data folder:", err)
		os.Exit(1)
	}
	// The file opens, and its first screen is read, while the graphics
	// start: see ui.Opening.
	opening := ui.StartOpening(a, path)
	ui.StartReadingFonts()
	if err := glcheck.Check(); err != nil {
		opening.Abandon()
		glcheck.Tell(glcheck.Explain(err))
		os.Exit(1)
	}
	if notMoved != nil {
		glcheck.Inform("Groupwork", notMoved.Error())
	}
	w, h := glcheck.WorkArea()
	os.Exit(run(a, opening, fyne.NewSize(w, h)))
}

// run opens the window. Should the graphics system still fail after the
// check, the person reads why instead of a stack trace; other panics are
// bugs and keep theirs.
func run(a fyne.App, opening *ui.Opening, screen fyne.Size) (code int) {
	defer func() {
		if r := recover(); r != nil {
			msg := fmt.Sprint(r)
			if !strings.Contains(msg, "GLFW") && !strings.Contains(msg, "OpenGL") && !strings.Contains(msg, "WGL") && !strings.Contains(msg, "GLX") {
				panic(r)
			}
			glcheck.Tell(glcheck.Explain(&glcheck.Problem{Cause: msg}))
			code = 1
		}
	}()
	return ui.Run(a, opening, screen)
}
