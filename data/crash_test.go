package data

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"groupwork/data/engine"
)

// The crash and at-once tests run this test binary again as separate
// processes that write through the store and print each write once the
// store has returned, i.e. once it is committed. The parent then kills
// them or lets them finish, and checks the database: a file, or an office
// database that several desktops write at once.

const (
	envWriterDB    = "GROUPWORK_TEST_WRITER_DB"    // a file's path or an office database's URL
	envWriterSeed  = "GROUPWORK_TEST_WRITER_SEED"  // its writes are numbered from seed×1,000,000
	envWriterShare = "GROUPWORK_TEST_WRITER_SHARE" // "i/n": the sessions it writes are those with index i mod n; "" all
	envWriterFor   = "GROUPWORK_TEST_WRITER_FOR"   // stop after this long; "" never
	rosterSize     = 5
	importSize     = 20 // clients in one import
)

// TestWriterProcess is the writing process; it does nothing in a normal run.
func TestWriterProcess(t *testing.T) {
	source := os.Getenv(envWriterDB)
	if source == "" {
		t.Skip("run by the crash and at-once tests")
	}
	seed, _ := strconv.Atoi(os.Getenv(envWriterSeed))
	var stop time.Time
	if d, err := time.ParseDuration(os.Getenv(envWriterFor)); err == nil {
		stop = time.Now().Add(d)
	}
	os.Exit(writeUntilKilled(source, seed, os.Getenv(envWriterShare), stop))
}

// openWriter opens the database; a desktop starting while the office
// server restarts tries again for a while.
func openWriter(ctx context.Context, source string) (*Store, error) {
	for give := time.Now().Add(20 * time.Second); ; {
		s, err := OpenSource(ctx, source, "")
		if err == nil || !IsOffice(source) || time.Now().After(give) {
			return s, err
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func writeUntilKilled(source string, seed int, share string, stop time.Time) int {
	ctx := context.Background()
	s, err := openWriter(ctx, source)
	if err != nil {
		fmt.Println("error open:", err)
		return 1
	}
	defer s.Close()
	// A desktop started just as the office server restarts opens, then
	// finds the server gone for its first read: like a person, it tries
	// again in a moment, as openWriter does.
	sessions, err := s.Sessions(ctx, 1, Date{}, Date{})
	for give := time.Now().Add(20 * time.Second); err != nil && s.eng.Classify(err) == engine.Unreachable && time.Now().Before(give); {
		time.Sleep(100 * time.Millisecond)
		sessions, err = s.Sessions(ctx, 1, Date{}, Date{})
	}
	if err != nil {
		fmt.Println("error sessions:", err)
		return 1
	}
	var part, parts int
	fmt.Sscanf(share, "%d/%d", &part, &parts)
	var mine []Session
	for i, x := range sessions {
		if parts == 0 || i%parts == part {
			mine = append(mine, x)
		}
	}
	rng := rand.New(rand.NewSource(int64(seed)))
	for n := 1; stop.IsZero() || time.Now().Before(stop); n++ {
		if !stop.IsZero() {
			// People at once pause between saves; without a pause a
			// writer that never lets go could starve the others, which
			// SQLite does not prevent and people never do. A few
			// milliseconds were too few on a loaded machine under the race
			// detector: the other process waited past the file's 5 s.
			time.Sleep(time.Duration(10+rng.Intn(20)) * time.Millisecond)
		}
		seq := seed*1_000_000 + n
		kind, done, err := writeOne(ctx, s, rng, mine[rng.Intn(len(mine))], seq)
		switch {
		case err == nil:
			fmt.Println(done)
		case s.eng.Classify(err) == engine.Unreachable:
			// The office server went away: the store ran again what it
			// could; a write whose commit was sent may or may not be
			// saved. Like a person, try the next one in a moment.
			fmt.Printf("unsure %s %d: %v\n", kind, seq, err)
			time.Sleep(100 * time.Millisecond)
		default:
			fmt.Printf("error %s: %v\n", kind, err)
			return 1
		}
	}
	return 0
}

// writeOne makes one write of a random kind at session x, numbered seq,
// and returns the line that reports it done.
func writeOne(ctx context.Context, s *Store, rng *rand.Rand, x Session, seq int) (kind, done string, err error) {
	client := int64(1 + rng.Intn(rosterSize))
	switch rng.Intn(8) {
	case 7:
		// An import of new clients, each joining the group from the
		// session's day with attendance rows from then on, all or
		// nothing. The parent says when it starts, to kill it part-way.
		fmt.Printf("begin import %d\n", seq)
		b := ClientBatch{Source: fmt.Sprintf("batch %d", seq), GroupName: "Tuesday Grief Support", Joined: x.Date}
		for k := 1; k <= importSize; k++ {
			b.Clients = append(b.Clients, ClientChange{After: Client{FirstName: "Imported", LastName: fmt.Sprintf("batch %d #%02d", seq, k)}})
		}
		_, err := s.ImportClients(ctx, b, false)
		return "import", fmt.Sprintf("import %d 0 %d", seq, seq), err
	case 6:
		// A walk-in: a new client, a membership from that day, an
		// attendance row in every later session, all or nothing.
		id, err := s.AddNewWalkIn(ctx, x.ID, Client{FirstName: "Walk-in", LastName: fmt.Sprintf("seq %d", seq)})
		return "walk-in", fmt.Sprintf("walkin %d %d %d", x.ID, id, seq), err
	case 0, 1, 2, 3:
		st := []AttendanceStatus{Present, Late, LeftEarly}[rng.Intn(3)]
		err := s.SetAttendance(ctx, Attendance{SessionID: x.ID, ClientID: client, Status: st, Comment: fmt.Sprintf("seq %d", seq)})
		return "attendance", fmt.Sprintf("att %d %d %d", x.ID, client, seq), err
	default:
		filler := strings.Repeat("Members talked about the week; Zoë led the check-in. ", 1+rng.Intn(300))
		tag := fmt.Sprintf("seq %d ", seq)
		old, err := s.FindNote(ctx, x.ID, 0)
		if err != nil && !errors.Is(err, ErrNotFound) {
			return "note", "", err
		}
		_, err = s.SaveNote(ctx, Note{SessionID: x.ID, Version: old.Version, Format: DAP, Processes: []Process{Process(1 + seq%10)},
			Sections: map[string]string{"data": tag + filler, "assessment": tag + "cohesion", "plan": tag + "continue"}})
		return "note", fmt.Sprintf("note %d 0 %d", x.ID, seq), err
	}
}

// crashFixture is a database file with writeFixture's group.
func crashFixture(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "groupwork.db")
	writeFixture(t, path)
	return path
}

// writeFixture fills the database at source with a group of rosterSize
// members and eight sessions.
func writeFixture(t *testing.T, source string) {
	t.Helper()
	ctx := context.Background()
	s, err := OpenSource(ctx, source, "")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	lead := must[int64](t)(s.CreateStaff(ctx, Staff{Name: "Thảo Nguyễn", Active: true}))
	g := must[int64](t)(s.CreateGroup(ctx, Group{Name: "Tuesday Grief Support", Type: Support, Enrolment: OpenEnrolment, Status: GroupActive,
		Start: MustDate("2026-01-06"), Schedule: Schedule{Frequency: Weekly, Weekday: time.Tuesday, Start: 18 * 60, Minutes: 90},
		NoteFormat: DAP, Facilitators: []int64{lead}}))
	for i := 0; i < rosterSize; i++ {
		c := must[int64](t)(s.CreateClient(ctx, Client{FirstName: "Zoë", LastName: fmt.Sprintf("Member %d", i+1)}))
		must[int64](t)(s.AddMember(ctx, Membership{GroupID: g, ClientID: c, Joined: MustDate("2026-01-06"), Status: Enrolled}))
	}
	if _, _, err := s.GenerateSessions(ctx, g, MustDate("2026-01-06"), MustDate("2026-02-24")); err != nil {
		t.Fatal(err)
	}
}

// writer is one running writing process and the writes it reported.
type writer struct {
	cmd    *exec.Cmd
	mu     sync.Mutex
	done   []string
	errs   []string
	unsure []string    // writes whose outcome the store could not know
	began  chan string // "begin import N" as the writer says it
	wg     sync.WaitGroup
	// stderr is what the process said besides its writes, for failures.
	stderr *strings.Builder
}

func startWriter(t *testing.T, source string, seed int, share, runFor string) *writer {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestWriterProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), envWriterDB+"="+source, envWriterSeed+"="+strconv.Itoa(seed),
		envWriterShare+"="+share, envWriterFor+"="+runFor)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	w := &writer{cmd: cmd, stderr: &stderr, began: make(chan string, 1)}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	w.wg.Add(1)
	go func() {
		defer w.wg.Done()
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			line := sc.Text()
			w.mu.Lock()
			switch f := strings.Fields(line); {
			case len(f) == 0:
			case f[0] == "att", f[0] == "note", f[0] == "walkin", f[0] == "import":
				w.done = append(w.done, line)
			case f[0] == "unsure":
				w.unsure = append(w.unsure, line)
			case f[0] == "begin":
				select {
				case w.began <- line:
				default:
				}
			case strings.HasPrefix(f[0], "error"):
				w.errs = append(w.errs, line)
			}
			w.mu.Unlock()
		}
	}()
	return w
}

// wait reaps the process and returns the writes it reported as done.
func (w *writer) wait() ([]string, []string) {
	w.wg.Wait()
	w.cmd.Wait()
	return w.done, w.errs
}

// verifyAfter checks the database after writers stopped: a file's own
// checks, every reported write present (a later one may have replaced it,
// never an earlier one), and no change half-applied.
func verifyAfter(t *testing.T, source string, reported map[string]int) {
	t.Helper()
	ctx := context.Background()
	if !IsOffice(source) {
		r, err := Check(ctx, source)
		if err != nil || !r.OK() {
			t.Fatalf("check: %v %v %v", err, r.Integrity, r.ForeignKeys)
		}
	}
	s, err := OpenSource(ctx, source, "")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	db := s.db
	// Exactly one attendance row per member on the roster that day.
	var bad int
	db.QueryRow(`SELECT count(*) FROM sessions x WHERE
		(SELECT count(*) FROM attendance a WHERE a.session_id = x.id) <>
		(SELECT count(*) FROM memberships m WHERE m.group_id = x.group_id AND m.status <> 'waitlisted'
			AND m.joined <= x.date AND (m.left_on IS NULL OR m.left_on >= x.date))
		OR EXISTS (SELECT 1 FROM attendance a WHERE a.session_id = x.id AND NOT EXISTS (SELECT 1 FROM memberships m
			WHERE m.group_id = x.group_id AND m.client_id = a.client_id AND m.joined <= x.date))`).Scan(&bad)
	if bad != 0 {
		t.Fatalf("%d sessions do not have exactly one attendance row per member on the roster", bad)
	}
	// No walk-in half made: every client is on the roster.
	db.QueryRow(`SELECT count(*) FROM clients c WHERE NOT EXISTS (SELECT 1 FROM memberships m WHERE m.client_id = c.id)`).Scan(&bad)
	if bad != 0 {
		t.Fatalf("%d clients were created without their membership", bad)
	}
	verifyImports(t, s, reported)
	seqOf := func(s string) int {
		var n int
		fmt.Sscanf(s, "seq %d", &n)
		return n
	}
	for key, want := range reported {
		var kind string
		var session, client int64
		fmt.Sscanf(key, "%s %d %d", &kind, &session, &client)
		if kind == "import" {
			continue // verifyImports
		}
		if kind == "walkin" {
			var status string
			if err := db.QueryRow(`SELECT status FROM attendance WHERE session_id = ? AND client_id = ?`, session, client).Scan(&status); err != nil || status != "present" {
				t.Fatalf("%s: reported walk-in is not present at the session (%q, %v)", key, status, err)
			}
			continue
		}
		if kind == "att" {
			var comment string
			if err := db.QueryRow(`SELECT comment FROM attendance WHERE session_id = ? AND client_id = ?`, session, client).Scan(&comment); err != nil {
				t.Fatal(err)
			}
			if got := seqOf(comment); got < want {
				t.Fatalf("%s: reported write seq %d is lost (database has %d)", key, want, got)
			}
			continue
		}
		n, err := s.FindNote(ctx, session, 0)
		if err != nil {
			t.Fatalf("%s: reported note is lost: %v", key, err)
		}
		got := seqOf(n.Sections["data"])
		if got < want {
			t.Fatalf("%s: reported note seq %d is lost (database has %d)", key, want, got)
		}
		if seqOf(n.Sections["assessment"]) != got || seqOf(n.Sections["plan"]) != got || len(n.Processes) != 1 || int(n.Processes[0]) != 1+got%10 {
			t.Fatalf("%s: note half-written: %v %v", key, n.Sections, n.Processes)
		}
	}
	// Each change and its audit line are one transaction: the newest audit
	// line of every attendance row names the value the row holds.
	rows, err := db.Query(`SELECT session_id, client_id, comment FROM attendance WHERE comment <> ''`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var session, client int64
		var comment string
		rows.Scan(&session, &client, &comment)
		var detail string
		err := db.QueryRow(`SELECT detail FROM audit_log WHERE entity = 'attendance' AND entity_id = ? AND detail LIKE ? ORDER BY id DESC LIMIT 1`,
			session, fmt.Sprintf("client %d:%%", client)).Scan(&detail)
		if err != nil || !strings.Contains(detail, fmt.Sprintf("→ %q", comment)) {
			t.Fatalf("session %d client %d holds %q but its audit line says %q (%v)", session, client, comment, detail, err)
		}
	}
	db.QueryRow(`SELECT count(*) FROM notes n WHERE NOT EXISTS (SELECT 1 FROM audit_log l WHERE l.entity = 'note' AND l.entity_id = n.id AND l.action = 'create')`).Scan(&bad)
	if bad != 0 {
		t.Fatalf("%d notes have no audit line", bad)
	}
}

// verifyImports checks that every import is whole or absent: all its
// clients and its audit line, or none of them; and every reported one is
// whole.
func verifyImports(t *testing.T, s *Store, reported map[string]int) {
	t.Helper()
	ctx := context.Background()
	clients := map[int]int{}
	rows, err := s.db.QueryContext(ctx, `SELECT last_name FROM clients WHERE first_name = 'Imported'`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var name string
		var seq, k int
		rows.Scan(&name)
		fmt.Sscanf(name, "batch %d #%d", &seq, &k)
		clients[seq]++
	}
	rows.Close()
	audited := map[int]bool{}
	rows, err = s.db.QueryContext(ctx, `SELECT detail FROM audit_log WHERE entity = 'client' AND action = 'import'`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var detail string
		var seq int
		rows.Scan(&detail)
		if i := strings.Index(detail, "from batch "); i >= 0 {
			fmt.Sscanf(detail[i:], "from batch %d", &seq)
			audited[seq] = true
		}
	}
	rows.Close()
	for seq, n := range clients {
		if n != importSize || !audited[seq] {
			t.Fatalf("import %d is partial: %d of %d clients, audit line %v", seq, n, importSize, audited[seq])
		}
	}
	for seq := range audited {
		if clients[seq] != importSize {
			t.Fatalf("import %d has its audit line but %d of %d clients", seq, clients[seq], importSize)
		}
	}
	for key := range reported {
		var seq int
		if _, err := fmt.Sscanf(key, "import %d", &seq); err == nil && clients[seq] != importSize {
			t.Fatalf("reported import %d is lost: %d of %d clients", seq, clients[seq], importSize)
		}
	}
}

func record(reported map[string]int, lines []string) {
	for _, line := range lines {
		f := strings.Fields(line)
		seq, _ := strconv.Atoi(f[3])
		key := strings.Join(f[:3], " ")
		if seq > reported[key] {
			reported[key] = seq
		}
	}
}

func TestCrashSafety(t *testing.T) {
	if os.Getenv(envWriterDB) != "" {
		t.Skip("inside the writer")
	}
	path := crashFixture(t)
	reported := map[string]int{}
	rng := rand.New(rand.NewSource(time.Now().UnixNano()))
	kills, writes := 0, 0
	for run := 1; run <= 60; run++ {
		w := startWriter(t, path, run, "", "")
		// From the moment it starts (opening the file) to well into its writing.
		time.Sleep(time.Duration(30+rng.Intn(220)) * time.Millisecond)
		if err := w.cmd.Process.Signal(syscall.SIGKILL); err == nil {
			kills++
		}
		done, errs := w.wait()
		if len(errs) > 0 {
			t.Fatalf("run %d: the writer failed: %v", run, errs)
		}
		writes += len(done)
		record(reported, done)
		verifyAfter(t, path, reported)
	}
	if kills < 50 || writes == 0 {
		t.Fatalf("%d kills, %d reported writes: the test did not exercise crashes", kills, writes)
	}
	t.Logf("%d kills, %d committed writes checked", kills, writes)
}

func TestTwoProcessesWriteAtOnce(t *testing.T) {
	if os.Getenv(envWriterDB) != "" {
		t.Skip("inside the writer")
	}
	path := crashFixture(t)
	// Long enough for ten writes each on a loaded machine (make test runs
	// this under -race, where two seconds gave one process only seven).
	runFor := (2 * time.Second * raceSlowdown).String()
	a := startWriter(t, path, 1, "0/2", runFor)
	b := startWriter(t, path, 2, "1/2", runFor)
	reported := map[string]int{}
	for name, w := range map[string]*writer{"first": a, "second": b} {
		done, errs := w.wait()
		if len(errs) > 0 {
			t.Fatalf("%s process failed while the other wrote: %v", name, errs)
		}
		if len(done) < 10 {
			t.Fatalf("%s process made only %d writes: %s", name, len(done), w.stderr.String())
		}
		record(reported, done)
	}
	verifyAfter(t, path, reported)
	t.Logf("%d distinct records written by two processes at once", len(reported))
}
