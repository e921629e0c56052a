package printout

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"groupwork/data"
	"groupwork/internal/datefmt"
)

// Notes draws the paper-chart copy of a session's notes: what the session
// was and who came, the group note, then each member's note, with who
// signed each and when, and every addendum.
func Notes(ctx context.Context, st *data.Store, sessionID int64, w io.Writer) error {
	return SessionsNotes(ctx, st, []int64{sessionID}, w)
}

// SessionsNotes draws the notes of several sessions into one file, each
// starting on a new page with its own header, in the order given: a group
// that met twice in a day is charted as one printout.
func SessionsNotes(ctx context.Context, st *data.Store, sessionIDs []int64, w io.Writer) error {
	if len(sessionIDs) == 0 {
		return fmt.Errorf("no session to print")
	}
	settings, err := st.Settings(ctx)
	if err != nil {
		return err
	}
	var parts []notesPart
	for _, id := range sessionIDs {
		p, err := loadNotesPart(ctx, st, id)
		if err != nil {
			return err
		}
		parts = append(parts, p)
	}
	now := time.Now()
	return twoPass(func(total int) *doc {
		return drawNotes(settings, parts, now, total)
	}).output(w)
}

// notesPart is one session's share of a notes printout.
type notesPart struct {
	g               data.Group
	x               data.Session
	staff           []string
	present, absent []string
	notes           []data.Note
	names           map[int64]string
}

func loadNotesPart(ctx context.Context, st *data.Store, sessionID int64) (notesPart, error) {
	var p notesPart
	x, err := st.GetSession(ctx, sessionID)
	if err != nil {
		return p, fmt.Errorf("session %d: %w", sessionID, err)
	}
	g, err := st.GetGroup(ctx, x.GroupID)
	if err != nil {
		return p, err
	}
	rows, err := st.SessionAttendance(ctx, sessionID)
	if err != nil {
		return p, err
	}
	notes, err := st.SessionNotes(ctx, sessionID)
	if err != nil {
		return p, err
	}
	p = notesPart{g: g, x: x, notes: notes, names: map[int64]string{}}
	staffIDs := x.Facilitators
	if len(staffIDs) == 0 {
		staffIDs = g.Facilitators
	}
	for _, id := range staffIDs {
		s, err := st.GetStaff(ctx, id)
		if err != nil {
			return p, err
		}
		p.staff = append(p.staff, s.Label())
	}
	for _, r := range rows {
		p.names[r.ClientID] = r.Client.DisplayName()
		switch {
		case r.Status.Attended():
			label := r.Client.DisplayName()
			if r.Status != data.Present {
				label += " (" + strings.ToLower(r.Status.Label()) + ")"
			}
			p.present = append(p.present, label)
		case r.Status.Absent():
			p.absent = append(p.absent, r.Client.DisplayName()+" ("+strings.ToLower(r.Status.Label())+")")
		}
	}
	for _, n := range notes {
		if n.ClientID != 0 && p.names[n.ClientID] == "" {
			c, err := st.GetClient(ctx, n.ClientID)
			if err != nil {
				return p, err
			}
			p.names[n.ClientID] = c.DisplayName()
		}
	}
	return p, nil
}

func drawNotes(settings data.Settings, parts []notesPart, now time.Time, total int) *doc {
	first := parts[0]
	d := newDoc("P", settings.PaperSize, "Session notes: "+first.g.Name+", "+first.x.Date.String(), now, datefmt.For(settings.Region()))
	d.total = total
	// cur is the session being drawn; fresh is set while its first page
	// is opened, so that page gets the full header.
	var cur notesPart
	fresh := false
	d.f.SetHeaderFunc(func() {
		g, x := cur.g, cur.x
		if fresh {
			fields := []field{{"Date:", d.dates.PaperDay(x.Date)}, {"Time:", timeRange(x.Start, x.Minutes)},
				{"Location:", dash(firstNonEmpty(x.Location, g.Location))}, {"Facilitators:", dash(strings.Join(cur.staff, "; "))},
				{"Status:", sessionStatus(x)}}
			if x.Topic != "" {
				fields = append(fields, field{"Topic:", x.Topic})
			}
			sheetHeader(d, settings.AgencyName, settings.AgencyAddress, "Session notes", g.Name, fields)
			fresh = false
			return
		}
		d.f.SetXY(margin, margin)
		d.font(true, 9)
		d.f.SetTextColor(70, 70, 70)
		d.cell(d.contentWidth(), 5, "Session notes · "+g.Name+" · "+d.dates.PaperDay(x.Date)+", "+clock(x.Start)+" (continued)",
			"B", "L", false)
		d.f.SetTextColor(0, 0, 0)
		d.f.Ln(8)
	})
	d.f.SetFooterFunc(func() {
		d.pageFooter("Confidential client record. Printed " + d.dates.PaperStamp(now))
	})
	d.f.SetAutoPageBreak(true, margin+footer)
	for _, p := range parts {
		cur, fresh = p, true
		d.f.AddPage()
		drawSessionNotes(d, p)
	}
	return d
}

func drawSessionNotes(d *doc, p notesPart) {
	cw := d.contentWidth()
	list := func(label string, people []string) {
		d.f.SetX(margin)
		d.font(true, 9.5)
		lw := d.width(label) + 3.5
		d.cell(lw, 5, label, "", "L", false)
		d.font(false, 9.5)
		d.para(cw-lw, 5, dash(strings.Join(people, ", ")))
	}
	list(fmt.Sprintf("Present (%d):", len(p.present)), p.present)
	list(fmt.Sprintf("Absent (%d):", len(p.absent)), p.absent)
	d.f.Ln(3)
	if len(p.notes) == 0 {
		d.font(false, 10)
		d.para(cw, 6, "No notes have been written for this session.")
	}
	for _, n := range p.notes {
		title := "Group note"
		if !n.IsGroupNote() {
			title = "Individual note: " + p.names[n.ClientID]
		}
		drawNote(d, title, n)
	}
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
		d.para(cw, 5, "Signed by "+n.Signer+" on "+stamp(d, n.SignedAt))
	} else {
		d.para(cw, 5, "Not signed. Last changed "+stamp(d, n.UpdatedAt)+".")
	}
	for _, a := range n.Addenda {
		d.f.Ln(1)
		d.f.SetX(margin + 4)
		d.font(true, 9)
		d.para(cw-4, 5, "Addendum by "+a.Author+", "+stamp(d, a.At))
		d.f.SetX(margin + 4)
		d.font(false, 10)
		d.para(cw-4, 5, a.Text)
	}
	d.f.Ln(5)
}

// stamp shows a stored UTC time in the computer's own zone.
func stamp(d *doc, t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return d.dates.PaperStamp(t.Local()) + t.Local().Format(" MST")
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
