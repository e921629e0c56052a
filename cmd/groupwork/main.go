// Command groupwork is the Groupwork app: with no command it opens the
// window; with one (see `groupwork help`) it runs it without a display.
package main

import (
	"context"
	"fmt"
	"os"

	"fyne.io/fyne/v2/app"

	"groupwork/internal/cli"
	"groupwork/internal/version"
	"groupwork/ui"
)

func main() {
	inv, err := cli.Parse(os.Args[1:])
	if err != nil {
		fmt.Fprintln(os.Stderr, "groupwork:", err)
		os.Exit(2)
	}
	if inv.Command != "" {
		os.Exit(inv.Run(context.Background(), os.Stdin, os.Stdout, os.Stderr))
	}
	path, err := inv.DatabasePath()
	if err != nil {
		fmt.Fprintln(os.Stderr, "groupwork: cannot find the data folder:", err)
		os.Exit(1)
	}
	os.Exit(ui.Run(app.NewWithID(version.AppID), path))
}
