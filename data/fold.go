package data

import (
	"context"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Fold is the form of a name that search compares: what a person types on
// a US keyboard. Case, accents and punctuation are dropped, letters with
// no accent to drop are spelled as such a person would (ø → o, ł → l,
// ß → ss, æ → ae), and runs of anything else become one space. "Nguyễn",
// "NGUYEN" and "nguyen" fold alike, as do "Bjørn-Ólafur" and "bjorn olafur".
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	// Bytes that are not UTF-8 are a break between words, like
	// punctuation; left in, they stop the decomposition of what follows.
	for _, r := range norm.NFKD.String(strings.ToValidUTF8(s, " ")) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue // a combining accent
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			if sp, ok := spelled[r]; ok {
				b.WriteString(sp)
			} else {
				b.WriteRune(unicode.ToLower(r))
			}
		case r == '\'' || r == '’' || r == 'ʼ':
			// O'Brien is obrien, not "o brien".
		default:
			space = true
		}
	}
	return b.String()
}

// spelled are letters that decomposition leaves as they are, written as
// they are typed on a keyboard without them.
var spelled = map[rune]string{
	'ø': "o", 'Ø': "o", 'ł': "l", 'Ł': "l", 'đ': "d", 'Đ': "d", 'ð': "d", 'Ð': "d",
	'þ': "th", 'Þ': "th", 'ß': "ss", 'ẞ': "ss", 'æ': "ae", 'Æ': "ae", 'œ': "oe", 'Œ': "oe",
	'ı': "i", 'ħ': "h", 'Ħ': "h", 'ŧ': "t", 'Ŧ': "t", 'ŀ': "l", 'Ŀ': "l", 'ĸ': "k", 'ŋ': "n", 'Ŋ': "n",
}

// clientSearchKey is what a client is found by: every name, the record
// number, folded.
func clientSearchKey(c Client) string {
	return Fold(strings.Join([]string{c.FirstName, c.LastName, c.PreferredName, c.RecordNumber}, " "))
}

// indexClient writes the keys a client is found and sorted by.
func indexClient(ctx context.Context, tx *txn, id int64, c Client) error {
	key, err := tx.sortKey(ctx, clientSortName(c))
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `UPDATE clients SET search_key = ?, sort_key = ? WHERE id = ?`, clientSearchKey(c), key, id)
	return err
}

// indexGroup writes the keys a group is found and sorted by.
func indexGroup(ctx context.Context, tx *txn, id int64, name string) error {
	key, err := tx.sortKey(ctx, name)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `UPDATE groups SET search_key = ?, sort_key = ? WHERE id = ?`, Fold(name), key, id)
	return err
}

// indexStaff writes the key a staff member is sorted by.
func indexStaff(ctx context.Context, tx *txn, id int64, name string) error {
	key, err := tx.sortKey(ctx, name)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `UPDATE staff SET sort_key = ? WHERE id = ?`, key, id)
	return err
}

// indexExisting gives the clients, groups and staff already on file their
// keys, in the migration that adds them.
func indexExisting(ctx context.Context, tx *txn) error {
	// The columns as migration 4 knows them, not as later code reads a
	// client: an old file is brought up to date one step at a time.
	rows, err := tx.QueryContext(ctx, `SELECT id, first_name, last_name, preferred_name, coalesce(record_number, '') FROM clients`)
	if err != nil {
		return err
	}
	var clients []Client
	for rows.Next() {
		var c Client
		if err := rows.Scan(&c.ID, &c.FirstName, &c.LastName, &c.PreferredName, &c.RecordNumber); err != nil {
			rows.Close()
			return err
		}
		clients = append(clients, c)
	}
	err = rows.Err()
	rows.Close()
	if err != nil {
		return err
	}
	for _, c := range clients {
		if err := indexClient(ctx, tx, c.ID, c); err != nil {
			return err
		}
	}
	for table, index := range map[string]func(context.Context, *txn, int64, string) error{"groups": indexGroup, "staff": indexStaff} {
		names, err := idNames(ctx, tx, `SELECT id, name FROM `+table)
		if err != nil {
			return err
		}
		for _, n := range names {
			if err := index(ctx, tx, n.id, n.name); err != nil {
				return err
			}
		}
	}
	return nil
}

type idName struct {
	id   int64
	name string
}

func idNames(ctx context.Context, q querier, query string) ([]idName, error) {
	rows, err := q.QueryContext(ctx, query)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []idName
	for rows.Next() {
		var n idName
		if err := rows.Scan(&n.id, &n.name); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// GroupHit is a group found by name.
type GroupHit struct {
	ID       int64
	Name     string
	Archived bool
}

// Found is what a search found: groups, then clients.
type Found struct {
	Groups  []GroupHit
	Clients []Client
}

// Find looks for groups and clients as the left bar's search does: every
// word typed, folded, somewhere in a group's name or a client's names or
// record number. Archived groups and clients are left out; at most limit
// clients are returned (0: all).
func (s *Store) Find(ctx context.Context, text string, limit int) (Found, error) {
	var f Found
	words := strings.Fields(Fold(text))
	if len(words) == 0 {
		return f, nil
	}
	q := `SELECT id, name, archived FROM groups WHERE archived = 0`
	var args []any
	for _, w := range words {
		q += ` AND search_key LIKE ? ESCAPE '\'`
		args = append(args, "%"+escapeLike(w)+"%")
	}
	rows, err := s.db.QueryContext(ctx, q+` ORDER BY sort_key, id`, args...)
	if err != nil {
		return f, err
	}
	for rows.Next() {
		var g GroupHit
		if err := rows.Scan(&g.ID, &g.Name, &g.Archived); err != nil {
			rows.Close()
			return f, err
		}
		f.Groups = append(f.Groups, g)
	}
	err = rows.Err()
	rows.Close()
	if err != nil {
		return f, err
	}
	f.Clients, err = s.ListClients(ctx, ClientFilter{Search: text, Limit: limit})
	return f, err
}

// Identify names a client so that two with the same name can be told
// apart: "Papadopoulos, Amara · RFS-00012 · born 17 May 1980".
func (c Client) Identify() string {
	if d := c.Distinction(); d != "" {
		return c.SortName() + " · " + d
	}
	return c.SortName()
}

// Distinction is what tells a client from another of the same name: the
// record number and birthday, "RFS-00012 · born 17 May 1980".
func (c Client) Distinction() string {
	var parts []string
	if c.RecordNumber != "" {
		parts = append(parts, c.RecordNumber)
	}
	if !c.DOB.IsZero() {
		parts = append(parts, "born "+c.DOB.Time().Format("2 Jan 2006"))
	}
	return strings.Join(parts, " · ")
}
