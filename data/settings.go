package data

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
)

// Paper sizes for printing.
const (
	Letter = "letter"
	A4     = "a4"
)

// Settings are the agency-wide preferences.
type Settings struct {
	AgencyName        string
	AgencyAddress     string
	PaperSize         string // Letter or A4
	DefaultNoteFormat NoteFormat
	BlankRows         int    // walk-in rows on sign-in sheets
	BackupDir         string // "" means a "backups" folder beside the database
	LockMinutes       int    // lock the window after this long idle; 0 never
	// Locale is the agency's language and region (one of Locales): how
	// dates are written and names sorted. "" until chosen: the computer's
	// for dates (see Region), English for sorting.
	Locale string
}

// Region is the locale dates are written in: the agency's, or until it
// chooses one the computer's.
func (st Settings) Region() string {
	if st.Locale == "" {
		return SystemLocale()
	}
	return st.Locale
}

// DefaultSettings are what a new database starts with.
func DefaultSettings() Settings {
	return Settings{PaperSize: Letter, DefaultNoteFormat: DAP, BlankRows: 5, LockMinutes: 15}
}

func (st Settings) validate() error {
	var p problems
	if st.PaperSize != Letter && st.PaperSize != A4 {
		p.add("paper_size", "Paper size must be Letter or A4.")
	}
	if !oneOf(st.DefaultNoteFormat, NoteFormats) {
		p.add("default_note_format", "Choose a note format: free, SOAP, DAP, BIRP or GIRP.")
	}
	if st.BlankRows < 0 || st.BlankRows > 50 {
		p.add("blank_rows", "Blank rows must be between 0 and 50.")
	}
	if st.Locale != "" && !knownLocale(st.Locale) {
		p.add("locale", fmt.Sprintf("Choose the agency's language and region from the list; %q is not one of them.", st.Locale))
	}
	if st.LockMinutes < 0 || st.LockMinutes > 24*60 {
		p.add("lock_minutes", "Lock time must be between 0 (never) and 1440 minutes.")
	}
	return p.err()
}

func (st Settings) pairs() map[string]string {
	return map[string]string{
		"agency_name":         strings.TrimSpace(st.AgencyName),
		"agency_address":      strings.TrimSpace(st.AgencyAddress),
		"paper_size":          st.PaperSize,
		"default_note_format": string(st.DefaultNoteFormat),
		"blank_rows":          strconv.Itoa(st.BlankRows),
		"backup_dir":          strings.TrimSpace(st.BackupDir),
		"lock_minutes":        strconv.Itoa(st.LockMinutes),
		"locale":              st.Locale,
	}
}

// Settings reads the agency's settings, defaults filling what was never set.
func (s *Store) Settings(ctx context.Context) (Settings, error) { return readSettings(ctx, s.db) }

func readSettings(ctx context.Context, q querier) (Settings, error) {
	st := DefaultSettings()
	rows, err := q.QueryContext(ctx, `SELECT key, value FROM settings`)
	if err != nil {
		return st, err
	}
	defer rows.Close()
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return st, err
		}
		switch k {
		case "agency_name":
			st.AgencyName = v
		case "agency_address":
			st.AgencyAddress = v
		case "paper_size":
			st.PaperSize = v
		case "default_note_format":
			st.DefaultNoteFormat = NoteFormat(v)
		case "blank_rows":
			st.BlankRows, _ = strconv.Atoi(v)
		case "backup_dir":
			st.BackupDir = v
		case "lock_minutes":
			st.LockMinutes, _ = strconv.Atoi(v)
		case "locale":
			st.Locale = v
		}
	}
	return st, rows.Err()
}

// SaveSettings writes a person's change of the settings in one
// transaction: before is the settings as their screen read them, after as
// they left them, merged into the settings as they are now (as
// UpdateClient does), so a setting changed elsewhere meanwhile is kept. It
// returns the settings as saved.
func (s *Store) SaveSettings(ctx context.Context, before, after Settings) (Settings, error) {
	if err := after.validate(); err != nil {
		return Settings{}, err
	}
	for _, f := range []*string{&after.AgencyName, &after.AgencyAddress, &after.BackupDir} {
		*f = strings.TrimSpace(*f)
	}
	var st Settings
	err := s.tx(ctx, func(tx *txn) error {
		// Read in the transaction: another connection from the pool may
		// not be free while this one holds the write lock.
		old, err := readSettings(ctx, tx)
		if err != nil {
			return err
		}
		if st, err = mergeEdit(ctx, tx, "the agency's settings", nil, before, after, old); err != nil {
			return err
		}
		// A new language re-sorts every name on file, in the same
		// transaction: lists are never half in one order, half in another.
		if lang := collationOf(st.Locale); lang != collationOf(old.Locale) {
			if err := rekey(ctx, tx, lang); err != nil {
				return err
			}
		}
		for k, v := range st.pairs() {
			if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
				ON CONFLICT (key) DO UPDATE SET value = excluded.value`, k, v); err != nil {
				return err
			}
		}
		if d := changes(old, st); d != "" {
			return s.audit(ctx, tx, "settings", 0, "update", d)
		}
		return nil
	})
	return st, err
}

// Setting reads one free-form value ("" when unset), for preferences that
// are not agency settings, such as who last used the app.
func (s *Store) Setting(ctx context.Context, key string) (string, error) {
	var v string
	err := s.db.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, key).Scan(&v)
	if err == sql.ErrNoRows {
		return "", nil
	}
	return v, err
}

// SetSetting writes one free-form value.
func (s *Store) SetSetting(ctx context.Context, key, value string) error {
	if _, ok := DefaultSettings().pairs()[key]; ok {
		return fmt.Errorf("%s is an agency setting; use SaveSettings", key)
	}
	if err := s.writable(ctx); err != nil {
		return err
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
	return err
}
