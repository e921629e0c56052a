package data

import (
	"context"
	"reflect"
	"testing"
)

// absencesReference is ConsecutiveAbsences written the plain way: every
// absence after the member's last day of attendance, that day looked up
// for each row.
func absencesReference(ctx context.Context, s *Store, groupID int64, asOf Date, min int) ([]AbsenceRun, error) {
	return s.absenceRuns(ctx, `SELECT g.id, g.name, count(*), min(s.date), max(s.date), `+clientColumns+`
		FROM memberships m
		JOIN groups g ON g.id = m.group_id
		JOIN sessions s ON s.group_id = m.group_id AND s.date >= m.joined AND s.date <= ?1
		JOIN attendance a ON a.session_id = s.id AND a.client_id = m.client_id
		JOIN clients c ON c.id = m.client_id
		WHERE m.status = 'enrolled' AND m.joined <= ?1 AND g.archived = 0 AND (?2 = 0 OR m.group_id = ?2)
		AND a.status IN ('excused', 'unexcused')
		AND s.date > coalesce((SELECT max(s2.date) FROM attendance a2 JOIN sessions s2 ON s2.id = a2.session_id
			WHERE a2.client_id = m.client_id AND s2.group_id = m.group_id AND s2.date <= ?1
			AND a2.status IN ('present', 'late', 'left_early')), '')
		GROUP BY m.id, g.id, c.id HAVING count(*) >= ?3
		ORDER BY count(*) DESC, g.sort_key, c.sort_key`, asOf, groupID, min)
}

func TestConsecutiveAbsencesMatchesPlainQuery(t *testing.T) {
	f, xs, g2 := recordedFixture(t)
	z, a := f.clients[0], f.clients[2]
	// A second meeting on Feb 3, after the one Zoë left early: her
	// absence that evening is on the day she last came, so it is no run;
	// nor is Ayşe's, whose run on Feb 10 is one long.
	extra := must[int64](t)(f.s.AddSession(f.ctx, Session{GroupID: f.group, Date: xs[4].Date, Start: 20 * 60, Minutes: 60}))
	for _, c := range []int64{z, a} {
		if err := f.s.SetAttendance(f.ctx, Attendance{SessionID: extra, ClientID: c, Status: Unexcused}); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.s.SetAttendance(f.ctx, Attendance{SessionID: xs[5].ID, ClientID: a, Status: Excused}); err != nil {
		t.Fatal(err)
	}
	for d := MustDate("2026-01-01"); !d.After(MustDate("2026-03-10")); d = d.AddDays(3) {
		for _, g := range []int64{0, f.group, g2} {
			for _, min := range []int{1, 2} {
				want := must[[]AbsenceRun](t)(absencesReference(f.ctx, f.s, g, d, min))
				got := must[[]AbsenceRun](t)(f.s.ConsecutiveAbsences(f.ctx, g, d, min))
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("as of %s, group %d, at least %d:\n%+v\nwant\n%+v", d, g, min, got, want)
				}
			}
		}
	}
	runs := must[[]AbsenceRun](t)(f.s.ConsecutiveAbsences(f.ctx, f.group, MustDate("2026-02-10"), 1))
	if len(runs) != 2 || runs[1].Client.ID != a || runs[1].Count != 1 {
		t.Fatalf("runs as of Feb 10: %+v", runs)
	}
}
