package data

import (
	"bytes"
	"context"
	"sync"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// collators holds, by language, a pool of collators that sort names by
// the Unicode Collation Algorithm with that language's tailoring: accents
// after the plain letter, case after that, and scripts in Unicode's order
// (Latin, Greek, Cyrillic...), except where the language says otherwise.
// A Collator keeps buffers of its own, so each goroutine takes one.
var collators sync.Map // language.Tag → *sync.Pool

// sortKeyIn is s's collation key in lang: comparing keys byte by byte, as
// SQLite compares BLOBs, orders the strings as a reader of lang would.
func sortKeyIn(lang language.Tag, s string) []byte {
	p, ok := collators.Load(lang)
	if !ok {
		p, _ = collators.LoadOrStore(lang, &sync.Pool{New: func() any { return collate.New(lang) }})
	}
	pool := p.(*sync.Pool)
	c := pool.Get().(*collate.Collator)
	defer pool.Put(c)
	var buf collate.Buffer
	return append([]byte(nil), c.KeyFromString(&buf, s)...)
}

// clientSortName orders clients by last name, then first name: the space
// sorts before every letter, so "Smith, Zed" comes before "Smithers".
func clientSortName(c Client) string { return c.LastName + " " + c.FirstName }

// CompareNames orders two names as the agency's lists do: -1, 0 or +1. For
// sorting names that are not read from the store in order (printed sheets
// with the names people go by, figures by group).
func (st Settings) CompareNames(a, b string) int {
	lang := collationOf(st.Locale)
	return bytes.Compare(sortKeyIn(lang, a), sortKeyIn(lang, b))
}

// sortKey is name's collation key in the agency's language, read once a
// transaction, so that a change of language made on another computer is
// followed.
func (t *txn) sortKey(ctx context.Context, name string) ([]byte, error) {
	if t.lang == nil {
		st, err := readSettings(ctx, t)
		if err != nil {
			return nil, err
		}
		lang := collationOf(st.Locale)
		t.lang = &lang
	}
	return sortKeyIn(*t.lang, name), nil
}

// rekey writes every client's, group's and staff member's sort key again
// in lang, in the transaction that changes the agency's language.
func rekey(ctx context.Context, tx *txn, lang language.Tag) error {
	tx.lang = &lang
	for table, name := range map[string]string{"clients": "last_name || ' ' || first_name", "groups": "name", "staff": "name"} {
		names, err := idNames(ctx, tx, `SELECT id, `+name+` FROM `+table)
		if err != nil {
			return err
		}
		if err := writeKeys(ctx, tx, table, lang, names); err != nil {
			return err
		}
	}
	return nil
}

func writeKeys(ctx context.Context, tx *txn, table string, lang language.Tag, names []idName) error {
	for _, n := range names {
		if _, err := tx.ExecContext(ctx, `UPDATE `+table+` SET sort_key = ? WHERE id = ?`, sortKeyIn(lang, n.name), n.id); err != nil {
			return err
		}
	}
	return nil
}
