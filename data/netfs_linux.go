package data

import "os"

func networkLocation(path string) (string, bool) {
	mounts, err := os.ReadFile("/proc/mounts")
	if err != nil {
		return "", false
	}
	return networkFS(string(mounts), resolved(path))
}
