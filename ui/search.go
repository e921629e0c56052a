package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// searchBox finds a client or a group as the person types; a result opens
// its page.
type searchBox struct {
	ui      *App
	entry   *textBox
	hits    []searchHit
	results *widget.List
	// rowHeight is one result's, for the bar to give the list the height
	// of its first searchRows hits.
	rowHeight float32
	// box gives the list the height of its hits, as a list has none of
	// its own in the left bar.
	box *fyne.Container
}

type searchHit struct {
	label    string
	detail   string // the second line: record number and birthday, or "Group"
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
		func() fyne.CanvasObject {
			return container.NewVBox(&widget.Label{Truncation: fyne.TextTruncateEllipsis},
				&widget.Label{Truncation: fyne.TextTruncateEllipsis, SizeName: theme.SizeNameCaptionText})
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			lines := o.(*fyne.Container).Objects
			lines[0].(*widget.Label).SetText(s.hits[i].label)
			lines[1].(*widget.Label).SetText(s.hits[i].detail)
		})
	s.results.OnSelected = func(i widget.ListItemID) { s.open(i) }
	s.rowHeight = s.results.CreateItem().MinSize().Height + theme.Padding()
	s.box = container.New(&listHeight{s}, s.results)
	s.box.Hide()
	return s
}

func (s *searchBox) find(text string) {
	text = strings.TrimSpace(text)
	s.hits = nil
	if text == "" {
		s.show()
		return
	}
	found, err := s.ui.store.Find(context.Background(), text, searchLimit)
	if err != nil {
		s.ui.fail("The clients and groups could not be searched", err)
		return
	}
	for _, g := range found.Groups {
		s.hits = append(s.hits, searchHit{label: g.Name, detail: "Group", groupID: g.ID})
	}
	for _, c := range found.Clients {
		// Record number and birthday, on a line of their own so the bar's
		// width does not cut them off, tell apart people of the same name.
		s.hits = append(s.hits, searchHit{label: c.SortName(), detail: c.Distinction(), clientID: c.ID})
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

// searchRows is the most rows the results take in the bar; more scroll
// inside it, so a search never makes the window taller.
const searchRows = 4

func (l *listHeight) MinSize([]fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(0, l.s.rowHeight*float32(min(len(l.s.hits), searchRows)))
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
