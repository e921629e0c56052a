package csvio

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"groupwork/data"
	"groupwork/internal/printout"
)

// ScoreHeaders are the columns of the scores export, which the import
// reads back; Item 1, Item 2, ... follow, as many as the widest measure
// has items.
var ScoreHeaders = []string{"Record number", "Date", "Group", "Measure", "Score"}

// ExportScores writes every score of the filter's sessions: who, when,
// in which group, on which measure, the total and, when entered item by
// item, each item's answer.
func ExportScores(ctx context.Context, st *data.Store, f Filter, w io.Writer) error {
	ms, err := st.AllMeasures(ctx)
	if err != nil {
		return err
	}
	widest := 0
	for _, m := range ms {
		widest = max(widest, len(m.Items))
	}
	cw := NewWriter(w)
	head := append([]string{}, ScoreHeaders...)
	for i := 1; i <= widest; i++ {
		head = append(head, fmt.Sprintf("Item %d", i))
	}
	cw.Raw(head...)
	err = st.EachScoreRow(ctx, f.GroupID, f.From, f.To, func(r data.ScoreExportRow) error {
		cells := []Cell{T(r.RecordNumber), N(r.Date.String()), T(r.Group), T(r.Measure), N(strconv.Itoa(r.Total))}
		for i := 0; i < widest; i++ {
			v := ""
			if i < len(r.Items) {
				v = strconv.Itoa(r.Items[i])
			}
			cells = append(cells, N(v))
		}
		cw.Row(cells...)
		return nil
	})
	if err != nil {
		return err
	}
	return cw.Close()
}

// ScoreLine is one score read from a file, before it is matched to the
// database.
type ScoreLine struct {
	Line    int
	Who     string // the member as written: record number or name
	Day     data.Date
	Group   string
	Measure string
	Total   int
	Items   []int // nil when the line gives no items
	who     memberRef
}

// ParsedScores is a scores file read on its own.
type ParsedScores struct {
	Lines    []ScoreLine
	Problems Problems
}

var (
	groupHeads   = []string{"group", "groupname"}
	measureHeads = []string{"measure", "questionnaire", "scale", "instrument"}
	scoreHeads   = []string{"score", "total", "totalscore"}
)

// ParseScores reads a scores file: Record number (or Name, or First name
// and Last name), Date, Group, Measure and Score, and optionally Item 1,
// Item 2, ... Each problem names its line and column.
func ParseScores(r io.Reader, order DateOrder) (ParsedScores, error) {
	var p ParsedScores
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
			if oneOfKeys(c, measureHeads) {
				return true
			}
		}
		return false
	})
	col := map[string]int{}
	itemCol := map[int]int{} // item number → column
	for i, h := range t.header {
		key := ""
		switch {
		case h == "":
			continue
		case oneOfKeys(h, nameHeads):
			key = "name"
		case oneOfKeys(h, dateHeads):
			key = "date"
		case oneOfKeys(h, groupHeads):
			key = "group"
		case oneOfKeys(h, measureHeads):
			key = "measure"
		case oneOfKeys(h, scoreHeads):
			key = "score"
		case strings.HasPrefix(headerKey(h), "item"):
			n, err := strconv.Atoi(strings.TrimPrefix(headerKey(h), "item"))
			if err != nil || n < 1 || n > 100 {
				p.Problems = append(p.Problems, Problem{Line: 1, Column: h, Message: "an item column is headed Item 1, Item 2, ..."})
				continue
			}
			if _, dup := itemCol[n]; dup {
				p.Problems = append(p.Problems, Problem{Line: 1, Column: h, Message: "this column repeats " + t.header[itemCol[n]]})
				continue
			}
			itemCol[n] = i
			continue
		default:
			key = matchColumn(h)
		}
		switch key {
		case "name", "date", "group", "measure", "score", "record_number", "first_name", "last_name":
			if _, dup := col[key]; dup {
				p.Problems = append(p.Problems, Problem{Line: 1, Column: h, Message: "this column repeats " + t.header[col[key]]})
				continue
			}
			col[key] = i
		}
	}
	_, hasName := col["name"]
	_, hasFirst := col["first_name"]
	_, hasLast := col["last_name"]
	_, hasRecord := col["record_number"]
	if !hasName && !hasFirst && !hasLast && !hasRecord {
		p.Problems = append(p.Problems, Problem{Line: 1, Message: "no column names the members; head one Record number, or Name, or First name and Last name"})
	}
	for _, need := range []struct{ key, label string }{{"date", "Date"}, {"group", "Group"}, {"measure", "Measure"}, {"score", "Score"}} {
		if _, ok := col[need.key]; !ok {
			p.Problems = append(p.Problems, Problem{Line: 1, Message: "the file has no " + need.label + " column"})
		}
	}
	items := 0 // Item 1..items, without gaps
	for ; ; items++ {
		if _, ok := itemCol[items+1]; !ok {
			break
		}
	}
	if items < len(itemCol) {
		p.Problems = append(p.Problems, Problem{Line: 1, Column: t.header[itemCol[items+2]],
			Message: fmt.Sprintf("there is no Item %d column before it; number the item columns from Item 1 without gaps", items+1)})
	}
	if len(p.Problems) > 0 {
		return p, nil
	}
	get := func(r row, key string) string { return r.cell(col[key]) }
	for _, r := range t.rows {
		who := memberRef{name: get(r, "name")}
		if hasRecord {
			who.record = get(r, "record_number")
		}
		if hasFirst {
			who.first = get(r, "first_name")
		}
		if hasLast {
			who.last = get(r, "last_name")
		}
		if !hasName {
			who.name = ""
		}
		if who.record == "" && who.first == "" && who.last == "" && who.name == "" {
			p.Problems = append(p.Problems, Problem{Line: r.line, Message: "the line names nobody"})
			continue
		}
		l := ScoreLine{Line: r.line, Who: who.String(), Group: get(r, "group"), Measure: get(r, "measure"), who: who}
		bad := false
		fail := func(key, msg string) {
			p.Problems = append(p.Problems, Problem{Line: r.line, Column: t.header[col[key]], Message: msg})
			bad = true
		}
		day, err := ParseDay(get(r, "date"), order)
		switch {
		case err != nil:
			fail("date", err.Error())
		case day.IsZero():
			fail("date", "the date is missing")
		}
		l.Day = day
		if l.Group == "" {
			fail("group", "the group is missing")
		}
		if l.Measure == "" {
			fail("measure", "the measure is missing")
		}
		total, err := readInt(get(r, "score"))
		if err != nil {
			fail("score", "the score "+err.Error())
		}
		l.Total = total
		// Items up to the last one answered; later columns stay blank for
		// a measure with fewer items than the widest.
		last := 0
		for n := 1; n <= items; n++ {
			if r.cell(itemCol[n]) != "" {
				last = n
			}
		}
		if last > 0 {
			l.Items = make([]int, last)
			for n := 1; n <= last; n++ {
				head := t.header[itemCol[n]]
				v, err := readInt(r.cell(itemCol[n]))
				if err != nil {
					msg := "the answer " + err.Error()
					if r.cell(itemCol[n]) == "" {
						msg = "the answer is missing; give every item's answer, or none and the score alone"
					}
					p.Problems = append(p.Problems, Problem{Line: r.line, Column: head, Message: msg})
					bad = true
					break
				}
				l.Items[n-1] = v
			}
		}
		if !bad {
			p.Lines = append(p.Lines, l)
		}
	}
	if len(p.Lines) == 0 && len(p.Problems) == 0 {
		p.Problems = append(p.Problems, Problem{Message: "the file has no scores"})
	}
	return p, nil
}

// readInt reads a whole number as typed: "12", " 12 ", "12.0".
func readInt(s string) (int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, errors.New("is missing")
	}
	v, err := strconv.Atoi(strings.TrimSuffix(s, ".0"))
	if err != nil || v < -1000000 || v > 1000000 {
		return 0, fmt.Errorf("%q is not a whole number", s)
	}
	return v, nil
}

// ScoresOptions shape an import of scores.
type ScoresOptions struct {
	DateOrder DateOrder // how slashed dates read; month first when empty
	Source    string    // the file's name, for the audit log
}

// PlannedScore is one line of the scores preview.
type PlannedScore struct {
	ScoreLine
	Client  data.Client
	Session data.Session
	GroupID int64
	Measure data.Measure
}

// ScoresPlan is the preview of a scores import. Nothing has been written.
type ScoresPlan struct {
	Options  ScoresOptions
	Items    []PlannedScore
	Problems Problems
}

// PlanScores reads a scores file and matches each line to its group,
// session, member and measure, then tries the whole import in a
// transaction that is rolled back, so every refusal (someone not present
// that day, a score out of range, a locked record) is reported by line
// before anything is written.
func PlanScores(ctx context.Context, st *data.Store, r io.Reader, opt ScoresOptions) (*ScoresPlan, error) {
	parsed, err := ParseScores(r, opt.DateOrder)
	if err != nil {
		return nil, err
	}
	plan := &ScoresPlan{Options: opt, Problems: parsed.Problems}
	measures, err := st.AllMeasures(ctx)
	if err != nil {
		return nil, err
	}
	groups := map[string]*scoreGroup{}
	type key struct{ client, session, measure int64 }
	seen := map[key]int{}
	for _, l := range parsed.Lines {
		m, msg := findMeasure(measures, l.Measure)
		if msg != "" {
			plan.Problems = append(plan.Problems, Problem{Line: l.Line, Column: "Measure", Message: msg})
			continue
		}
		if err := m.CheckScore(l.Items, l.Total); err != nil {
			column := "Score"
			if v, ok := data.IsValidation(err); ok && v.For("items") != "" {
				column = "Item 1"
			}
			plan.Problems = append(plan.Problems, Problem{Line: l.Line, Column: column, Message: err.Error()})
			continue
		}
		gk := strings.ToLower(l.Group)
		g := groups[gk]
		if g == nil {
			if g, err = loadScoreGroup(ctx, st, l.Group); err != nil {
				return nil, err
			}
			groups[gk] = g
		}
		if g.missing {
			plan.Problems = append(plan.Problems, Problem{Line: l.Line, Column: "Group", Message: fmt.Sprintf("there is no group called %q", l.Group)})
			continue
		}
		c, msg := g.roster.find(l.who)
		if msg != "" {
			plan.Problems = append(plan.Problems, Problem{Line: l.Line, Message: msg + " of " + g.group.Name})
			continue
		}
		xs := g.byDay[l.Day]
		switch {
		case len(xs) == 0:
			plan.Problems = append(plan.Problems, Problem{Line: l.Line, Column: "Date",
				Message: fmt.Sprintf("%s has no session on %s", g.group.Name, l.Day)})
			continue
		case len(xs) > 1:
			plan.Problems = append(plan.Problems, Problem{Line: l.Line, Column: "Date",
				Message: fmt.Sprintf("%s met more than once on %s; enter this score in the window", g.group.Name, l.Day)})
			continue
		}
		k := key{c.ID, xs[0].ID, m.ID}
		if first, dup := seen[k]; dup {
			plan.Problems = append(plan.Problems, Problem{Line: l.Line,
				Message: fmt.Sprintf("%s's %s on %s is also on line %d", c.DisplayName(), m.Name, l.Day, first)})
			continue
		}
		seen[k] = l.Line
		plan.Items = append(plan.Items, PlannedScore{ScoreLine: l, Client: c, Session: xs[0], GroupID: g.group.ID, Measure: m})
	}
	// The lines read well are tried even when others were not, so every
	// refusal is named at once.
	if len(plan.Items) > 0 {
		if _, err := st.ImportScores(ctx, plan.batch(), opt.Source, true); err != nil {
			if err := plan.placeErrors(err); err != nil {
				return nil, err
			}
		}
	}
	plan.Problems.sort()
	return plan, nil
}

// scoreGroup is what a plan needs of one group named in the file.
type scoreGroup struct {
	group   data.Group
	missing bool
	roster  rosterIndex
	byDay   map[data.Date][]data.Session
}

func loadScoreGroup(ctx context.Context, st *data.Store, name string) (*scoreGroup, error) {
	g, err := st.FindGroup(ctx, name)
	if errors.Is(err, data.ErrNotFound) {
		return &scoreGroup{missing: true}, nil
	} else if err != nil {
		return nil, err
	}
	members, err := st.Members(ctx, g.ID)
	if err != nil {
		return nil, err
	}
	sessions, err := st.Sessions(ctx, g.ID, data.Date{}, data.Date{})
	if err != nil {
		return nil, err
	}
	sg := &scoreGroup{group: g, roster: newRosterIndex(members), byDay: map[data.Date][]data.Session{}}
	for _, x := range sessions {
		sg.byDay[x.Date] = append(sg.byDay[x.Date], x)
	}
	return sg, nil
}

// findMeasure finds a measure by its name or code, any case; a live one
// before an archived one of the same name.
func findMeasure(ms []data.Measure, name string) (data.Measure, string) {
	want := strings.ToLower(strings.TrimSpace(name))
	var archived *data.Measure
	for i, m := range ms {
		if strings.ToLower(m.Name) == want || (m.Code != "" && strings.ToLower(m.Code) == want) {
			if !m.Archived {
				return m, ""
			}
			archived = &ms[i]
		}
	}
	if archived != nil {
		return *archived, ""
	}
	var names []string
	for _, m := range ms {
		if !m.Archived {
			names = append(names, m.Name)
		}
	}
	return data.Measure{}, fmt.Sprintf("there is no measure called %q; the measures are %s", name, strings.Join(names, ", "))
}

// batch is the plan as the store's import takes it, a score per item.
func (p *ScoresPlan) batch() []data.Score {
	out := make([]data.Score, len(p.Items))
	for i, it := range p.Items {
		out[i] = data.Score{SessionID: it.Session.ID, ClientID: it.Client.ID, MeasureID: it.Measure.ID, Total: it.Total, Items: it.Items}
	}
	return out
}

func (p *ScoresPlan) placeErrors(err error) error {
	var be *data.BatchError
	if !errors.As(err, &be) {
		return err
	}
	for _, it := range be.Items {
		l := p.Items[it.Index]
		column := ""
		if v, ok := data.IsValidation(it.Err); ok {
			switch {
			case v.For("total") != "":
				column = "Score"
			case v.For("client") != "":
				column = "Date"
			}
		}
		p.Problems = append(p.Problems, Problem{Line: l.Line, Column: column, Message: it.Err.Error()})
	}
	return nil
}

// Apply writes the scores in one transaction; a plan with problems writes
// nothing and returns them.
func (p *ScoresPlan) Apply(ctx context.Context, st *data.Store) (int, error) {
	if len(p.Problems) > 0 {
		return 0, p.Problems
	}
	n, err := st.ImportScores(ctx, p.batch(), p.Options.Source, false)
	if err != nil {
		if perr := p.placeErrors(err); perr == nil {
			p.Problems.sort()
			return 0, p.Problems
		}
		return 0, err
	}
	return n, nil
}

// WriteOutcomes writes the outcome figures, one line per group and measure.
func WriteOutcomes(w io.Writer, outcomes []data.Outcome) error {
	cw := NewWriter(w)
	writeOutcomeRows(cw, outcomes)
	return cw.Close()
}

// writeOutcomeRows writes the outcome table's heading and lines.
func writeOutcomeRows(cw *Writer, outcomes []data.Outcome) {
	cw.Raw(printout.OutcomeColumns...)
	for _, o := range outcomes {
		v := printout.OutcomeValues(o)
		cells := []Cell{T(v[0]), T(v[1])}
		for _, x := range v[2:] {
			cells = append(cells, N(x))
		}
		cw.Row(cells...)
	}
}
