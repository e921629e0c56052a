package printout

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"time"

	"groupwork/data"
	"groupwork/internal/datefmt"
)

// OutcomeColumns are the columns of the outcome figures, on paper and in
// a spreadsheet.
var OutcomeColumns = []string{"Group", "Measure", "Members", "Mean first", "Mean last", "Mean change", "Improved", "Worse"}

// OutcomeValues are one outcome's figures in OutcomeColumns' order, the
// means to one decimal place and the change with its sign.
func OutcomeValues(o data.Outcome) []string {
	return []string{o.Group, o.Measure.Name, strconv.Itoa(o.Members), fmt.Sprintf("%.1f", o.MeanFirst), fmt.Sprintf("%.1f", o.MeanLast),
		fmt.Sprintf("%+.1f", o.MeanChange), strconv.Itoa(o.Improved), strconv.Itoa(o.Worse)}
}

// outcomeNotes says how the outcome figures are counted, under the table.
const outcomeNotes = "Members counts each member scored at least twice on the measure in the group in these dates; " +
	"their first and last scores in these dates are compared. Mean change is mean last minus mean first: on the " +
	"PHQ-9 and GAD-7, and on any measure where lower is better, a fall is an improvement. Improved and worse count " +
	"members whose score moved by at least the measure's meaningful change (5 points on the PHQ-9, 4 on the GAD-7)."

// Outcomes draws the outcome figures over a range: per group and
// measure, members scored twice, mean first, last and change, and how
// many improved or got worse.
func Outcomes(ctx context.Context, st *data.Store, from, to data.Date, w io.Writer) error {
	settings, err := st.Settings(ctx)
	if err != nil {
		return err
	}
	outcomes, err := st.Outcomes(ctx, from, to, nil)
	if err != nil {
		return err
	}
	now := time.Now()
	return twoPass(func(total int) *doc {
		d := newDoc("L", settings.PaperSize, "Outcomes "+from.String()+" to "+to.String(), now, datefmt.For(settings.Region()))
		d.total = total
		fields := []field{{"Dates:", d.dates.PaperShort(from) + " to " + d.dates.PaperShort(to)}}
		var head func()
		d.f.SetHeaderFunc(func() {
			sheetHeader(d, settings.AgencyName, settings.AgencyAddress, "Outcomes", "", fields)
			if head != nil {
				head()
			}
		})
		d.f.SetFooterFunc(func() { d.pageFooter("Printed " + d.dates.PaperStamp(now)) })
		d.f.AddPage()
		outcomeTable(d, outcomes, &head)
		return d
	}).output(w)
}

// outcomeTable draws the outcome table from the current line on, with
// its notes; *pageHead is set to what draws its heading again atop each
// new page.
func outcomeTable(d *doc, outcomes []data.Outcome, pageHead *func()) {
	const groupW, measureW, headH, rowH = 70.0, 36.0, 8.0, 6.5
	cw := d.contentWidth()
	colW := (cw - groupW - measureW) / float64(len(OutcomeColumns)-2)
	widths := []float64{groupW, measureW}
	for range OutcomeColumns[2:] {
		widths = append(widths, colW)
	}
	head := func() {
		d.f.SetX(margin)
		d.f.SetFillColor(225, 225, 225)
		d.font(true, 8.5)
		for i, c := range OutcomeColumns {
			align := "C"
			if i < 2 {
				align = "L"
			}
			d.cell(widths[i], headH, c, "1", align, true)
		}
		d.f.Ln(headH)
	}
	*pageHead = head
	if d.f.GetY()+headH+rowH > d.bottom() {
		d.f.AddPage()
	} else {
		head()
	}
	if len(outcomes) == 0 {
		d.font(false, 10)
		d.f.SetX(margin)
		d.cell(cw, 8, "No member was scored twice on a measure in these dates.", "", "L", false)
		d.f.Ln(8)
	}
	for _, o := range outcomes {
		if d.f.GetY()+rowH > d.bottom() {
			d.f.AddPage()
		}
		d.f.SetX(margin)
		d.font(false, 9.5)
		for i, v := range OutcomeValues(o) {
			align := "R"
			if i < 2 {
				align = "L"
				v = d.fit(v, widths[i]-2)
			}
			d.cell(widths[i], rowH, v, "1", align, false)
		}
		d.f.Ln(rowH)
	}
	d.f.Ln(3)
	if d.f.GetY()+16 > d.bottom() {
		d.f.AddPage()
	}
	d.f.SetX(margin)
	d.font(false, 8.5)
	*pageHead = nil
	d.para(cw, 4.2, outcomeNotes)
}
