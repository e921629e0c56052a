package data

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"groupwork/internal/pgtest"
)

// Two desktops of one office write at once. Each rule the store checks by
// reading before it writes is raced from both sides, many times, on one
// PostgreSQL database; afterwards the rule holds and every change a
// desktop was told was saved is there.

const raceRounds = 50

// bothWays runs a race as the store runs it, each write waiting its turn,
// and with SERIALIZABLE alone (the writes of a desktop that does not
// wait): either must keep the rules.
func bothWays(t *testing.T, race func(t *testing.T, queued bool)) {
	t.Run("waiting their turn", func(t *testing.T) { race(t, true) })
	t.Run("serializable alone", func(t *testing.T) { race(t, false) })
}

// twoDesktops is two stores on one new office database, with a weekly
// group of eight sessions (from 2026-01-06) and a lead who can sign.
func twoDesktops(t *testing.T, queued bool) (a, b *Store, group int64, sessions []Session, lead Signer) {
	t.Helper()
	ctx := context.Background()
	dsn := pgtest.DB(t)
	for _, p := range []**Store{&a, &b} {
		s, err := OpenOffice(ctx, dsn, "")
		if err != nil {
			t.Fatal(err)
		}
		s.queued = queued
		t.Cleanup(func() { s.Close() })
		*p = s
	}
	staff := must[int64](t)(a.CreateStaff(ctx, Staff{Name: "Thảo Nguyễn", Active: true}))
	if err := a.SetStaffPassphrase(ctx, staff, "Thảo's own passphrase"); err != nil {
		t.Fatal(err)
	}
	group = must[int64](t)(a.CreateGroup(ctx, Group{Name: "Tuesday Grief Support", Type: Support, Enrolment: OpenEnrolment,
		Status: GroupActive, Start: MustDate("2026-01-06"), NoteFormat: DAP, Facilitators: []int64{staff},
		Schedule: Schedule{Frequency: Weekly, Weekday: time.Tuesday, Start: 18 * 60, Minutes: 90}}))
	if _, _, err := a.GenerateSessions(ctx, group, MustDate("2026-01-06"), MustDate("2026-02-24")); err != nil {
		t.Fatal(err)
	}
	sessions = must[[]Session](t)(a.Sessions(ctx, group, Date{}, Date{}))
	return a, b, group, sessions, Signer{StaffID: staff, Passphrase: "Thảo's own passphrase"}
}

// span is when a call ran, as its caller saw it.
type span struct{ start, end time.Time }

// atOnce runs both changes as near together as two goroutines can start,
// and returns their errors and when each ran. Round by round one side or
// the other starts a little later, so that each gets to go first.
func atOnce(round int, first, second func() error) (e1, e2 error, s1, s2 span) {
	ready := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(2)
	run := func(f func() error, e *error, s *span, later time.Duration) {
		defer wg.Done()
		<-ready
		time.Sleep(later)
		s.start = time.Now()
		*e = f()
		s.end = time.Now()
	}
	step := 300 * time.Microsecond
	go run(first, &e1, &s1, time.Duration(round%5)*step)
	go run(second, &e2, &s2, time.Duration(round/5%5)*step)
	close(ready)
	wg.Wait()
	return
}

// oneWins asserts that exactly one of two conflicting changes was saved
// and the other was refused with a validation error on field, and
// returns which was saved (0 or 1).
func oneWins(t *testing.T, round int, field string, e1, e2 error) int {
	t.Helper()
	switch {
	case e1 == nil && e2 == nil:
		t.Fatalf("round %d: both conflicting changes were saved", round)
	case e1 != nil && e2 != nil:
		t.Fatalf("round %d: neither change was saved: %v; %v", round, e1, e2)
	}
	winner, loser := 0, e2
	if e1 != nil {
		winner, loser = 1, e1
	}
	if v, ok := IsValidation(loser); !ok || v.For(field) == "" {
		t.Fatalf("round %d: the losing change was refused with %v, want a problem with %s", round, loser, field)
	}
	return winner
}

func TestOfficeRaceOverlappingMemberships(t *testing.T) { bothWays(t, raceOverlappingMemberships) }

func raceOverlappingMemberships(t *testing.T, queued bool) {
	a, b, group, _, _ := twoDesktops(t, queued)
	ctx := context.Background()
	wins := [2]int{}
	for round := 1; round <= raceRounds; round++ {
		c := must[int64](t)(a.CreateClient(ctx, Client{FirstName: "Zoë", LastName: fmt.Sprintf("Round %d", round)}))
		joined := []Date{MustDate("2026-01-06"), MustDate("2026-01-20")}
		e1, e2, _, _ := atOnce(round,
			func() error {
				_, err := a.AddMember(ctx, Membership{GroupID: group, ClientID: c, Joined: joined[0], Status: Enrolled})
				return err
			},
			func() error {
				_, err := b.AddMember(ctx, Membership{GroupID: group, ClientID: c, Joined: joined[1], Status: Enrolled})
				return err
			})
		w := oneWins(t, round, "joined", e1, e2)
		wins[w]++
		stays := must[[]Member](t)(a.ClientMemberships(ctx, c))
		if len(stays) != 1 || stays[0].Joined != joined[w] {
			t.Fatalf("round %d: want the one saved membership from %s, have %+v", round, joined[w], stays)
		}
	}
	t.Logf("first desktop won %d rounds, second %d", wins[0], wins[1])
}

func TestOfficeRaceGroupNames(t *testing.T) { bothWays(t, raceGroupNames) }

func raceGroupNames(t *testing.T, queued bool) {
	a, b, _, _, _ := twoDesktops(t, queued)
	ctx := context.Background()
	wins := [2]int{}
	for round := 1; round <= raceRounds; round++ {
		names := []string{fmt.Sprintf("Thursday Circle %d", round), fmt.Sprintf("thursday circle %d", round)}
		var ids [2]int64
		create := func(s *Store, i int) func() error {
			return func() error {
				var err error
				ids[i], err = s.CreateGroup(ctx, Group{Name: names[i], Type: Support, Enrolment: OpenEnrolment, Status: GroupActive,
					Start: MustDate("2026-01-08"), NoteFormat: DAP, Schedule: Schedule{Frequency: Weekly, Weekday: time.Thursday, Start: 10 * 60, Minutes: 60}})
				return err
			}
		}
		e1, e2, _, _ := atOnce(round, create(a, 0), create(b, 1))
		w := oneWins(t, round, "name", e1, e2)
		wins[w]++
		g, err := b.GetGroup(ctx, ids[w])
		if err != nil || g.Name != names[w] {
			t.Fatalf("round %d: the saved group %d is %+v (%v)", round, ids[w], g, err)
		}
		var n int
		if err := a.db.QueryRowContext(ctx, `SELECT count(*) FROM groups WHERE lower(name) = ? AND archived = 0`, lowerASCII(names[0])).Scan(&n); err != nil || n != 1 {
			t.Fatalf("round %d: %d unarchived groups called %q (%v)", round, n, names[0], err)
		}
	}
	t.Logf("first desktop won %d rounds, second %d", wins[0], wins[1])
}

// One desktop marks a member present at a session while another ends
// their membership the day before it: one of the two must give way, or
// attendance would be kept for someone not on that day's roster.
func TestOfficeRaceAttendanceAgainstEndedMembership(t *testing.T) {
	bothWays(t, raceAttendanceAgainstEndedMembership)
}

func raceAttendanceAgainstEndedMembership(t *testing.T, queued bool) {
	a, b, group, sessions, _ := twoDesktops(t, queued)
	ctx := context.Background()
	x := sessions[4] // 2026-02-03
	left := MustDate("2026-02-02")
	wins := [2]int{}
	for round := 1; round <= raceRounds; round++ {
		c := must[int64](t)(a.CreateClient(ctx, Client{FirstName: "Zoë", LastName: fmt.Sprintf("Round %d", round)}))
		m := must[int64](t)(a.AddMember(ctx, Membership{GroupID: group, ClientID: c, Joined: MustDate("2026-01-06"), Status: Enrolled}))
		comment := fmt.Sprintf("round %d", round)
		e1, e2, _, _ := atOnce(round,
			func() error {
				return a.SetAttendance(ctx, Attendance{SessionID: x.ID, ClientID: c, Status: Present, Comment: comment})
			},
			func() error { return b.EndMembership(ctx, m, left, Withdrawn, "Moved away") })
		field := "left"
		if e1 != nil {
			field = "client"
		}
		w := oneWins(t, round, field, e1, e2)
		wins[w]++
		got := must[Membership](t)(a.GetMembership(ctx, m))
		rows := must[[]AttendanceRow](t)(a.SessionAttendance(ctx, x.ID))
		var row *AttendanceRow
		for i := range rows {
			if rows[i].ClientID == c {
				row = &rows[i]
			}
		}
		switch w {
		case 0:
			if row == nil || row.Status != Present || row.Comment != comment || !got.Left.IsZero() {
				t.Fatalf("round %d: the saved mark is not there as saved: %+v, membership %+v", round, row, got)
			}
		case 1:
			if row != nil || got.Left != left {
				t.Fatalf("round %d: the membership ended on %s, yet the session the day after has %+v", round, got.Left, row)
			}
		}
	}
	var outside int
	if err := a.db.QueryRowContext(ctx, `SELECT count(*) FROM attendance a JOIN sessions s ON s.id = a.session_id
		WHERE NOT EXISTS (SELECT 1 FROM memberships m WHERE m.group_id = s.group_id AND m.client_id = a.client_id
		AND m.status <> 'waitlisted' AND m.joined <= s.date AND (m.left_on IS NULL OR m.left_on >= s.date))`).Scan(&outside); err != nil || outside != 0 {
		t.Fatalf("%d attendance rows of people not on the roster that day (%v)", outside, err)
	}
	t.Logf("the mark won %d rounds, the end of the membership %d", wins[0], wins[1])
}

// One desktop moves a session while another signs its note. Both may be
// saved only when the move came first: a note signed before the move
// began must refuse it, and a signed note's session never moves again.
func TestOfficeRaceSessionMovedWhileNoteSigned(t *testing.T) {
	bothWays(t, raceSessionMovedWhileNoteSigned)
}

func raceSessionMovedWhileNoteSigned(t *testing.T, queued bool) {
	a, b, group, _, lead := twoDesktops(t, queued)
	ctx := context.Background()
	both, signedOnly := 0, 0
	began := time.Now()
	if err := a.VerifyPassphrase(ctx, lead.StaffID, lead.Passphrase); err != nil {
		t.Fatal(err)
	}
	signing := time.Since(began)
	for round := 1; round <= raceRounds; round++ {
		day := MustDate("2026-03-03").AddDays(7 * round)
		id := must[int64](t)(a.AddSession(ctx, Session{GroupID: group, Date: day, Start: 18 * 60, Minutes: 90, Status: Held}))
		x := must[Session](t)(b.GetSession(ctx, id))
		n, err := a.SaveNote(ctx, Note{SessionID: id, Format: DAP, Sections: map[string]string{"data": fmt.Sprintf("Round %d.", round)}})
		if err != nil {
			t.Fatal(err)
		}
		moved := x
		moved.Start = 19 * 60
		// The move starts anywhere from the start of the signing (which
		// checks the passphrase first) to after its end.
		pause := signing * time.Duration(round%10) / 8
		var moveBegan time.Time
		eSign, eMove, sSign, _ := atOnce(0,
			func() error { return a.SignNote(ctx, n.ID, n.Version, lead) },
			func() error {
				time.Sleep(pause)
				moveBegan = time.Now()
				_, err := b.UpdateSession(ctx, x, moved)
				return err
			})
		if eSign != nil {
			t.Fatalf("round %d: signing failed: %v", round, eSign)
		}
		now := must[Session](t)(a.GetSession(ctx, id))
		note := must[Note](t)(a.GetNote(ctx, n.ID))
		if note.Status != Signed {
			t.Fatalf("round %d: the signed note is %s", round, note.Status)
		}
		switch {
		case eMove == nil:
			// Saved both: the move must have been under way before the
			// signature was given.
			if !moveBegan.Before(sSign.end) {
				t.Fatalf("round %d: the session moved after its note was signed", round)
			}
			if now.Start != moved.Start {
				t.Fatalf("round %d: the saved move is lost: %s", round, now.Start)
			}
			both++
		default:
			if v, ok := IsValidation(eMove); !ok || v.For("date") == "" {
				t.Fatalf("round %d: the move was refused with %v, want the signed note's refusal", round, eMove)
			}
			if now.Start != x.Start {
				t.Fatalf("round %d: a refused move moved the session to %s", round, now.Start)
			}
			signedOnly++
		}
		again := now
		again.Start = 20 * 60
		if _, err := b.UpdateSession(ctx, now, again); err == nil {
			t.Fatalf("round %d: a session with a signed note moved afterwards", round)
		}
	}
	t.Logf("%d rounds moved then signed, %d signed and refused the move", both, signedOnly)
}

// Two desktops make the same group's sessions at once: the one that loses
// the race runs again and must not count the sessions of its first run.
func TestOfficeRaceGenerateSessionsCountsOnce(t *testing.T) {
	bothWays(t, raceGenerateSessionsCountsOnce)
}

func raceGenerateSessionsCountsOnce(t *testing.T, queued bool) {
	a, b, _, _, _ := twoDesktops(t, queued)
	ctx := context.Background()
	for round := 1; round <= raceRounds/5; round++ {
		g := must[int64](t)(a.CreateGroup(ctx, Group{Name: fmt.Sprintf("Friday Circle %d", round), Type: Support, Enrolment: OpenEnrolment,
			Status: GroupActive, Start: MustDate("2026-01-02"), NoteFormat: DAP,
			Schedule: Schedule{Frequency: Weekly, Weekday: time.Friday, Start: 10 * 60, Minutes: 60}}))
		// Overlapping spans of 26 weeks: one desktop meets the other's
		// sessions half-way through its own.
		var added [2]int
		from := []Date{MustDate("2026-01-02"), MustDate("2026-04-03")}
		gen := func(s *Store, i int) func() error {
			return func() error {
				var err error
				added[i], _, err = s.GenerateSessions(ctx, g, from[i], from[i].AddDays(7*25))
				return err
			}
		}
		e1, e2, _, _ := atOnce(round, gen(a, 0), gen(b, 1))
		if e1 != nil || e2 != nil {
			t.Fatalf("round %d: %v; %v", round, e1, e2)
		}
		have := must[[]Session](t)(a.Sessions(ctx, g, Date{}, Date{}))
		if len(have) != 39 || added[0]+added[1] != len(have) {
			t.Fatalf("round %d: the desktops said they added %d and %d sessions; the group has %d", round, added[0], added[1], len(have))
		}
	}
}
