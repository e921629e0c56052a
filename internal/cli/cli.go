// Package cli is Groupwork's command line: the same binary as the window,
// run with a command. It opens no window and needs no display.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/term"

	"groupwork/data"
)

// Env is what a command runs with.
type Env struct {
	DB     string // database file, or an office database's postgres:// URL
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
}

// Command is one `groupwork COMMAND`.
type Command struct {
	Name    string
	Usage   string // arguments, e.g. "FILE"
	Summary string
	Run     func(ctx context.Context, env *Env, args []string) error
}

var commands = map[string]Command{}

// Register adds a command; each command's file registers itself.
func Register(c Command) { commands[c.Name] = c }

// usageError is a mistake in how the command was called.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// Usagef reports a mistake in a command's arguments.
func Usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// Invocation is a parsed command line.
type Invocation struct {
	DB      string // the database named by --db or GROUPWORK_DB; "" for the default
	Command string // "" opens the window
	Args    []string
}

// Parse reads the global options and the command name.
func Parse(args []string) (Invocation, error) {
	fs := flag.NewFlagSet("groupwork", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	db := fs.String("db", os.Getenv("GROUPWORK_DB"), "database file or postgres:// URL")
	if err := fs.Parse(args); err != nil {
		return Invocation{}, Usagef("%v; see 'groupwork help'", err)
	}
	inv := Invocation{DB: *db}
	if rest := fs.Args(); len(rest) > 0 {
		inv.Command, inv.Args = rest[0], rest[1:]
	}
	return inv, nil
}

// DatabasePath is the file to open: the one named, or the per-user default
// (its folder created, readable by the owner only). Records still in the
// folder Groupwork 0.1 used on Windows are moved to the default one first;
// when they cannot be, their database is returned with notMoved saying
// why, for the person to read: they keep working on it where it is.
func (inv Invocation) DatabasePath(ctx context.Context) (path string, notMoved, err error) {
	if inv.DB != "" {
		return inv.DB, nil, nil
	}
	if path, err = data.DefaultPath(); err != nil {
		return "", nil, err
	}
	if old := data.LegacyDataDir(); old != "" {
		var nm *data.NotMovedError
		if _, err := data.MoveDataFolder(ctx, old, filepath.Dir(path)); errors.As(err, &nm) {
			return nm.OldDatabase(), err, nil
		} else if err != nil {
			notMoved = err // moved, with something left to tidy
		}
	}
	return path, notMoved, data.MakeDataDir(filepath.Dir(path))
}

// Run runs the command and returns the process's exit status: 0 on
// success, 1 when the command failed, 2 when it was called wrongly.
func (inv Invocation) Run(ctx context.Context, stdin io.Reader, stdout, stderr io.Writer) int {
	name := inv.Command
	if name == "-h" || name == "--help" {
		name = "help"
	}
	cmd, ok := commands[name]
	if !ok {
		fmt.Fprintf(stderr, "groupwork: unknown command %q; see 'groupwork help'\n", inv.Command)
		return 2
	}
	path, notMoved, err := inv.DatabasePath(ctx)
	if err != nil {
		fmt.Fprintf(stderr, "groupwork: cannot find the data folder: %v\n", err)
		return 1
	}
	if notMoved != nil {
		fmt.Fprintf(stderr, "groupwork: %v\n", notMoved)
	}
	env := &Env{DB: path, Stdin: stdin, Stdout: stdout, Stderr: stderr}
	if err := cmd.Run(ctx, env, inv.Args); err != nil {
		fmt.Fprintf(stderr, "groupwork %s: %v\n", name, err)
		var u usageError
		if errors.As(err, &u) {
			fmt.Fprintf(stderr, "usage: groupwork [--db FILE|postgres://…] %s %s\n", cmd.Name, cmd.Usage)
			return 2
		}
		return 1
	}
	return 0
}

// OpenStore opens the command's database as the command line's actor.
func (env *Env) OpenStore(ctx context.Context) (*data.Store, error) {
	return env.open(ctx, env.DB)
}

// Name is the command's database as it may be shown: an office database's
// URL without its password.
func (env *Env) Name() string { return data.Redact(env.DB) }

// open opens a database file or office database as the command line's
// actor. An office database's password comes from its URL, PGPASSWORD or
// the pgpass file; when none is right and a person is at the terminal, it
// is asked for without showing it. It is never printed.
func (env *Env) open(ctx context.Context, source string) (*data.Store, error) {
	s, err := data.OpenSource(ctx, source, "")
	if err != nil && data.IsOffice(source) && data.NeedsPassword(err) {
		if f, ok := env.Stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
			fmt.Fprintf(env.Stderr, "Password for %s: ", data.Redact(source))
			pass, perr := term.ReadPassword(int(f.Fd()))
			fmt.Fprintln(env.Stderr)
			if perr != nil {
				return nil, perr
			}
			s, err = data.OpenSource(ctx, source, string(pass))
		} else {
			err = fmt.Errorf("%w; give the password in PGPASSWORD or the pgpass file, or run the command at a terminal to type it", err)
		}
	}
	if err != nil {
		return nil, err
	}
	s.SetActor(data.Actor{Name: "command line"})
	return s, nil
}

// NewFlags makes a flag set for a command whose errors come back as usage
// errors rather than printing.
func NewFlags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// ParseFlags parses a command's flags, allowing them before or after its
// positional arguments, and returns the positional ones.
func ParseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, Usagef("%v", err)
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

func commandList() []Command {
	var out []Command
	for _, c := range commands {
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

func init() {
	Register(Command{Name: "help", Summary: "show the commands and where the data lives",
		Run: func(ctx context.Context, env *Env, args []string) error {
			var b strings.Builder
			b.WriteString("Groupwork: groups, rosters, attendance and session notes for social-work agencies.\n\n")
			b.WriteString("usage: groupwork [--db FILE|postgres://…] [COMMAND [ARGS]]\n\nWithout a command the window opens.\n\nCommands:\n")
			for _, c := range commandList() {
				fmt.Fprintf(&b, "  %-45s %s\n", strings.TrimSpace(c.Name+" "+c.Usage), c.Summary)
			}
			def, _ := data.DefaultPath()
			fmt.Fprintf(&b, "\nDatabase: %s\n", env.Name())
			fmt.Fprintf(&b, "Default database (when neither --db nor GROUPWORK_DB names one): %s\n", def)
			dir, _ := data.DataDir()
			fmt.Fprintf(&b, "Data folder: %s\n", dir)
			if data.IsOffice(env.DB) {
				b.WriteString("An office database (--db postgres://user@host/db) is backed up once a day by the first window to open it, into that computer's backups folder; 'groupwork backup FILE' writes a copy at any time.\n")
			} else {
				fmt.Fprintf(&b, "Backups folder: %s (unless Settings names another)\n", data.BackupFolder(env.DB, data.Settings{}))
			}
			b.WriteString("The window opens the database last chosen with File > Open database…, or else the default one.\n")
			_, err := io.WriteString(env.Stdout, b.String())
			return err
		}})
}
