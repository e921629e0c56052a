package engine

import "testing"

func TestDollar(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"SELECT 1", "SELECT 1"},
		{"SELECT a FROM t WHERE b = ? AND c = ?", "SELECT a FROM t WHERE b = $1 AND c = $2"},
		{"WHERE d <= ?1 AND (e IS NULL OR e >= ?1) OR ?2 = 1", "WHERE d <= $1 AND (e IS NULL OR e >= $1) OR $2 = 1"},
		{"WHERE a LIKE ? ESCAPE '\\' AND b = '?'", "WHERE a LIKE $1 ESCAPE '\\' AND b = '?'"},
		{`SELECT "a?" FROM t -- why?` + "\nWHERE x = ?", `SELECT "a?" FROM t -- why?` + "\nWHERE x = $1"},
		{"VALUES (?, ?, ?)", "VALUES ($1, $2, $3)"},
		{"WHERE a <= ?2 AND b >= ?1 AND c IN (?, ?)", "WHERE a <= $2 AND b >= $1 AND c IN ($3, $4)"},
	} {
		if got := Dollar(c.in); got != c.want {
			t.Errorf("Dollar(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func FuzzDollar(f *testing.F) {
	f.Add("SELECT ? FROM t WHERE a = '?' AND b = ?2")
	f.Fuzz(func(t *testing.T, q string) {
		out := Dollar(q)
		if Dollar(out) != out {
			t.Fatalf("placeholders left after one pass: %q -> %q", q, out)
		}
	})
}
