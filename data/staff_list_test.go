package data

import (
	"context"
	"testing"
)

// The list of staff, with and without those who left, on either engine
// (a flag argument compared with nothing is a boolean to PostgreSQL).
func TestListStaffActiveOrAll(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	must[int64](t)(s.CreateStaff(ctx, Staff{Name: "Ada Active", Active: true}))
	must[int64](t)(s.CreateStaff(ctx, Staff{Name: "Lee Left", Active: false}))
	names := func(include bool) (out []string) {
		t.Helper()
		for _, st := range must[[]Staff](t)(s.ListStaff(ctx, include)) {
			out = append(out, st.Name)
		}
		return out
	}
	active, all := names(false), names(true)
	if len(all) != len(active)+1 {
		t.Errorf("active %q, all %q: want one more in all", active, all)
	}
	for _, n := range active {
		if n == "Lee Left" {
			t.Errorf("an inactive member of staff is listed as active: %q", active)
		}
	}
}
