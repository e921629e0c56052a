// Package xdisplay gives tests a virtual X display (Xvfb), drawn by Mesa's
// software renderer, and reads what is on it: the windows' names and a
// screenshot. Tests of the Linux program and of the Windows one under
// Wine share it.
package xdisplay

import (
	"bufio"
	"bytes"
	"fmt"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Start starts Xvfb and returns the display's name, e.g. ":99"; it stops
// when the test ends.
func Start(t testing.TB, extra ...string) string {
	t.Helper()
	display, stop, err := Launch(extra...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	return display
}

// Launch starts Xvfb at 1280×800 and returns the display's name and a way
// to stop it; extra are more of Xvfb's arguments.
func Launch(extra ...string) (display string, stop func(), err error) {
	r, w, err := os.Pipe()
	if err != nil {
		return "", nil, err
	}
	defer r.Close()
	args := append([]string{"-displayfd", "3", "-screen", "0", "1280x800x24", "-nolisten", "tcp"}, extra...)
	x := exec.Command("Xvfb", args...)
	x.ExtraFiles = []*os.File{w}
	var xerr bytes.Buffer
	x.Stderr = &xerr
	if err := x.Start(); err != nil {
		w.Close()
		return "", nil, fmt.Errorf("Xvfb: %w", err)
	}
	w.Close()
	stop = func() { x.Process.Kill(); x.Wait() }
	got := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(r).ReadString('\n')
		got <- strings.TrimSpace(line)
	}()
	select {
	case n := <-got:
		if n != "" {
			return ":" + n, stop, nil
		}
	case <-time.After(20 * time.Second):
	}
	stop()
	return "", nil, fmt.Errorf("Xvfb did not start: %s", xerr.String())
}

// Windows lists the display's windows as xwininfo names them.
func Windows(display string) string {
	out, _ := exec.Command("xwininfo", "-display", display, "-root", "-tree").Output()
	return string(out)
}

// Screenshot captures the display until it shows more than a blank
// screen (the first frames may still be empty), and returns the PNG's path.
func Screenshot(t testing.TB, display string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "window.png")
	var colours int
	for i := 0; i < 60; i++ {
		if out, err := exec.Command("import", "-display", display, "-window", "root", path).CombinedOutput(); err != nil {
			t.Fatalf("import: %v\n%s", err, out)
		}
		colours = CountColours(t, path)
		if colours > 16 { // text on a background: anti-aliasing alone makes dozens
			return path
		}
		time.Sleep(250 * time.Millisecond)
	}
	t.Fatalf("the window stayed blank (%d colours on screen)", colours)
	return ""
}

// CountColours counts the colours in a PNG, sampling every other pixel.
func CountColours(t testing.TB, path string) int {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("screenshot %s: %v", path, err)
	}
	seen := map[[4]uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, a := img.At(x, y).RGBA()
			seen[[4]uint32{r, g, bl, a}] = true
		}
	}
	return len(seen)
}
