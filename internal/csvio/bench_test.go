package csvio

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"
	"testing"

	"groupwork/data"
	"groupwork/internal/benchdb"
)

func benchStore(b *testing.B) *data.Store {
	b.Helper()
	s, err := data.OpenSource(context.Background(), benchdb.Source(b), "")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

func BenchmarkExportAttendanceAll(b *testing.B) {
	s := benchStore(b)
	for b.Loop() {
		if err := ExportAttendance(context.Background(), s, Filter{}, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPlanClientsReimport previews importing every client of the
// large agency back into it: all duplicates, checked in one trial run.
func BenchmarkPlanClientsReimport(b *testing.B) {
	s := benchStore(b)
	var buf bytes.Buffer
	if err := ExportClients(context.Background(), s, Filter{}, &buf); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		plan, err := PlanClients(context.Background(), s, bytes.NewReader(buf.Bytes()), ClientOptions{OnDuplicate: UpdateDuplicates})
		if err != nil || len(plan.Problems) > 0 {
			b.Fatal(err, plan.Problems)
		}
	}
}

// BenchmarkPlanAttendanceWalkIns previews a sheet for one session of the
// large agency that lists its roster, twenty clients outside the group
// and twenty people on no file, all walk-ins (a busy day's sheet): matched
// against every client and tried in one trial run.
func BenchmarkPlanAttendanceWalkIns(b *testing.B) {
	s := benchStore(b)
	ctx := context.Background()
	gs, err := s.ListGroups(ctx, false)
	if err != nil || len(gs) == 0 {
		b.Fatal(err)
	}
	g := gs[0]
	xs, err := s.Sessions(ctx, g.ID, data.Date{}, data.Date{})
	if err != nil {
		b.Fatal(err)
	}
	var day data.Date
	for _, x := range xs {
		if x.Status != data.DidNotMeet {
			day = x.Date
			break
		}
	}
	members, _ := s.Members(ctx, g.ID)
	in := map[int64]bool{}
	for _, m := range members {
		in[m.ClientID] = true
	}
	roster, _ := s.RosterOn(ctx, g.ID, day)
	all, _ := s.ListClients(ctx, data.ClientFilter{})
	var buf bytes.Buffer
	buf.WriteString("Record number,First name,Last name,Date,Status\n")
	rows := 0
	for _, m := range roster {
		fmt.Fprintf(&buf, "%s,%s,%s,%s,P\n", m.Client.RecordNumber, csvField(m.Client.FirstName), csvField(m.Client.LastName), day)
		rows++
	}
	outsiders := 0
	for _, c := range all {
		if !in[c.ID] && c.RecordNumber != "" && outsiders < 20 {
			fmt.Fprintf(&buf, "%s,,,%s,P\n", c.RecordNumber, day)
			rows++
			outsiders++
		}
	}
	for i := 0; i < 20; i++ {
		fmt.Fprintf(&buf, ",Walk%02d,Newcomer,%s,late\n", i, day)
		rows++
	}
	b.ReportMetric(float64(rows), "lines")
	for b.Loop() {
		plan, err := PlanAttendance(ctx, s, bytes.NewReader(buf.Bytes()), AttendanceOptions{GroupID: g.ID, AddWalkIns: true})
		if err != nil || len(plan.Problems) > 0 {
			b.Fatal(err, plan.Problems)
		}
	}
}

func csvField(s string) string {
	if strings.ContainsAny(s, ",\"\n") {
		return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
	}
	return s
}
