package csvio

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"groupwork/data"
)

// AttendanceOptions shape an import of a typed-up attendance sheet.
type AttendanceOptions struct {
	GroupID   int64
	DateOrder DateOrder // how slashed dates read; month first when empty
	Source    string    // the file's name, for the audit log
	// AddWalkIns adds someone not on the roster that day as a walk-in
	// instead of refusing the line: an existing client when the sheet
	// names one unambiguously, otherwise a new client.
	AddWalkIns bool
}

// Mark is one attendance mark read from a file.
type Mark struct {
	Line   int
	Column string // heading of the cell the mark came from
	DayCol string // heading the date came from
	Name   string // who, as written
	Day    data.Date
	Status data.AttendanceStatus
}

// ParsedMarks is an attendance file read on its own.
type ParsedMarks struct {
	Marks    []Mark
	Problems Problems
	// whoCols are the cells identifying the member on each mark's line.
	who []memberRef
}

type memberRef struct {
	record, first, last, name string
}

func (m memberRef) String() string {
	switch {
	case m.name != "":
		return m.name
	case m.first != "" || m.last != "":
		return strings.TrimSpace(m.first + " " + m.last)
	}
	return "record " + m.record
}

var (
	nameHeads   = []string{"name", "fullname", "clientname", "client", "member", "membername", "participant"}
	dateHeads   = []string{"date", "sessiondate", "day"}
	statusHeads = []string{"status", "attendance", "code", "mark", "attended", "present"}
)

func oneOfKeys(h string, keys []string) bool {
	k := headerKey(h)
	for _, x := range keys {
		if k == x {
			return true
		}
	}
	return false
}

// ParseAttendance reads a typed-up sheet: either a Date column (and
// optionally a Status column; without one everyone listed was present) or
// one column per date holding each member's status. Members are named by
// record number, by first and last name, or by a Name column.
func ParseAttendance(r io.Reader, order DateOrder) (ParsedMarks, error) {
	var p ParsedMarks
	if order == "" {
		order = MonthFirst
	}
	t, ps, err := readTableProblems(r)
	if ps != nil || err != nil {
		p.Problems = ps
		return p, err
	}
	t.skipTitle(func(cells []string) bool {
		for _, c := range cells {
			if k := matchColumn(c); oneOfKeys(c, nameHeads) || k == "first_name" || k == "last_name" || k == "record_number" {
				return true
			}
		}
		return false
	})
	col := map[string]int{}
	var dateCols []int
	var colDays []data.Date
	for i, h := range t.header {
		key := ""
		switch {
		case h == "":
			continue
		case oneOfKeys(h, nameHeads):
			key = "name"
		case oneOfKeys(h, dateHeads):
			key = "date"
		case oneOfKeys(h, statusHeads):
			key = "status"
		default:
			key = matchColumn(h)
		}
		switch key {
		case "name", "date", "status", "record_number", "first_name", "last_name":
			if _, dup := col[key]; dup {
				p.Problems = append(p.Problems, Problem{Line: 1, Column: h, Message: "this column repeats " + t.header[col[key]]})
				continue
			}
			col[key] = i
			continue
		}
		if d, err := ParseDay(h, order); err == nil && !d.IsZero() {
			dateCols = append(dateCols, i)
			colDays = append(colDays, d)
		}
	}
	_, hasName := col["name"]
	_, hasFirst := col["first_name"]
	_, hasLast := col["last_name"]
	_, hasRecord := col["record_number"]
	_, hasDate := col["date"]
	switch {
	case !hasName && !hasFirst && !hasLast && !hasRecord:
		p.Problems = append(p.Problems, Problem{Line: 1, Message: "no column names the members; head one Name, " +
			"or First name and Last name, or Record number"})
	case !hasDate && len(dateCols) == 0:
		p.Problems = append(p.Problems, Problem{Line: 1, Message: "no Date column and no columns headed with dates " +
			"(such as 2026-03-14); say which session each mark is for"})
	case hasDate && len(dateCols) > 0:
		p.Problems = append(p.Problems, Problem{Line: 1, Column: t.header[dateCols[0]],
			Message: "the file has a Date column and columns headed with dates; use one or the other"})
	}
	if len(p.Problems) > 0 {
		return p, nil
	}
	get := func(r row, key string) string {
		if i, ok := col[key]; ok {
			return r.cell(i)
		}
		return ""
	}
	for _, r := range t.rows {
		who := memberRef{record: get(r, "record_number"), first: get(r, "first_name"), last: get(r, "last_name"), name: get(r, "name")}
		if who.record == "" && who.first == "" && who.last == "" && who.name == "" {
			p.Problems = append(p.Problems, Problem{Line: r.line, Message: "the line names nobody"})
			continue
		}
		add := func(column, dayCol string, day data.Date, cell string, blankMeans data.AttendanceStatus) {
			st, err := parseStatus(cell, blankMeans)
			if err != nil {
				p.Problems = append(p.Problems, Problem{Line: r.line, Column: column, Message: err.Error()})
				return
			}
			if st == "" {
				return
			}
			p.Marks = append(p.Marks, Mark{Line: r.line, Column: column, DayCol: dayCol, Name: who.String(), Day: day, Status: st})
			p.who = append(p.who, who)
		}
		if hasDate {
			head := t.header[col["date"]]
			day, err := ParseDay(get(r, "date"), order)
			if err != nil || day.IsZero() {
				msg := "the date is missing"
				if err != nil {
					msg = err.Error()
				}
				p.Problems = append(p.Problems, Problem{Line: r.line, Column: head, Message: msg})
				continue
			}
			statusHead := head
			if i, ok := col["status"]; ok {
				statusHead = t.header[i]
			}
			add(statusHead, head, day, get(r, "status"), data.Present)
			continue
		}
		for k, i := range dateCols {
			add(t.header[i], t.header[i], colDays[k], r.cell(i), "")
		}
	}
	if len(p.Marks) == 0 && len(p.Problems) == 0 {
		p.Problems = append(p.Problems, Problem{Message: "the file has no attendance marks"})
	}
	return p, nil
}

// parseStatus reads a mark as people type them: the printed record's
// codes (P, L, E, X, A), words, or a tick. An empty cell means blank.
func parseStatus(s string, blank data.AttendanceStatus) (data.AttendanceStatus, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "":
		return blank, nil
	case "p", "present", "attended", "yes", "y", "1", "✓", "✔", "☑", "show", "here":
		return data.Present, nil
	case "l", "late", "late arrival":
		return data.Late, nil
	case "e", "left early", "leftearly", "left":
		return data.LeftEarly, nil
	case "x", "excused", "excused absence", "ex":
		return data.Excused, nil
	case "a", "absent", "unexcused", "unexcused absence", "no show", "no-show", "noshow", "no", "n", "0", "dna":
		return data.Unexcused, nil
	case "-", "–", "not recorded", "unknown", "?":
		return data.NotRecorded, nil
	}
	return "", fmt.Errorf("%q is not an attendance mark; use P (present), L (late), E (left early), X (excused) or A (absent)", s)
}

// PlannedMark is one line of the attendance preview.
type PlannedMark struct {
	Mark
	Client  data.Client // ID 0 for a client the import creates
	Session data.Session
	// WalkIn is set on the mark that enrols the client from that day.
	WalkIn bool
	// newClient is the client's place (from 1) among the clients the
	// import creates; 0 for a client already on file.
	newClient int
}

// Adds says what a mark brings besides the mark itself, as the preview
// lists it: "new client, walk-in", "walk-in", "new client" for the later
// marks of a client the import creates, or "".
func (m PlannedMark) Adds() string {
	switch {
	case m.WalkIn && m.newClient > 0:
		return "new client, walk-in"
	case m.WalkIn:
		return "walk-in"
	case m.newClient > 0:
		return "new client"
	}
	return ""
}

// AttendancePlan is the preview of an attendance import. Nothing has been
// written.
type AttendancePlan struct {
	Options  AttendanceOptions
	Group    data.Group
	Items    []PlannedMark
	Problems Problems
	// newClients are the clients the import creates, in order.
	newClients []data.Client
}

// WalkIns counts the clients the import enrols as walk-ins.
func (p *AttendancePlan) WalkIns() int {
	n := 0
	for _, it := range p.Items {
		if it.WalkIn {
			n++
		}
	}
	return n
}

// NewClients counts the clients the import creates.
func (p *AttendancePlan) NewClients() int { return len(p.newClients) }

// PlanAttendance reads a sheet and matches it to the group's roster and
// sessions, then tries the whole import in a transaction that is rolled
// back, so every refusal is reported by line before anything is written.
func PlanAttendance(ctx context.Context, st *data.Store, r io.Reader, opt AttendanceOptions) (*AttendancePlan, error) {
	g, err := st.GetGroup(ctx, opt.GroupID)
	if err != nil {
		return nil, fmt.Errorf("group %d: %w", opt.GroupID, err)
	}
	parsed, err := ParseAttendance(r, opt.DateOrder)
	if err != nil {
		return nil, err
	}
	plan := &AttendancePlan{Options: opt, Group: g, Problems: parsed.Problems}
	members, err := st.Members(ctx, g.ID)
	if err != nil {
		return nil, err
	}
	index := newRosterIndex(members)
	var walkIns *walkInFinder
	if opt.AddWalkIns {
		if walkIns, err = newWalkInFinder(ctx, st); err != nil {
			return nil, err
		}
	}
	sessions, err := st.Sessions(ctx, g.ID, data.Date{}, data.Date{})
	if err != nil {
		return nil, err
	}
	byDay := map[data.Date][]data.Session{}
	for _, x := range sessions {
		byDay[x.Date] = append(byDay[x.Date], x)
	}
	type key struct{ client, session int64 }
	seen := map[key]int{}
	for i, m := range parsed.Marks {
		c, msg := index.find(parsed.who[i])
		if msg != "" {
			msg += " in " + g.Name
		}
		newClient := 0
		if walkIns != nil && c.ID == 0 && !index.ambiguous(parsed.who[i]) {
			c, newClient, msg = walkIns.find(parsed.who[i], plan)
		}
		if msg != "" {
			plan.Problems = append(plan.Problems, Problem{Line: m.Line, Message: msg})
			continue
		}
		xs := byDay[m.Day]
		switch {
		case len(xs) == 0:
			plan.Problems = append(plan.Problems, Problem{Line: m.Line, Column: m.DayCol,
				Message: fmt.Sprintf("%s has no session on %s; add the session on the group's page first", g.Name, m.Day)})
			continue
		case len(xs) > 1:
			plan.Problems = append(plan.Problems, Problem{Line: m.Line, Column: m.DayCol,
				Message: fmt.Sprintf("%s met more than once on %s; mark this attendance in the window", g.Name, m.Day)})
			continue
		}
		k := key{c.ID, xs[0].ID}
		if newClient > 0 {
			k.client = -int64(newClient)
		}
		if first, dup := seen[k]; dup {
			plan.Problems = append(plan.Problems, Problem{Line: m.Line, Column: m.Column,
				Message: fmt.Sprintf("%s on %s is also marked on line %d", c.DisplayName(), m.Day, first)})
			continue
		}
		seen[k] = m.Line
		plan.Items = append(plan.Items, PlannedMark{Mark: m, Client: c, Session: xs[0], newClient: newClient})
	}
	if walkIns != nil {
		plan.markWalkIns(members)
	}
	if len(plan.Problems) == 0 {
		if _, err := st.ImportAttendanceBatch(ctx, plan.batch(), true); err != nil {
			if err := plan.placeErrors(err); err != nil {
				return nil, err
			}
		}
	}
	plan.Problems.sort()
	return plan, nil
}

// batch is the plan as the store's import takes it, a mark per item.
func (p *AttendancePlan) batch() data.AttendanceBatch {
	b := data.AttendanceBatch{Source: p.Options.Source, NewClients: p.newClients}
	for _, it := range p.Items {
		b.Marks = append(b.Marks, data.ImportMark{
			Attendance: data.Attendance{SessionID: it.Session.ID, ClientID: it.Client.ID, Status: it.Status},
			NewClient:  it.newClient, WalkIn: it.WalkIn})
	}
	return b
}

func (p *AttendancePlan) placeErrors(err error) error {
	var be *data.BatchError
	if !errors.As(err, &be) {
		return err
	}
	for _, it := range be.Items {
		m := p.Items[it.Index]
		msg := it.Err.Error()
		p.Problems = append(p.Problems, Problem{Line: m.Line, Column: m.Column, Message: msg})
	}
	return nil
}

// Apply writes the marks in one transaction; a plan with problems writes
// nothing and returns them.
func (p *AttendancePlan) Apply(ctx context.Context, st *data.Store) (int, error) {
	if len(p.Problems) > 0 {
		return 0, p.Problems
	}
	res, err := st.ImportAttendanceBatch(ctx, p.batch(), false)
	if err != nil {
		if perr := p.placeErrors(err); perr == nil {
			p.Problems.sort()
			return 0, p.Problems
		}
		return 0, err
	}
	return res.Marks, nil
}

// rosterIndex finds a group's members by record number or by name, the
// way a typist writes it: any case, with or without accents, first name
// first or "Last, First".
type rosterIndex struct {
	byRecord map[string]data.Client
	byName   map[string][]data.Client
}

func newRosterIndex(members []data.Member) rosterIndex {
	ix := rosterIndex{byRecord: map[string]data.Client{}, byName: map[string][]data.Client{}}
	for _, m := range members {
		c := m.Client
		if c.RecordNumber != "" {
			ix.byRecord[strings.ToLower(c.RecordNumber)] = c
		}
		names := []string{c.FirstName + " " + c.LastName, c.LastName + " " + c.FirstName}
		if c.PreferredName != "" {
			names = append(names, c.PreferredName+" "+c.LastName, c.LastName+" "+c.PreferredName)
		}
		for _, n := range names {
			k := fold(strings.ReplaceAll(n, ",", " "))
			if !containsClient(ix.byName[k], c.ID) {
				ix.byName[k] = append(ix.byName[k], c)
			}
		}
	}
	return ix
}

func containsClient(cs []data.Client, id int64) bool {
	for _, c := range cs {
		if c.ID == id {
			return true
		}
	}
	return false
}

// lookup returns everyone who matches: by record number when the line
// gives one, otherwise by name.
func (ix rosterIndex) lookup(who memberRef) []data.Client {
	if who.record != "" {
		if c, ok := ix.byRecord[strings.ToLower(who.record)]; ok {
			return []data.Client{c}
		}
		return nil
	}
	return ix.byName[fold(strings.ReplaceAll(who.fullName(), ",", " "))]
}

// ambiguous is whether the line could be more than one member.
func (ix rosterIndex) ambiguous(who memberRef) bool { return len(ix.lookup(who)) > 1 }

func (m memberRef) fullName() string {
	if m.name != "" {
		return m.name
	}
	return m.first + " " + m.last
}

// find returns the member, or a message saying why there is none.
func (ix rosterIndex) find(who memberRef) (data.Client, string) {
	found := ix.lookup(who)
	if who.record != "" && len(found) == 0 {
		return data.Client{}, fmt.Sprintf("record number %s is not a member", who.record)
	}
	name := who.fullName()
	switch len(found) {
	case 0:
		return data.Client{}, fmt.Sprintf("%q is not a member", strings.TrimSpace(name))
	case 1:
		return found[0], ""
	}
	return data.Client{}, fmt.Sprintf("%q could be %d members; add a Record number column", strings.TrimSpace(name), len(found))
}
