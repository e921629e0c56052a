package data

import (
	"context"
	"fmt"
	"testing"

	"groupwork/internal/benchdb"
)

// benchStore opens a copy of the large sample agency named by
// GROUPWORK_BENCH_DB (`make bench` makes one, as a file and as an office
// database), so that benchmarks may write to it.
func benchStore(b *testing.B) *Store {
	s, err := OpenSource(context.Background(), benchdb.Source(b), "")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

// busiestGroup is the group with the most sessions, and its last held one.
func busiestGroup(b *testing.B, s *Store) (group int64, session Session) {
	err := s.db.QueryRow(`SELECT group_id FROM sessions GROUP BY group_id ORDER BY count(*) DESC LIMIT 1`).Scan(&group)
	if err != nil {
		b.Fatal(err)
	}
	var id int64
	if err := s.db.QueryRow(`SELECT id FROM sessions WHERE group_id = ? AND status = 'held' ORDER BY date DESC LIMIT 1`, group).Scan(&id); err != nil {
		b.Fatal(err)
	}
	session, err = s.GetSession(context.Background(), id)
	if err != nil {
		b.Fatal(err)
	}
	return group, session
}

func BenchmarkQueriesLarge(b *testing.B) {
	s := benchStore(b)
	ctx := context.Background()
	group, x := busiestGroup(b, s)
	today := s.today()
	yearAgo := today.AddDays(-365)
	var client int64
	s.db.QueryRow(`SELECT client_id FROM attendance WHERE session_id = ? LIMIT 1`, x.ID).Scan(&client)
	cases := []struct {
		name string
		run  func() error
	}{
		{"ListGroups", func() error { _, err := s.ListGroups(ctx, false); return err }},
		{"ListClients/first100", func() error { _, err := s.ListClients(ctx, ClientFilter{Limit: 100}); return err }},
		{"ListClients/search", func() error { _, err := s.ListClients(ctx, ClientFilter{Search: "ngu", Limit: 100}); return err }},
		{"RosterOn", func() error { _, err := s.RosterOn(ctx, group, today); return err }},
		{"Sessions/year", func() error { _, err := s.Sessions(ctx, group, yearAgo, today); return err }},
		{"Sessions/all", func() error { _, err := s.Sessions(ctx, group, Date{}, Date{}); return err }},
		{"AttendanceGrid/quarter", func() error { _, err := s.AttendanceGrid(ctx, group, today.AddDays(-91), today); return err }},
		{"AttendanceGrid/year", func() error { _, err := s.AttendanceGrid(ctx, group, yearAgo, today); return err }},
		{"SessionAttendance", func() error { _, err := s.SessionAttendance(ctx, x.ID); return err }},
		{"SessionNotes", func() error { _, err := s.SessionNotes(ctx, x.ID); return err }},
		{"ClientHistory", func() error { _, err := s.ClientHistory(ctx, client); return err }},
		{"ConsecutiveAbsences/all", func() error { _, err := s.ConsecutiveAbsences(ctx, 0, today, 2); return err }},
		{"Summary/year", func() error { _, err := s.Summary(ctx, yearAgo, today, nil); return err }},
		{"Summary/tenYears", func() error { _, err := s.Summary(ctx, today.AddDays(-3700), today, nil); return err }},
		{"SetAttendance", func() error {
			return s.SetAttendance(ctx, Attendance{SessionID: x.ID, ClientID: client, Status: Late, Minutes: 30})
		}},
		{"SaveNote", func() error {
			old, _ := s.FindNote(ctx, x.ID, 0)
			_, err := s.SaveNote(ctx, Note{SessionID: x.ID, Version: old.Version, Format: FreeText, Sections: map[string]string{"text": "Benchmark draft."}})
			if v, ok := IsValidation(err); ok && v.For("status") != "" {
				return nil // the sample's note is signed: the refusal is the work measured
			}
			return err
		}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if err := c.run(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkUpdateSessionTopic is the edit made most often on a session
// page, on the group with the most sessions.
func BenchmarkUpdateSessionTopic(b *testing.B) {
	s := benchStore(b)
	ctx := context.Background()
	_, x := busiestGroup(b, s)
	b.ResetTimer() // not the copy of the sample
	for i := 0; i < b.N; i++ {
		read, err := s.GetSession(ctx, x.ID)
		if err != nil {
			b.Fatal(err)
		}
		after := read
		after.Topic = fmt.Sprintf("Topic %d", i)
		if _, err := s.UpdateSession(ctx, read, after); err != nil {
			b.Fatal(err)
		}
	}
}
