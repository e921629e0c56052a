package csvio

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"groupwork/data"
)

// walkInFinder matches a sheet's line to any client on file, member of the
// group or not, and otherwise makes up the new client the import creates.
type walkInFinder struct {
	all rosterIndex
	// fresh finds a client the import creates by record number or name, so
	// a new person on several lines is created once.
	fresh map[string]int
}

func newWalkInFinder(ctx context.Context, st *data.Store) (*walkInFinder, error) {
	// Archived clients are matched too: a person coming back is the same
	// person, not a second record, but is brought back by hand.
	cs, err := st.ListClients(ctx, data.ClientFilter{IncludeArchived: true})
	if err != nil {
		return nil, err
	}
	ms := make([]data.Member, len(cs))
	for i, c := range cs {
		ms[i].Client = c
	}
	return &walkInFinder{all: newRosterIndex(ms), fresh: map[string]int{}}, nil
}

// find returns the client on file the line names, or the client the import
// creates with its place (from 1) in the plan's new clients, or a message
// saying why neither will do.
func (w *walkInFinder) find(who memberRef, p *AttendancePlan) (data.Client, int, string) {
	name := strings.TrimSpace(who.fullName())
	found := w.all.lookup(who)
	switch {
	case len(found) == 1 && found[0].Archived:
		return data.Client{}, 0, fmt.Sprintf("%s is an archived client; restore them on the Clients page first",
			found[0].DisplayName())
	case len(found) == 1:
		return found[0], 0, ""
	case len(found) > 1:
		return data.Client{}, 0, fmt.Sprintf("%q could be %d clients; add a Record number column", name, len(found))
	}
	if who.record != "" {
		byName := memberRef{first: who.first, last: who.last, name: who.name}
		switch {
		case name == "":
			return data.Client{}, 0, fmt.Sprintf("record number %s belongs to no client; add a Name column to add them as a new client",
				who.record)
		case len(w.all.lookup(byName)) > 0:
			return data.Client{}, 0, fmt.Sprintf("record number %s belongs to no client, but %q is on file; "+
				"correct the record number or leave it out", who.record, name)
		}
	}
	c := newClientFrom(who)
	nameKey := "n:" + fold(c.FirstName+" "+c.LastName)
	keys := []string{nameKey}
	if who.record != "" {
		keys = []string{"r:" + strings.ToLower(who.record), nameKey}
	}
	for _, k := range keys {
		if i, ok := w.fresh[k]; ok {
			return p.newClients[i-1], i, ""
		}
	}
	p.newClients = append(p.newClients, c)
	for _, k := range keys {
		w.fresh[k] = len(p.newClients)
	}
	return c, len(p.newClients), ""
}

// newClientFrom splits the sheet's name the way a typist writes it: First
// name and Last name columns as they are; a Name column as "Last, First"
// or with the last word (and a suffix such as Jr) as the last name.
func newClientFrom(who memberRef) data.Client {
	c := data.Client{FirstName: strings.TrimSpace(who.first), LastName: strings.TrimSpace(who.last),
		RecordNumber: strings.TrimSpace(who.record)}
	if who.name == "" {
		return c
	}
	if last, first, ok := strings.Cut(who.name, ","); ok {
		c.FirstName, c.LastName = strings.Join(strings.Fields(first), " "), strings.Join(strings.Fields(last), " ")
		return c
	}
	words := strings.Fields(who.name)
	if len(words) == 1 {
		c.FirstName, c.LastName = words[0], ""
		return c
	}
	last := len(words) - 1
	// "Jr", "III" and the like belong with the last name.
	if last > 1 && nameSuffixes[strings.ToLower(strings.TrimSuffix(words[last], "."))] {
		last--
	}
	c.FirstName, c.LastName = strings.Join(words[:last], " "), strings.Join(words[last:], " ")
	return c
}

var nameSuffixes = map[string]bool{"jr": true, "sr": true, "ii": true, "iii": true, "iv": true}

// markWalkIns flags, for each client not on the roster on a day they are
// marked, the earliest such mark: it enrols them from that day, so their
// later marks find them on the roster, as the store's import does.
func (p *AttendancePlan) markWalkIns(members []data.Member) {
	stays := map[int64][]data.Membership{}
	for _, m := range members {
		stays[m.ClientID] = append(stays[m.ClientID], m.Membership)
	}
	order := make([]int, len(p.Items))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		x, y := p.Items[order[a]], p.Items[order[b]]
		if c := x.Session.Date.Compare(y.Session.Date); c != 0 {
			return c < 0
		}
		return x.Session.Start < y.Session.Start
	})
	from := map[int64]data.Date{}
	for _, i := range order {
		it := &p.Items[i]
		k := it.Client.ID
		if it.newClient > 0 {
			k = -int64(it.newClient)
		} else if onRoster(stays[k], it.Session.Date) {
			continue
		}
		if d, ok := from[k]; ok && !it.Session.Date.Before(d) {
			continue
		}
		it.WalkIn = true
		if it.Status.Attended() {
			from[k] = it.Session.Date
		}
	}
}

func onRoster(stays []data.Membership, day data.Date) bool {
	for _, m := range stays {
		if m.Status != data.Waitlisted && !m.Joined.After(day) && (m.Left.IsZero() || !m.Left.Before(day)) {
			return true
		}
	}
	return false
}
