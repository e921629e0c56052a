package data

import (
	"context"
	"path/filepath"
	"testing"
	"time"
)

func TestAddNewMemberIsAllOrNothing(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "r.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	gid, err := s.CreateGroup(ctx, Group{Name: "Thursday support", Type: Support, Enrolment: OpenEnrolment, Status: GroupActive,
		Start: MustDate("2026-01-01"), Schedule: Schedule{Frequency: Weekly, Weekday: time.Thursday, Start: 600, Minutes: 90},
		NoteFormat: DAP})
	if err != nil {
		t.Fatal(err)
	}
	cid, mid, err := s.AddNewMember(ctx, Client{FirstName: "Ana", LastName: "Silva"},
		Membership{GroupID: gid, Joined: MustDate("2026-01-05"), Status: Enrolled})
	if err != nil || cid == 0 || mid == 0 {
		t.Fatalf("AddNewMember: %d %d %v", cid, mid, err)
	}
	// A membership without a joined date is refused, and no client is left behind.
	_, _, err = s.AddNewMember(ctx, Client{FirstName: "Ben", LastName: "Okafor"}, Membership{GroupID: gid, Status: Enrolled})
	if v, ok := IsValidation(err); !ok || v.For("joined") == "" {
		t.Fatalf("want a joined-date error, got %v", err)
	}
	list, err := s.ListClients(ctx, ClientFilter{Search: "Okafor"})
	if err != nil || len(list) != 0 {
		t.Fatalf("client created although the membership was refused: %v %v", list, err)
	}
}
