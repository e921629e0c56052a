//go:build !windows

package glcheck

// messageBox has no counterpart here: standard error is where a terminal,
// a desktop launcher's log or the journal will show the message.
func messageBox(title, text string) bool { return false }
