package data

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// agency is a database started by its first person, who administers it,
// with a colleague added by them; both have passphrases.
func agency(t *testing.T) (s *Store, first, colleague Signer) {
	t.Helper()
	ctx := context.Background()
	s = openTest(t)
	id := must[int64](t)(s.StartAgency(ctx, "Riverside Family Services", Staff{Name: "Grace Okafor", Active: true}))
	first = Signer{StaffID: id, Passphrase: "the first one in turns the lights on"}
	if err := s.SetStaffPassphrase(ctx, id, first.Passphrase); err != nil {
		t.Fatal(err)
	}
	s.SetActor(Actor{StaffID: id, Name: "Grace Okafor"})
	other := must[int64](t)(s.CreateStaff(ctx, Staff{Name: "Jonas Ólafsson", Active: true}))
	colleague = Signer{StaffID: other, Passphrase: "a colleague who forgets things"}
	if err := s.SetStaffPassphrase(ctx, other, colleague.Passphrase); err != nil {
		t.Fatal(err)
	}
	return s, first, colleague
}

func TestFirstPersonAdministersAndOnlyAdministratorsManageStaff(t *testing.T) {
	ctx := context.Background()
	s, first, colleague := agency(t)
	admins := must[map[int64]bool](t)(s.Admins(ctx))
	if !admins[first.StaffID] || admins[colleague.StaffID] || len(admins) != 1 {
		t.Fatalf("administrators %v", admins)
	}

	// The colleague, signed in, may not add or deactivate staff on an
	// office database; on a file, whoever sits at the desktop may.
	s.SetActor(Actor{StaffID: colleague.StaffID, Name: "Jonas Ólafsson"})
	_, err := s.CreateStaff(ctx, Staff{Name: "Mia Chen", Active: true})
	if onOffice() != errors.Is(err, ErrNotAdmin) {
		t.Fatalf("a colleague adding staff: %v", err)
	}
	if err := s.ResetPassphrase(ctx, colleague, first.StaffID, "a new passphrase for Grace"); !errors.Is(err, ErrNotAdmin) {
		t.Fatalf("a colleague resetting a passphrase: %v", err)
	}
	if err := s.SetAdmin(ctx, colleague, colleague.StaffID, true); !errors.Is(err, ErrNotAdmin) {
		t.Fatalf("a colleague making themselves an administrator: %v", err)
	}

	// The administrator names the colleague one; the last one cannot step down.
	s.SetActor(Actor{StaffID: first.StaffID, Name: "Grace Okafor"})
	wrong := Signer{StaffID: first.StaffID, Passphrase: "not Grace's passphrase at all"}
	if err := s.SetAdmin(ctx, wrong, colleague.StaffID, true); !errors.Is(err, ErrNotYourPassphrase) {
		t.Fatalf("with a wrong passphrase: %v", err)
	}
	if err := s.SetAdmin(ctx, first, first.StaffID, false); err == nil {
		t.Fatal("the last administrator stepped down")
	}
	me := must[Staff](t)(s.GetStaff(ctx, first.StaffID))
	gone := me
	gone.Active = false
	if _, err := s.UpdateStaff(ctx, me, gone); err == nil {
		t.Fatal("the last administrator was deactivated")
	} else {
		wantField(t, err, "active")
	}
	if err := s.SetAdmin(ctx, first, colleague.StaffID, true); err != nil {
		t.Fatal(err)
	}
	if err := s.SetAdmin(ctx, colleague, first.StaffID, false); err != nil {
		t.Fatal(err)
	}
	if admins := must[map[int64]bool](t)(s.Admins(ctx)); admins[first.StaffID] || !admins[colleague.StaffID] {
		t.Fatalf("administrators now %v", admins)
	}
}

// A forgotten passphrase is reset by an administrator, the wrong tries
// forgiven, and the audit log names who reset it, never the passphrase.
func TestAdministratorResetsAForgottenPassphrase(t *testing.T) {
	ctx := context.Background()
	s, first, colleague := agency(t)
	for range 5 {
		s.VerifyPassphrase(ctx, colleague.StaffID, "what was it again")
	}
	var wait *WaitError
	if err := s.VerifyPassphrase(ctx, colleague.StaffID, colleague.Passphrase); !errors.As(err, &wait) {
		t.Fatalf("after five wrong tries: %v", err)
	}
	const fresh = "a passphrase written down safely"
	if err := s.ResetPassphrase(ctx, first, colleague.StaffID, "short"); err == nil {
		t.Fatal("a short passphrase was taken")
	}
	if err := s.ResetPassphrase(ctx, first, colleague.StaffID, fresh); err != nil {
		t.Fatal(err)
	}
	if err := s.VerifyPassphrase(ctx, colleague.StaffID, fresh); err != nil {
		t.Fatalf("the new passphrase: %v", err)
	}
	if err := s.VerifyPassphrase(ctx, colleague.StaffID, colleague.Passphrase); !errors.Is(err, ErrNotYourPassphrase) {
		t.Fatalf("the old passphrase: %v", err)
	}
	log := must[[]AuditEntry](t)(s.AuditLog(ctx, AuditFilter{Limit: 50}))
	var found bool
	for _, e := range log {
		if strings.Contains(e.Detail, fresh) || strings.Contains(e.Action, fresh) {
			t.Fatalf("the audit log holds the passphrase: %+v", e)
		}
		if e.Action == "passphrase reset" && e.EntityID == colleague.StaffID && e.Detail == "by Grace Okafor" && e.Actor == "Grace Okafor" {
			found = true
		}
	}
	if !found {
		t.Fatalf("no audit line for the reset in %+v", log)
	}
}

// Who is signed in on which computer: as people sign in and out, and a
// window that vanished without signing out drops off after a while.
func TestWhoIsSignedInWhere(t *testing.T) {
	ctx := context.Background()
	s, first, colleague := agency(t)
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	s.SetClock(func() time.Time { return now })
	for _, in := range []struct {
		who      int64
		computer string
	}{{first.StaffID, "FRONT-DESK"}, {colleague.StaffID, "ROOM-2"}, {first.StaffID, "ROOM-2"}} {
		if err := s.SignedIn(ctx, in.who, in.computer); err != nil {
			t.Fatal(err)
		}
	}
	list := func() string {
		var b []string
		for _, in := range must[[]SignIn](t)(s.WhoIsIn(ctx)) {
			b = append(b, in.Name+"@"+in.Computer)
		}
		return strings.Join(b, " ")
	}
	if got, want := list(), "Grace Okafor@FRONT-DESK Grace Okafor@ROOM-2 Jonas Ólafsson@ROOM-2"; got != want {
		t.Fatalf("signed in: %q, want %q", got, want)
	}
	if err := s.SignedOut(ctx, first.StaffID, "ROOM-2"); err != nil {
		t.Fatal(err)
	}
	now = now.Add(2 * time.Minute)
	if err := s.SignedIn(ctx, colleague.StaffID, "ROOM-2"); err != nil { // still there
		t.Fatal(err)
	}
	now = now.Add(2 * time.Minute)
	if got, want := list(), "Jonas Ólafsson@ROOM-2"; got != want {
		t.Fatalf("four minutes on: %q, want %q", got, want)
	}
}

// On an office database nobody sets or removes another person's
// passphrase once they have one: that is an administrator's reset. Two
// desktops setting a new colleague's first passphrase at once leave one.
func TestOfficePassphrasesAreTheirOwn(t *testing.T) {
	if !onOffice() {
		t.Skip("an office database's rule; on a file whoever sits at the desktop may")
	}
	ctx := context.Background()
	s, first, colleague := agency(t)
	s.SetActor(Actor{StaffID: first.StaffID, Name: "Grace Okafor"})
	if err := s.SetStaffPassphrase(ctx, colleague.StaffID, "Grace chose this for Jonas"); err == nil {
		t.Fatal("an administrator overwrote a colleague's passphrase without a reset")
	}
	if err := s.SetStaffPassphrase(ctx, first.StaffID, ""); err == nil {
		t.Fatal("a passphrase was removed on an office database")
	}
	if err := s.VerifyPassphrase(ctx, colleague.StaffID, colleague.Passphrase); err != nil {
		t.Fatalf("the colleague's own passphrase: %v", err)
	}
	s.SetActor(Actor{StaffID: colleague.StaffID, Name: "Jonas Ólafsson"})
	if err := s.SetStaffPassphrase(ctx, colleague.StaffID, "Jonas changed his own"); err != nil {
		t.Fatalf("changing one's own: %v", err)
	}

	// A newcomer without a passphrase, claimed from two desktops at once.
	s.SetActor(Actor{StaffID: first.StaffID, Name: "Grace Okafor"})
	newcomer := must[int64](t)(s.CreateStaff(ctx, Staff{Name: "Mia Chen", Active: true}))
	s.SetActor(Actor{})
	other, err := OpenSource(ctx, s.source, "")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	errs := make(chan error, 2)
	for i, st := range []*Store{s, other} {
		go func() { errs <- st.SetStaffPassphrase(ctx, newcomer, fmt.Sprintf("first passphrase number %d", i)) }()
	}
	var ok int
	for range 2 {
		if err := <-errs; err == nil {
			ok++
		}
	}
	if ok != 1 {
		t.Fatalf("%d of two desktops set the newcomer's first passphrase, want 1", ok)
	}
}
