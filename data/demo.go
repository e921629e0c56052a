package data

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"time"
)

// DemoSize picks how much sample data to make.
type DemoSize string

const (
	// DemoSmall is about 10 groups, 80 clients and a few months of sessions.
	DemoSmall DemoSize = "small"
	// DemoLarge is ten years of a busy agency: about 5,000 clients, 60
	// groups, weekly sessions and 300,000 attendance rows with notes.
	DemoLarge DemoSize = "large"
)

var demoFirst = []string{"Maria", "José", "Thảo", "Nguyễn Văn", "Eleni", "Dimitris", "Łukasz", "Agnieszka", "Guðrún", "Sigurður",
	"Ayşe", "Mehmet", "Olga", "Дмитрий", "Fatima", "Omar", "Aisha", "James", "Linda", "Robert", "Patricia", "Michael",
	"Jennifer", "David", "Sarah", "Daniel", "Keisha", "Andre", "Mei", "Wei", "Priya", "Arjun", "Chloé", "François",
	"Zoë", "Renée", "Björn", "Søren", "Małgorzata", "Hương", "Đức", "Ngọc", "Γιώργος", "Αλεξάνδρα", "Şebnem", "İbrahim",
	"Þórunn", "Ólafur", "Tamika", "Luis", "Ana", "Carmen", "Miguel", "Rosa", "Kwame", "Amara", "Siobhán", "Seán"}

var demoLast = []string{"García", "Nguyễn", "Trần", "Lê", "Papadopoulos", "Παπαδοπούλου", "Kowalski", "Wiśniewska", "Jónsdóttir",
	"Guðmundsson", "Yılmaz", "Öztürk", "Иванова", "Petrov", "Haddad", "Al-Masri", "Smith", "Johnson", "Williams", "Brown",
	"Jones", "Miller", "Davis", "Wilson", "Anderson", "Taylor", "Thomas", "Moore", "Jackson", "Martin", "Lee", "Chen",
	"Wang", "Patel", "Sharma", "Dubois", "Lefèvre", "Müller", "Schäfer", "Øvergaard", "Ó Briain", "O'Connor", "Mensah",
	"Okafor", "Hernández", "López", "Martínez", "Rodríguez", "Phạm", "Huỳnh", "Dąbrowski", "Çelik", "Şahin", "Þórsdóttir"}

var demoGroups = []struct {
	name    string
	typ     GroupType
	purpose string
	format  NoteFormat
}{
	{"Grief and Loss Support", Support, "A space for adults who have lost someone close to share and support one another.", DAP},
	{"Anger Management Skills", Skills, "Practising skills to notice, name and manage anger.", BIRP},
	{"Parenting Together", Psychoeducational, "Positive parenting for parents of children under twelve.", DAP},
	{"Women's Recovery Circle", Support, "Peer support in recovery from substance use.", GIRP},
	{"DBT Skills", Skills, "Mindfulness, distress tolerance, emotion regulation and interpersonal effectiveness.", BIRP},
	{"Young Adults Anxiety", Therapy, "Cognitive-behavioural group for adults 18 to 25 living with anxiety.", SOAP},
	{"Caregivers' Support", Support, "For family members caring for someone with dementia.", DAP},
	{"Men's Wellness", Support, "Men talking about stress, work, fatherhood and health.", FreeText},
	{"Healthy Relationships", Psychoeducational, "Recognising healthy and unhealthy relationship patterns.", DAP},
	{"Seniors' Social Hour", Support, "Reducing isolation among older adults.", FreeText},
	{"Trauma Recovery", Therapy, "Stabilisation and coping skills for survivors of trauma.", SOAP},
	{"Job Readiness", Skills, "Résumés, interviews and keeping a job.", GIRP},
}

var demoTopics = []string{"Introductions and group agreements", "Naming what brought us here", "Coping with hard days",
	"Sleep and self-care", "Asking for help", "Boundaries", "Handling conflict", "Holidays and anniversaries",
	"Building a support network", "Setbacks and starting again", "Strengths we bring", "Planning ahead"}

// Demo fills an empty database with a realistic sample agency. It refuses
// a database that already has clients or groups, so real records are never
// mixed with made-up ones.
func (s *Store) Demo(ctx context.Context, size DemoSize) error {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM clients) + (SELECT count(*) FROM groups)`).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return fmt.Errorf("this database already has clients or groups; sample data goes into a new, empty file (use --db)")
	}
	cfg := demoConfig{clients: 80, groups: 10, years: 0, members: 8}
	switch size {
	case DemoSmall:
	case DemoLarge:
		cfg = demoConfig{clients: 5000, groups: 60, years: 10, members: 10}
	default:
		return fmt.Errorf("demo size %q is not small or large", size)
	}
	return s.tx(ctx, func(tx *txn) error {
		// The sessions' tallies and the stays' first and last attended
		// days are kept by triggers on every row of attendance written,
		// and indexed. Counted once at the end instead, then indexed, the
		// large sample takes half the time.
		var indexes, triggers []string
		for _, index := range []string{"sessions_tally", "memberships_attended"} {
			def, err := tx.eng.IndexSQL(ctx, tx, index)
			if err != nil {
				return fmt.Errorf("reading index %s: %w", index, err)
			}
			if _, err := tx.ExecContext(ctx, `DROP INDEX `+index); err != nil {
				return err
			}
			indexes = append(indexes, def)
		}
		for _, trigger := range demoDeferredTriggers {
			def, drop, err := tx.eng.TriggerSQL(ctx, tx, trigger)
			if err != nil {
				return fmt.Errorf("reading trigger %s: %w", trigger, err)
			}
			if _, err := tx.ExecContext(ctx, drop); err != nil {
				return err
			}
			triggers = append(triggers, def)
		}
		g := &demoGen{s: s, tx: tx, ctx: ctx, cfg: cfg, rng: rand.New(rand.NewPCG(2026, uint64(cfg.clients))), today: s.today()}
		if err := g.run(); err != nil {
			return err
		}
		if err := tx.eng.SyncIdentity(ctx, tx, "notes"); err != nil {
			return err
		}
		for _, q := range append(demoCounts, append(indexes, triggers...)...) {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return err
			}
		}
		return s.audit(ctx, tx, "database", 0, "demo", "sample data ("+string(size)+")")
	})
}

// demoDeferredTriggers keep the sessions' tallies (migration 0006) and
// the stays' first and last attended days (migration 0011) as
// attendance, sessions and stays are written; the sample counts both
// once, with demoCounts, when all its rows are in. The last two refuse
// a section or a process of a signed note: the sample writes each note
// signed at once, its parts just after it, and makes them again when
// every note is in.
var demoDeferredTriggers = []string{"attendance_tally_insert", "attendance_attended_insert", "attendance_attended_update",
	"attendance_attended_delete", "sessions_attended_update", "memberships_attended_insert", "memberships_attended_update",
	"note_sections_insert_locked", "note_processes_insert_locked"}

// demoCounts count what demoDeferredTriggers would have kept.
var demoCounts = []string{
	`UPDATE sessions SET (n_attended, n_absent, n_unrecorded, attendance_minutes) = (
		SELECT coalesce(sum(CASE WHEN a.status IN ('present', 'late', 'left_early') THEN 1 ELSE 0 END), 0),
			coalesce(sum(CASE WHEN a.status IN ('excused', 'unexcused') THEN 1 ELSE 0 END), 0),
			coalesce(sum(CASE WHEN a.status = 'not_recorded' THEN 1 ELSE 0 END), 0), coalesce(sum(a.minutes), 0)
		FROM attendance a WHERE a.session_id = sessions.id)`,
	`UPDATE memberships SET (first_attended, last_attended) =
		(SELECT v.first_attended, v.last_attended FROM membership_attended_days v WHERE v.id = memberships.id)`,
}

type demoConfig struct {
	clients, groups, years, members int
}

type demoGen struct {
	s     *Store
	tx    *txn
	ctx   context.Context
	cfg   demoConfig
	rng   *rand.Rand
	today Date
	staff []int64
	label map[int64]string
	note  int64 // the last note's id: the sample numbers its notes itself
	stmts map[string]*sql.Stmt
}

// stmt prepares query once for the whole run.
func (g *demoGen) stmt(query string) (*sql.Stmt, error) {
	if g.stmts == nil {
		g.stmts = map[string]*sql.Stmt{}
	}
	st := g.stmts[query]
	if st == nil {
		var err error
		if st, err = g.tx.tx.PrepareContext(g.ctx, g.tx.eng.Rebind(query)); err != nil {
			return nil, err
		}
		g.stmts[query] = st
	}
	return st, nil
}

func (g *demoGen) exec(query string, args ...any) error {
	st, err := g.stmt(query)
	if err != nil {
		return err
	}
	_, err = st.ExecContext(g.ctx, g.tx.eng.Args(args)...)
	return err
}

// execRows writes rows, width values each, a few hundred a statement:
// head is the INSERT up to VALUES.
func (g *demoGen) execRows(head string, width int, args []any) error {
	return g.eachChunk(width, args, func(n int, args []any) error {
		return g.exec(head+rowsOf(width, n), args...)
	})
}

// demoChunk is the most rows a statement writes: its parameters stay well
// within both engines' limits (32,766 and 65,535), and all but the last
// chunk of a table share one prepared statement.
const demoChunk = 500

// eachChunk calls fn with successive chunks of rows of width values each,
// and each chunk's number of rows.
func (g *demoGen) eachChunk(width int, args []any, fn func(n int, args []any) error) error {
	for len(args) > 0 {
		n := min(len(args)/width, demoChunk)
		if err := fn(n, args[:n*width]); err != nil {
			return err
		}
		args = args[n*width:]
	}
	return nil
}

// rowsOf is the VALUES list of n rows of width placeholders each.
func rowsOf(width, n int) string {
	tuple := "(?" + strings.Repeat(", ?", width-1) + ")"
	return tuple + strings.Repeat(", "+tuple, n-1)
}

// insert adds a row and returns its id.
func (g *demoGen) insert(query string, args ...any) (id int64, err error) {
	st, err := g.stmt(query + " RETURNING id")
	if err != nil {
		return 0, err
	}
	err = st.QueryRowContext(g.ctx, g.tx.eng.Args(args)...).Scan(&id)
	return id, err
}

func (g *demoGen) pick(list []string) string { return list[g.rng.IntN(len(list))] }

func (g *demoGen) run() error {
	defer func() {
		for _, st := range g.stmts {
			st.Close()
		}
	}()
	if _, err := g.tx.ExecContext(g.ctx, `INSERT INTO settings (key, value) VALUES ('agency_name', 'Riverside Family Services'),
		('agency_address', '1200 Riverside Avenue, Suite 4, Springfield')`); err != nil {
		return err
	}
	for _, st := range []Staff{{Name: "Thảo Nguyễn", Credentials: "LCSW"}, {Name: "Marcus Bell", Credentials: "LMSW"},
		{Name: "Eleni Georgiou", Credentials: "LPC"}, {Name: "Jonas Ólafsson", Credentials: "MSW"},
		{Name: "Grace Okafor", Credentials: "LCSW"}, {Name: "Dana Whitfield", Credentials: "CADC"}} {
		// The first on the list administers it, as on a new database.
		id, err := g.insert(`INSERT INTO staff (name, credentials, active, sort_key, admin) VALUES (?, ?, 1, ?, ?)`,
			st.Name, st.Credentials, demoKey(st.Name), boolInt(len(g.staff) == 0))
		if err != nil {
			return err
		}
		g.staff = append(g.staff, id)
		if g.label == nil {
			g.label = map[int64]string{}
		}
		g.label[id] = st.Label()
	}
	clients := make([]int64, g.cfg.clients)
	for i := range clients {
		first, last := g.pick(demoFirst), g.pick(demoLast)
		pref, pronouns := "", ""
		if g.rng.IntN(8) == 0 {
			pref = g.pick([]string{"Sam", "Alex", "Jo", "Kit", "Bea", "Max"})
		}
		if g.rng.IntN(4) == 0 {
			pronouns = g.pick([]string{"she/her", "he/him", "they/them"})
		}
		dob := NewDate(1940+g.rng.IntN(65), time.Month(1+g.rng.IntN(12)), 1+g.rng.IntN(28))
		record := fmt.Sprintf("RFS-%05d", i+1)
		id, err := g.insert(`INSERT INTO clients (first_name, last_name, preferred_name, pronouns, dob, phone, email, record_number,
			emergency_contact, search_key, sort_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, first, last, pref, pronouns, dob,
			fmt.Sprintf("(555) %03d-%04d", g.rng.IntN(1000), g.rng.IntN(10000)), "",
			record, g.pick(demoFirst)+" "+last+fmt.Sprintf(", (555) %03d-%04d", g.rng.IntN(1000), g.rng.IntN(10000)),
			clientSearchKey(Client{FirstName: first, LastName: last, PreferredName: pref, RecordNumber: record}),
			demoKey(clientSortName(Client{FirstName: first, LastName: last})))
		if err != nil {
			return err
		}
		clients[i] = id
	}
	for i := 0; i < g.cfg.groups; i++ {
		if err := g.group(i, clients); err != nil {
			return err
		}
	}
	return nil
}

// group makes one group with its memberships, sessions, attendance and notes.
func (g *demoGen) group(i int, clients []int64) error {
	kind := demoGroups[i%len(demoGroups)]
	name := kind.name
	if i >= len(demoGroups) {
		name = fmt.Sprintf("%s %d", kind.name, i/len(demoGroups)+1)
	}
	weekday := time.Weekday(1 + i%5)
	start := g.today.AddDays(-120 - g.rng.IntN(40))
	if g.cfg.years > 0 {
		start = g.today.AddDays(-365*g.cfg.years + g.rng.IntN(60))
	}
	start = start.AddDays((int(weekday) - int(start.Weekday()) + 7) % 7)
	var end Date
	status := GroupActive
	if i%7 == 6 { // some groups have finished
		end = g.today.AddDays(-14 - g.rng.IntN(30))
		status = GroupFinished
	}
	clock := Clock([]int{10 * 60, 13*60 + 30, 17 * 60, 18*60 + 30}[i%4])
	minutes := []int{60, 90, 90, 120}[i%4]
	enrol := OpenEnrolment
	if kind.typ == Therapy {
		enrol = ClosedEnrolment
	}
	lead, co := g.staff[i%len(g.staff)], g.staff[(i+2)%len(g.staff)]
	gid, err := g.insert(`INSERT INTO groups (name, type, enrolment, status, purpose, location, capacity, start_date, end_date, frequency,
		weekday, start_time, minutes, note_format, search_key, sort_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'weekly', ?, ?, ?, ?, ?, ?)`,
		name, kind.typ, enrol, status, kind.purpose, fmt.Sprintf("Room %d", 1+i%6), g.cfg.members+2, start, end,
		int(weekday), clock, minutes, kind.format, Fold(name), demoKey(name))
	if err != nil {
		return err
	}
	for pos, st := range []int64{lead, co} {
		if err := g.exec(`INSERT INTO group_facilitators (group_id, staff_id, position) VALUES (?, ?, ?)`, gid, st, pos); err != nil {
			return err
		}
	}
	grp := Group{Start: start, End: end, Schedule: Schedule{Frequency: Weekly, Weekday: weekday, Start: clock, Minutes: minutes}}
	last := g.today.AddDays(42)
	if !end.IsZero() {
		last = end
	}
	dates := ScheduledDates(grp, start, last)
	members, err := g.insertMemberships(gid, g.memberships(gid, clients, start, dates, end))
	if err != nil {
		return err
	}
	plan := demoMeasures[kind.name]
	for _, gm := range plan {
		if err := g.exec(`INSERT INTO group_measures (group_id, measure_id, schedule, every_n) VALUES (?, ?, ?, ?)`,
			gid, gm.MeasureID, gm.Schedule, gm.EveryN); err != nil {
			return err
		}
	}
	return g.sessions(gid, grp, dates, members, kind.format, lead, co, plan)
}

// demoMeasures are the measures some sample groups use (ids of the
// built-ins: 1 the PHQ-9, 2 the GAD-7), and when.
var demoMeasures = map[string][]GroupMeasure{
	"Grief and Loss Support": {{MeasureID: 1, Schedule: EveryN, EveryN: 4}},
	"Young Adults Anxiety":   {{MeasureID: 2, Schedule: EveryN, EveryN: 4}},
	"Trauma Recovery":        {{MeasureID: 1, Schedule: EveryN, EveryN: 6}, {MeasureID: 2, Schedule: FirstLast}},
}

// demoCourse is how a member's scores on one measure go: where they start,
// how much they move at each scoring (most get better), and how many
// scores they have had.
type demoCourse struct {
	start, step float64
	n           int
}

// score is a member's next score on m: their course plus some noise,
// with the item answers for about half of them.
func (g *demoGen) score(course map[[2]int64]*demoCourse, client int64, m GroupMeasure) (total int, items []int) {
	top, nItems := 27, 9
	if m.MeasureID == 2 {
		top, nItems = 21, 7
	}
	k := [2]int64{client, m.MeasureID}
	c := course[k]
	if c == nil {
		c = &demoCourse{start: float64(top) * (0.3 + 0.45*g.rng.Float64()), step: -0.4 - 1.6*g.rng.Float64()}
		if g.rng.IntN(6) == 0 { // some get worse
			c.step = 0.4 + g.rng.Float64()
		}
		course[k] = c
	}
	v := c.start + c.step*float64(c.n) + g.rng.NormFloat64()*1.8
	c.n++
	total = max(0, min(top, int(v+0.5)))
	if g.rng.IntN(2) == 0 {
		items = make([]int, nItems)
		for left := total; left > 0; {
			if i := g.rng.IntN(nItems); items[i] < 3 {
				items[i]++
				left--
			}
		}
	}
	return total, items
}

type demoMember struct {
	client       int64
	joined, left Date
	status       MemberStatus
	reason       string
	absentFrom   Date // this member stops coming from here (a run of absences)
}

// memberships keeps about cfg.members seats filled over the group's life:
// people join, stay some months and leave for the usual reasons.
func (g *demoGen) memberships(gid int64, clients []int64, start Date, dates []Date, end Date) []demoMember {
	var out []demoMember
	seats := make([]Date, g.cfg.members) // when each seat frees up
	for i := range seats {
		seats[i] = start
	}
	busy := map[int64]bool{}
	for seat := range seats {
		for !seats[seat].After(g.today) && (end.IsZero() || !seats[seat].After(end)) {
			joined := seats[seat]
			// Join at a session date on or after the seat freed up.
			k := sort.Search(len(dates), func(j int) bool { return !dates[j].Before(joined) })
			if k >= len(dates) {
				break
			}
			joined = dates[k]
			c := clients[g.rng.IntN(len(clients))]
			for tries := 0; busy[c] && tries < 20; tries++ {
				c = clients[g.rng.IntN(len(clients))]
			}
			if busy[c] {
				break
			}
			stay := 8 + g.rng.IntN(24)
			m := demoMember{client: c, joined: joined, status: Enrolled}
			if k+stay < len(dates) && dates[k+stay].Before(g.today) {
				m.left = dates[k+stay]
				switch r := g.rng.IntN(10); {
				case r < 6:
					m.status, m.reason = Completed, "Completed the group"
				case r < 9:
					m.status, m.reason = Withdrawn, g.pick([]string{"Moved away", "Work schedule changed", "No longer interested", "Transport"})
				default:
					m.status, m.reason = Discharged, g.pick([]string{"Referred to a higher level of care", "Repeated absences"})
				}
				seats[seat] = m.left.AddDays(1)
			} else if !end.IsZero() {
				m.left, m.status, m.reason = end, Completed, "Group ended"
				seats[seat] = end.AddDays(1)
			} else {
				busy[c] = true
				if g.rng.IntN(6) == 0 {
					m.absentFrom = g.today.AddDays(-7 * (2 + g.rng.IntN(3)))
				}
				seats[seat] = g.today.AddDays(1 << 20)
			}
			out = append(out, m)
		}
	}
	if end.IsZero() {
		for w := 0; w < 2; w++ { // a short waitlist
			c := clients[g.rng.IntN(len(clients))]
			if !busy[c] {
				busy[c] = true
				out = append(out, demoMember{client: c, joined: g.today.AddDays(-g.rng.IntN(20)), status: Waitlisted})
			}
		}
	}
	return out
}

func (g *demoGen) insertMemberships(gid int64, members []demoMember) ([]demoMember, error) {
	// A client drawn twice for the same group must not overlap with
	// themselves; later stays that would are dropped.
	byClient := map[int64][]demoMember{}
	var kept []demoMember
	for _, m := range members {
		overlaps := false
		for _, o := range byClient[m.client] {
			oLeft, mLeft := o.left, m.left
			if oLeft.IsZero() {
				oLeft = MustDate("9999-12-31")
			}
			if mLeft.IsZero() {
				mLeft = MustDate("9999-12-31")
			}
			if !m.joined.After(oLeft) && !o.joined.After(mLeft) {
				overlaps = true
			}
		}
		if overlaps {
			continue
		}
		byClient[m.client] = append(byClient[m.client], m)
		kept = append(kept, m)
		if err := g.exec(`INSERT INTO memberships (group_id, client_id, joined, left_on, status, exit_reason) VALUES (?, ?, ?, ?, ?, ?)`,
			gid, m.client, m.joined, m.left, m.status, m.reason); err != nil {
			return nil, err
		}
	}
	return kept, nil
}

func (g *demoGen) sessions(gid int64, grp Group, dates []Date, members []demoMember, format NoteFormat, lead, co int64, plan []GroupMeasure) error {
	course := map[[2]int64]*demoCourse{}
	b := &demoRows{}
	pos := 0 // among the sessions that meet, as MeasuresDue counts them
	for n, d := range dates {
		status := Scheduled
		reason := ""
		if d.Before(g.today) {
			status = Held
			if g.rng.IntN(30) == 0 {
				status, reason = DidNotMeet, g.pick([]string{"Holiday", "Facilitator ill", "Building closed (snow)"})
			}
		}
		topic := demoTopics[n%len(demoTopics)]
		if status == Scheduled && g.rng.IntN(2) == 0 {
			topic = ""
		}
		sid, err := g.insert(`INSERT INTO sessions (group_id, date, start_time, minutes, topic, location, status, reason, generated)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)`, gid, d, grp.Schedule.Start, grp.Schedule.Minutes, topic, "", status, reason)
		if err != nil {
			return err
		}
		b.facilitators = append(b.facilitators, sid, lead, 0, sid, co, 1)
		if status == DidNotMeet {
			continue
		}
		pos++
		// The last session is the last date; a first_last measure is
		// asked for there only when the group has ended.
		var asked []GroupMeasure
		for _, gm := range plan {
			last := n == len(dates)-1
			if status == Held && ((gm.Schedule == FirstLast && (pos == 1 || last)) || (gm.Schedule != FirstLast && due(gm, pos, 0))) {
				asked = append(asked, gm)
			}
		}
		scores := map[int64][]sealedScore{}
		var attended []int64
		for _, m := range members {
			if m.status == Waitlisted || d.Before(m.joined) || (!m.left.IsZero() && d.After(m.left)) {
				continue
			}
			st, minutes := g.attendance(m, d, status, grp.Schedule.Minutes)
			b.register = append(b.register, sid, m.client, st, minutes)
			if st.Attended() {
				attended = append(attended, m.client)
				for _, gm := range asked {
					total, items := g.score(course, m.client, gm)
					var itemText any
					if items != nil {
						itemText = jsonText(items)
					}
					b.scores = append(b.scores, sid, m.client, gm.MeasureID, total, itemText, lead, d.String()+" 16:30:00")
					sealed := sealedScore{Measure: gm.MeasureID, Total: total}
					if items != nil {
						sealed.Items = jsonText(items)
					}
					scores[m.client] = append(scores[m.client], sealed)
				}
			}
		}
		if status == Held {
			g.notes(b, sid, d, format, topic, attended, lead, scores)
		}
	}
	return g.write(b)
}

// demoRows are a group's rows below its sessions, written together once
// its sessions are in: the sample is over a million rows, and a
// statement's own cost (binding, stepping and resetting through
// database/sql, and the statement journal of a statement that fires
// triggers) was most of the time per row.
type demoRows struct {
	facilitators, register, scores []any
	notes                          []demoNote
}

// demoNote is a note to write: a session's group note (client 0) or a
// member's.
type demoNote struct {
	session, client int64
	format          NoteFormat
	updated         string
	sections        map[string]string
	order           []string // the sections' keys, as the format lists them
	procs           []Process
	scores          []sealedScore // the member's scores at the session, which the seal covers
	signer          int64         // 0: left a draft
	signedAt        string
}

// write writes a group's rows in the order the triggers ask: the register
// before the scores (a score needs its member to have come), the scores
// before the notes (a signed note locks its member's scores). Each note
// goes in as it ends, signed or a draft, with the digest of its number
// and parts: signing after the parts, as the app does, wrote each signed
// note twice, a third of the large sample's time.
func (g *demoGen) write(b *demoRows) error {
	if err := g.execRows(`INSERT INTO session_facilitators (session_id, staff_id, position) VALUES `, 3, b.facilitators); err != nil {
		return err
	}
	if err := g.execRows(`INSERT INTO attendance (session_id, client_id, status, minutes) VALUES `, 4, b.register); err != nil {
		return err
	}
	if err := g.execRows(`INSERT INTO scores (session_id, client_id, measure_id, total, items, entered_by, entered_at) VALUES `, 7, b.scores); err != nil {
		return err
	}
	var notes, sections, processes []any
	for _, n := range b.notes {
		g.note++
		id := g.note
		var client any
		if n.client != 0 {
			client = n.client
		}
		status, signedBy, signer, signedAt, digest := Draft, any(nil), "", any(nil), ""
		if n.signer != 0 {
			note := Note{ID: id, SessionID: n.session, ClientID: n.client, Format: n.format, Sections: n.sections,
				Processes: n.procs, SignedBy: n.signer, Signer: g.label[n.signer]}
			status, signedBy, signer, signedAt, digest = Signed, n.signer, note.Signer, n.signedAt, noteDigest(note, n.scores, n.signedAt)
		}
		notes = append(notes, id, n.session, client, n.format, n.updated, status, signedBy, signer, signedAt, digest)
		for _, key := range n.order {
			sections = append(sections, id, key, n.sections[key])
		}
		for _, p := range n.procs {
			processes = append(processes, id, int(p))
		}
	}
	if err := g.execRows(`INSERT INTO notes (id, session_id, client_id, format, updated_at, status, signed_by, signer, signed_at, digest) VALUES `,
		10, notes); err != nil {
		return err
	}
	if err := g.execRows(`INSERT INTO note_sections (note_id, key, body) VALUES `, 3, sections); err != nil {
		return err
	}
	return g.execRows(`INSERT INTO note_processes (note_id, process) VALUES `, 2, processes)
}

func (g *demoGen) attendance(m demoMember, d Date, status SessionStatus, minutes int) (AttendanceStatus, int) {
	if status != Held {
		return NotRecorded, 0
	}
	if !m.absentFrom.IsZero() && !d.Before(m.absentFrom) {
		return Unexcused, 0
	}
	switch r := g.rng.IntN(100); {
	case r < 78:
		return Present, minutes
	case r < 84:
		return Late, minutes - 10 - g.rng.IntN(20)
	case r < 87:
		return LeftEarly, minutes - 15 - g.rng.IntN(30)
	case r < 94:
		return Excused, 0
	default:
		return Unexcused, 0
	}
}

var demoNoteText = map[string][]string{
	"data": {"Members discussed %s. Most shared recent experiences; two members offered each other practical suggestions.",
		"The group opened with a check-in on %s. Members related their situations to one another's."},
	"assessment": {"Cohesion is growing; members are beginning to challenge and support each other.",
		"The group is in the intimacy stage; some members remain guarded."},
	"plan":       {"Continue the theme next week; facilitator to bring handouts on coping plans.", "Follow up individually with members who were absent."},
	"subjective": {"Members reported a difficult week and relief at being back in the group."},
	"objective":  {"Engaged, attentive; several members spoke for the first time."},
	"behaviour":  {"Members arrived on time and participated in the opening round on %s."},
	"intervention": {"Facilitator used role-play and reflective listening; invited quieter members to respond.",
		"Psychoeducation on %s followed by small-group practice."},
	"response": {"Members practised the skill with each other and gave feedback."},
	"goal":     {"Members will identify one support they can call on this week."},
	"text":     {"Session on %s. Good participation; members supported one another."},
}

// notes adds a held session's notes to b: the group note and a short
// note per member who came, with their texts drawn in that order. Notes
// older than a week are signed by the lead.
func (g *demoGen) notes(b *demoRows, sid int64, d Date, format NoteFormat, topic string, attended []int64, lead int64, scores map[int64][]sealedScore) {
	if topic == "" {
		topic = "the week's events"
	}
	procs := []Process{Processes[g.rng.IntN(10)], Processes[g.rng.IntN(10)]}
	if procs[0] == procs[1] {
		procs = procs[:1]
	}
	for i, client := range append([]int64{0}, attended...) {
		n := demoNote{session: sid, client: client, format: format, updated: d.String() + " 16:00:00", sections: map[string]string{}, scores: scores[client]}
		secs := format.Sections()
		if i == 0 {
			n.procs = procs
		} else {
			secs = secs[:1]
		}
		for _, sec := range secs {
			lines := demoNoteText[sec.Key]
			text := lines[g.rng.IntN(len(lines))]
			if strings.Contains(text, "%s") {
				text = fmt.Sprintf(text, strings.ToLower(topic))
			}
			n.sections[sec.Key] = text
			n.order = append(n.order, sec.Key)
		}
		if d.Before(g.today.AddDays(-7)) {
			n.signer, n.signedAt = lead, d.AddDays(1).String()+" 17:00:00"
		}
		b.notes = append(b.notes, n)
	}
}

// demoKey is a name's sort key in the sample agency, which has not chosen
// a language: English.
func demoKey(name string) []byte { return sortKeyIn(collationOf(""), name) }
