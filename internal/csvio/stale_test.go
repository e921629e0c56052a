package csvio

import (
	"context"
	"errors"
	"strings"
	"testing"

	"groupwork/data"
)

// A client changed after the preview and before Import keeps the change:
// the import writes the file's values into the client as it is when it
// runs, not back over it as the preview read it. Where the file and the
// change disagree on the same detail nothing is imported, and the line of
// the file says both values.
func TestImportKeepsAChangeSavedAfterThePreview(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	id, err := s.CreateClient(ctx, data.Client{FirstName: "Ana", LastName: "García", RecordNumber: "A-7", Phone: "555-0100"})
	if err != nil {
		t.Fatal(err)
	}
	// meanwhile saves a change the way another desktop sharing the file
	// would, between the preview and Import.
	other, err := data.OpenSource(ctx, s.Path(), "")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	meanwhile := func(phone string) {
		t.Helper()
		before, err := other.GetClient(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		after := before
		after.Phone = phone
		if _, err := other.UpdateClient(ctx, before, after); err != nil {
			t.Fatal(err)
		}
	}
	plan := func(body string) *ClientPlan {
		t.Helper()
		p, err := PlanClients(ctx, s, strings.NewReader(body), ClientOptions{OnDuplicate: UpdateDuplicates})
		if err != nil || len(p.Problems) > 0 || p.Items[0].Action != UpdateOld {
			t.Fatalf("plan: %v %v %+v", err, p.Problems, p.Items)
		}
		return p
	}

	// The file has no phone column: the phone saved meanwhile stays.
	p := plan("Record number,First name,Last name,Email\nA-7,Ana,García,ana@example.org\n")
	meanwhile("555-0199")
	if _, err := p.Apply(ctx, s); err != nil {
		t.Fatal(err)
	}
	if c, _ := s.GetClient(ctx, id); c.Phone != "555-0199" || c.Email != "ana@example.org" {
		t.Errorf("after the import: phone %q (want the one saved meanwhile), email %q", c.Phone, c.Email)
	}

	// The file changes the phone too, to another number: refused, with
	// the line and both numbers, and nothing written.
	p = plan("Record number,First name,Last name,Phone\nA-7,Ana,García,555-0111\n")
	meanwhile("555-0122")
	sum := checksum(t, s)
	_, err = p.Apply(ctx, s)
	var ps Problems
	if !errors.As(err, &ps) || len(ps) != 1 {
		t.Fatalf("the import of a changed phone: %v", err)
	}
	msg := ps[0].String()
	for _, want := range []string{"line 2", "555-0122", "555-0111", "Ana García", "phone"} {
		if !strings.Contains(msg, want) {
			t.Errorf("the problem does not say %q: %s", want, msg)
		}
	}
	if checksum(t, s) != sum {
		t.Error("the refused import changed the database")
	}
}
