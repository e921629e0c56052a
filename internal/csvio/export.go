package csvio

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"groupwork/data"
)

// Filter narrows an export: one group (0 for all) and a date range (zero
// ends are open).
type Filter struct {
	GroupID  int64
	From, To data.Date
}

// ExportKinds are the exports, in the order menus show them.
var ExportKinds = []string{"clients", "roster", "sessions", "attendance", "notes", "scores"}

// Export writes one kind of export.
func Export(ctx context.Context, st *data.Store, kind string, f Filter, w io.Writer) error {
	switch kind {
	case "clients":
		return ExportClients(ctx, st, f, w)
	case "roster":
		return ExportRoster(ctx, st, f, w)
	case "sessions":
		return ExportSessions(ctx, st, f, w)
	case "attendance":
		return ExportAttendance(ctx, st, f, w)
	case "notes":
		return ExportNotes(ctx, st, f, w)
	case "scores":
		return ExportScores(ctx, st, f, w)
	}
	return fmt.Errorf("there is no %q export; choose one of %s", kind, strings.Join(ExportKinds, ", "))
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// ExportClients writes every client, archived ones included (or, with a
// group, everyone who was ever in it), in the columns import reads.
func ExportClients(ctx context.Context, st *data.Store, f Filter, w io.Writer) error {
	var clients []data.Client
	if f.GroupID != 0 {
		members, err := st.Members(ctx, f.GroupID)
		if err != nil {
			return err
		}
		seen := map[int64]bool{}
		for _, m := range members {
			if !seen[m.ClientID] {
				seen[m.ClientID] = true
				clients = append(clients, m.Client)
			}
		}
	} else {
		var err error
		if clients, err = st.ListClients(ctx, data.ClientFilter{IncludeArchived: true}); err != nil {
			return err
		}
	}
	cw := NewWriter(w)
	cw.Raw(ClientHeaders()...)
	for _, c := range clients {
		cw.Row(T(c.RecordNumber), T(c.FirstName), T(c.LastName), T(c.PreferredName), T(c.Pronouns), N(c.DOB.String()),
			T(c.Phone), T(c.Email), T(c.EmergencyContact), T(c.Notes), N(yesNo(c.Archived)))
	}
	return cw.Close()
}

// groups is the one group of the filter, or every group.
func groups(ctx context.Context, st *data.Store, f Filter) ([]data.Group, error) {
	if f.GroupID != 0 {
		g, err := st.GetGroup(ctx, f.GroupID)
		return []data.Group{g}, err
	}
	list, err := st.ListGroups(ctx, true)
	if err != nil {
		return nil, err
	}
	out := make([]data.Group, len(list))
	for i, g := range list {
		out[i] = g.Group
	}
	return out, nil
}

// ExportRoster writes every membership: who joined which group when, and
// how they left.
func ExportRoster(ctx context.Context, st *data.Store, f Filter, w io.Writer) error {
	gs, err := groups(ctx, st, f)
	if err != nil {
		return err
	}
	cw := NewWriter(w)
	cw.Raw("Group", "Record number", "Last name", "First name", "Preferred name", "Joined", "Left", "Status", "Exit reason", "Comment")
	for _, g := range gs {
		members, err := st.Members(ctx, g.ID)
		if err != nil {
			return err
		}
		for _, m := range members {
			c := m.Client
			cw.Row(T(g.Name), T(c.RecordNumber), T(c.LastName), T(c.FirstName), T(c.PreferredName), N(m.Joined.String()),
				N(m.Left.String()), N(m.Status.Label()), T(m.ExitReason), T(m.Comment))
		}
	}
	return cw.Close()
}

type staffNames map[int64]string

func (n staffNames) list(ctx context.Context, st *data.Store, ids []int64) (string, error) {
	var out []string
	for _, id := range ids {
		if _, ok := n[id]; !ok {
			s, err := st.GetStaff(ctx, id)
			if err != nil {
				return "", err
			}
			n[id] = s.Label()
		}
		out = append(out, n[id])
	}
	return strings.Join(out, "; "), nil
}

// ExportSessions writes every session in the range.
func ExportSessions(ctx context.Context, st *data.Store, f Filter, w io.Writer) error {
	gs, err := groups(ctx, st, f)
	if err != nil {
		return err
	}
	names := staffNames{}
	cw := NewWriter(w)
	cw.Raw("Group", "Date", "Start", "Minutes", "Topic", "Location", "Status", "Reason", "Facilitators")
	for _, g := range gs {
		xs, err := st.Sessions(ctx, g.ID, f.From, f.To)
		if err != nil {
			return err
		}
		for _, x := range xs {
			staff, err := names.list(ctx, st, x.Facilitators)
			if err != nil {
				return err
			}
			cw.Row(T(g.Name), N(x.Date.String()), N(x.Start.String()), N(fmt.Sprint(x.Minutes)), T(x.Topic),
				T(firstNonEmpty(x.Location, g.Location)), N(x.Status.Label()), T(x.Reason), T(staff))
		}
	}
	return cw.Close()
}

// ExportAttendance writes one line per member per session in the range,
// absences included, each as the store reads it: ten years of a busy agency
// are hundreds of thousands of lines, never held all at once.
func ExportAttendance(ctx context.Context, st *data.Store, f Filter, w io.Writer) error {
	cw := NewWriter(w)
	cw.Raw("Group", "Date", "Start", "Record number", "Last name", "First name", "Status", "Code", "Minutes", "Comment")
	err := st.EachAttendanceRow(ctx, f.GroupID, f.From, f.To, func(r data.AttendanceExportRow) error {
		cw.Row(T(r.Group), N(r.Date.String()), N(r.Start.String()), T(r.RecordNumber), T(r.LastName), T(r.FirstName),
			N(r.Status.Label()), N(r.Status.Code()), N(strconv.Itoa(r.Minutes)), T(r.Comment))
		return nil
	})
	if err != nil {
		return err
	}
	return cw.Close()
}

// ExportNotes writes every note of the sessions in the range: the group
// note and members' notes, with signatures and addenda.
func ExportNotes(ctx context.Context, st *data.Store, f Filter, w io.Writer) error {
	gs, err := groups(ctx, st, f)
	if err != nil {
		return err
	}
	cw := NewWriter(w)
	cw.Raw("Group", "Date", "Note", "Record number", "Format", "Status", "Signed by", "Signed at (UTC)", "Text",
		"Mutual aid", "Addenda")
	clients := map[int64]data.Client{}
	for _, g := range gs {
		xs, err := st.Sessions(ctx, g.ID, f.From, f.To)
		if err != nil {
			return err
		}
		for _, x := range xs {
			notes, err := st.SessionNotes(ctx, x.ID)
			if err != nil {
				return err
			}
			for _, n := range notes {
				about, record := "Group note", ""
				if !n.IsGroupNote() {
					c, ok := clients[n.ClientID]
					if !ok {
						if c, err = st.GetClient(ctx, n.ClientID); err != nil {
							return err
						}
						clients[n.ClientID] = c
					}
					about, record = c.DisplayName(), c.RecordNumber
				}
				var ps, adds []string
				for _, p := range n.Processes {
					ps = append(ps, p.String())
				}
				for _, a := range n.Addenda {
					adds = append(adds, fmt.Sprintf("%s, %s: %s", a.Author, a.At.UTC().Format("2006-01-02 15:04"), a.Text))
				}
				signedAt := ""
				if n.Status == data.Signed {
					signedAt = n.SignedAt.UTC().Format("2006-01-02 15:04")
				}
				cw.Row(T(g.Name), N(x.Date.String()), T(about), T(record), N(n.Format.Label()), N(string(n.Status)), T(n.Signer),
					N(signedAt), T(n.Text()), T(strings.Join(ps, "; ")), T(strings.Join(adds, "\n")))
			}
		}
	}
	return cw.Close()
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}
