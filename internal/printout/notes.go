package printout

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"groupwork/data"
)

// Notes draws the paper-chart copy of a session's notes: what the session
// was and who came, the group note, then each member's note, with who
// signed each and when, and every addendum.
func Notes(ctx context.Context, st *data.Store, sessionID int64, w io.Writer) error {
	settings, err := st.Settings(ctx)
	if err != nil {
		return err
	}
	x, err := st.GetSession(ctx, sessionID)
	if err != nil {
		return fmt.Errorf("session %d: %w", sessionID, err)
	}
	g, err := st.GetGroup(ctx, x.GroupID)
	if err != nil {
		return err
	}
	rows, err := st.SessionAttendance(ctx, sessionID)
	if err != nil {
		return err
	}
	notes, err := st.SessionNotes(ctx, sessionID)
	if err != nil {
		return err
	}
	staffIDs := x.Facilitators
	if len(staffIDs) == 0 {
		staffIDs = g.Facilitators
	}
	var staff []string
	for _, id := range staffIDs {
		s, err := st.GetStaff(ctx, id)
		if err != nil {
			return err
		}
		staff = append(staff, s.Label())
	}
	names := map[int64]string{}
	var present, absent []string
	for _, r := range rows {
		names[r.ClientID] = r.Client.DisplayName()
		switch {
		case r.Status.Attended():
			label := r.Client.DisplayName()
			if r.Status != data.Present {
				label += " (" + strings.ToLower(r.Status.Label()) + ")"
			}
			present = append(present, label)
		case r.Status.Absent():
			absent = append(absent, r.Client.DisplayName()+" ("+strings.ToLower(r.Status.Label())+")")
		}
	}
	for _, n := range notes {
		if n.ClientID != 0 && names[n.ClientID] == "" {
			c, err := st.GetClient(ctx, n.ClientID)
			if err != nil {
				return err
			}
			names[n.ClientID] = c.DisplayName()
		}
	}
	now := time.Now()
	return twoPass(func(total int) *doc {
		return drawNotes(settings, g, x, staff, present, absent, notes, names, now, total)
	}).output(w)
}

func drawNotes(settings data.Settings, g data.Group, x data.Session, staff, present, absent []string,
	notes []data.Note, names map[int64]string, now time.Time, total int) *doc {
	d := newDoc("P", settings.PaperSize, "Session notes: "+g.Name+", "+x.Date.String(), now)
	d.total = total
	fields := []field{{"Date:", LongDate(x.Date)}, {"Time:", timeRange(x.Start, x.Minutes)},
		{"Location:", dash(firstNonEmpty(x.Location, g.Location))}, {"Facilitators:", dash(strings.Join(staff, "; "))},
		{"Status:", sessionStatus(x)}}
	if x.Topic != "" {
		fields = append(fields, field{"Topic:", x.Topic})
	}
	first := true
	d.f.SetHeaderFunc(func() {
		if first {
			sheetHeader(d, settings.AgencyName, settings.AgencyAddress, "Session notes", g.Name, fields)
			first = false
			return
		}
		d.f.SetXY(margin, margin)
		d.font(true, 9)
		d.f.SetTextColor(70, 70, 70)
		d.cell(d.contentWidth(), 5, "Session notes · "+g.Name+" · "+LongDate(x.Date)+" (continued)", "B", "L", false)
		d.f.SetTextColor(0, 0, 0)
		d.f.Ln(8)
	})
	d.f.SetFooterFunc(func() {
		d.pageFooter("Confidential client record. Printed " + now.Format("2006-01-02 15:04"))
	})
	d.f.SetAutoPageBreak(true, margin+footer)
	d.f.AddPage()
	cw := d.contentWidth()
	list := func(label string, people []string) {
		d.f.SetX(margin)
		d.font(true, 9.5)
		lw := d.width(label) + 3.5
		d.cell(lw, 5, label, "", "L", false)
		d.font(false, 9.5)
		d.para(cw-lw, 5, dash(strings.Join(people, ", ")))
	}
	list(fmt.Sprintf("Present (%d):", len(present)), present)
	list(fmt.Sprintf("Absent (%d):", len(absent)), absent)
	d.f.Ln(3)
	if len(notes) == 0 {
		d.font(false, 10)
		d.para(cw, 6, "No notes have been written for this session.")
	}
	for _, n := range notes {
		title := "Group note"
		if !n.IsGroupNote() {
			title = "Individual note: " + names[n.ClientID]
		}
		drawNote(d, title, n)
	}
	return d
}

func drawNote(d *doc, title string, n data.Note) {
	cw := d.contentWidth()
	if d.f.GetY()+30 > d.bottom() {
		d.f.AddPage()
	}
	d.f.SetX(margin)
	d.f.SetFillColor(230, 230, 230)
	status := "Draft, not signed"
	if n.Status == data.Signed {
		status = "Signed"
	}
	d.font(true, 8.5)
	sw := d.width(status+" · "+n.Format.Label()) + 4
	d.font(true, 11)
	d.cell(cw-sw, 7, title, "", "L", true)
	d.font(true, 8.5)
	d.cell(sw, 7, status+" · "+n.Format.Label(), "", "R", true)
	d.f.Ln(8.5)
	if n.Empty() {
		d.font(false, 10)
		d.f.SetX(margin)
		d.para(cw, 5, "(nothing written)")
	}
	for _, s := range n.Format.Sections() {
		v := strings.TrimSpace(n.Sections[s.Key])
		if v == "" {
			continue
		}
		if n.Format != data.FreeText {
			d.font(true, 9.5)
			d.f.SetX(margin)
			d.cell(cw, 5, s.Label, "", "L", false)
			d.f.Ln(5)
		}
		d.font(false, 10)
		d.f.SetX(margin)
		d.para(cw, 5, v)
		d.f.Ln(1.5)
	}
	if len(n.Processes) > 0 {
		var ps []string
		for _, p := range n.Processes {
			ps = append(ps, p.String())
		}
		d.f.SetX(margin)
		d.font(true, 9.5)
		d.cell(cw, 5, "Mutual aid observed", "", "L", false)
		d.f.Ln(5)
		d.font(false, 10)
		d.f.SetX(margin)
		d.para(cw, 5, strings.Join(ps, "; "))
		d.f.Ln(1.5)
	}
	d.f.SetX(margin)
	d.font(false, 9)
	if n.Status == data.Signed {
		d.para(cw, 5, "Signed by "+n.Signer+" on "+stamp(n.SignedAt))
	} else {
		d.para(cw, 5, "Not signed. Last changed "+stamp(n.UpdatedAt)+".")
	}
	for _, a := range n.Addenda {
		d.f.Ln(1)
		d.f.SetX(margin + 4)
		d.font(true, 9)
		d.para(cw-4, 5, "Addendum by "+a.Author+", "+stamp(a.At))
		d.f.SetX(margin + 4)
		d.font(false, 10)
		d.para(cw-4, 5, a.Text)
	}
	d.f.Ln(5)
}

// stamp shows a stored UTC time in the computer's own zone.
func stamp(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.Local().Format("January 2, 2006 at 3:04 pm MST")
}

func sessionStatus(x data.Session) string {
	if x.Status == data.DidNotMeet && x.Reason != "" {
		return "Did not meet: " + x.Reason
	}
	return x.Status.Label()
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}
