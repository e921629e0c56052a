package ui

import (
	"context"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"groupwork/data"
	"groupwork/internal/chartdata"
)

// reportsScreen shows the figures funders ask for over a date range,
// across groups: by group, month by month and as outcomes; and who is
// missing sessions right now.
type reportsScreen struct {
	ui       *App
	from, to *textBox
	show     *widget.Button
	printBtn *widget.Button
	period   *widget.Select // quick ranges funders ask for
	problem  *widget.Label
	sum      data.Summary
	months   []data.MonthTally
	runs     []data.AbsenceRun
	monthly  *chartView // attendances and sessions held per month
	outcomes *outcomesView
	lower    *container.AppTabs
	sumTable *dataTable
	runTable *dataTable
	totals   *widget.Label
	loading  *widget.ProgressBarInfinite
	// gen numbers the loads, so figures asked for earlier never replace
	// later ones; inflight counts those not back yet.
	gen      int
	inflight int
	view     fyne.CanvasObject
}

var summaryHeaders = []string{"Group", "Held", "Not met", "Clients", "Attended", "Absences", "Rate", "Per session",
	"Hours", "New", "Completed", "Left"}

func newReportsScreen(ui *App) *reportsScreen {
	r := &reportsScreen{ui: ui}
	today := data.Today()
	r.from, r.to = dateEntry(data.NewDate(today.Year, 1, 1)), dateEntry(today)
	r.show = &widget.Button{Text: "Show", Icon: theme.SearchIcon(), Importance: widget.HighImportance, OnTapped: r.refresh}
	r.period = widget.NewSelect(periodNames, func(name string) {
		if from, to, ok := period(name, data.Today()); ok {
			r.from.SetText(from.String())
			r.to.SetText(to.String())
			r.refresh()
		}
	})
	r.period.PlaceHolder = "Quick range"
	r.printBtn = &widget.Button{Text: "Print…", Icon: theme.DocumentPrintIcon(), OnTapped: r.print}
	r.problem = &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
	r.problem.Hide()
	r.totals = &widget.Label{Wrapping: fyne.TextWrapWord}
	r.loading = widget.NewProgressBarInfinite()
	r.loading.Hide()
	r.sumTable = newDataTable(summaryHeaders, []float32{200, 55, 75, 65, 85, 80, 55, 90, 60, 50, 90, 50},
		func() int {
			if len(r.sum.Groups) == 0 {
				return 0
			}
			return len(r.sum.Groups) + 1
		}, r.sumCell)
	r.runTable = newDataTable([]string{"Group", "Member", "Absences in a row", "Since", "Most recent"},
		[]float32{220, 240, 150, 170, 170}, func() int { return len(r.runs) }, r.runCell)
	r.runTable.table.OnSelected = func(id widget.TableCellID) {
		r.runTable.table.UnselectAll()
		if id.Row >= 0 && id.Row < len(r.runs) {
			ui.showClient(r.runs[id.Row].Client.ID)
		}
	}
	r.monthly = newChart(chartdata.Monthly(nil))
	r.outcomes = newOutcomesView()
	bar := container.NewHBox(widget.NewLabel("From"), fixedWidth(r.from, 130), widget.NewLabel("to"), fixedWidth(r.to, 130), r.show, fixedWidth(r.period, 170), r.printBtn)
	top := container.NewVBox(heading("Reports"), bar, r.problem, r.loading, r.totals)
	figures := container.NewBorder(&widget.Label{Text: "By group", TextStyle: fyne.TextStyle{Bold: true}}, nil, nil, nil, r.sumTable.view())
	runs := container.NewBorder(&widget.Label{Text: "Current members with two or more absences in a row", TextStyle: fyne.TextStyle{Bold: true}},
		nil, nil, nil, r.runTable.view())
	r.lower = container.NewAppTabs(
		container.NewTabItemWithIcon("Month by month", chartIcon(), r.monthly.withSummary()),
		container.NewTabItem("Outcomes", r.outcomes.view),
		container.NewTabItem("Absences in a row", runs))
	split := container.NewVSplit(figures, r.lower)
	split.Offset = 0.42
	r.view = container.NewBorder(top, nil, nil, nil, split)
	r.refresh()
	return r
}

func (r *reportsScreen) sumCell(row, col int) string {
	var name string
	var f data.Figures
	if row < len(r.sum.Groups) {
		name, f = r.sum.Groups[row].Name, r.sum.Groups[row].Figures
	} else {
		name, f = "All groups", r.sum.Total
	}
	vals := []string{name, fmt.Sprint(f.SessionsHeld), fmt.Sprint(f.SessionsNotMet), fmt.Sprint(f.Unduplicated),
		fmt.Sprint(f.Attendances), fmt.Sprint(f.Absences), percent(f.AttendanceRate()), fmt.Sprintf("%.1f", f.AverageAttendance()),
		fmt.Sprintf("%.1f", f.Hours()), fmt.Sprint(f.NewMembers), fmt.Sprint(f.Completed), fmt.Sprint(f.Withdrawn + f.Discharged)}
	return vals[col]
}

func (r *reportsScreen) runCell(row, col int) string {
	x := r.runs[row]
	switch col {
	case 0:
		return x.GroupName
	case 1:
		return x.Client.SortName()
	case 2:
		return fmt.Sprint(x.Count)
	case 3:
		return r.ui.dates().Day(x.First)
	case 4:
		return r.ui.dates().Day(x.Last)
	}
	return ""
}

// refresh counts the figures of the range typed. Ten years of a busy
// agency take a moment to count, so it happens off the window's thread
// with a progress bar, and the screen opens at once.
func (r *reportsScreen) refresh() {
	r.problem.Hide()
	from, to, err := r.dates()
	if err != nil {
		r.problem.SetText(err.Error())
		r.problem.Show()
		return
	}
	r.gen++
	gen := r.gen
	r.inflight++
	r.loading.Show()
	r.loading.Start()
	r.show.Disable()
	store := r.ui.store
	go func() {
		ctx := context.Background()
		sum, err := store.Summary(ctx, from, to, nil)
		var months []data.MonthTally
		if err == nil {
			months, err = store.MonthlyActivity(ctx, from, to, nil)
		}
		var runs []data.AbsenceRun
		if err == nil {
			runs, err = store.ConsecutiveAbsences(ctx, 0, to, flagAfter)
		}
		r.ui.fromBackground(func() {
			r.inflight--
			if gen != r.gen {
				return
			}
			r.loading.Stop()
			r.loading.Hide()
			defer r.view.Refresh() // the bar's room goes back to the figures
			r.show.Enable()
			if err != nil {
				r.ui.showError(fmt.Errorf("the figures could not be counted: %w", err))
				return
			}
			r.sum, r.months, r.runs = sum, months, runs
			r.showTotals()
		})
	}()
}

func (r *reportsScreen) dates() (from, to data.Date, err error) {
	return dateRange(r.from.Text, r.to.Text)
}

func (r *reportsScreen) showTotals() {
	t := r.sum.Total
	r.totals.SetText(fmt.Sprintf("%s to %s: %s held, %d did not meet; %s came %s "+
		"(attendance rate %s, %.1f hours of service); %s, %d completed, %d withdrew or were discharged.",
		r.ui.dates().Date(r.sum.From), r.ui.dates().Date(r.sum.To), count(t.SessionsHeld, "session"), t.SessionsNotMet,
		count(t.Unduplicated, "different client"), count(t.Attendances, "time"),
		percent(t.AttendanceRate()), t.Hours(), count(t.NewMembers, "new member"), t.Completed, t.Withdrawn+t.Discharged))
	r.sumTable.table.Refresh()
	r.runTable.table.Refresh()
	r.monthly.set(chartdata.Monthly(r.months))
	r.outcomes.set(r.sum.Outcomes, r.sum.From, r.sum.To, r.ui.dates())
}

// print prints the summary of the range typed.
func (r *reportsScreen) print() {
	from, to, err := r.dates()
	if err != nil {
		r.problem.SetText(err.Error())
		r.problem.Show()
		return
	}
	r.ui.printSummary(from, to)
}

var periodNames = []string{"This month", "Last month", "This quarter", "Last quarter", "This year", "Last year", "Last 12 months"}

// period is the first and last day of a named range around today.
func period(name string, today data.Date) (from, to data.Date, ok bool) {
	month := data.NewDate(today.Year, today.Month, 1)
	quarter := data.NewDate(today.Year, time.Month((int(today.Month)-1)/3*3+1), 1)
	year := data.NewDate(today.Year, 1, 1)
	switch name {
	case "This month":
		return month, today, true
	case "Last month":
		return month.AddMonths(-1), month.AddDays(-1), true
	case "This quarter":
		return quarter, today, true
	case "Last quarter":
		return quarter.AddMonths(-3), quarter.AddDays(-1), true
	case "This year":
		return year, today, true
	case "Last year":
		return year.AddMonths(-12), year.AddDays(-1), true
	case "Last 12 months":
		return today.AddMonths(-12).AddDays(1), today, true
	}
	return data.Date{}, data.Date{}, false
}
