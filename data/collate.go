package data

import (
	"bytes"
	"sync"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// collators sorts names by the Unicode Collation Algorithm with English's
// tailoring (the agency's language): accents after the plain letter, case
// after that, and scripts in Unicode's order (Latin, Greek, Cyrillic...).
// A Collator keeps buffers of its own, so each goroutine takes one.
var collators = sync.Pool{New: func() any { return collate.New(language.English) }}

// sortKey is s's collation key: comparing keys byte by byte, as SQLite
// compares BLOBs, orders the strings as a reader would.
func sortKey(s string) []byte {
	c := collators.Get().(*collate.Collator)
	defer collators.Put(c)
	var buf collate.Buffer
	return append([]byte(nil), c.KeyFromString(&buf, s)...)
}

// clientSortKey orders clients by last name, then first name: the space
// sorts before every letter, so "Smith, Zed" comes before "Smithers".
func clientSortKey(c Client) []byte { return sortKey(c.LastName + " " + c.FirstName) }

// CompareNames orders two names as lists do: -1, 0 or +1. For sorting
// names that are not read from the store in order (printed sheets with
// the names people go by, figures by group).
func CompareNames(a, b string) int { return bytes.Compare(sortKey(a), sortKey(b)) }
