package data

import (
	"path/filepath"
	"strings"

	"golang.org/x/sys/windows"
)

func networkLocation(path string) (string, bool) {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	if strings.HasPrefix(abs, `\\`) && !strings.HasPrefix(abs, `\\?\`) && !strings.HasPrefix(abs, `\\.\`) {
		return "the network folder " + filepath.VolumeName(abs), true
	}
	vol := filepath.VolumeName(abs)
	if len(vol) != 2 || vol[1] != ':' {
		return "", false
	}
	root, err := windows.UTF16PtrFromString(vol + `\`)
	if err != nil {
		return "", false
	}
	if windows.GetDriveType(root) == windows.DRIVE_REMOTE {
		return "the mapped network drive " + vol, true
	}
	return "", false
}
