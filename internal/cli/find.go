package cli

import (
	"context"
	"fmt"
	"strings"
)

func init() {
	Register(Command{Name: "find", Usage: "TEXT", Summary: "list the groups and clients a search finds, as the window's search does", Run: runFind})
}

// runFind prints what the left bar's search finds: groups, then clients
// with their record number and birthday, one a line.
func runFind(ctx context.Context, env *Env, args []string) error {
	text := strings.TrimSpace(strings.Join(args, " "))
	if text == "" {
		return Usagef("find needs the text to look for, e.g. groupwork find nguyen")
	}
	s, err := env.OpenStore(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	found, err := s.Find(ctx, text, 0)
	if err != nil {
		return err
	}
	for _, g := range found.Groups {
		fmt.Fprintf(env.Stdout, "Group: %s\n", g.Name)
	}
	for _, c := range found.Clients {
		fmt.Fprintf(env.Stdout, "Client: %s\n", c.Identify())
	}
	if len(found.Groups)+len(found.Clients) == 0 {
		fmt.Fprintf(env.Stderr, "Nothing matches %q.\n", text)
	}
	return nil
}
