//go:build unix

package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"groupwork/data"
	"groupwork/internal/benchready"
	"groupwork/internal/xdisplay"
)

// What go test cannot measure: whole programs. Groupwork and a bare Fyne
// window are started alternately on a virtual display (Xvfb, drawn by
// Mesa's software renderer), each timed from exec to the first turn of its
// window's event loop (benchready's "up": the window shows and answers),
// and their resident memory read once Groupwork has opened each of its
// screens; the stock sqlite3 shell writes the attendance export's rows as
// CSV; and the large sample is made from nothing.

// measureOutside takes the measurements, count times each, in dir.
func measureOutside(ctx context.Context, dir, sample string, count int) (outside, error) {
	var out outside
	bin := filepath.Join(dir, "bin")
	for pkg, name := range map[string]string{"./cmd/groupwork": "groupwork", "./internal/barewindow": "bare"} {
		cmd := exec.CommandContext(ctx, "go", "build", "-o", filepath.Join(bin, name), pkg)
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		if err := cmd.Run(); err != nil {
			return out, fmt.Errorf("building %s: %w", pkg, err)
		}
	}
	var errs []error
	if err := measureWindows(ctx, &out, dir, bin, sample, count); err != nil {
		errs = append(errs, fmt.Errorf("windows: %w", err))
	}
	if err := measureShell(ctx, &out, sample, count); err != nil {
		errs = append(errs, fmt.Errorf("sqlite3 shell: %w", err))
	}
	for i := 0; i < min(count, 3); i++ { // twenty seconds each
		fmt.Fprintf(os.Stderr, "demo --size large, run %d\n", i+1)
		db := filepath.Join(dir, fmt.Sprintf("demo-%d.db", i))
		began := time.Now()
		cmd := exec.CommandContext(ctx, filepath.Join(bin, "groupwork"), "--db", db, "demo", "--size", "large")
		cmd.Stderr = os.Stderr
		if err := cmd.Run(); err != nil {
			errs = append(errs, fmt.Errorf("demo: %w", err))
			break
		}
		out.demo = append(out.demo, float64(time.Since(began)))
		for _, suffix := range []string{"", "-wal", "-shm"} {
			os.Remove(db + suffix)
		}
	}
	return out, errors.Join(errs...)
}

// measureWindows starts Groupwork on a copy of the sample and the bare
// window, alternately, count times each, after one start of each that is
// not counted (it fills the system's caches, and makes Groupwork's backup
// of the day, which would otherwise run beside every start measured).
func measureWindows(ctx context.Context, out *outside, dir, bin, sample string, count int) error {
	display, stop, err := xdisplay.Launch()
	if err != nil {
		return err
	}
	defer stop()
	home := filepath.Join(dir, "home")
	work := filepath.Join(dir, "work.db")
	if err := copyFile(sample, work); err != nil {
		return err
	}
	env := append(os.Environ(), "DISPLAY="+display, "HOME="+home, "XDG_CONFIG_HOME="+filepath.Join(home, ".config"),
		"XDG_DATA_HOME="+filepath.Join(home, ".local", "share"), benchready.Visit+"=1")
	app := []string{filepath.Join(bin, "groupwork"), "--db", work}
	bare := []string{filepath.Join(bin, "bare")}
	if _, _, err := startWindow(ctx, env, app, func() error { return waitBackup(ctx, work) }); err != nil {
		return fmt.Errorf("groupwork: %w", err)
	}
	if _, _, err := startWindow(ctx, env, bare, nil); err != nil {
		return fmt.Errorf("bare window: %w", err)
	}
	for i := 0; i < count; i++ {
		fmt.Fprintf(os.Stderr, "windows, run %d of %d\n", i+1, count)
		up, rss, err := startWindow(ctx, env, bare, nil)
		if err != nil {
			return fmt.Errorf("bare window: %w", err)
		}
		out.bareStart, out.bareRSS = append(out.bareStart, float64(up)), append(out.bareRSS, rss)
		up, rss, err = startWindow(ctx, env, app, nil)
		if err != nil {
			return fmt.Errorf("groupwork: %w", err)
		}
		out.appStart, out.appRSS = append(out.appStart, float64(up)), append(out.appRSS, rss)
	}
	return nil
}

// startWindow starts a program whose window announces itself (benchready)
// and returns the time to its "up", and its resident memory once it has
// "visited" its screens and settled for two seconds. Then, after
// settled, it is stopped.
func startWindow(ctx context.Context, env, argv []string, settled func() error) (up time.Duration, rss float64, err error) {
	r, w, err := os.Pipe()
	if err != nil {
		return 0, 0, err
	}
	defer r.Close()
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	cmd.Env = append(env, benchready.FD+"=3")
	cmd.ExtraFiles = []*os.File{w}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	began := time.Now()
	if err := cmd.Start(); err != nil {
		w.Close()
		return 0, 0, err
	}
	w.Close()
	defer func() {
		cmd.Process.Kill()
		cmd.Wait()
	}()
	lines := make(chan string, 2)
	go func() {
		sc := bufio.NewScanner(r)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	wait := func(want string) error {
		select {
		case l, ok := <-lines:
			if !ok || l != want {
				return fmt.Errorf("it stopped before its window was %s: %s", want, strings.TrimSpace(stderr.String()))
			}
			return nil
		case <-time.After(2 * time.Minute):
			return fmt.Errorf("no window %s after two minutes", want)
		}
	}
	if err := wait("up"); err != nil {
		return 0, 0, err
	}
	up = time.Since(began)
	if err := wait("visited"); err != nil {
		return 0, 0, err
	}
	time.Sleep(2 * time.Second) // what the screens load in the background
	rss, err = residentMemory(cmd.Process.Pid)
	if err == nil && settled != nil {
		err = settled()
	}
	return up, rss, err
}

// residentMemory is a process's VmRSS, in bytes.
func residentMemory(pid int) (float64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, "VmRSS:"); ok {
			kb, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 64)
			return kb * 1024, err
		}
	}
	return 0, errors.New("no VmRSS")
}

// waitBackup waits for the day's backup of the file at path.
func waitBackup(ctx context.Context, path string) error {
	for end := time.Now().Add(5 * time.Minute); time.Now().Before(end); time.Sleep(200 * time.Millisecond) {
		list, _ := data.ListBackups(data.BackupFolder(path, data.Settings{}), path)
		if len(list) > 0 && data.DateOf(list[0].Taken) == data.DateOf(time.Now()) {
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
	return errors.New("the day's backup was not made in five minutes")
}

// exportQuery is the attendance export's lines (data.EachAttendanceRow
// without its filters) as one query gives them to the shell: the same
// rows, in the same order, from the same join in the same index order.
// The export itself reads the names apart and orders each session's
// members itself, which a single query cannot do.
const exportQuery = `SELECT g.name, s.date, s.start_time, coalesce(c.record_number, ''),
	c.last_name, c.first_name, a.status, a.minutes, a.comment
	FROM groups g CROSS JOIN sessions s CROSS JOIN attendance a CROSS JOIN clients c
	WHERE s.group_id = g.id AND a.session_id = s.id AND c.id = a.client_id
	ORDER BY g.sort_key, g.id, s.date, s.start_time, c.sort_key, c.id`

// measureShell times the sqlite3 shell writing the export's rows as CSV,
// to nowhere, as the benchmark's export writes them.
func measureShell(ctx context.Context, out *outside, sample string, count int) error {
	for i := 0; i < count; i++ {
		cmd := exec.CommandContext(ctx, "sqlite3", "-readonly", "-csv", "-header", sample, exportQuery)
		var stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = io.Discard, &stderr
		began := time.Now()
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("%v: %s", err, stderr.String())
		}
		out.shellExport = append(out.shellExport, float64(time.Since(began)))
	}
	return nil
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
