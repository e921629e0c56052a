package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"golang.org/x/term"

	"groupwork/data"
)

func init() {
	Register(Command{Name: "backup", Usage: "FILE [--encrypt]",
		Summary: "write a checked copy of the database, also while it is in use; --encrypt locks it with a passphrase", Run: runBackup})
	Register(Command{Name: "restore", Usage: "FILE",
		Summary: "replace the database with a checked backup (.db or encrypted .age), keeping the old one aside", Run: runRestore})
	Register(Command{Name: "backups", Summary: "list the automatic backups, newest first", Run: runBackups})
}

// PassphraseEnv names the environment variable an encrypted backup's
// passphrase may come from, for scripts; otherwise it is asked for.
const PassphraseEnv = "GROUPWORK_PASSPHRASE"

func runBackup(ctx context.Context, env *Env, args []string) error {
	fs := NewFlags("backup")
	encrypt := fs.Bool("encrypt", false, "encrypt with a passphrase")
	rest, err := ParseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return Usagef("backup needs the one file to write")
	}
	dst := rest[0]
	var pass string
	if *encrypt {
		if pass, err = env.passphrase("Passphrase for the backup: ", true); err != nil {
			return err
		}
	}
	s, err := env.OpenStore(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	if *encrypt {
		err = s.BackupEncrypted(ctx, dst, pass)
	} else if err = s.Backup(ctx, dst); err == nil {
		err = data.VerifyBackup(ctx, dst)
	}
	if err != nil {
		return err
	}
	how := "checked copy"
	if *encrypt {
		how = "encrypted, checked copy (keep the passphrase somewhere safe: without it the copy cannot be opened)"
	}
	_, err = fmt.Fprintf(env.Stdout, "Backed up %s to %s: %s\n", env.Name(), dst, how)
	return err
}

func runRestore(ctx context.Context, env *Env, args []string) error {
	if len(args) != 1 {
		return Usagef("restore needs the backup file to restore from")
	}
	src := args[0]
	if data.IsOffice(env.DB) {
		// Restore sets the replaced file aside; an office database cannot
		// be set aside from a desktop while others work in it, and filling
		// part of one from a backup would mix two histories.
		return fmt.Errorf("%s is an office database, which restore does not replace; "+
			"to fill a new, empty office database from a backup, use 'groupwork --db BACKUP copy %s' "+
			"(an encrypted backup is first restored into a file: 'groupwork --db FILE restore BACKUP')",
			env.Name(), env.Name())
	}
	// Held until the file is replaced, passphrase typing included: a
	// window opened meanwhile would have the file pulled from under it.
	lock, err := data.LockForWindow(env.DB)
	var open *data.AlreadyOpenError
	if errors.As(err, &open) {
		return fmt.Errorf("%s is open in a Groupwork window (%s); close the window first, or restore from its File menu", env.DB, open.Holder)
	}
	if err == nil {
		defer lock.Release()
	}
	var kept string
	if data.IsEncryptedBackup(src) {
		pass, perr := env.passphrase("Passphrase of the backup: ", false)
		if perr != nil {
			return perr
		}
		kept, err = data.RestoreEncrypted(ctx, src, env.DB, pass)
	} else {
		kept, err = data.Restore(ctx, src, env.DB)
	}
	if err != nil {
		return err
	}
	if kept != "" {
		fmt.Fprintf(env.Stdout, "The database it replaced is kept as %s\n", kept)
	}
	_, err = fmt.Fprintf(env.Stdout, "Restored %s from %s\n", env.DB, src)
	return err
}

func runBackups(ctx context.Context, env *Env, args []string) error {
	if len(args) > 0 {
		return Usagef("backups takes no arguments")
	}
	if data.IsOffice(env.DB) {
		_, err := fmt.Fprintf(env.Stdout, "%s is an office database: its backups are the server's (ask the office's administrator).\n"+
			"'groupwork --db %s backup FILE' writes a copy any desktop can open.\n", env.Name(), env.Name())
		return err
	}
	dir := data.BackupFolder(env.DB, data.Settings{})
	if s, err := env.OpenStore(ctx); err == nil {
		if st, err := s.Settings(ctx); err == nil {
			dir = data.BackupFolder(env.DB, st)
		}
		s.Close()
	}
	list, err := data.ListBackups(dir, env.DB)
	if err != nil {
		return err
	}
	if len(list) == 0 {
		_, err := fmt.Fprintf(env.Stdout, "No automatic backups in %s yet; the window makes one each day.\n", dir)
		return err
	}
	fmt.Fprintf(env.Stdout, "Backups in %s (restore one with 'groupwork restore FILE'):\n", dir)
	tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	for _, b := range list {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", b.Taken.Format("Mon 2 Jan 2006 15:04"), b.SizeText(), b.Path)
	}
	return tw.Flush()
}

// passphrase comes from GROUPWORK_PASSPHRASE, or is typed at the terminal
// without showing it (twice when choosing a new one), or read as one line
// from standard input when that is not a terminal.
func (env *Env) passphrase(prompt string, confirm bool) (string, error) {
	if p := os.Getenv(PassphraseEnv); p != "" {
		return p, nil
	}
	if f, ok := env.Stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(env.Stderr, prompt)
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(env.Stderr)
		if err != nil {
			return "", err
		}
		if confirm {
			fmt.Fprint(env.Stderr, "Type it again: ")
			again, err := term.ReadPassword(int(f.Fd()))
			fmt.Fprintln(env.Stderr)
			if err != nil {
				return "", err
			}
			if string(again) != string(b) {
				return "", errors.New("the two passphrases differ; nothing was written")
			}
		}
		return string(b), nil
	}
	line, err := bufio.NewReader(env.Stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", err
	}
	if p := strings.TrimRight(line, "\r\n"); p != "" {
		return p, nil
	}
	return "", Usagef("give the passphrase in %s or type it when asked", PassphraseEnv)
}
