package cli

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"groupwork/data"
	"groupwork/internal/csvio"
	"groupwork/internal/printout"
)

func init() {
	Register(Command{Name: "print", Usage: "WHAT -o FILE.pdf [OPTIONS]",
		Summary: "a sign-in sheet, attendance record, session notes, the funders' summary or outcomes as PDF", Run: runPrint})
}

const printUsage = `print what? One of:
  print sign-in --group NAME --date DATE -o FILE.pdf [--blank-rows N] [--paper letter|a4] [--initials] [--time-in=false]
  print attendance --group NAME --from DATE --to DATE -o FILE.pdf
  print notes --group NAME --date DATE -o FILE.pdf
  print summary --from DATE --to DATE -o FILE.pdf|FILE.csv
  print outcomes --from DATE --to DATE -o FILE.pdf|FILE.csv`

func runPrint(ctx context.Context, env *Env, args []string) error {
	if len(args) == 0 {
		return Usagef("%s", printUsage)
	}
	what, args := args[0], args[1:]
	fs := NewFlags("print " + what)
	group := fs.String("group", "", "group name")
	date := fs.String("date", "", "day, YYYY-MM-DD")
	from := fs.String("from", "", "first day, YYYY-MM-DD")
	to := fs.String("to", "", "last day, YYYY-MM-DD")
	out := fs.String("o", "", "file to write")
	blank := fs.Int("blank-rows", -1, "rows for walk-ins")
	paper := fs.String("paper", "", "letter or a4")
	initials := fs.Bool("initials", false, "first names and last initials only")
	timeIn := fs.Bool("time-in", true, "a column for the time of arrival")
	rest, err := ParseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return Usagef("unexpected %q", rest[0])
	}
	if *out == "" {
		return Usagef("say where to write it with -o FILE")
	}
	s, err := env.OpenStore(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	var render func(io.Writer) error
	switch what {
	case "sign-in":
		g, day, err := groupAndDate(ctx, s, *group, *date)
		if err != nil {
			return err
		}
		p := strings.ToLower(*paper)
		if p != "" && p != data.Letter && p != data.A4 {
			return Usagef("--paper must be letter or a4, not %q", *paper)
		}
		if *blank > 50 {
			return Usagef("--blank-rows must be between 0 and 50")
		}
		opt := printout.SignInOptions{Paper: p, BlankRows: *blank, Initials: *initials, TimeIn: *timeIn}
		render = func(w io.Writer) error { return printout.SignIn(ctx, s, g.ID, day, opt, w) }
	case "attendance":
		g, err := findGroup(ctx, s, *group)
		if err != nil {
			return err
		}
		f, t, err := dateRange(*from, *to)
		if err != nil {
			return err
		}
		render = func(w io.Writer) error { return printout.Attendance(ctx, s, g.ID, f, t, w) }
	case "notes":
		g, day, err := groupAndDate(ctx, s, *group, *date)
		if err != nil {
			return err
		}
		sessions, err := s.Sessions(ctx, g.ID, day, day)
		if err != nil {
			return err
		}
		if len(sessions) == 0 {
			return fmt.Errorf("%s has no session on %s", g.Name, day)
		}
		// A group that met more than once that day gets every meeting's
		// notes, in the order they met, each from a new page.
		ids := make([]int64, len(sessions))
		for i, x := range sessions {
			ids[i] = x.ID
		}
		render = func(w io.Writer) error { return printout.SessionsNotes(ctx, s, ids, w) }
	case "summary":
		f, t, err := dateRange(*from, *to)
		if err != nil {
			return err
		}
		if strings.EqualFold(filepath.Ext(*out), ".csv") {
			render = func(w io.Writer) error {
				sum, err := s.Summary(ctx, f, t, nil)
				if err != nil {
					return err
				}
				return csvio.WriteSummary(w, sum)
			}
		} else {
			render = func(w io.Writer) error { return printout.Summary(ctx, s, f, t, w) }
		}
	case "outcomes":
		f, t, err := dateRange(*from, *to)
		if err != nil {
			return err
		}
		if strings.EqualFold(filepath.Ext(*out), ".csv") {
			render = func(w io.Writer) error {
				outcomes, err := s.Outcomes(ctx, f, t, nil)
				if err != nil {
					return err
				}
				return csvio.WriteOutcomes(w, outcomes)
			}
		} else {
			render = func(w io.Writer) error { return printout.Outcomes(ctx, s, f, t, w) }
		}
	default:
		return Usagef("%s", printUsage)
	}
	if err := writeOutput(env, *out, render); err != nil {
		return err
	}
	if *out != "-" {
		fmt.Fprintf(env.Stdout, "Wrote %s\n", *out)
	}
	return nil
}

// writeOutput writes to standard output for "-", otherwise to a file only
// its owner may read.
func writeOutput(env *Env, out string, render func(io.Writer) error) error {
	if out == "-" {
		return render(env.Stdout)
	}
	return printout.WriteFile(out, render)
}

func findGroup(ctx context.Context, s *data.Store, name string) (data.Group, error) {
	if strings.TrimSpace(name) == "" {
		return data.Group{}, Usagef("name the group with --group NAME")
	}
	g, err := s.FindGroup(ctx, name)
	if err == data.ErrNotFound {
		return g, fmt.Errorf("there is no group called %q", name)
	}
	return g, err
}

func groupAndDate(ctx context.Context, s *data.Store, name, date string) (data.Group, data.Date, error) {
	if strings.TrimSpace(date) == "" {
		return data.Group{}, data.Date{}, Usagef("give the day with --date YYYY-MM-DD")
	}
	day, err := data.ParseDate(date)
	if err != nil {
		return data.Group{}, day, Usagef("--date: %v", err)
	}
	g, err := findGroup(ctx, s, name)
	return g, day, err
}

func dateRange(from, to string) (data.Date, data.Date, error) {
	if from == "" || to == "" {
		return data.Date{}, data.Date{}, Usagef("give the range with --from YYYY-MM-DD --to YYYY-MM-DD")
	}
	f, err := data.ParseDate(from)
	if err != nil {
		return f, f, Usagef("--from: %v", err)
	}
	t, err := data.ParseDate(to)
	if err != nil {
		return f, t, Usagef("--to: %v", err)
	}
	if t.Before(f) {
		return f, t, Usagef("--to %s is before --from %s", t, f)
	}
	return f, t, nil
}
