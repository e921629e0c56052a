//go:build !unix

package data

// RestrictNewFiles does nothing where files have no Unix permission bits;
// on Windows the per-user data folder is already private to its owner.
func RestrictNewFiles() {}
