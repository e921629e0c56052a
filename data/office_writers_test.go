package data

import (
	"math/rand"
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"groupwork/internal/pgtest"
)

// An office's desktops write one database at once for a minute, as the
// writer processes of the crash tests: one of them is killed part-way
// through imports again and again, and the server restarts half-way.

const (
	// officeRunFor is how long the desktops write. Set
	// GROUPWORK_TEST_OFFICE_FOR (a duration), or run with -short, for a
	// shorter run while working on the store.
	officeRunFor   = 60 * time.Second
	officeDesktops = 8
)

func officeDuration() time.Duration {
	if d, err := time.ParseDuration(os.Getenv("GROUPWORK_TEST_OFFICE_FOR")); err == nil && d > 0 {
		return d
	}
	if testing.Short() {
		return 10 * time.Second
	}
	return officeRunFor
}

// killedMidImport is what the desktop that keeps being killed did.
type killedMidImport struct {
	done, unsure, errs []string
	kills, midImport   int
}

// killImporters starts a desktop writing share's sessions, kills it with
// SIGKILL part-way through an import, and again, until stop.
func killImporters(t *testing.T, dsn, share string, stop time.Time) killedMidImport {
	var k killedMidImport
	rng := rand.New(rand.NewSource(time.Now().UnixNano()))
	for run := 1; time.Now().Before(stop); run++ {
		// Seeds above the other desktops', growing: a later run's writes
		// are numbered after an earlier run's.
		w := startWriter(t, dsn, officeDesktops*run, share, "")
		var began string
		select {
		case began = <-w.began:
			// An import of importSize clients takes tens of milliseconds.
			time.Sleep(time.Duration(rng.Intn(40)) * time.Millisecond)
		case <-time.After(time.Until(stop)):
		}
		if err := w.cmd.Process.Signal(syscall.SIGKILL); err == nil {
			k.kills++
		}
		done, errs := w.wait()
		k.done, k.errs, k.unsure = append(k.done, done...), append(k.errs, errs...), append(k.unsure, w.unsure...)
		if f := strings.Fields(began); len(f) == 3 {
			finished := false
			for _, line := range done {
				finished = finished || strings.HasPrefix(line, "import "+f[2]+" ")
			}
			if !finished {
				k.midImport++
			}
		}
	}
	return k
}

func TestOfficeEightDesktopsWriteForAMinute(t *testing.T) {
	if os.Getenv(envWriterDB) != "" {
		t.Skip("inside the writer")
	}
	dsn := pgtest.DB(t)
	server := pgtest.Shared(t)
	writeFixture(t, dsn)
	runFor := officeDuration()
	began := time.Now()
	stop := began.Add(runFor)

	var steady []*writer
	for i := 0; i < officeDesktops-1; i++ {
		steady = append(steady, startWriter(t, dsn, i+1, strconv.Itoa(i)+"/"+strconv.Itoa(officeDesktops), runFor.String()))
	}
	killed := make(chan killedMidImport, 1)
	go func() {
		killed <- killImporters(t, dsn, strconv.Itoa(officeDesktops-1)+"/"+strconv.Itoa(officeDesktops), stop)
	}()

	time.Sleep(runFor / 2)
	before := make([]int, len(steady))
	for i, w := range steady {
		w.mu.Lock()
		before[i] = len(w.done)
		w.mu.Unlock()
	}
	restart := time.Now()
	if err := server.Restart(); err != nil {
		t.Fatalf("restarting the server: %v", err)
	}
	down := time.Since(restart)

	reported := map[string]int{}
	writes, unsure := 0, 0
	for i, w := range steady {
		done, errs := w.wait()
		if len(errs) > 0 {
			t.Fatalf("desktop %d failed: %v\n%s", i+1, errs, w.stderr.String())
		}
		if len(done) <= before[i] {
			t.Fatalf("desktop %d wrote nothing after the server restarted (%d writes before): %v", i+1, before[i], w.unsure)
		}
		writes += len(done)
		unsure += len(w.unsure)
		for _, line := range w.unsure {
			t.Logf("desktop %d: %s", i+1, line)
		}
		record(reported, done)
	}
	k := <-killed
	if len(k.errs) > 0 {
		t.Fatalf("the desktop killed part-way through imports failed: %v", k.errs)
	}
	for _, line := range k.unsure {
		t.Logf("killed desktop: %s", line)
	}
	record(reported, k.done)
	verifyAfter(t, dsn, reported)
	if k.midImport == 0 {
		t.Fatalf("%d kills, none part-way through an import", k.kills)
	}
	t.Logf("%v: %d desktops, %d acknowledged writes (%d more by the killed desktop), %d of unknown outcome; %d kills, %d part-way through an import; the server was down %v",
		time.Since(began).Round(time.Second), officeDesktops, writes, len(k.done), unsure+len(k.unsure), k.kills, k.midImport, down.Round(time.Millisecond))
}
