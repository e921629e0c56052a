package printout

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"groupwork/data"
	"groupwork/internal/datefmt"
)

// SignInOptions shape a sign-in sheet.
type SignInOptions struct {
	Paper     string // data.Letter or data.A4; "" for the agency's setting
	BlankRows int    // rows for walk-ins; negative for the agency's setting
	TimeIn    bool   // add a column for the time each person arrived
	Initials  bool   // print first names and last initials only
}

// sheetInfo is what the header of a sheet says about the meeting.
type sheetInfo struct {
	agency, address string
	group           string
	day             data.Date
	when            string
	location        string
	topic           string
	facilitators    []string
	dates           datefmt.Style
}

// SignIn draws the sign-in sheet of a group for one day: one row per
// member on the roster that day, then blank rows for walk-ins.
func SignIn(ctx context.Context, st *data.Store, groupID int64, day data.Date, opt SignInOptions, w io.Writer) error {
	settings, err := st.Settings(ctx)
	if err != nil {
		return err
	}
	g, err := st.GetGroup(ctx, groupID)
	if err != nil {
		return fmt.Errorf("group %d: %w", groupID, err)
	}
	info, err := meetingInfo(ctx, st, settings, g, day)
	if err != nil {
		return err
	}
	roster, err := st.RosterOn(ctx, groupID, day)
	if err != nil {
		return err
	}
	info.dates = datefmt.For(settings.Region())
	if opt.Paper == "" {
		opt.Paper = settings.PaperSize
	}
	if opt.BlankRows < 0 {
		opt.BlankRows = settings.BlankRows
	}
	names := make([]string, len(roster))
	for i, m := range roster {
		names[i] = sheetName(m.Client, opt.Initials)
	}
	// The database sorts "Ölmez" after "Zed"; people look for it under O.
	// With initials the sheet is in first-name order, the name they see.
	sort.SliceStable(names, func(i, j int) bool { return settings.CompareNames(names[i], names[j]) < 0 })
	now := time.Now()
	return twoPass(func(total int) *doc { return drawSignIn(info, names, opt, now, total) }).output(w)
}

// meetingInfo takes the day's session when there is one, and the group's
// schedule otherwise, so a sheet can be printed before sessions are made.
func meetingInfo(ctx context.Context, st *data.Store, settings data.Settings, g data.Group, day data.Date) (sheetInfo, error) {
	info := sheetInfo{agency: settings.AgencyName, address: settings.AgencyAddress, group: g.Name, day: day,
		when: timeRange(g.Schedule.Start, g.Schedule.Minutes), location: g.Location}
	staff := g.Facilitators
	sessions, err := st.Sessions(ctx, g.ID, day, day)
	if err != nil {
		return info, err
	}
	if len(sessions) > 0 {
		x := sessions[0]
		info.when = timeRange(x.Start, x.Minutes)
		if x.Location != "" {
			info.location = x.Location
		}
		info.topic = x.Topic
		if len(x.Facilitators) > 0 {
			staff = x.Facilitators
		}
	}
	for _, id := range staff {
		s, err := st.GetStaff(ctx, id)
		if err != nil {
			return info, err
		}
		info.facilitators = append(info.facilitators, s.Label())
	}
	return info, nil
}

// sheetName is the name a member looks for on the sheet: the name they go
// by, or with the privacy option their first name and last initial.
func sheetName(c data.Client, initials bool) string {
	if !initials {
		return c.SortName()
	}
	first := goesBy(c)
	last := strings.TrimSpace(nfc(c.LastName))
	if r, _ := utf8.DecodeRuneInString(last); last != "" {
		return strings.TrimSpace(first + " " + string(r) + ".")
	}
	return first
}

// goesBy is the preferred name when set, otherwise the first name: a
// printed list never shows a name the person has asked not to be called.
func goesBy(c data.Client) string {
	if strings.TrimSpace(c.PreferredName) != "" {
		return c.PreferredName
	}
	return c.FirstName
}

const (
	signRowH  = 9.0
	signHeadH = 7.0
)

func drawSignIn(info sheetInfo, names []string, opt SignInOptions, now time.Time, total int) *doc {
	d := newDoc("P", opt.Paper, "Sign-in sheet: "+info.group+", "+info.day.String(), now, info.dates)
	d.total = total
	cw := d.contentWidth()
	numW, timeW := 9.0, 0.0
	if opt.TimeIn {
		timeW = 24
	}
	nameW := (cw - numW - timeW) * 0.5
	signW := cw - numW - timeW - nameW
	d.f.SetHeaderFunc(func() {
		fields := []field{{"Date:", d.dates.PaperDay(info.day)}, {"Time:", info.when},
			{"Location:", dash(info.location)}, {"Facilitators:", dash(strings.Join(info.facilitators, "; "))}}
		if info.topic != "" {
			fields = append(fields, field{"Topic:", info.topic})
		}
		sheetHeader(d, info.agency, info.address, "Sign-in sheet", info.group, fields)
		d.font(true, 9.5)
		d.f.SetFillColor(225, 225, 225)
		x := margin
		d.f.SetX(x)
		d.cell(numW, signHeadH, "#", "1", "C", true)
		d.cell(nameW, signHeadH, "Name", "1", "L", true)
		if opt.TimeIn {
			d.cell(timeW, signHeadH, "Time in", "1", "C", true)
		}
		d.cell(signW, signHeadH, "Signature", "1", "L", true)
		d.f.Ln(signHeadH)
	})
	d.f.SetFooterFunc(func() {
		d.pageFooter("Confidential: contains client names. Printed " + d.dates.PaperStamp(now))
	})
	d.f.AddPage()
	rows := len(names) + opt.BlankRows
	for i := 0; i < rows; i++ {
		if d.f.GetY()+signRowH > d.bottom() {
			d.f.AddPage()
		}
		name := ""
		if i < len(names) {
			name = names[i]
		}
		d.f.SetX(margin)
		d.font(false, 9)
		d.f.SetTextColor(100, 100, 100)
		d.cell(numW, signRowH, fmt.Sprint(i+1), "LB", "C", false)
		d.f.SetTextColor(0, 0, 0)
		d.font(false, 11)
		d.cell(nameW, signRowH, name, "LB", "L", false)
		if opt.TimeIn {
			d.cell(timeW, signRowH, "", "LB", "C", false)
		}
		d.cell(signW, signRowH, "", "LRB", "L", false)
		d.f.Ln(signRowH)
	}
	if opt.BlankRows > 0 && d.f.GetY()+6 <= d.bottom() {
		d.font(false, 8.5)
		d.f.SetTextColor(80, 80, 80)
		d.f.SetX(margin)
		d.cell(cw, 6, "Not on the list? Write your name on a blank line and sign.", "", "L", false)
		d.f.SetTextColor(0, 0, 0)
		d.f.Ln(6)
	}
	// The facilitator signs for the sheet when there is room; it never
	// takes a page of its own.
	if y := d.f.GetY() + 14; y <= d.bottom() {
		d.font(false, 9)
		d.f.SetXY(margin, y-5)
		d.cell(38, 5, "Facilitator's signature", "", "L", false)
		d.f.Line(margin+38, y, margin+cw*0.62, y)
		d.f.SetXY(margin+cw*0.66, y-5)
		d.cell(12, 5, "Date", "", "L", false)
		d.f.Line(margin+cw*0.66+12, y, margin+cw, y)
	}
	return d
}

// field is one "Label: value" of a page header.
type field struct{ label, value string }

// sheetHeader draws the agency, the title, the group and facts about what
// is printed, at the top of every page; the facts go two to a line.
func sheetHeader(d *doc, agency, address, title, group string, fields []field) {
	cw := d.contentWidth()
	d.f.SetXY(margin, margin)
	if agency == "" {
		agency = "Group services"
	}
	d.font(true, 16)
	tw := d.width(title) + 4
	d.font(true, 13)
	d.cell(cw-tw, 6.5, agency, "", "L", false)
	d.font(true, 16)
	d.cell(tw, 6.5, title, "", "R", false)
	d.f.Ln(6.5)
	d.font(false, 9)
	d.f.SetTextColor(70, 70, 70)
	if a := strings.Join(splitLines(address), " · "); a != "" {
		d.cell(cw, 4.5, a, "", "L", false)
		d.f.Ln(4.5)
	}
	d.f.SetTextColor(0, 0, 0)
	y := d.f.GetY() + 1.5
	d.f.SetLineWidth(0.5)
	d.f.Line(margin, y, margin+cw, y)
	d.f.SetLineWidth(0.2)
	d.f.SetY(y + 2.5)
	if group != "" {
		d.font(true, 15)
		d.cell(cw, 7.5, group, "", "L", false)
		d.f.Ln(8.5)
	}
	half := cw / 2
	for i, f := range fields {
		w := half
		if i%2 == 0 && i == len(fields)-1 {
			w = cw
		}
		d.font(true, 9.5)
		lw := d.width(f.label) + 3.5
		d.cell(lw, 5.5, f.label, "", "L", false)
		d.font(false, 9.5)
		d.cell(w-lw, 5.5, f.value, "", "L", false)
		if i%2 == 1 || i == len(fields)-1 {
			d.f.Ln(5.5)
		}
	}
	d.f.Ln(3)
}

func splitLines(s string) []string {
	var out []string
	for _, l := range strings.Split(strings.ReplaceAll(s, "\r", ""), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

func dash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "—"
	}
	return s
}
