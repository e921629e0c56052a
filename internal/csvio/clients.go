package csvio

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"groupwork/data"
)

// Duplicates says what an import does with a client already on file.
type Duplicates string

const (
	SkipDuplicates   Duplicates = "skip"
	UpdateDuplicates Duplicates = "update"
)

// ClientOptions shape an import of clients.
type ClientOptions struct {
	DateOrder   DateOrder  // how slashed dates read; month first when empty
	OnDuplicate Duplicates // skip when empty
	Group       string     // every client in the file joins this group; "" none
	Source      string     // the file's name, for the audit log
}

// clientColumn is a column the importer knows, with the headings that
// spreadsheets use for it.
type clientColumn struct {
	key   string // also the store's field name, to place its messages
	label string
	names []string
}

var clientColumns = []clientColumn{
	{"record_number", "Record number", []string{"recordnumber", "recordno", "record", "clientid", "clientnumber", "clientno",
		"casenumber", "caseno", "case", "mrn"}},
	{"first_name", "First name", []string{"firstname", "givenname", "first", "forename", "given", "givennames"}},
	{"last_name", "Last name", []string{"lastname", "surname", "familyname", "last", "family"}},
	{"preferred_name", "Preferred name", []string{"preferredname", "preferred", "nickname", "goesby", "knownas"}},
	{"pronouns", "Pronouns", []string{"pronouns", "pronoun"}},
	{"dob", "Date of birth", []string{"dateofbirth", "dob", "birthdate", "birthday", "born"}},
	{"phone", "Phone", []string{"phone", "phonenumber", "telephone", "tel", "mobile", "cell", "cellphone"}},
	{"email", "Email", []string{"email", "emailaddress", "mail"}},
	{"emergency_contact", "Emergency contact", []string{"emergencycontact", "emergency", "emergencycontactname"}},
	{"notes", "Notes", []string{"notes", "note", "comments", "comment"}},
	{"archived", "Archived", []string{"archived"}},
}

// ClientHeaders are the headings export writes, in order; import reads
// them back.
func ClientHeaders() []string {
	out := make([]string, len(clientColumns))
	for i, c := range clientColumns {
		out[i] = c.label
	}
	return out
}

// ClientRow is one client read from a file.
type ClientRow struct {
	Line   int
	Client data.Client
	has    map[string]bool // columns the file has, so an update keeps the rest
}

// ParsedClients is a client file read and checked on its own, before it
// is compared with the database.
type ParsedClients struct {
	Rows     []ClientRow
	Problems Problems
	Warnings []string
	heading  map[string]string // column key to the heading as written
}

// ParseClients reads a client list. Every problem is collected with its
// line and column; none stops the reading of the rest.
func ParseClients(r io.Reader, opt ClientOptions) (ParsedClients, error) {
	p := ParsedClients{heading: map[string]string{}}
	t, ps, err := readTableProblems(r)
	if ps != nil || err != nil {
		p.Problems = ps
		return p, err
	}
	t.skipTitle(func(cells []string) bool {
		for _, c := range cells {
			if k := matchColumn(c); k == "first_name" || k == "last_name" {
				return true
			}
		}
		return false
	})
	index := map[string]int{}
	for i, h := range t.header {
		key := matchColumn(h)
		switch {
		case h == "":
		case key == "":
			p.Warnings = append(p.Warnings, fmt.Sprintf("column %q is not a client detail Groupwork keeps; it is left out", h))
		case p.heading[key] != "":
			p.Problems = append(p.Problems, Problem{Line: 1, Column: h,
				Message: fmt.Sprintf("this column and %q both hold the %s", p.heading[key], strings.ToLower(labelOf(key)))})
		default:
			index[key] = i
			p.heading[key] = h
		}
	}
	_, hasFirst := p.heading["first_name"]
	_, hasLast := p.heading["last_name"]
	if !hasFirst && !hasLast {
		p.Problems = append(p.Problems, Problem{Line: 1, Message: "no First name or Last name column; the first line of the file " +
			"must name the columns, for example: First name, Last name, Date of birth"})
		return p, nil
	}
	order := opt.DateOrder
	for _, r := range t.rows {
		cr := ClientRow{Line: r.line, has: map[string]bool{}}
		get := func(key string) string {
			i, ok := index[key]
			if !ok {
				return ""
			}
			cr.has[key] = true
			return r.cell(i)
		}
		c := &cr.Client
		c.RecordNumber = get("record_number")
		c.FirstName = get("first_name")
		c.LastName = get("last_name")
		c.PreferredName = get("preferred_name")
		c.Pronouns = get("pronouns")
		c.Phone = get("phone")
		c.Email = get("email")
		c.EmergencyContact = get("emergency_contact")
		c.Notes = r.cellRaw(index, "notes", cr.has)
		if c.FirstName == "" && c.LastName == "" {
			p.Problems = append(p.Problems, Problem{Line: r.line, Column: p.col("first_name", "last_name"),
				Message: "first or last name is required"})
		}
		if dob := get("dob"); dob != "" {
			d, err := ParseDay(dob, order)
			if err != nil {
				p.Problems = append(p.Problems, Problem{Line: r.line, Column: p.heading["dob"], Message: err.Error()})
			}
			c.DOB = d
		}
		switch a := strings.ToLower(get("archived")); a {
		case "", "no", "n", "false", "0":
		case "yes", "y", "true", "1":
			c.Archived = true
		default:
			p.Problems = append(p.Problems, Problem{Line: r.line, Column: p.heading["archived"],
				Message: fmt.Sprintf("%q: write yes or no", a)})
		}
		p.Rows = append(p.Rows, cr)
	}
	if len(p.Rows) == 0 && len(p.Problems) == 0 {
		p.Problems = append(p.Problems, Problem{Message: "the file has a header line but no clients"})
	}
	return p, nil
}

// cellRaw is a cell with inner line breaks kept (notes), trimmed at the
// ends only.
func (r row) cellRaw(index map[string]int, key string, has map[string]bool) string {
	i, ok := index[key]
	if !ok {
		return ""
	}
	has[key] = true
	return r.cell(i)
}

func (p ParsedClients) col(keys ...string) string {
	for _, k := range keys {
		if h := p.heading[k]; h != "" {
			return h
		}
	}
	return ""
}

func matchColumn(h string) string {
	k := headerKey(h)
	for _, c := range clientColumns {
		for _, n := range c.names {
			if k == n {
				return c.key
			}
		}
	}
	return ""
}

func labelOf(key string) string {
	for _, c := range clientColumns {
		if c.key == key {
			return c.label
		}
	}
	return key
}

// Action is what an import will do with one row.
type Action string

const (
	AddNew     Action = "new"
	UpdateOld  Action = "update"
	SkipRow    Action = "skip"
	JoinsGroup Action = "join" // already on file, unchanged, joins the group
)

// PlannedClient is one line of the preview.
type PlannedClient struct {
	Line     int
	Action   Action
	Client   data.Client // as it will be saved
	Existing data.Client // the client on file, for updates and skips
	Why      string      // why it matched an existing client
}

// ClientPlan is the preview of an import: what will happen to each row and
// every problem. Nothing has been written.
type ClientPlan struct {
	Options  ClientOptions
	Items    []PlannedClient
	Problems Problems
	Warnings []string
	// GroupExists is false when the group named in the options will be
	// created.
	GroupExists bool
	heading     map[string]string
	skip        map[int]bool // lines left out of a trial run
}

// Count is how many rows get each action.
func (p *ClientPlan) Count(a Action) int {
	n := 0
	for _, it := range p.Items {
		if it.Action == a {
			n++
		}
	}
	return n
}

// PlanClients reads a client list and works out, without writing, what
// importing it would do: it compares the file with the clients on file and
// runs the whole import as a trial in a transaction that is rolled back,
// so the store's own checks report their problems by line.
func PlanClients(ctx context.Context, st *data.Store, r io.Reader, opt ClientOptions) (*ClientPlan, error) {
	if opt.DateOrder == "" {
		opt.DateOrder = MonthFirst
	}
	if opt.OnDuplicate == "" {
		opt.OnDuplicate = SkipDuplicates
	}
	if opt.DateOrder != MonthFirst && opt.DateOrder != DayFirst {
		return nil, fmt.Errorf("date order must be mdy or dmy, not %q", opt.DateOrder)
	}
	if opt.OnDuplicate != SkipDuplicates && opt.OnDuplicate != UpdateDuplicates {
		return nil, fmt.Errorf("duplicates must be skipped or updated, not %q", opt.OnDuplicate)
	}
	parsed, err := ParseClients(r, opt)
	if err != nil {
		return nil, err
	}
	plan := &ClientPlan{Options: opt, Problems: parsed.Problems, Warnings: parsed.Warnings, heading: parsed.heading}
	if opt.Group = strings.TrimSpace(opt.Group); opt.Group != "" {
		plan.Options.Group = opt.Group
		// As the import does, only groups in use count: a name held by
		// an archived group gets a new group.
		gs, err := st.ListGroups(ctx, false)
		if err != nil {
			return nil, err
		}
		for _, g := range gs {
			plan.GroupExists = plan.GroupExists || strings.EqualFold(g.Name, opt.Group)
		}
	}
	existing, err := st.ListClients(ctx, data.ClientFilter{IncludeArchived: true})
	if err != nil {
		return nil, err
	}
	byRecord := map[string]data.Client{}
	byName := map[string]data.Client{}
	for _, c := range existing {
		if c.RecordNumber != "" {
			byRecord[c.RecordNumber] = c
		}
		byName[personKey(c)] = c
	}
	seenRecord := map[string]int{}
	seenName := map[string]int{}
	for _, row := range parsed.Rows {
		c := row.Client
		item := PlannedClient{Line: row.Line, Action: AddNew, Client: c}
		if c.RecordNumber != "" {
			if first, ok := seenRecord[c.RecordNumber]; ok {
				plan.Problems = append(plan.Problems, Problem{Line: row.Line, Column: parsed.heading["record_number"],
					Message: fmt.Sprintf("record number %s is also on line %d", c.RecordNumber, first)})
			}
			seenRecord[c.RecordNumber] = row.Line
		}
		key := personKey(c)
		if first, ok := seenName[key]; ok && c.RecordNumber == "" {
			plan.Problems = append(plan.Problems, Problem{Line: row.Line, Column: parsed.col("last_name", "first_name"),
				Message: fmt.Sprintf("the same name and date of birth as line %d", first)})
		}
		seenName[key] = row.Line
		old, why := data.Client{}, ""
		if o, ok := byRecord[c.RecordNumber]; ok && c.RecordNumber != "" {
			old, why = o, "same record number"
		} else if o, ok := byName[key]; ok && (c.RecordNumber == "" || o.RecordNumber == "") {
			old, why = o, "same name and date of birth"
		}
		if old.ID != 0 {
			item.Existing, item.Why = old, why
			if opt.OnDuplicate == UpdateDuplicates {
				item.Action, item.Client = UpdateOld, merge(old, c, row.has)
				if item.Client == old {
					item.Action = SkipRow
					item.Why += "; nothing to change"
				}
			} else {
				item.Action, item.Client = SkipRow, old
			}
			if item.Action == SkipRow && opt.Group != "" {
				item.Action = JoinsGroup
			}
		}
		plan.Items = append(plan.Items, item)
	}
	// The trial leaves out lines already found wrong, so the store's own
	// checks of the other lines are reported now rather than after the
	// first round of fixes.
	plan.skip = map[int]bool{}
	for _, p := range plan.Problems {
		plan.skip[p.Line] = true
	}
	if !plan.skip[0] && !plan.skip[1] {
		if _, err := st.ImportClients(ctx, plan.batch(), true); err != nil {
			if err := plan.placeErrors(err); err != nil {
				return nil, err
			}
		}
	}
	plan.skip = nil
	plan.Problems.sort()
	return plan, nil
}

// merge is the existing client with the file's values for the columns the
// file has; columns it lacks keep what is on file.
func merge(old, c data.Client, has map[string]bool) data.Client {
	m := old
	set := func(key string, dst *string, v string) {
		if has[key] {
			*dst = v
		}
	}
	set("record_number", &m.RecordNumber, c.RecordNumber)
	set("first_name", &m.FirstName, c.FirstName)
	set("last_name", &m.LastName, c.LastName)
	set("preferred_name", &m.PreferredName, c.PreferredName)
	set("pronouns", &m.Pronouns, c.Pronouns)
	set("phone", &m.Phone, c.Phone)
	set("email", &m.Email, c.Email)
	set("emergency_contact", &m.EmergencyContact, c.EmergencyContact)
	set("notes", &m.Notes, c.Notes)
	if has["dob"] {
		m.DOB = c.DOB
	}
	if has["archived"] {
		m.Archived = c.Archived
	}
	return m
}

// personKey identifies a person by name and birthday, ignoring case,
// accents and spacing: "José  Muñoz" and "jose munoz" are the same person.
func personKey(c data.Client) string {
	return fold(c.FirstName) + "|" + fold(c.LastName) + "|" + c.DOB.String()
}

// fold is how names are matched: as search matches them (data.Fold), so
// "José  Muñoz", "jose munoz" and "JOSE-MUNOZ" are the same person.
func fold(s string) string { return data.Fold(s) }

// batch is the plan as the store's import takes it, with the index of each
// item's line.
func (p *ClientPlan) batch() data.ClientBatch {
	b := data.ClientBatch{Source: p.Options.Source, GroupName: p.Options.Group}
	for _, it := range p.Items {
		if p.skip[it.Line] {
			continue
		}
		switch it.Action {
		case AddNew:
			c := it.Client
			c.ID = 0
			b.Clients = append(b.Clients, data.ClientChange{After: c})
		case UpdateOld:
			// The client as the preview read it goes too, so the store
			// keeps a change saved since then.
			b.Clients = append(b.Clients, data.ClientChange{Before: it.Existing, After: it.Client})
		case JoinsGroup:
			b.Join = append(b.Join, it.Existing.ID)
		}
	}
	return b
}

// lines gives, for each client of the batch, the line it came from.
func (p *ClientPlan) lines() []int {
	var out []int
	for _, it := range p.Items {
		if p.skip[it.Line] {
			continue
		}
		if it.Action == AddNew || it.Action == UpdateOld {
			out = append(out, it.Line)
		}
	}
	return out
}

// placeErrors turns the store's refusals into problems on lines and
// columns; an error that is not a refusal is returned.
func (p *ClientPlan) placeErrors(err error) error {
	var be *data.BatchError
	if !errors.As(err, &be) {
		if v, ok := data.IsValidation(err); ok {
			for _, fe := range v.Problems {
				p.Problems = append(p.Problems, Problem{Column: "", Message: "group " + p.Options.Group + ": " + fe.Message})
			}
			return nil
		}
		return err
	}
	lines := p.lines()
	for _, it := range be.Items {
		line := 0
		if it.Index < len(lines) {
			line = lines[it.Index]
		}
		if v, ok := data.IsValidation(it.Err); ok {
			for _, fe := range v.Problems {
				p.Problems = append(p.Problems, Problem{Line: line, Column: p.heading[fe.Field], Message: fe.Message})
			}
			continue
		}
		if c, ok := data.IsConflict(it.Err); ok {
			for _, fc := range c.Conflicts() {
				p.Problems = append(p.Problems, Problem{Line: line, Column: p.heading[fc.Field], Message: fmt.Sprintf(
					"since the preview, someone else changed the %s of %s to %s, and the file has %s; "+
						"import the file again to write it over that change",
					fc.Label, fc.Record, fc.Theirs, fc.Yours)})
			}
			continue
		}
		p.Problems = append(p.Problems, Problem{Line: line, Message: it.Err.Error()})
	}
	return nil
}

// Apply writes the plan in one transaction. A plan with problems writes
// nothing and returns them.
func (p *ClientPlan) Apply(ctx context.Context, st *data.Store) (data.ClientImportResult, error) {
	if len(p.Problems) > 0 {
		return data.ClientImportResult{}, p.Problems
	}
	res, err := st.ImportClients(ctx, p.batch(), false)
	if err != nil {
		var be *data.BatchError
		if errors.As(err, &be) || isValidation(err) {
			if perr := p.placeErrors(err); perr == nil {
				return res, p.Problems
			}
		}
		return res, err
	}
	return res, nil
}

func isValidation(err error) bool {
	_, ok := data.IsValidation(err)
	return ok
}
