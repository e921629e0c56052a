package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"

	"groupwork/data/engine"

	"golang.org/x/text/unicode/norm"
)

// The built-in measures live in the migrations (sqlite 0008_outcomes.sql,
// postgres 0003_outcomes.sql) with their wording, answers and bands exactly
// as published, and cannot be changed:
//
//   - PHQ-9, the Patient Health Questionnaire's depression module:
//     Kroenke K, Spitzer RL, Williams JBW. The PHQ-9: validity of a brief
//     depression severity measure. J Gen Intern Med 2001;16:606-613.
//     Nine items answered 0-3, total 0-27; minimal 0-4, mild 5-9, moderate
//     10-14, moderately severe 15-19, severe 20-27.
//   - GAD-7: Spitzer RL, Kroenke K, Williams JBW, Löwe B. A brief measure
//     for assessing generalized anxiety disorder: the GAD-7. Arch Intern
//     Med 2006;166:1092-1097. Seven items answered 0-3, total 0-21;
//     minimal 0-4, mild 5-9, moderate 10-14, severe 15-21.
//
// Both were developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt
// Kroenke and colleagues with an educational grant from Pfizer Inc., and
// are free to reproduce, translate, display and distribute. The change
// that counts as meaningful is 5 points on the PHQ-9 and 4 on the GAD-7.
const (
	PHQ9 = "PHQ-9"
	GAD7 = "GAD-7"
)

// Band is a named range of a measure's total, both ends included.
type Band struct {
	From, To int
	Label    string
}

// Measure is a scored questionnaire: a built-in one or the agency's own.
type Measure struct {
	ID     int64
	Code   string // "PHQ-9", "GAD-7" for the built-ins; "" for the agency's own
	Name   string
	Prompt string   // the question the items answer, as printed above them; may be ""
	Items  []string // item wordings; empty: scored as a total only
	// Answers are the words of each answer from ItemMin to ItemMax
	// ("Not at all" ... "Nearly every day"); empty: numbers only.
	Answers          []string
	ItemMin, ItemMax int // answer scale per item
	Min, Max         int // total range
	HigherIsBetter   bool
	MeaningfulChange int
	Bands            []Band // may be empty
	Source           string // built-ins: the publication
	BuiltIn          bool
	Archived         bool
	Version          int64
}

// BandOf is the label of the band total falls in, or "" when none does.
func (m Measure) BandOf(total int) string {
	for _, b := range m.Bands {
		if b.From <= total && total <= b.To {
			return b.Label
		}
	}
	return ""
}

// Improvement is how much better after is than before, in the measure's
// direction: positive when the member got better.
func (m Measure) Improvement(before, after int) int {
	if m.HigherIsBetter {
		return after - before
	}
	return before - after
}

// Validate lists what the store would refuse in a measure, each problem
// naming its field: "name", "items", "answers", "item_max", "max",
// "meaningful_change", "bands".
func (m Measure) Validate() error {
	var p problems
	if strings.TrimSpace(m.Name) == "" {
		p.add("name", "Give the measure a name.")
	} else if len([]rune(m.Name)) > 80 {
		p.add("name", "A measure's name can be at most 80 characters.")
	}
	for i, it := range m.Items {
		if strings.TrimSpace(it) == "" {
			p.add("items", fmt.Sprintf("Item %d has no wording; write it or remove the item.", i+1))
			break
		}
	}
	if len(m.Items) > 100 {
		p.add("items", "A measure can have at most 100 items.")
	}
	rangeOK := true
	if len(m.Items) > 0 {
		if m.ItemMax <= m.ItemMin {
			p.add("item_max", fmt.Sprintf("The highest answer (%d) must be above the lowest (%d).", m.ItemMax, m.ItemMin))
			rangeOK = false
		} else if m.ItemMax-m.ItemMin > 100 {
			p.add("item_max", "An item's answers can span at most 100 points.")
			rangeOK = false
		} else if n := len(m.Items); m.Min != n*m.ItemMin || m.Max != n*m.ItemMax {
			p.add("max", fmt.Sprintf("The total of %d items answered %d to %d runs from %d to %d, not %d to %d.",
				n, m.ItemMin, m.ItemMax, n*m.ItemMin, n*m.ItemMax, m.Min, m.Max))
			rangeOK = false
		}
		if len(m.Answers) > 0 && len(m.Answers) != m.ItemMax-m.ItemMin+1 && m.ItemMax > m.ItemMin {
			p.add("answers", fmt.Sprintf("Answers %d to %d need %d words, one for each; %d are given.",
				m.ItemMin, m.ItemMax, m.ItemMax-m.ItemMin+1, len(m.Answers)))
		}
	} else if len(m.Answers) > 0 {
		p.add("answers", "A measure scored as a total only has no answer words; add items first.")
	}
	if m.Max <= m.Min && rangeOK {
		p.add("max", fmt.Sprintf("The highest total (%d) must be above the lowest (%d).", m.Max, m.Min))
		rangeOK = false
	}
	if m.Min < -100000 || m.Max > 100000 {
		p.add("max", "Totals must lie between -100000 and 100000.")
		rangeOK = false
	}
	if m.MeaningfulChange < 1 {
		p.add("meaningful_change", "The change that counts as meaningful must be at least 1 point.")
	} else if rangeOK && m.MeaningfulChange > m.Max-m.Min {
		p.add("meaningful_change", fmt.Sprintf("A change of %d points cannot happen on a range of %d to %d.", m.MeaningfulChange, m.Min, m.Max))
	}
	for i, b := range m.Bands {
		switch {
		case strings.TrimSpace(b.Label) == "":
			p.add("bands", fmt.Sprintf("Band %d has no name.", i+1))
		case b.To < b.From:
			p.add("bands", fmt.Sprintf("Band %q ends (%d) before it starts (%d).", b.Label, b.To, b.From))
		case rangeOK && (b.From < m.Min || b.To > m.Max):
			p.add("bands", fmt.Sprintf("Band %q (%d-%d) reaches outside the totals %d to %d.", b.Label, b.From, b.To, m.Min, m.Max))
		case i > 0 && b.From <= m.Bands[i-1].To:
			p.add("bands", fmt.Sprintf("Band %q starts at %d, inside the band before it; list bands from the lowest, without overlap.", b.Label, b.From))
		default:
			continue
		}
		break
	}
	return p.err()
}

const measureColumns = `m.id, coalesce(m.code, ''), m.name, m.prompt, m.items, m.answers, m.item_min, m.item_max, m.total_min, m.total_max,
	m.higher_is_better, m.meaningful_change, m.bands, m.source, m.archived, m.version`

func scanMeasure(sc interface{ Scan(...any) error }, m *Measure) error {
	var items, answers, bands string
	if err := sc.Scan(&m.ID, &m.Code, &m.Name, &m.Prompt, &items, &answers, &m.ItemMin, &m.ItemMax, &m.Min, &m.Max,
		&m.HigherIsBetter, &m.MeaningfulChange, &bands, &m.Source, &m.Archived, &m.Version); err != nil {
		return err
	}
	m.BuiltIn = m.Code != ""
	for _, j := range []struct {
		text string
		into any
	}{{items, &m.Items}, {answers, &m.Answers}, {bands, &m.Bands}} {
		if err := json.Unmarshal([]byte(j.text), j.into); err != nil {
			return fmt.Errorf("measure %d: %w", m.ID, err)
		}
	}
	// None is nil, as a measure built in Go has it.
	if len(m.Items) == 0 {
		m.Items = nil
	}
	if len(m.Answers) == 0 {
		m.Answers = nil
	}
	if len(m.Bands) == 0 {
		m.Bands = nil
	}
	return nil
}

// jsonText is v as the JSON text a column keeps; a nil slice is "[]".
func jsonText[T any](v []T) string {
	if v == nil {
		v = []T{}
	}
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // plain values only
	}
	return string(b)
}

func queryMeasures(ctx context.Context, q querier, where string, args ...any) ([]Measure, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+measureColumns+` FROM measures m `+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Measure
	for rows.Next() {
		var m Measure
		if err := scanMeasure(rows, &m); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	st, err := readSettings(ctx, q)
	if err != nil {
		return nil, err
	}
	sortMeasures(out, st)
	return out, nil
}

// sortMeasures puts the built-ins first, in their own order, then the
// agency's by name, in the agency's language.
func sortMeasures(ms []Measure, st Settings) {
	sort.SliceStable(ms, func(i, j int) bool {
		a, b := ms[i], ms[j]
		if a.BuiltIn != b.BuiltIn {
			return a.BuiltIn
		}
		if a.BuiltIn {
			return a.ID < b.ID
		}
		if c := st.CompareNames(a.Name, b.Name); c != 0 {
			return c < 0
		}
		return a.ID < b.ID
	})
}

// Measures lists the live measures: the built-ins first, then the
// agency's own by name.
func (s *Store) Measures(ctx context.Context) ([]Measure, error) {
	return queryMeasures(ctx, s.db, `WHERE m.archived = 0`)
}

// AllMeasures lists every measure, archived ones too, in the order of Measures.
func (s *Store) AllMeasures(ctx context.Context) ([]Measure, error) {
	return queryMeasures(ctx, s.db, ``)
}

// Measure returns one measure, archived or not.
func (s *Store) Measure(ctx context.Context, id int64) (Measure, error) {
	return getMeasure(ctx, s.db, id)
}

func getMeasure(ctx context.Context, q querier, id int64) (Measure, error) {
	var m Measure
	err := scanMeasure(q.QueryRowContext(ctx, `SELECT `+measureColumns+` FROM measures m WHERE m.id = ?`, id), &m)
	if errors.Is(err, sql.ErrNoRows) {
		return m, ErrNotFound
	}
	return m, err
}

// SaveMeasure creates (ID 0) or updates one of the agency's own measures
// and returns it as saved. A built-in cannot be changed. m.Version is the
// version the person edited: a measure saved since by someone else is
// refused. While scores use a measure its items and answer scale stay as
// they are, and its range cannot leave any score outside it.
func (s *Store) SaveMeasure(ctx context.Context, m Measure) (Measure, error) {
	m = tidyMeasure(m)
	if m.BuiltIn || m.Code != "" {
		return Measure{}, invalid("name", m.Name+" is a built-in measure, as published; it cannot be changed.")
	}
	if err := m.Validate(); err != nil {
		return Measure{}, err
	}
	return txValue(ctx, s, func(tx *txn) (Measure, error) {
		m := m
		var other int64
		err := tx.QueryRowContext(ctx, `SELECT id FROM measures WHERE lower(name) = ? AND id <> ? AND archived = 0`,
			lowerASCII(m.Name), m.ID).Scan(&other)
		if err == nil {
			return m, invalid("name", "Another measure is already called "+m.Name+".")
		} else if !errors.Is(err, sql.ErrNoRows) {
			return m, err
		}
		if m.ID == 0 {
			id, err := tx.insert(ctx, `INSERT INTO measures (name, prompt, items, answers, item_min, item_max, total_min, total_max,
				higher_is_better, meaningful_change, bands, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				m.Name, m.Prompt, jsonText(m.Items), jsonText(m.Answers), m.ItemMin, m.ItemMax, m.Min, m.Max,
				m.HigherIsBetter, m.MeaningfulChange, jsonText(m.Bands), m.Source)
			if err != nil {
				return m, measureRefused(tx.eng, m, err)
			}
			m.ID, m.Version = id, 1
			return m, s.audit(ctx, tx, "measure", id, "create", m.Name)
		}
		old, err := getMeasure(ctx, tx, m.ID)
		if err != nil {
			return m, err
		}
		if old.BuiltIn {
			return m, invalid("name", old.Name+" is a built-in measure, as published; it cannot be changed.")
		}
		if old.Archived {
			return m, invalid("name", old.Name+" is archived; it can no longer be changed.")
		}
		if m.Version != old.Version {
			return m, invalid("version", fmt.Sprintf("%s was changed by someone else after you opened it; nothing was overwritten. Open it again to see the change.", old.Name))
		}
		if err := scoresFit(ctx, tx, old, m); err != nil {
			return m, err
		}
		if err := tx.QueryRowContext(ctx, `UPDATE measures SET name = ?, prompt = ?, items = ?, answers = ?, item_min = ?, item_max = ?,
			total_min = ?, total_max = ?, higher_is_better = ?, meaningful_change = ?, bands = ?, source = ?, version = version + 1
			WHERE id = ? RETURNING version`,
			m.Name, m.Prompt, jsonText(m.Items), jsonText(m.Answers), m.ItemMin, m.ItemMax, m.Min, m.Max,
			m.HigherIsBetter, m.MeaningfulChange, jsonText(m.Bands), m.Source, m.ID).Scan(&m.Version); err != nil {
			return m, measureRefused(tx.eng, m, err)
		}
		// Touches every screen that shows scores of it.
		tx.touch("session")
		return m, s.audit(ctx, tx, "measure", m.ID, "update", changes(measureAudit(old), measureAudit(m)))
	})
}

// measureAudit is what the audit log says changed in a measure.
type measureAudited struct {
	Name, Prompt, Items, Answers string
	ItemMin, ItemMax, Min, Max   int
	HigherIsBetter               bool
	MeaningfulChange             int
	Bands, Source                string
}

func measureAudit(m Measure) measureAudited {
	return measureAudited{m.Name, m.Prompt, jsonText(m.Items), jsonText(m.Answers), m.ItemMin, m.ItemMax, m.Min, m.Max,
		m.HigherIsBetter, m.MeaningfulChange, jsonText(m.Bands), m.Source}
}

// nfc composes text as it is kept and printed.
func nfc(s string) string { return norm.NFC.String(s) }

func tidyMeasure(m Measure) Measure {
	m.Name = strings.TrimSpace(nfc(m.Name))
	m.Prompt = strings.TrimSpace(nfc(m.Prompt))
	m.Source = strings.TrimSpace(nfc(m.Source))
	var items []string
	for _, it := range m.Items {
		items = append(items, strings.TrimSpace(nfc(it)))
	}
	m.Items = items
	var answers []string
	for _, a := range m.Answers {
		answers = append(answers, strings.TrimSpace(nfc(a)))
	}
	m.Answers = answers
	bands := make([]Band, len(m.Bands))
	for i, b := range m.Bands {
		bands[i] = Band{b.From, b.To, strings.TrimSpace(nfc(b.Label))}
	}
	m.Bands = bands
	if len(m.Bands) == 0 {
		m.Bands = nil
	}
	return m
}

// scoresFit refuses a change of a measure that would leave its scores
// meaning something else: other items or answers, or a total outside.
func scoresFit(ctx context.Context, tx *txn, old, m Measure) error {
	var n, itemized int
	var lo, hi sql.NullInt64
	if err := tx.QueryRowContext(ctx, `SELECT count(*), count(items), min(total), max(total) FROM scores WHERE measure_id = ?`,
		m.ID).Scan(&n, &itemized, &lo, &hi); err != nil {
		return err
	}
	if n == 0 {
		return nil
	}
	if len(old.Items) != len(m.Items) || (itemized > 0 && (old.ItemMin != m.ItemMin || old.ItemMax != m.ItemMax)) {
		return invalid("items", fmt.Sprintf("%d scores use %s; its items and answer scale stay as they are (a new measure can have others).", n, old.Name))
	}
	if int(lo.Int64) < m.Min || int(hi.Int64) > m.Max {
		return invalid("max", fmt.Sprintf("Scores of %s run from %d to %d; its range must include them.", old.Name, lo.Int64, hi.Int64))
	}
	return nil
}

// measureRefused puts the database's refusal of a measure into words.
func measureRefused(eng engine.Engine, m Measure, err error) error {
	switch {
	case err == nil:
		return nil
	case eng.Classify(err) == engine.Unique:
		return invalid("name", "Another measure is already called "+m.Name+".")
	case strings.Contains(err.Error(), "built-in measure"):
		return invalid("name", m.Name+" is a built-in measure, as published; it cannot be changed.")
	case strings.Contains(err.Error(), "outside its measure's range"):
		return invalid("max", "Some scores of "+m.Name+" would fall outside the new range.")
	}
	return err
}

// ArchiveMeasure retires one of the agency's measures: it is no longer
// offered, and groups stop asking for it; its scores stay. A built-in
// cannot be archived.
func (s *Store) ArchiveMeasure(ctx context.Context, id int64) error {
	return s.tx(ctx, func(tx *txn) error {
		m, err := getMeasure(ctx, tx, id)
		if err != nil {
			return err
		}
		if m.BuiltIn {
			return invalid("archived", m.Name+" is built in; a group that does not use it can leave it out instead.")
		}
		if m.Archived {
			return nil
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM group_measures WHERE measure_id = ?`, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE measures SET archived = 1, version = version + 1 WHERE id = ?`, id); err != nil {
			return measureRefused(tx.eng, m, err)
		}
		tx.touch("group")
		return s.audit(ctx, tx, "measure", id, "archive", m.Name)
	})
}
