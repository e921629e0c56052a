package printout

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"groupwork/data"
	"groupwork/internal/chartdata"
	"groupwork/internal/datefmt"
)

// Attendance draws a group's attendance record for a range: members down
// the side, sessions across, a status code in each cell. When the sessions
// do not fit across one page they continue on the next, with the member
// column repeated, so each page reads on its own.
func Attendance(ctx context.Context, st *data.Store, groupID int64, from, to data.Date, w io.Writer) error {
	settings, err := st.Settings(ctx)
	if err != nil {
		return err
	}
	g, err := st.GetGroup(ctx, groupID)
	if err != nil {
		return fmt.Errorf("group %d: %w", groupID, err)
	}
	grid, err := st.AttendanceGrid(ctx, groupID, from, to)
	if err != nil {
		return err
	}
	var staff []string
	for _, id := range g.Facilitators {
		s, err := st.GetStaff(ctx, id)
		if err != nil {
			return err
		}
		staff = append(staff, s.Label())
	}
	tally, err := st.GroupAttendanceSeries(ctx, groupID, from, to)
	if err != nil {
		return err
	}
	scores, err := st.GroupScoreSeries(ctx, groupID, from, to)
	if err != nil {
		return err
	}
	r := attendanceRecord{settings: settings, group: g, from: from, to: to, grid: grid, staff: staff,
		tally: tally, scores: scores}
	now := time.Now()
	return twoPass(func(total int) *doc { return r.draw(now, total) }).output(w)
}

type attendanceRecord struct {
	settings data.Settings
	group    data.Group
	from, to data.Date
	grid     data.Grid
	staff    []string
	tally    []data.SessionTally     // the held sessions, for the chart
	scores   []data.GroupScoreSeries // the group's average scores, if it has any
}

const (
	attNameW  = 60.0
	attCellW  = 10.0
	attTotalW = 17.0
	attRowH   = 6.0
	attHeadH  = 11.0
)

// sessionsPerPage is how many session columns fit beside the names and
// the three totals.
func sessionsPerPage(d *doc) int {
	return max(1, int((d.contentWidth()-attNameW-3*attTotalW)/attCellW))
}

func (r attendanceRecord) draw(now time.Time, total int) *doc {
	d := newDoc("L", r.settings.PaperSize, "Attendance record: "+r.group.Name, now, datefmt.For(r.settings.Region()))
	d.total = total
	g := r.grid
	attended, recorded := 0, 0
	for _, m := range g.Members {
		attended += m.Attended
		recorded += m.Recorded
	}
	rate := "—"
	if recorded > 0 {
		rate = fmt.Sprintf("%s (%d of %d recorded)", percent(float64(attended)/float64(recorded)), attended, recorded)
	}
	held := 0
	for _, x := range g.Sessions {
		if x.Status == data.Held {
			held++
		}
	}
	fields := []field{
		{"Dates:", d.dates.PaperShort(r.from) + " to " + d.dates.PaperShort(r.to)},
		{"Facilitators:", dash(strings.Join(r.staff, "; "))},
		{"Sessions:", fmt.Sprintf("%d in range, %d held", len(g.Sessions), held)},
		{"Attendance rate:", rate},
	}
	var part string
	d.f.SetHeaderFunc(func() {
		sheetHeader(d, r.settings.AgencyName, r.settings.AgencyAddress, "Attendance record", r.group.Name, fields)
		if part != "" {
			d.font(false, 8.5)
			d.f.SetTextColor(70, 70, 70)
			d.cell(d.contentWidth(), 4.5, part, "", "L", false)
			d.f.Ln(5)
			d.f.SetTextColor(0, 0, 0)
		}
	})
	d.f.SetFooterFunc(func() {
		d.pageFooter("Confidential: contains client names. Printed " + d.dates.PaperStamp(now))
	})
	per := sessionsPerPage(d)
	chunks := (len(g.Sessions) + per - 1) / per
	if chunks == 0 {
		chunks = 1
	}
	for c := 0; c < chunks; c++ {
		lo, hi := c*per, min((c+1)*per, len(g.Sessions))
		part = ""
		if chunks > 1 {
			part = fmt.Sprintf("Sessions %d–%d of %d (%s to %s)", lo+1, hi, len(g.Sessions),
				d.dates.PaperShort(g.Sessions[lo].Date), d.dates.PaperShort(g.Sessions[hi-1].Date))
		}
		r.drawChunk(d, lo, hi)
	}
	r.drawCharts(d, func() {
		part = "Charts: attendance per session"
		if r.hasScores() {
			part += " and average scores"
		}
	})
	return d
}

// hasScores tells whether the group has any average score in the range.
func (r attendanceRecord) hasScores() bool {
	for _, s := range r.scores {
		if len(s.Points) > 0 {
			return true
		}
	}
	return false
}

// drawCharts draws the group's charts after the grid: attendance per
// session (present, excused, absent) and, when the group has scores in
// the range, its average scores over time, each with its summary sentence
// under it for readers who do not read charts. They go below the grid
// when they fit there, else on a page of their own (newPage names it in
// the page header first).
func (r attendanceRecord) drawCharts(d *doc, newPage func()) {
	const titleH, sentenceH, gap = 7.0, 10.0, 6.0
	n := 1.0
	if r.hasScores() {
		n = 2
	}
	// Each chart takes up to 62 mm, and no less than 40 mm, so that its
	// bars and labels stay readable; below the grid if it fits there.
	y := d.f.GetY() + 8
	fit := func() float64 { return min(62, (d.bottom()-y-(n-1)*gap)/n-titleH-sentenceH) }
	chartH := fit()
	if chartH < 40 {
		newPage()
		d.f.AddPage()
		y = d.f.GetY() + 2
		chartH = fit()
	}
	cw := d.contentWidth()
	title := func(s string) {
		d.f.SetXY(margin, y)
		d.font(true, 10.5)
		d.cell(cw, 6, s, "", "L", false)
		y += titleH
	}
	title("Attendance per session")
	y += d.chart(margin, y, cw, chartH, chartdata.Attendance(r.tally)) + gap
	if r.hasScores() {
		title("Average scores")
		d.chart(margin, y, cw, chartH, chartdata.Averages(r.scores))
	}
}

// drawChunk draws the pages for sessions lo..hi-1: every member, then the
// per-session totals and the legend.
func (r attendanceRecord) drawChunk(d *doc, lo, hi int) {
	g := r.grid
	d.f.AddPage()
	r.tableHead(d, lo, hi)
	if len(g.Members) == 0 {
		d.font(false, 10)
		d.cell(d.contentWidth(), 8, "No attendance was recorded for this group in these dates.", "", "L", false)
		d.f.Ln(8)
	}
	legendH := 10.0
	for i, m := range g.Members {
		// Keep the last member with the totals below them.
		need := attRowH
		if i == len(g.Members)-1 {
			need = 3*attRowH + legendH
		}
		if d.f.GetY()+need > d.bottom() {
			d.f.AddPage()
			r.tableHead(d, lo, hi)
		}
		d.f.SetX(margin)
		d.font(false, 9)
		d.cell(attNameW, attRowH, m.Client.SortName(), "1", "L", false)
		for j := lo; j < hi; j++ {
			cell := m.Cells[j]
			d.f.SetFillColor(232, 232, 232)
			if cell == "" {
				d.cell(attCellW, attRowH, "", "1", "C", true)
				continue
			}
			d.font(cell.Attended(), 9)
			d.cell(attCellW, attRowH, cell.Code(), "1", "C", false)
		}
		d.font(false, 9)
		d.cell(attTotalW, attRowH, fmt.Sprint(m.Attended), "1", "C", false)
		d.cell(attTotalW, attRowH, fmt.Sprint(m.Recorded), "1", "C", false)
		d.cell(attTotalW, attRowH, rateOrDash(m.Attended, m.Recorded), "1", "C", false)
		d.f.Ln(attRowH)
	}
	if d.f.GetY()+2*attRowH+legendH > d.bottom() {
		d.f.AddPage()
		r.tableHead(d, lo, hi)
	}
	d.f.SetFillColor(240, 240, 240)
	for _, line := range []string{"Attended", "Rate"} {
		d.f.SetX(margin)
		d.font(true, 9)
		d.cell(attNameW, attRowH, line, "1", "R", true)
		d.font(false, 8)
		for j := lo; j < hi; j++ {
			v := ""
			if g.Sessions[j].Status != data.DidNotMeet && g.SessionRecorded[j] > 0 {
				v = fmt.Sprint(g.SessionAttended[j])
				if line == "Rate" {
					v = percent(g.SessionRate(j))
				}
			}
			d.cell(attCellW, attRowH, v, "1", "C", true)
		}
		d.cell(3*attTotalW, attRowH, "", "", "C", false)
		d.f.Ln(attRowH)
	}
	d.f.Ln(2)
	d.font(false, 8)
	d.f.SetX(margin)
	d.para(d.contentWidth(), 4, "P present · L late · E left early · X excused absence · A absent · "+
		data.NotRecorded.Code()+" not recorded · grey: not on the roster that day · DNM: the session did not meet. "+
		"Rate is sessions attended out of sessions recorded.")
}

func (r attendanceRecord) tableHead(d *doc, lo, hi int) {
	g := r.grid
	y := d.f.GetY()
	d.f.SetFillColor(225, 225, 225)
	d.f.SetX(margin)
	d.font(true, 9)
	d.cell(attNameW, attHeadH, "Member", "1", "L", true)
	x := margin + attNameW
	for j := lo; j < hi; j++ {
		s := g.Sessions[j]
		d.f.Rect(x, y, attCellW, attHeadH, "DF")
		d.font(true, 7.5)
		d.f.SetXY(x, y+0.8)
		d.cell(attCellW, 4.5, s.Date.Format("Jan"), "", "C", false)
		d.f.SetXY(x, y+5)
		label := fmt.Sprint(s.Date.Day)
		if s.Status == data.DidNotMeet {
			label = "DNM"
			d.font(false, 6.5)
		}
		d.cell(attCellW, 4.5, label, "", "C", false)
		x += attCellW
	}
	d.f.SetXY(x, y)
	d.font(true, 8)
	for _, h := range []string{"Attended", "Recorded", "Rate"} {
		d.cell(attTotalW, attHeadH, h, "1", "C", true)
	}
	d.f.Ln(attHeadH)
}

func rateOrDash(a, b int) string {
	if b == 0 {
		return "—"
	}
	return percent(float64(a) / float64(b))
}
