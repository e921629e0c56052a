package data

import "testing"

// Like signing, an addendum is written by someone still on the staff: one
// who has left cannot add to a signed record in their own name.
func TestInactiveStaffCannotAddAnAddendum(t *testing.T) {
	f := newFixture(t)
	x := heldSession(t, f)
	id := must[Note](t)(f.s.SaveNote(f.ctx, Note{SessionID: x.ID, Format: DAP, Sections: map[string]string{"data": "Members met."}})).ID
	if err := f.sign(id, f.lead); err != nil {
		t.Fatal(err)
	}
	read := must[Staff](t)(f.s.GetStaff(f.ctx, f.co))
	co := read
	co.Active = false
	if _, err := f.s.UpdateStaff(f.ctx, read, co); err != nil {
		t.Fatal(err)
	}
	_, err := f.s.AddAddendum(f.ctx, id, f.as(f.co), "Late entry: a member phoned afterwards.")
	if v, ok := IsValidation(err); !ok || v.For("author") == "" {
		t.Fatalf("addendum by someone no longer active: %v", err)
	}
	if n := must[Note](t)(f.s.GetNote(f.ctx, id)); len(n.Addenda) != 0 {
		t.Fatalf("the refused addendum was kept: %+v", n.Addenda)
	}
	if _, err := f.s.AddAddendum(f.ctx, id, f.as(f.lead), "Late entry: a member phoned afterwards."); err != nil {
		t.Fatal(err)
	}
}
