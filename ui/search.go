package ui

import (
	"context"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"groupwork/data"
)

// searchBox finds a client or a group as the person types; a result opens
// its page.
type searchBox struct {
	ui      *App
	entry   *widget.Entry
	hits    []searchHit
	groups  map[int64]string // loaded when a search starts
	results *widget.List
	// box gives the list the height of its hits, as a list has none of
	// its own in the left bar.
	box *fyne.Container
}

type searchHit struct {
	label    string
	groupID  int64
	clientID int64
}

// searchLimit is how many clients the box offers; more typing narrows.
const searchLimit = 8

func newSearchBox(ui *App) *searchBox {
	s := &searchBox{ui: ui}
	s.entry = newEntry("", "Search clients and groups")
	s.entry.OnChanged = s.find
	s.entry.OnSubmitted = func(string) {
		if len(s.hits) > 0 {
			s.open(0)
		}
	}
	s.results = widget.NewList(func() int { return len(s.hits) },
		func() fyne.CanvasObject { return &widget.Label{Truncation: fyne.TextTruncateEllipsis} },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(s.hits[i].label) })
	s.results.OnSelected = func(i widget.ListItemID) { s.open(i) }
	s.box = container.New(&listHeight{s}, s.results)
	s.box.Hide()
	return s
}

func (s *searchBox) find(text string) {
	text = strings.TrimSpace(text)
	s.hits = nil
	if text == "" {
		s.groups = nil // the next search sees groups made since
		s.show()
		return
	}
	ctx := context.Background()
	if s.groups == nil {
		names, err := activeGroupNames(ctx, s.ui.store)
		if err != nil {
			s.ui.fail("The groups could not be searched", err)
			return
		}
		s.groups = names
	}
	low := strings.ToLower(text)
	for _, g := range sortedByName(s.groups) {
		if strings.Contains(strings.ToLower(g.name), low) {
			s.hits = append(s.hits, searchHit{label: "Group: " + g.name, groupID: g.id})
		}
	}
	clients, err := s.ui.store.ListClients(ctx, data.ClientFilter{Search: text, Limit: searchLimit})
	if err != nil {
		s.ui.fail("The clients could not be searched", err)
		return
	}
	for _, c := range clients {
		label := c.SortName()
		if c.RecordNumber != "" {
			label += " · " + c.RecordNumber
		}
		s.hits = append(s.hits, searchHit{label: label, clientID: c.ID})
	}
	if len(s.hits) == 0 {
		s.hits = append(s.hits, searchHit{label: "Nothing matches “" + text + "”"})
	}
	s.show()
}

func (s *searchBox) show() {
	s.results.UnselectAll()
	if len(s.hits) == 0 {
		s.box.Hide()
	} else {
		s.box.Show()
	}
	if left := s.ui.shell.left; left != nil {
		left.Refresh() // the bar's layout follows the list's new height
	}
}

type listHeight struct{ s *searchBox }

func (l *listHeight) MinSize([]fyne.CanvasObject) fyne.Size {
	row := widget.NewLabel("X").MinSize().Height + theme.Padding()
	return fyne.NewSize(0, row*float32(len(l.s.hits)))
}

func (l *listHeight) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (s *searchBox) open(i int) {
	if i < 0 || i >= len(s.hits) {
		return
	}
	h := s.hits[i]
	switch {
	case h.groupID != 0:
		s.ui.showGroup(h.groupID)
	case h.clientID != 0:
		s.ui.showClient(h.clientID)
	default:
		return
	}
	s.entry.SetText("")
}

type namedGroup struct {
	id   int64
	name string
}

func activeGroupNames(ctx context.Context, st *data.Store) (map[int64]string, error) {
	rows, err := st.DB().QueryContext(ctx, `SELECT id, name FROM groups WHERE archived = 0`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]string{}
	for rows.Next() {
		var g namedGroup
		if err := rows.Scan(&g.id, &g.name); err != nil {
			return nil, err
		}
		out[g.id] = g.name
	}
	return out, rows.Err()
}

func sortedByName(m map[int64]string) []namedGroup {
	out := make([]namedGroup, 0, len(m))
	for id, n := range m {
		out = append(out, namedGroup{id, n})
	}
	sort.Slice(out, func(i, j int) bool { return strings.ToLower(out[i].name) < strings.ToLower(out[j].name) })
	return out
}
