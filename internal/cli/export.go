package cli

import (
	"context"
	"fmt"
	"io"
	"strings"

	"groupwork/data"
	"groupwork/internal/csvio"
)

func init() {
	Register(Command{Name: "export", Usage: "KIND -o FILE [OPTIONS]",
		Summary: "write clients, roster, sessions, attendance, notes or scores to CSV for a spreadsheet", Run: runExport})
}

const exportUsage = `export what? One of clients, roster, sessions, attendance, notes, scores:
  export KIND -o FILE [--group NAME] [--from DATE --to DATE]   (-o - writes to standard output)`

func runExport(ctx context.Context, env *Env, args []string) error {
	if len(args) == 0 {
		return Usagef("%s", exportUsage)
	}
	kind, args := args[0], args[1:]
	known := false
	for _, k := range csvio.ExportKinds {
		known = known || k == kind
	}
	if !known {
		return Usagef("there is no %q export; choose one of %s", kind, strings.Join(csvio.ExportKinds, ", "))
	}
	fs := NewFlags("export " + kind)
	out := fs.String("o", "", "file to write, - for standard output")
	group := fs.String("group", "", "only this group")
	from := fs.String("from", "", "first day, YYYY-MM-DD")
	to := fs.String("to", "", "last day, YYYY-MM-DD")
	rest, err := ParseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return Usagef("unexpected %q", rest[0])
	}
	if *out == "" {
		return Usagef("say where to write it with -o FILE (or -o - for standard output)")
	}
	var f csvio.Filter
	if *from != "" {
		if f.From, err = data.ParseDate(*from); err != nil {
			return Usagef("--from: %v", err)
		}
	}
	if *to != "" {
		if f.To, err = data.ParseDate(*to); err != nil {
			return Usagef("--to: %v", err)
		}
	}
	if !f.From.IsZero() && !f.To.IsZero() && f.To.Before(f.From) {
		return Usagef("--to %s is before --from %s", f.To, f.From)
	}
	s, err := env.OpenStore(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	if *group != "" {
		g, err := findGroup(ctx, s, *group)
		if err != nil {
			return err
		}
		f.GroupID = g.ID
	}
	if err := writeOutput(env, *out, func(w io.Writer) error { return csvio.Export(ctx, s, kind, f, w) }); err != nil {
		return err
	}
	if *out != "-" {
		fmt.Fprintf(env.Stdout, "Wrote %s\n", *out)
	}
	return nil
}
