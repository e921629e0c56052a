package data

import "testing"

func TestCheckFindsWhatSavingWouldRefuse(t *testing.T) {
	v, ok := IsValidation(Client{FirstName: "Ana", Email: "ana at home"}.Check(MustDate("2026-01-01")))
	if !ok || v.For("email") == "" {
		t.Fatalf("client check: %v", v)
	}
	if err := (Client{LastName: "Silva"}).Check(MustDate("2026-01-01")); err != nil {
		t.Errorf("a good client: %v", err)
	}
	v, ok = IsValidation(Group{}.Check())
	if !ok || v.For("name") == "" || v.For("start_date") == "" {
		t.Fatalf("group check: %v", v)
	}
}
