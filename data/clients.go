package data

import (
	"context"
	"database/sql"
	"errors"
	"strings"
)

const clientColumns = `c.id, c.first_name, c.last_name, c.preferred_name, c.pronouns, c.dob, c.phone, c.email,
	coalesce(c.record_number, ''), c.emergency_contact, c.notes, c.archived`

func scanClient(sc interface{ Scan(...any) error }, c *Client) error {
	return sc.Scan(&c.ID, &c.FirstName, &c.LastName, &c.PreferredName, &c.Pronouns, &c.DOB, &c.Phone, &c.Email,
		&c.RecordNumber, &c.EmergencyContact, &c.Notes, &c.Archived)
}

func trimClient(c Client) Client {
	for _, f := range []*string{&c.FirstName, &c.LastName, &c.PreferredName, &c.Pronouns, &c.Phone, &c.Email, &c.RecordNumber, &c.EmergencyContact} {
		*f = strings.TrimSpace(*f)
	}
	return c
}

// CreateClient adds a client and returns its id.
func (s *Store) CreateClient(ctx context.Context, c Client) (int64, error) {
	var id int64
	err := s.tx(ctx, func(tx *txn) error {
		var err error
		id, err = s.createClient(ctx, tx, c)
		return err
	})
	return id, err
}

func (s *Store) createClient(ctx context.Context, tx *txn, c Client) (int64, error) {
	c = trimClient(c)
	if err := c.validate(s.today()); err != nil {
		return 0, err
	}
	if err := recordNumberFree(ctx, tx, c.RecordNumber, 0); err != nil {
		return 0, err
	}
	id, err := tx.insert(ctx, `INSERT INTO clients (first_name, last_name, preferred_name, pronouns, dob, phone, email,
		record_number, emergency_contact, notes, archived) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.FirstName, c.LastName, c.PreferredName, c.Pronouns, c.DOB, c.Phone, c.Email,
		nullString(c.RecordNumber), c.EmergencyContact, c.Notes, boolInt(c.Archived))
	if err != nil {
		return 0, err
	}
	if err := indexClient(ctx, tx, id, c); err != nil {
		return 0, err
	}
	return id, s.audit(ctx, tx, "client", id, "create", "")
}

func recordNumberFree(ctx context.Context, tx *txn, number string, self int64) error {
	if number == "" {
		return nil
	}
	var other int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM clients WHERE record_number = ? AND id <> ?`, number, self).Scan(&other)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	return invalid("record_number", "Record number "+number+" already belongs to another client.")
}

// clientKeys are the client's field keys that are not its field names in
// snake case.
var clientKeys = fieldKeys{"DOB": "dob"}

// UpdateClient saves a person's edit of a client: before is the client as
// their form read it, after as they left it. The edit is merged into the
// client as it is now (see merge3), so a detail saved by someone else
// meanwhile is kept; where both changed the same detail, nothing is saved
// and a *ConflictError gives both values. It returns the client as saved.
func (s *Store) UpdateClient(ctx context.Context, before, after Client) (Client, error) {
	return txValue(ctx, s, func(tx *txn) (Client, error) { return s.updateClient(ctx, tx, before, after) })
}

func (s *Store) updateClient(ctx context.Context, tx *txn, before, after Client) (Client, error) {
	old, err := getClient(ctx, tx, after.ID)
	if err != nil {
		return Client{}, err
	}
	c, err := mergeEdit(ctx, tx, old.DisplayName(), clientKeys, trimClient(before), trimClient(after), old)
	if err != nil {
		return Client{}, err
	}
	if err := c.validate(s.today()); err != nil {
		return Client{}, err
	}
	if err := recordNumberFree(ctx, tx, c.RecordNumber, c.ID); err != nil {
		return Client{}, err
	}
	_, err = tx.ExecContext(ctx, `UPDATE clients SET first_name = ?, last_name = ?, preferred_name = ?, pronouns = ?, dob = ?,
		phone = ?, email = ?, record_number = ?, emergency_contact = ?, notes = ?, archived = ? WHERE id = ?`,
		c.FirstName, c.LastName, c.PreferredName, c.Pronouns, c.DOB, c.Phone, c.Email,
		nullString(c.RecordNumber), c.EmergencyContact, c.Notes, boolInt(c.Archived), c.ID)
	if err != nil {
		return Client{}, err
	}
	if err := indexClient(ctx, tx, c.ID, c); err != nil {
		return Client{}, err
	}
	action := "update"
	if c.Archived != old.Archived {
		action = map[bool]string{true: "archive", false: "unarchive"}[c.Archived]
	}
	return c, s.audit(ctx, tx, "client", c.ID, action, changes(old, c))
}

// SetClientArchived archives a client (hidden from lists, records kept) or
// brings one back.
func (s *Store) SetClientArchived(ctx context.Context, id int64, archived bool) error {
	return s.tx(ctx, func(tx *txn) error {
		c, err := getClient(ctx, tx, id)
		if err != nil {
			return err
		}
		after := c
		after.Archived = archived
		_, err = s.updateClient(ctx, tx, c, after)
		return err
	})
}

// GetClient returns one client.
func (s *Store) GetClient(ctx context.Context, id int64) (Client, error) {
	return getClient(ctx, s.db, id)
}

func getClient(ctx context.Context, q querier, id int64) (Client, error) {
	var c Client
	err := scanClient(q.QueryRowContext(ctx, `SELECT `+clientColumns+` FROM clients c WHERE c.id = ?`, id), &c)
	if errors.Is(err, sql.ErrNoRows) {
		return c, ErrNotFound
	}
	return c, err
}

// ClientFilter narrows the client list.
type ClientFilter struct {
	Search          string // matched against names and record number
	IncludeArchived bool
	Limit           int // 0: no limit
}

// ListClients returns clients sorted by last name.
func (s *Store) ListClients(ctx context.Context, f ClientFilter) ([]Client, error) {
	q := `SELECT ` + clientColumns + ` FROM clients c WHERE (c.archived = 0 OR ? = 1)`
	args := []any{f.IncludeArchived}
	// Each word typed, folded as names are, is found anywhere in a name
	// or the record number.
	for _, word := range strings.Fields(Fold(f.Search)) {
		q += ` AND c.search_key LIKE ? ESCAPE '\'`
		args = append(args, "%"+escapeLike(word)+"%")
	}
	q += ` ORDER BY c.sort_key, c.id`
	if f.Limit > 0 {
		q += ` LIMIT ?`
		args = append(args, f.Limit)
	}
	return queryClients(ctx, s.db, q, args...)
}

func queryClients(ctx context.Context, q querier, query string, args ...any) ([]Client, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Client
	for rows.Next() {
		var c Client
		if err := scanClient(rows, &c); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// FindClientByRecord returns the client with this record number.
func (s *Store) FindClientByRecord(ctx context.Context, number string) (Client, error) {
	var c Client
	err := scanClient(s.db.QueryRowContext(ctx, `SELECT `+clientColumns+` FROM clients c WHERE c.record_number = ?`,
		strings.TrimSpace(number)), &c)
	if errors.Is(err, sql.ErrNoRows) {
		return c, ErrNotFound
	}
	return c, err
}
