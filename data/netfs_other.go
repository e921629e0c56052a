//go:build !linux && !darwin && !windows

package data

func networkLocation(path string) (string, bool) { return "", false }
