package glcheck

import (
	"errors"
	"strings"
	"testing"
)

// Each system's message names the problem, what to do, and the cause.
func TestExplain(t *testing.T) {
	cause := "VersionUnavailable: WGL: OpenGL 2.1 is not supported"
	for _, c := range []struct {
		goos string
		err  error
		want []string
	}{
		{"windows", &Problem{Cause: cause}, []string{"do not offer OpenGL 2.1", "Remote Desktop", `"software-rendering"`, "Groupwork.exe", `"Read me.txt"`, "Details: " + cause}},
		{"linux", &Problem{Cause: "GLX: GLX extension not found"}, []string{"no usable OpenGL 2.1", "libgl1-mesa-dri", "LIBGL_ALWAYS_SOFTWARE=1"}},
		{"linux", &Problem{NoDisplay: true}, []string{"no screen to show it on", "groupwork help"}},
		{"darwin", errors.New("NSGL: failed"), []string{"macOS", "Details: NSGL: failed"}},
	} {
		got := explain(c.err, c.goos)
		for _, w := range c.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: %q missing from\n%s", c.goos, w, got)
			}
		}
		if strings.Contains(got, "goroutine") || strings.Contains(got, "panic") {
			t.Errorf("%s: reads like a crash:\n%s", c.goos, got)
		}
	}
}
