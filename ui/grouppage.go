package ui

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"groupwork/data"
)

// aheadWeeks is how far ahead a group's page makes sure its sessions
// exist, so the coming weeks are always there to open.
const aheadWeeks = 8

// groupPage is one group: its roster, sessions, attendance and charts.
type groupPage struct {
	ui      *App
	group   data.Group
	title   *widget.Label
	details *widget.Label
	back    *widget.Button
	edit    *widget.Button
	archive *widget.Button
	// today opens today's session: what a facilitator wants in the room.
	today *widget.Button
	// making shows while the coming sessions are made in the background.
	making *fyne.Container
	tabs   *container.AppTabs

	roster   *rosterTab
	sessions *sessionsTab
	grid     *gridTab
	charts   *chartsTab
	view     fyne.CanvasObject
}

func newGroupPage(ui *App, id int64) (*groupPage, error) {
	ctx := context.Background()
	g, err := ui.store.GetGroup(ctx, id)
	if err != nil {
		return nil, err
	}
	p := &groupPage{ui: ui, group: g}
	p.title = heading(g.Name)
	p.details = &widget.Label{Wrapping: fyne.TextWrapWord}
	p.back = &widget.Button{Text: "Groups", Icon: theme.NavigateBackIcon(), Importance: widget.LowImportance, OnTapped: ui.showGroups}
	p.edit = &widget.Button{Text: "Edit group", Icon: theme.DocumentCreateIcon(), OnTapped: func() { ui.editGroup(g.ID) }}
	p.archive = &widget.Button{Icon: theme.DeleteIcon(), OnTapped: p.onArchive}
	p.today = &widget.Button{Icon: theme.NavigateNextIcon(), Importance: widget.HighImportance, IconPlacement: widget.ButtonIconTrailingText}
	p.today.Hide()
	p.roster = newRosterTab(p)
	p.sessions = newSessionsTab(p)
	p.grid = newGridTab(p)
	p.charts = newChartsTab(p)
	// A tab's view goes into it when the tab is first chosen. Making
	// the tabs' renderer refreshes every tab's content, and redrawing the
	// icons of four tabs (from their SVG sources) was half the time it
	// took to open the page.
	views := map[string]fyne.CanvasObject{"Sessions": p.sessions.view, "Attendance": p.grid.view, "Charts": p.charts.view}
	p.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon("Roster", theme.AccountIcon(), p.roster.view),
		container.NewTabItemWithIcon("Sessions", theme.HistoryIcon(), container.NewStack()),
		container.NewTabItemWithIcon("Attendance", theme.GridIcon(), container.NewStack()),
		container.NewTabItemWithIcon("Charts", chartIcon(), container.NewStack()),
	)
	p.tabs.OnSelected = func(t *container.TabItem) {
		if v := views[t.Text]; v != nil {
			delete(views, t.Text)
			holder := t.Content.(*fyne.Container)
			holder.Add(v)
			holder.Refresh()
		}
		switch t.Text {
		case "Attendance":
			p.grid.refresh()
		case "Charts":
			p.charts.refresh()
		}
	}
	p.making = container.NewBorder(nil, nil, &widget.Label{Text: "Making the coming sessions from the schedule…",
		Importance: widget.LowImportance}, nil, widget.NewProgressBarInfinite())
	p.making.Hide()
	top := container.NewVBox(
		container.NewBorder(nil, nil, p.back, container.NewHBox(p.today, p.edit, p.archive), p.title),
		p.details, p.making)
	p.view = container.NewBorder(top, nil, nil, nil, p.tabs)
	p.refresh()
	ui.shell.group = p
	p.generateAhead()
	return p, nil
}

// generateAhead makes the next weeks' sessions from the schedule.
func (p *groupPage) generateAhead() {
	g := p.group
	if g.Archived || g.Status != data.GroupActive {
		return
	}
	from, to := data.Today(), data.Today().AddDays(7*aheadWeeks)
	if g.Start.After(from) {
		from = g.Start
	}
	if !g.End.IsZero() && g.End.Before(to) {
		to = g.End
	}
	if to.Before(from) || !p.needsSessions(from, to) {
		return
	}
	p.making.Show()
	started := p.ui.generate(g, from, to, func(_, _ int, err error) {
		p.making.Hide()
		if err != nil {
			p.ui.showError(fmt.Errorf("the coming sessions could not be made from the schedule: %w", err))
			return
		}
		// The page may have been left, or opened again, meanwhile.
		if now := p.ui.shell.group; now != nil && now.group.ID == g.ID {
			now.refresh()
		}
	})
	if !started {
		p.making.Hide() // an opening a moment ago is making them
	}
}

// generate makes a group's sessions from its schedule in the background
// (a write that may wait for the database) and then calls done on the
// window's thread. It reports false when that group's sessions are being
// made already.
func (ui *App) generate(g data.Group, from, to data.Date, done func(added, removed int, err error)) bool {
	s := ui.store
	var added, removed int
	return ui.background(fmt.Sprint("sessions ", g.ID), "making the sessions of "+g.Name, func(ctx context.Context) error {
		var err error
		added, removed, err = s.GenerateSessions(ctx, g.ID, from, to)
		return err
	}, func(err error) { done(added, removed, err) })
}

func (p *groupPage) refresh() {
	ctx := context.Background()
	g, err := p.ui.store.GetGroup(ctx, p.group.ID)
	if err != nil {
		p.ui.fail("The group could not be reloaded", err)
		return
	}
	p.group = g
	name := g.Name
	if g.Archived {
		name += " (archived)"
	}
	p.title.SetText(name)
	p.details.SetText(p.describe())
	if g.Archived {
		p.archive.SetText("Restore")
	} else {
		p.archive.SetText("Archive")
	}
	p.roster.refresh()
	p.sessions.refresh()
	p.today.Hide()
	for _, x := range p.sessions.upcoming {
		if x.Date == data.Today() && x.Status != data.DidNotMeet {
			id := x.ID
			p.today.SetText("Today's session, " + x.Start.String())
			p.today.OnTapped = func() { p.ui.showSession(id) }
			p.today.Show()
			break
		}
	}
}

// refreshInPlace reads the page again after a change made elsewhere: the
// tab, selections and the attendance grid's dates stay as they are.
func (p *groupPage) refreshInPlace() {
	p.refresh()
	if t := p.tabs.Selected(); t != nil {
		switch t.Text {
		case "Attendance":
			p.grid.refresh()
		case "Charts":
			p.charts.refresh()
		}
	}
}

func (p *groupPage) describe() string {
	g := p.group
	parts := []string{g.Type.Label() + " group, " + string(g.Enrolment), scheduleText(g.Schedule)}
	if g.Location != "" {
		parts = append(parts, g.Location)
	}
	staff, err := p.ui.store.ListStaff(context.Background(), true)
	if err != nil {
		p.ui.fail("The group's facilitators could not be read", err)
	}
	var names []string
	for _, id := range g.Facilitators {
		for _, s := range staff {
			if s.ID == id {
				names = append(names, s.Label())
			}
		}
	}
	if len(names) > 0 {
		parts = append(parts, "with "+strings.Join(names, " and "))
	}
	ds := p.ui.dates()
	when := "since " + ds.Date(g.Start)
	if !g.End.IsZero() {
		when = ds.Date(g.Start) + " to " + ds.Date(g.End)
	}
	parts = append(parts, when, g.NoteFormat.Label()+" notes")
	if g.Status != data.GroupActive {
		parts = append(parts, string(g.Status))
	}
	return strings.Join(parts, " · ")
}

func (p *groupPage) onArchive() {
	g := p.group
	ctx := context.Background()
	if g.Archived {
		if err := p.ui.store.SetGroupArchived(ctx, g.ID, false); err != nil {
			p.ui.fail("The group could not be restored", err)
			return
		}
		p.refresh()
		return
	}
	showConfirm(p.ui.win, "Archive "+g.Name+"?",
		"The group leaves the groups list. Its roster, sessions, attendance and notes are kept,\n"+
			"and you can restore it from the list with \"Show archived\".",
		func(ok bool) {
			if !ok {
				return
			}
			if err := p.ui.store.SetGroupArchived(ctx, g.ID, true); err != nil {
				p.ui.fail("The group could not be archived", err)
				return
			}
			p.ui.showGroups()
		})
}

// print is Ctrl+P on a group's page: the attendance record on the
// attendance tab, otherwise the sign-in sheet of the chosen session or,
// when none is chosen, of the next one.
func (p *groupPage) print() {
	if p.tabs.Selected() != nil && p.tabs.Selected().Text == "Attendance" {
		p.grid.onPrint()
		return
	}
	if p.sessions.selected.ID != 0 {
		p.sessions.printSignIn()
		return
	}
	for _, x := range p.sessions.upcoming {
		if x.Status == data.Scheduled {
			p.ui.printSignIn(p.group.ID, x.Date)
			return
		}
	}
	p.ui.showError(fmt.Errorf("%s has no coming session to print a sign-in sheet for; add one on the Sessions tab", p.group.Name))
}

// needsSessions reports whether the schedule asks for sessions between from
// and to that do not exist, or generated ones no longer fit it. Reading is
// far cheaper than a write transaction, and most openings change nothing.
func (p *groupPage) needsSessions(from, to data.Date) bool {
	have, err := p.ui.store.Sessions(context.Background(), p.group.ID, from, to)
	if err != nil {
		return true
	}
	wanted := map[data.Date]bool{}
	for _, d := range data.ScheduledDates(p.group, from, to) {
		wanted[d] = true
	}
	for _, x := range have {
		if x.Generated && x.Status == data.Scheduled && !wanted[x.Date] {
			return true
		}
		delete(wanted, x.Date)
	}
	return len(wanted) > 0
}
