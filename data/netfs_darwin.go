package data

import (
	"path/filepath"

	"golang.org/x/sys/unix"
)

func networkLocation(path string) (string, bool) {
	var st unix.Statfs_t
	if err := unix.Statfs(filepath.Dir(resolved(path)), &st); err != nil {
		return "", false
	}
	fstype := unix.ByteSliceToString(st.Fstypename[:])
	if networkTypes[fstype] {
		return fstype + " share mounted at " + unix.ByteSliceToString(st.Mntonname[:]), true
	}
	return "", false
}
