package ui

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"groupwork/data"
	"groupwork/internal/chartdata"
)

// chartsTab is a group page's Charts tab: who came to each session held
// so far (present, excused, absent) and the members' average scores over
// time. The series are read only when the tab is on show, off the
// window's thread, so opening a group with years of sessions stays quick.
type chartsTab struct {
	p          *groupPage
	attendance *chartView
	averages   *chartView
	// noScores stands in for the averages chart in a group with no
	// scores: one line, not an empty chart.
	noScores *widget.Label
	problem  *widget.Label
	body     *fyne.Container
	// gen numbers the loads, so series asked for earlier never replace
	// later ones; inflight counts those not back yet.
	gen      int
	inflight int
	view     fyne.CanvasObject
}

func newChartsTab(p *groupPage) *chartsTab {
	c := &chartsTab{p: p}
	c.attendance = newChart(chartdata.Attendance(nil))
	c.averages = newChart(chartdata.Averages(nil))
	c.noScores = &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance}
	c.problem = &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
	c.problem.Hide()
	c.body = container.NewStack()
	c.view = container.NewBorder(c.problem, nil, nil, nil, c.body)
	c.show(false)
	return c
}

// show lays the tab out with or without the averages chart.
func (c *chartsTab) show(scored bool) {
	att := c.attendance.withSummary()
	if scored {
		c.body.Objects = []fyne.CanvasObject{container.NewGridWithRows(2, att, c.averages.withSummary())}
	} else {
		c.body.Objects = []fyne.CanvasObject{container.NewBorder(nil, c.noScores, nil, nil, att)}
	}
	c.body.Refresh()
}

// refresh reads the group's series again and draws them when they come.
func (c *chartsTab) refresh() {
	c.gen++
	gen := c.gen
	c.inflight++
	store, id, today := c.p.ui.store, c.p.group.ID, data.Today()
	go func() {
		ctx := context.Background()
		tally, err := store.GroupAttendanceSeries(ctx, id, data.Date{}, today)
		var scores []data.GroupScoreSeries
		if err == nil {
			scores, err = store.GroupScoreSeries(ctx, id, data.Date{}, today)
		}
		var uses []string
		if err == nil && len(scores) == 0 {
			uses, err = measuresUsed(ctx, store, id)
		}
		c.p.ui.fromBackground(func() {
			c.inflight--
			if gen != c.gen {
				return
			}
			if err != nil {
				c.problem.SetText(fmt.Sprintf("The group's charts could not be read: %v. They are tried again when the tab is opened.", err))
				c.problem.Show()
				return
			}
			c.problem.Hide()
			c.attendance.set(chartdata.Attendance(tally))
			c.averages.set(chartdata.Averages(scores))
			c.noScores.SetText(noScoresText(uses))
			c.show(len(scores) > 0)
		})
	}()
}

// measuresUsed names the measures a group asks for, in the store's order.
func measuresUsed(ctx context.Context, s *data.Store, groupID int64) ([]string, error) {
	gms, err := s.GroupMeasures(ctx, groupID)
	if err != nil || len(gms) == 0 {
		return nil, err
	}
	all, err := s.Measures(ctx)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, m := range all {
		for _, gm := range gms {
			if gm.MeasureID == m.ID {
				names = append(names, m.Name)
			}
		}
	}
	return names, nil
}

// noScoresText is the line in place of the averages chart.
func noScoresText(uses []string) string {
	if len(uses) == 0 {
		return "No scores in this group. Choose its measures with Edit group; they are entered on each session's page."
	}
	return fmt.Sprintf("No scores yet. This group uses %s; they are entered on each session's page.", andList(uses))
}

// andList is "a", "a and b", "a, b and c".
func andList(xs []string) string {
	if len(xs) < 2 {
		return strings.Join(xs, "")
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}
