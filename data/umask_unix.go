//go:build unix

package data

import "syscall"

// RestrictNewFiles makes every file the process creates from now on
// owner-only, including those made by libraries (PDF and CSV writers, the
// file dialog) that do not pass a mode of their own.
func RestrictNewFiles() { syscall.Umask(0o077) }
