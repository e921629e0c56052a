package cli

import (
	"context"
	"fmt"
	"strings"

	"groupwork/data"
	"groupwork/internal/version"
)

func init() {
	Register(Command{Name: "version", Summary: "print the version", Run: func(ctx context.Context, env *Env, args []string) error {
		_, err := fmt.Fprintf(env.Stdout, "Groupwork %s (build %d, database schema %d)\n", version.Version, version.Build, data.SchemaVersion())
		return err
	}})
	Register(Command{Name: "check", Summary: "check the database's integrity and references", Run: runCheck})
	Register(Command{Name: "demo", Usage: "[--size small|large]", Summary: "fill a new, empty database with a sample agency", Run: runDemo})
}

func runCheck(ctx context.Context, env *Env, args []string) error {
	if len(args) > 0 {
		return Usagef("check takes no arguments")
	}
	var r data.CheckResult
	var err error
	restoreHow := "restore it from a backup with 'groupwork restore FILE'"
	if data.IsOffice(env.DB) {
		restoreHow = "ask the office's administrator to restore it from the server's backups"
		s, oerr := env.OpenStore(ctx)
		if oerr != nil {
			return oerr
		}
		r, err = s.Check(ctx)
		s.Close()
	} else {
		// A file is checked without opening it as a store, which would
		// bring its schema up to date.
		r, err = data.Check(ctx, env.DB)
	}
	if err != nil {
		return err
	}
	sound := len(r.Integrity) == 1 && r.Integrity[0] == "ok"
	if !sound || len(r.ForeignKeys) > 0 {
		problems := append(append([]string{}, r.Integrity...), r.ForeignKeys...)
		if sound {
			problems = r.ForeignKeys
		}
		return fmt.Errorf("%s is damaged: %s; %s", env.Name(), strings.Join(problems, "; "), restoreHow)
	}
	if len(r.Seals) > 0 {
		for _, p := range r.Seals {
			fmt.Fprintf(env.Stdout, "changed: %s\n", p)
		}
		return fmt.Errorf("%s: %d signed record(s) or audit line(s) no longer match what was written; see the lines above, and compare with a backup from before the change",
			env.Name(), len(r.Seals))
	}
	_, err = fmt.Fprintf(env.Stdout, "%s: integrity ok, references ok, signed notes, addenda and audit log unchanged (schema %d)\n", env.Name(), r.Version)
	return err
}

func runDemo(ctx context.Context, env *Env, args []string) error {
	fs := NewFlags("demo")
	size := fs.String("size", "small", "small or large")
	if rest, err := ParseFlags(fs, args); err != nil {
		return err
	} else if len(rest) > 0 {
		return Usagef("unexpected %q", rest[0])
	}
	if *size != string(data.DemoSmall) && *size != string(data.DemoLarge) {
		return Usagef("--size must be small or large, not %q", *size)
	}
	s, err := env.OpenStore(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	if err := s.Demo(ctx, data.DemoSize(*size)); err != nil {
		return err
	}
	_, err = fmt.Fprintf(env.Stdout, "Sample agency (%s) written to %s\n", *size, env.Name())
	return err
}
