package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"groupwork/data"
)

func init() {
	Register(Command{Name: "copy", Usage: "TARGET",
		Summary: "copy the whole database, ids, audit log and signatures kept, into a new file or an empty office database (postgres://…)", Run: runCopy})
}

// runCopy moves a desktop's file into a new office database, or an office
// database into a file any desktop can open. It is all or nothing, and a
// target that already holds records is refused and left as it was.
func runCopy(ctx context.Context, env *Env, args []string) error {
	if len(args) != 1 {
		return Usagef("copy needs the one target: a new file, or an empty office database's postgres:// URL")
	}
	target := args[0]
	if target == env.DB {
		return Usagef("the target is the database itself; name another")
	}
	if !data.IsOffice(env.DB) {
		// Opening a missing file would make an empty one to copy from.
		if _, err := os.Stat(env.DB); err != nil {
			return fmt.Errorf("%s: %w", env.DB, err)
		}
	}
	newFile := !data.IsOffice(target)
	if newFile {
		if fi, err := os.Stat(target); err == nil && fi.Size() > 0 {
			return fmt.Errorf("%s already exists; copy makes a new file, or fills an empty office database", target)
		} else if err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	src, err := env.OpenStore(ctx)
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := env.open(ctx, target)
	if err != nil {
		return err
	}
	if err := src.CopyTo(ctx, dst); err != nil {
		dst.Close()
		if newFile {
			removeDatabaseFile(target)
		}
		return fmt.Errorf("nothing was copied: %w", err)
	}
	r, err := dst.Check(ctx)
	if err == nil && !r.OK() {
		var problems []string
		problems = append(problems, r.ForeignKeys...)
		for _, p := range r.Seals {
			problems = append(problems, p.What)
		}
		if len(r.Integrity) != 1 || r.Integrity[0] != "ok" {
			problems = append(problems, r.Integrity...)
		}
		err = fmt.Errorf("the copy in %s does not check: %s", data.Redact(target), strings.Join(problems, "; "))
	}
	if err != nil {
		dst.Close()
		return err
	}
	if err := dst.Compact(ctx); err != nil {
		// The copy is whole and checked: only its reading is slower.
		fmt.Fprintf(env.Stderr, "The copy is whole, but tidying %s afterwards failed (%v); it works as it is, and an administrator may run VACUUM FULL on it later.\n", data.Redact(target), err)
	}
	n, err := dst.Count(ctx)
	if cerr := dst.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(env.Stdout, "Copied %s to %s (%s): %d clients, %d groups, %d sessions, %d attendance records, %d scores, %d notes, %d addenda, %d staff, %d audit lines; checked: signed notes, addenda and audit log unchanged\n",
		env.Name(), data.Redact(target), dst.Engine(), n.Clients, n.Groups, n.Sessions, n.Attendance, n.Scores, n.Notes, n.Addenda, n.Staff, n.Audit)
	return err
}

// removeDatabaseFile removes a file the copy made, with SQLite's side files.
func removeDatabaseFile(path string) {
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		os.Remove(p)
	}
}
