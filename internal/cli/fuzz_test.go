package cli

import (
	"strings"
	"testing"
)

// FuzzCommandLine parses any command line: global options, then a
// command's own flags and values. It never panics; mistakes come back as
// usage errors; every positional value comes through unchanged and in order.
func FuzzCommandLine(f *testing.F) {
	for _, s := range []string{"--db\x00x.db\x00check", "export\x00clients\x00-o\x00-", "print\x00sign-in\x00--date\x002026-03-14\x00-o\x00a.pdf",
		"--db", "-db=\x00demo\x00--size\x00huge", "backup\x00--encrypt\x00usb/agency.db.age", "--\x00--db", "-\x00-h", "restore\x00ﬁle.db"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		args := strings.Split(line, "\x00")
		inv, err := Parse(args)
		if err != nil {
			if _, ok := err.(usageError); !ok {
				t.Fatalf("not a usage error: %v", err)
			}
			return
		}
		fs := NewFlags(inv.Command)
		fs.String("o", "", "")
		fs.String("date", "", "")
		fs.Int("blank", 0, "")
		fs.Bool("encrypt", false, "")
		pos, err := ParseFlags(fs, inv.Args)
		if err != nil {
			if _, ok := err.(usageError); !ok {
				t.Fatalf("not a usage error: %v", err)
			}
			return
		}
		// Positional values appear in the arguments in the same order.
		i := 0
		for _, p := range pos {
			for i < len(inv.Args) && inv.Args[i] != p {
				i++
			}
			if i == len(inv.Args) {
				t.Fatalf("positional %q is not among %q", p, inv.Args)
			}
			i++
		}
	})
}
