//go:build unix

package pgtest

import (
	"errors"
	"os/exec"
	"syscall"
)

// setUser makes c run as who, with no supplementary groups.
func setUser(c *exec.Cmd, who runAs) {
	c.SysProcAttr = &syscall.SysProcAttr{
		Credential: &syscall.Credential{Uid: uint32(who.uid), Gid: uint32(who.gid)},
	}
}

// alive tells whether a process pid exists (a process of another user
// counts too).
func alive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
