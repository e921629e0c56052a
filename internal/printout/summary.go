package printout

import (
	"context"
	"fmt"
	"io"
	"time"

	"groupwork/data"
	"groupwork/internal/chartdata"
	"groupwork/internal/datefmt"
)

// SummaryColumns are the figures of the funders' summary, in the order
// both the PDF and the CSV show them.
var SummaryColumns = []string{"Sessions held", "Did not meet", "Clients served", "Attendances",
	"Average per session", "Attendance rate", "Hours of service", "New members", "Completed", "Withdrawn", "Discharged"}

// SummaryValues formats one line of figures in SummaryColumns' order.
func SummaryValues(f data.Figures) []string {
	return []string{fmt.Sprint(f.SessionsHeld), fmt.Sprint(f.SessionsNotMet), fmt.Sprint(f.Unduplicated),
		fmt.Sprint(f.Attendances), fmt.Sprintf("%.1f", f.AverageAttendance()), rateOrDash(f.Attendances, f.Attendances+f.Absences),
		fmt.Sprintf("%.1f", f.Hours()), fmt.Sprint(f.NewMembers), fmt.Sprint(f.Completed), fmt.Sprint(f.Withdrawn),
		fmt.Sprint(f.Discharged)}
}

// Summary draws the funders' report over a range: one line per group with
// activity and the agency's total, then the outcome figures per group and
// measure.
func Summary(ctx context.Context, st *data.Store, from, to data.Date, w io.Writer) error {
	settings, err := st.Settings(ctx)
	if err != nil {
		return err
	}
	sum, err := st.Summary(ctx, from, to, nil)
	if err != nil {
		return err
	}
	months, err := st.MonthlyActivity(ctx, from, to, nil)
	if err != nil {
		return err
	}
	now := time.Now()
	return twoPass(func(total int) *doc { return drawSummary(settings, sum, months, now, total) }).output(w)
}

func drawSummary(settings data.Settings, sum data.Summary, months []data.MonthTally, now time.Time, total int) *doc {
	d := newDoc("L", settings.PaperSize, "Summary report "+sum.From.String()+" to "+sum.To.String(), now, datefmt.For(settings.Region()))
	d.total = total
	fields := []field{{"Dates:", d.dates.PaperShort(sum.From) + " to " + d.dates.PaperShort(sum.To)},
		{"Groups:", fmt.Sprint(len(sum.Groups))}}
	const nameW, headH, rowH = 52.0, 12.0, 6.5
	cw := d.contentWidth()
	colW := (cw - nameW) / float64(len(SummaryColumns))
	head := func() {
		d.f.SetX(margin)
		d.f.SetFillColor(225, 225, 225)
		d.font(true, 9)
		d.cell(nameW, headH, "Group", "1", "L", true)
		d.font(true, 7.5)
		for _, c := range SummaryColumns {
			x, y := d.f.GetXY()
			d.f.Rect(x, y, colW, headH, "DF")
			lines := d.wrapWords(c, colW-2)
			top := y + (headH-float64(len(lines))*3.6)/2
			for i, l := range lines {
				d.f.SetXY(x, top+float64(i)*3.6)
				d.f.CellFormat(colW, 3.6, l, "", 0, "C", false, 0, "")
			}
			d.f.SetXY(x+colW, y)
		}
		d.f.Ln(headH)
	}
	pageHead := head // the outcome table further down has a heading of its own
	d.f.SetHeaderFunc(func() {
		sheetHeader(d, settings.AgencyName, settings.AgencyAddress, "Summary report", "", fields)
		if pageHead != nil {
			pageHead()
		}
	})
	d.f.SetFooterFunc(func() { d.pageFooter("Printed " + d.dates.PaperStamp(now)) })
	d.f.AddPage()
	line := func(name string, f data.Figures, bold bool) {
		if d.f.GetY()+rowH > d.bottom() {
			d.f.AddPage()
		}
		d.f.SetX(margin)
		d.font(bold, 9.5)
		d.f.SetFillColor(240, 240, 240)
		d.cell(nameW, rowH, name, "1", "L", bold)
		for _, v := range SummaryValues(f) {
			d.cell(colW, rowH, v, "1", "R", bold)
		}
		d.f.Ln(rowH)
	}
	if len(sum.Groups) == 0 {
		d.font(false, 10)
		d.f.SetX(margin)
		d.cell(cw, 8, "No group met or had members join or leave in these dates.", "", "L", false)
		d.f.Ln(8)
	}
	for _, g := range sum.Groups {
		line(g.Name, g.Figures, false)
	}
	line("All groups", sum.Total, true)
	notes := "Clients served counts each person who attended at least once; in the total a person who came to " +
		"several groups counts once. Attendances count present, late and left-early marks at sessions held. " +
		"Attendance rate is attendances out of attendances plus absences (excused or not). Hours of service " +
		"are the minutes members attended. New members joined in these dates (the waitlist is not counted); " +
		"completed, withdrawn and discharged count members who left in these dates."
	if sum.Total.NotRecorded > 0 {
		notes += fmt.Sprintf(" %d places at sessions held have no attendance recorded and are not counted.", sum.Total.NotRecorded)
	}
	if sum.Total.SessionsScheduled > 0 {
		notes += fmt.Sprintf(" %d sessions in these dates are still scheduled and are not counted as held.", sum.Total.SessionsScheduled)
	}
	d.f.Ln(3)
	if d.f.GetY()+20 > d.bottom() {
		d.f.AddPage()
	}
	d.f.SetX(margin)
	d.font(false, 8.5)
	d.para(cw, 4.2, notes)
	pageHead = nil
	// Attendances and sessions held month by month, its sentence under it.
	const monthH = 64.0
	d.f.Ln(4)
	if d.f.GetY()+8+monthH+10 > d.bottom() {
		d.f.AddPage()
	}
	d.f.SetX(margin)
	d.font(true, 12)
	d.cell(cw, 8, "Month by month", "", "L", false)
	d.f.Ln(8)
	y := d.f.GetY()
	d.f.SetY(y + d.chart(margin, y, cw, monthH, chartdata.Monthly(months)))
	// The outcome figures of the same groups and dates.
	d.f.Ln(4)
	if d.f.GetY()+30 > d.bottom() {
		d.f.AddPage()
	}
	d.f.SetX(margin)
	d.font(true, 12)
	d.cell(cw, 8, "Outcomes", "", "L", false)
	d.f.Ln(8)
	outcomeTable(d, sum.Outcomes, &pageHead)
	return d
}
