package data

import (
	"context"
	"errors"
	"fmt"
	"testing"
)

// attendanceRowsJoined is the attendance export's lines as one plain
// join reads them: what EachAttendanceRow must give, line for line.
func attendanceRowsJoined(t *testing.T, s *Store, groupID int64, from, to string) []AttendanceExportRow {
	t.Helper()
	rows, err := s.db.QueryContext(context.Background(), `SELECT g.name, s.date, s.start_time,
		coalesce(c.record_number, ''), c.last_name, c.first_name, a.status, a.minutes, a.comment
		FROM groups g JOIN sessions s ON s.group_id = g.id JOIN attendance a ON a.session_id = s.id
		JOIN clients c ON c.id = a.client_id
		WHERE (? = 0 OR g.id = ?) AND s.date >= ? AND s.date <= ?
		ORDER BY g.sort_key, g.id, s.date, s.start_time, c.sort_key, c.id`, groupID, groupID, from, to)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []AttendanceExportRow
	for rows.Next() {
		var r AttendanceExportRow
		if err := rows.Scan(&r.Group, &r.Date, &r.Start, &r.RecordNumber, &r.LastName, &r.FirstName,
			&r.Status, &r.Minutes, &r.Comment); err != nil {
			t.Fatal(err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// The export's lines, read in two steps and put in the clients' order
// per session, are the plain join's, in its order: for every group, for
// one, and for one over a range of dates.
func TestEachAttendanceRowIsThePlainJoin(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	if err := s.Demo(ctx, DemoSmall); err != nil {
		t.Fatal(err)
	}
	// A member of a mid-sample session is renamed Çelik: sorted by its
	// letters (before D), not its bytes (after Z).
	gs := must[[]GroupSummary](t)(s.ListGroups(ctx, true))
	xs := must[[]Session](t)(s.Sessions(ctx, gs[0].ID, Date{}, Date{}))
	var mid Session
	for _, x := range xs {
		if x.Status != DidNotMeet && x.Date.String() > "2026-01-01" {
			mid = x
			break
		}
	}
	att := must[[]AttendanceRow](t)(s.SessionAttendance(ctx, mid.ID))
	if len(att) < 2 {
		t.Fatalf("session %d of %s has %d register lines", mid.ID, gs[0].Name, len(att))
	}
	before := must[Client](t)(s.GetClient(ctx, att[0].ClientID))
	after := before
	after.LastName = "Çelik"
	if _, err := s.UpdateClient(ctx, before, after); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name     string
		group    int64
		from, to Date
	}{
		{"every group", 0, Date{}, Date{}},
		{"one group", gs[0].ID, Date{}, Date{}},
		{"one group, one month", gs[0].ID, mid.Date.AddDays(-14), mid.Date.AddDays(14)},
		{"every group, from a day on", 0, mid.Date, Date{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			to := "9999-12-31"
			if !tc.to.IsZero() {
				to = tc.to.String()
			}
			want := attendanceRowsJoined(t, s, tc.group, tc.from.String(), to)
			var got []AttendanceExportRow
			err := s.EachAttendanceRow(ctx, tc.group, tc.from, tc.to, func(r AttendanceExportRow) error {
				got = append(got, r)
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if len(want) < 10 {
				t.Fatalf("the plain join reads %d lines: the sample is too thin to compare", len(want))
			}
			if len(got) != len(want) {
				t.Fatalf("%d lines, want %d", len(got), len(want))
			}
			for i := range want {
				if got[i] != want[i] {
					t.Fatalf("line %d:\n got %+v\nwant %+v", i+1, got[i], want[i])
				}
			}
		})
	}
	// The window goes on writing while an export runs (it runs in the
	// background): a client renamed mid-export is saved at once, and the
	// export, reading one view, still shows the name it began with.
	all := attendanceRowsJoined(t, s, 0, "", "9999-12-31")
	lastRow := all[len(all)-1]
	var lastID int64
	if err := s.db.QueryRowContext(ctx, `SELECT id FROM clients WHERE record_number = ?`, lastRow.RecordNumber).Scan(&lastID); err != nil {
		t.Fatalf("the last line's client %q: %v", lastRow.RecordNumber, err)
	}
	n := 0
	var got AttendanceExportRow
	err := s.EachAttendanceRow(ctx, 0, Date{}, Date{}, func(r AttendanceExportRow) error {
		n++
		if n == 1 {
			before := must[Client](t)(s.GetClient(ctx, lastID))
			after := before
			after.LastName = "Renamed"
			if _, err := s.UpdateClient(ctx, before, after); err != nil {
				return fmt.Errorf("renaming a client during the export: %w", err)
			}
		}
		got = r
		return nil
	})
	if err != nil {
		t.Fatalf("writing beside an export: %v", err)
	}
	if got != lastRow {
		t.Fatalf("the export's last line, after its client was renamed mid-export:\n got %+v\nwant %+v", got, lastRow)
	}
	if c := must[Client](t)(s.GetClient(ctx, lastID)); c.LastName != "Renamed" {
		t.Fatalf("the rename made during the export was not kept: %q", c.LastName)
	}

	// An error from fn stops the reading and comes back as it was.
	stop := errors.New("disk full")
	n = 0
	err = s.EachAttendanceRow(ctx, 0, Date{}, Date{}, func(AttendanceExportRow) error {
		n++
		if n == 3 {
			return fmt.Errorf("writing line 3: %w", stop)
		}
		return nil
	})
	if !errors.Is(err, stop) || n != 3 {
		t.Fatalf("after fn failed on line 3: %d lines read, error %v", n, err)
	}
}
