package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"groupwork/internal/csvio"
)

func init() {
	Register(Command{Name: "import", Usage: "clients|attendance|scores FILE [OPTIONS]",
		Summary: "clients, attendance typed up from paper, or scores, from a CSV file; all or nothing", Run: runImport})
}

const importUsage = `import what? One of:
  import clients FILE [--group NAME] [--date-order mdy|dmy] [--on-duplicate skip|update]
  import attendance FILE --group NAME [--date-order mdy|dmy] [--add-walk-ins]
  import scores FILE [--date-order mdy|dmy] [--dry-run]`

func runImport(ctx context.Context, env *Env, args []string) error {
	if len(args) == 0 {
		return Usagef("%s", importUsage)
	}
	what, args := args[0], args[1:]
	fs := NewFlags("import " + what)
	group := fs.String("group", "", "group name")
	order := fs.String("date-order", "mdy", "mdy or dmy")
	dup := fs.String("on-duplicate", "skip", "skip or update")
	walkIns := fs.Bool("add-walk-ins", false, "add people not on the roster that day as walk-ins, creating clients not on file")
	dryRun := fs.Bool("dry-run", false, "check the file and show what would be imported, writing nothing")
	rest, err := ParseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return Usagef("name one CSV file to import")
	}
	if *order != string(csvio.MonthFirst) && *order != string(csvio.DayFirst) {
		return Usagef("--date-order must be mdy or dmy, not %q", *order)
	}
	if *dup != string(csvio.SkipDuplicates) && *dup != string(csvio.UpdateDuplicates) {
		return Usagef("--on-duplicate must be skip or update, not %q", *dup)
	}
	path := rest[0]
	body, err := readInput(env, path)
	if err != nil {
		return err
	}
	s, err := env.OpenStore(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	source := filepath.Base(path)
	switch what {
	case "clients":
		plan, err := csvio.PlanClients(ctx, s, body, csvio.ClientOptions{DateOrder: csvio.DateOrder(*order),
			OnDuplicate: csvio.Duplicates(*dup), Group: *group, Source: source})
		if err != nil {
			return err
		}
		for _, w := range plan.Warnings {
			fmt.Fprintf(env.Stderr, "%s: note: %s\n", path, w)
		}
		res, err := plan.Apply(ctx, s)
		if err != nil {
			return importFailed(path, err)
		}
		fmt.Fprintf(env.Stdout, "Imported %s: %d new clients, %d updated, %d already on file left as they were",
			path, res.Created, res.Updated, plan.Count(csvio.SkipRow)+plan.Count(csvio.JoinsGroup))
		if plan.Options.Group != "" {
			made := ""
			if res.GroupCreated {
				made = " (new group)"
			}
			fmt.Fprintf(env.Stdout, "; %d joined %s%s", res.Joined, plan.Options.Group, made)
		}
		fmt.Fprintln(env.Stdout, ".")
		return nil
	case "attendance":
		g, err := findGroup(ctx, s, *group)
		if err != nil {
			return err
		}
		plan, err := csvio.PlanAttendance(ctx, s, body, csvio.AttendanceOptions{GroupID: g.ID, DateOrder: csvio.DateOrder(*order),
			Source: source, AddWalkIns: *walkIns})
		if err != nil {
			return err
		}
		n, err := plan.Apply(ctx, s)
		if err != nil {
			err = importFailed(path, err)
			if !*walkIns && strings.Contains(err.Error(), "is not a member") {
				err = fmt.Errorf("%w\nTo add people not on the roster as walk-ins, run it again with --add-walk-ins.", err)
			}
			return err
		}
		fmt.Fprintf(env.Stdout, "Imported %s: %d attendance marks for %s", path, n, g.Name)
		if w := plan.WalkIns(); w > 0 {
			fmt.Fprintf(env.Stdout, "; walk-ins added: %d (new clients: %d)", w, plan.NewClients())
		}
		fmt.Fprintln(env.Stdout, ".")
		for _, it := range plan.Items {
			if it.WalkIn {
				fmt.Fprintf(env.Stdout, "  line %d: %s, %s on %s\n", it.Line, it.Client.DisplayName(), it.Adds(), it.Day)
			}
		}
		return nil
	case "scores":
		plan, err := csvio.PlanScores(ctx, s, body, csvio.ScoresOptions{DateOrder: csvio.DateOrder(*order), Source: source})
		if err != nil {
			return err
		}
		if *dryRun {
			if len(plan.Problems) > 0 {
				return importFailed(path, plan.Problems)
			}
			fmt.Fprintf(env.Stdout, "%s would import %d scores (nothing was written):\n", path, len(plan.Items))
			for _, it := range plan.Items {
				fmt.Fprintf(env.Stdout, "  line %d: %s, %s on %s, %s %d\n", it.Line, it.Client.DisplayName(), it.Session.Date,
					it.Group, it.Measure.Name, it.Total)
			}
			return nil
		}
		n, err := plan.Apply(ctx, s)
		if err != nil {
			return importFailed(path, err)
		}
		fmt.Fprintf(env.Stdout, "Imported %s: %d scores.\n", path, n)
		return nil
	}
	return Usagef("%s", importUsage)
}

// readInput reads the file whole (or standard input for "-"), so the
// database is opened only once the file is known to be readable.
func readInput(env *Env, path string) (io.Reader, error) {
	if path == "-" {
		b, err := io.ReadAll(io.LimitReader(env.Stdin, csvio.MaxFileSize+1))
		return strings.NewReader(string(b)), err
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", path, err)
	}
	return strings.NewReader(string(b)), nil
}

// importFailed lists every problem, each on its own line, and says that
// nothing was written.
func importFailed(path string, err error) error {
	ps, ok := err.(csvio.Problems)
	if !ok {
		return fmt.Errorf("%s: %w; nothing was imported", path, err)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s: nothing was imported, because of %d problem", path, len(ps))
	if len(ps) != 1 {
		b.WriteString("s")
	}
	b.WriteString(":")
	for _, p := range ps {
		b.WriteString("\n  " + p.String())
	}
	return fmt.Errorf("%s", b.String())
}
