package data

import (
	"fmt"
	"path/filepath"
	"strings"
)

// SQLite's locking, which keeps two people's saves apart, is not reliable
// on network file systems: a database there can be damaged or lose its
// last changes. Groupwork opens it anyway but says so.

// networkTypes are the file system types of network shares, as Linux names
// them in /proc/mounts and macOS in statfs.
var networkTypes = map[string]bool{
	"nfs": true, "nfs4": true, "cifs": true, "smb3": true, "smbfs": true, "smb2": true,
	"afpfs": true, "afs": true, "ncpfs": true, "webdav": true, "davfs": true, "9p": true,
	"fuse.sshfs": true, "fuse.davfs2": true, "fuse.rclone": true, "glusterfs": true, "ceph": true,
}

// NetworkShareWarning is a caseworker's explanation of why the database
// at path should not stay where it is, or "" when it is on this computer.
func NetworkShareWarning(path string) string {
	where, ok := networkLocation(path)
	if !ok {
		return ""
	}
	return fmt.Sprintf("Your Groupwork file is on a network drive (%s). Groupwork is made to keep its file on this computer: "+
		"on a shared or network drive, a dropped connection or two people saving at the same moment can damage the file or lose the last changes. "+
		"Ask whoever looks after your computers to help you move the file onto this computer, and let the automatic backups keep a second copy.", where)
}

// networkFS finds the file system holding path in a /proc/mounts listing
// and reports its type when it is a network one.
func networkFS(mounts, path string) (string, bool) {
	path = filepath.Clean(path)
	best, bestType := "", ""
	for _, line := range strings.Split(mounts, "\n") {
		f := strings.Fields(line)
		if len(f) < 3 {
			continue
		}
		mp := unescapeMount(f[1])
		if !within(path, mp) || len(mp) < len(best) {
			continue
		}
		best, bestType = mp, f[2]
	}
	if best != "" && networkTypes[bestType] {
		return bestType + " share mounted at " + best, true
	}
	return "", false
}

func within(path, dir string) bool {
	if dir == "/" {
		return strings.HasPrefix(path, "/")
	}
	return path == dir || strings.HasPrefix(path, dir+"/")
}

// unescapeMount decodes the octal escapes (\040 for a space) of /proc/mounts.
func unescapeMount(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+3 < len(s) {
			var v int
			if _, err := fmt.Sscanf(s[i+1:i+4], "%03o", &v); err == nil {
				b.WriteByte(byte(v))
				i += 3
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// resolved is the absolute path of the folder holding path, with symbolic
// links followed, so a link to a share is seen for what it is.
func resolved(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return path
	}
	dir := filepath.Dir(abs)
	if r, err := filepath.EvalSymlinks(dir); err == nil {
		dir = r
	}
	return filepath.Join(dir, filepath.Base(abs))
}
