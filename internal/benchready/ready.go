// Package benchready lets `make bench` see a window come up: when the
// environment names a file descriptor in GROUPWORK_READY_FD, the program
// writes "up" to it once its window's event loop has run (the window is
// showing and answers), then "visited" once it has opened each of its
// screens, if GROUPWORK_READY_VISIT is set. Without it, nothing happens.
package benchready

import (
	"fmt"
	"os"
	"strconv"

	"fyne.io/fyne/v2"
)

// Environment variables read by Announce.
const (
	FD    = "GROUPWORK_READY_FD"
	Visit = "GROUPWORK_READY_VISIT"
)

// Announce starts the announcements; call it just before ShowAndRun.
// visit, run on the window's thread, opens each screen once (nil: the
// program has one).
func Announce(visit func()) {
	n, err := strconv.Atoi(os.Getenv(FD))
	if err != nil || n < 3 {
		return
	}
	f := os.NewFile(uintptr(n), "ready")
	if f == nil {
		return
	}
	go func() {
		defer f.Close()
		fyne.DoAndWait(func() {})
		fmt.Fprintln(f, "up")
		if visit != nil && os.Getenv(Visit) != "" {
			fyne.DoAndWait(visit)
			fyne.DoAndWait(func() {}) // what the screens handed back meanwhile
		}
		fmt.Fprintln(f, "visited")
	}()
}
