//go:build !windows

package data

// privateFolder has nothing to add where MkdirPrivate's mode already
// keeps the folder its owner's.
func privateFolder(dir string) error { return nil }
