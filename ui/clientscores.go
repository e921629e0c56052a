package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"groupwork/data"
	"groupwork/internal/chartdata"
)

// clientScores is the client page's Scores tab: each measure the client
// was scored on, over time, on its severity bands, with the chart's
// summary under it. A client never scored gets one line, not empty charts.
type clientScores struct {
	series []data.ScoreSeries
	charts []*chartView
	none   *widget.Label
	box    *fyne.Container
	view   fyne.CanvasObject
}

// scoreChartHeight is tall enough to tell the bands apart and short
// enough that two measures fit the tab of a laptop's window.
const scoreChartHeight = 230

func newClientScores() *clientScores {
	s := &clientScores{
		none: &widget.Label{Text: "No scores yet. Scores are entered on a session's page for the members who came.",
			Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance},
		box: container.NewStack(),
	}
	s.view = container.NewVScroll(s.box)
	return s
}

// set shows a client's scores; charts already on show are drawn anew in
// place when the same measures are scored.
func (s *clientScores) set(series []data.ScoreSeries) {
	same := len(series) == len(s.series)
	for i := 0; same && i < len(series); i++ {
		same = series[i].Measure.ID == s.series[i].Measure.ID
	}
	s.series = series
	if same && len(s.charts) == len(series) && len(series) > 0 {
		for i, x := range series {
			s.charts[i].set(chartdata.Client(x))
		}
		return
	}
	s.charts = nil
	if len(series) == 0 {
		s.box.Objects = []fyne.CanvasObject{container.NewVBox(s.none)}
		s.box.Refresh()
		return
	}
	// The charts share the tab's height, each at least tall enough to
	// read; more measures than fit scroll.
	grid := container.NewGridWithRows(len(series))
	for _, x := range series {
		c := newChart(chartdata.Client(x))
		s.charts = append(s.charts, c)
		grid.Add(atLeastHigh(c.withSummary(), scoreChartHeight))
	}
	s.box.Objects = []fyne.CanvasObject{grid}
	s.box.Refresh()
}
