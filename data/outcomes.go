package data

import (
	"context"
	"fmt"
	"sort"
	"strings"
)

// The figures and series behind the charts and the funders' outcome
// table. Each is read in one or two queries over the sessions' tallies
// and the scores, and shaped in Go.

// ScorePoint is one score of a client's, on a chart over time.
type ScorePoint struct {
	Date      Date
	SessionID int64
	GroupID   int64
	Group     string
	Total     int
	Band      string // the measure's band of Total; "" when none
}

// ScoreSeries is a client's scores on one measure, by date.
type ScoreSeries struct {
	Measure Measure
	Points  []ScorePoint
}

// ClientScores lists a client's scores, one series per measure they were
// scored on (in the order of Measures, archived ones too), each by date.
func (s *Store) ClientScores(ctx context.Context, clientID int64) ([]ScoreSeries, error) {
	measures, err := s.measuresByID(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT sc.measure_id, x.date, x.id, g.id, g.name, sc.total
		FROM scores sc JOIN sessions x ON x.id = sc.session_id JOIN groups g ON g.id = x.group_id
		WHERE sc.client_id = ? ORDER BY x.date, x.start_time, x.id`, clientID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	byMeasure := map[int64]*ScoreSeries{}
	for rows.Next() {
		var mid int64
		var p ScorePoint
		if err := rows.Scan(&mid, &p.Date, &p.SessionID, &p.GroupID, &p.Group, &p.Total); err != nil {
			return nil, err
		}
		ser := byMeasure[mid]
		if ser == nil {
			ser = &ScoreSeries{Measure: measures[mid]}
			byMeasure[mid] = ser
		}
		p.Band = ser.Measure.BandOf(p.Total)
		ser.Points = append(ser.Points, p)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]ScoreSeries, 0, len(byMeasure))
	for _, ser := range byMeasure {
		out = append(out, *ser)
	}
	st, err := s.Settings(ctx)
	if err != nil {
		return nil, err
	}
	sort.Slice(out, func(i, j int) bool { return measureBefore(out[i].Measure, out[j].Measure, st) })
	return out, nil
}

// measureBefore is the order of Measures: built-ins first, then by name.
func measureBefore(a, b Measure, st Settings) bool {
	ms := []Measure{b, a}
	sortMeasures(ms, st)
	return ms[0].ID == a.ID && a.ID != b.ID
}

// measuresByID reads every measure, archived ones too.
func (s *Store) measuresByID(ctx context.Context) (map[int64]Measure, error) {
	all, err := queryMeasures(ctx, s.db, ``)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]Measure, len(all))
	for _, m := range all {
		out[m.ID] = m
	}
	return out, nil
}

// SessionTally is the attendance of one held session.
type SessionTally struct {
	SessionID int64
	Date      Date
	Present   int // attended: present, late or left early
	Excused   int
	Absent    int // unexcused
}

// GroupAttendanceSeries lists a group's held sessions between from and to
// (inclusive; a zero date leaves that end open), by date, each with who
// attended, who was excused and who was absent without excuse.
func (s *Store) GroupAttendanceSeries(ctx context.Context, groupID int64, from, to Date) ([]SessionTally, error) {
	if to.IsZero() {
		to = MustDate("9999-12-31")
	}
	// The sessions' tallies give the attended and the absent; only the
	// excused among the absent are counted from the register.
	rows, err := s.db.QueryContext(ctx, `SELECT x.id, x.date, x.n_attended, x.n_absent,
		(SELECT count(*) FROM attendance a WHERE a.session_id = x.id AND a.status = 'excused')
		FROM sessions x WHERE x.group_id = ? AND x.status = 'held' AND x.date >= ? AND x.date <= ?
		ORDER BY x.date, x.start_time, x.id`, groupID, from.String(), to)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []SessionTally
	for rows.Next() {
		var t SessionTally
		var absent int
		if err := rows.Scan(&t.SessionID, &t.Date, &t.Present, &absent, &t.Excused); err != nil {
			return nil, err
		}
		t.Absent = absent - t.Excused
		out = append(out, t)
	}
	return out, rows.Err()
}

// MeanPoint is the mean of a group's scores on one day.
type MeanPoint struct {
	Date Date
	Mean float64
	N    int // scores averaged
}

// GroupScoreSeries is a group's mean score on one measure, by date.
type GroupScoreSeries struct {
	Measure Measure
	Points  []MeanPoint
}

// GroupScoreSeries lists a group's mean scores between from and to
// (inclusive; a zero date leaves that end open), one series per measure
// scored in the group (in the order of Measures), each by date.
func (s *Store) GroupScoreSeries(ctx context.Context, groupID int64, from, to Date) ([]GroupScoreSeries, error) {
	if to.IsZero() {
		to = MustDate("9999-12-31")
	}
	measures, err := s.measuresByID(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT sc.measure_id, x.date, sum(sc.total), count(*)
		FROM scores sc JOIN sessions x ON x.id = sc.session_id
		WHERE x.group_id = ? AND x.date >= ? AND x.date <= ?
		GROUP BY sc.measure_id, x.date ORDER BY sc.measure_id, x.date`, groupID, from.String(), to)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []GroupScoreSeries
	for rows.Next() {
		var mid int64
		var p MeanPoint
		var sum int64
		if err := rows.Scan(&mid, &p.Date, &sum, &p.N); err != nil {
			return nil, err
		}
		if len(out) == 0 || out[len(out)-1].Measure.ID != mid {
			out = append(out, GroupScoreSeries{Measure: measures[mid]})
		}
		p.Mean = float64(sum) / float64(p.N)
		out[len(out)-1].Points = append(out[len(out)-1].Points, p)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	st, err := s.Settings(ctx)
	if err != nil {
		return nil, err
	}
	sort.SliceStable(out, func(i, j int) bool { return measureBefore(out[i].Measure, out[j].Measure, st) })
	return out, nil
}

// MonthTally is one month's activity.
type MonthTally struct {
	Month        Date // the first of the month
	Attendances  int  // present, late or left early, at held sessions
	SessionsHeld int
}

// MonthlyActivity lists every month from from's to to's, zeros included,
// with the sessions held and attendances in it, for the given groups (all
// when none are given). Days outside from..to do not count.
func (s *Store) MonthlyActivity(ctx context.Context, from, to Date, groupIDs []int64) ([]MonthTally, error) {
	if to.Before(from) {
		return nil, invalid("to", fmt.Sprintf("End date %s is before the start date %s.", to, from))
	}
	if to.Year-from.Year > 100 {
		return nil, invalid("from", "Choose a range of at most a hundred years.")
	}
	filter, args := groupFilter("group_id", groupIDs, from, to)
	rows, err := s.db.QueryContext(ctx, `SELECT substr(date, 1, 7), count(*), sum(n_attended) FROM sessions
		WHERE status = 'held' AND date >= ?1 AND date <= ?2`+filter+` GROUP BY substr(date, 1, 7)`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	got := map[string]MonthTally{}
	for rows.Next() {
		var month string
		var t MonthTally
		if err := rows.Scan(&month, &t.SessionsHeld, &t.Attendances); err != nil {
			return nil, err
		}
		got[month] = t
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var out []MonthTally
	for m := NewDate(from.Year, from.Month, 1); !m.After(to); m = m.AddMonths(1) {
		t := got[m.String()[:7]]
		t.Month = m
		out = append(out, t)
	}
	return out, nil
}

// groupFilter is " AND column IN (...)" for the given groups ("" for
// all), and the query's arguments: from and to first (?1, ?2), then the
// groups.
func groupFilter(column string, groupIDs []int64, from, to Date) (string, []any) {
	args := []any{from, to}
	if len(groupIDs) == 0 {
		return "", args
	}
	ph := make([]string, len(groupIDs))
	for i, id := range groupIDs {
		ph[i] = fmt.Sprintf("?%d", i+3)
		args = append(args, id)
	}
	return " AND " + column + " IN (" + strings.Join(ph, ", ") + ")", args
}

// Outcome is what a group's members showed on one measure over a range.
type Outcome struct {
	GroupID int64
	Group   string
	Measure Measure
	// Members with at least two scores on the measure in the group in
	// the range; the figures below are theirs.
	Members int
	// The means of each member's first and last score in the range, and
	// of last minus first (so negative is better when lower is better).
	MeanFirst, MeanLast, MeanChange float64
	// Members whose last score is better than their first by at least
	// the measure's meaningful change, and those worse by as much.
	Improved, Worse int
}

// Outcomes computes, per group and measure, the outcome figures between
// from and to (inclusive) for the given groups (all groups with scores in
// range when none are given): by group name, then measure in the order of
// Measures. A pair with no member scored twice is left out.
func (s *Store) Outcomes(ctx context.Context, from, to Date, groupIDs []int64) ([]Outcome, error) {
	if to.Before(from) {
		return nil, invalid("to", fmt.Sprintf("End date %s is before the start date %s.", to, from))
	}
	measures, err := s.measuresByID(ctx)
	if err != nil {
		return nil, err
	}
	names, err := s.groupSortNames(ctx)
	if err != nil {
		return nil, err
	}
	// Each member's first and last score per group and measure, kept as
	// the rows come: the scores are few beside the sessions, so they lead
	// the join, and no sort is asked of the database.
	type key struct{ group, measure, client int64 }
	type when struct {
		date  Date
		start string
		id    int64
	}
	before := func(a, b when) bool {
		if a.date != b.date {
			return a.date.Before(b.date)
		}
		if a.start != b.start {
			return a.start < b.start
		}
		return a.id < b.id
	}
	type course struct {
		first, last     int
		firstAt, lastAt when
		n               int
	}
	courses := map[key]*course{}
	filter, args := groupFilter("x.group_id", groupIDs, from, to)
	rows, err := s.db.QueryContext(ctx, `SELECT x.group_id, sc.measure_id, sc.client_id, sc.total, x.date, x.start_time, x.id
		FROM scores sc CROSS JOIN sessions x WHERE x.id = sc.session_id AND x.date >= ?1 AND x.date <= ?2`+filter, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var k key
		var total int
		var at when
		if err := rows.Scan(&k.group, &k.measure, &k.client, &total, &at.date, &at.start, &at.id); err != nil {
			return nil, err
		}
		c := courses[k]
		if c == nil {
			courses[k] = &course{first: total, last: total, firstAt: at, lastAt: at, n: 1}
			continue
		}
		c.n++
		if before(at, c.firstAt) {
			c.first, c.firstAt = total, at
		}
		if before(c.lastAt, at) {
			c.last, c.lastAt = total, at
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	type pairKey struct{ group, measure int64 }
	pairs := map[pairKey]*Outcome{}
	sums := map[pairKey]*[2]float64{} // the firsts' and the lasts' sums
	for k, c := range courses {
		if c.n < 2 {
			continue
		}
		pk := pairKey{k.group, k.measure}
		o := pairs[pk]
		if o == nil {
			o = &Outcome{GroupID: k.group, Group: names[k.group].name, Measure: measures[k.measure]}
			pairs[pk], sums[pk] = o, &[2]float64{}
		}
		o.Members++
		sums[pk][0] += float64(c.first)
		sums[pk][1] += float64(c.last)
		switch d := o.Measure.Improvement(c.first, c.last); {
		case d >= o.Measure.MeaningfulChange:
			o.Improved++
		case -d >= o.Measure.MeaningfulChange:
			o.Worse++
		}
	}
	out := make([]Outcome, 0, len(pairs))
	for pk, o := range pairs {
		o.MeanFirst = sums[pk][0] / float64(o.Members)
		o.MeanLast = sums[pk][1] / float64(o.Members)
		o.MeanChange = o.MeanLast - o.MeanFirst
		out = append(out, *o)
	}
	st, err := s.Settings(ctx)
	if err != nil {
		return nil, err
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.GroupID != b.GroupID {
			return names[a.GroupID].before(names[b.GroupID], a.GroupID, b.GroupID)
		}
		return measureBefore(a.Measure, b.Measure, st)
	})
	return out, nil
}
