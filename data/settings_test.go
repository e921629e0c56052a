package data

import (
	"context"
	"testing"
	"time"
)

// Saving the settings reads the old ones inside its own transaction: with
// a pool of one connection (or every other one busy) a read outside it
// would wait for ever for the connection the transaction holds.
func TestSaveSettingsWithOneConnection(t *testing.T) {
	s := openTest(t)
	s.db.db.SetMaxOpenConns(1)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	st := DefaultSettings()
	st.AgencyName = "Riverside Family Services"
	if _, err := s.SaveSettings(ctx, DefaultSettings(), st); err != nil {
		t.Fatalf("saving settings with one connection: %v", err)
	}
	got, err := s.Settings(context.Background())
	if err != nil || got.AgencyName != "Riverside Family Services" {
		t.Fatalf("settings after saving: %+v (%v)", got, err)
	}
}
