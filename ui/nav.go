package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// The sections reachable from the left bar in one click.
const (
	secGroups   = "Groups"
	secClients  = "Clients"
	secReports  = "Reports"
	secSettings = "Settings"
)

var sections = []string{secGroups, secClients, secReports, secSettings}

// actions are what Ctrl+N and Ctrl+P do on the screen being shown.
type actions struct {
	newItem func()
	print   func()
}

// shell is the window's frame: the left bar with search and sections, and
// the screen being shown beside it.
type shell struct {
	content  *fyne.Container
	buttons  map[string]*widget.Button
	current  actions
	showing  fyne.CanvasObject
	you      *widget.Label
	frameObj fyne.CanvasObject
	welcome  *welcome
	who      *whoDialog
	status   *widget.Label
	// statusOf is the screen the status line speaks of, when it speaks of
	// one: leaving that screen clears it.
	statusOf fyne.CanvasObject
	left     *fyne.Container
	// sample tells the person the sample agency is open, and takes them
	// back to their own database (realPath).
	sample     *fyne.Container
	sampleNote *widget.Label
	backToReal *widget.Button
	realPath   string
	// sampleDone is closed once the sample agency is open (or failed).
	sampleDone chan struct{}
	groupForm  *groupForm
	group      *groupPage
	client     *clientPage
	session    *sessionScreen
	// guard keeps a form's unsaved typing from being lost by going to
	// another screen; leaving is its question, while it is asked.
	guard   *leaveGuard
	leaving *dialog.ConfirmDialog
	// offlineBox says, over the screen, that the office database cannot
	// be reached and that what is shown is not current.
	offlineBox *fyne.Container
	offline    *widget.Label
	notCurrent *widget.Label
}

func (ui *App) buildShell() {
	sh := &ui.shell
	sh.content = container.NewStack()
	sh.buttons = map[string]*widget.Button{}
	icons := map[string]fyne.Resource{secGroups: theme.AccountIcon(), secClients: theme.FolderIcon(),
		secReports: theme.DocumentIcon(), secSettings: theme.SettingsIcon()}
	bar := container.NewVBox()
	title := &widget.Label{Text: "Groupwork", TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText}
	ui.search = newSearchBox(ui)
	bar.Add(title)
	bar.Add(ui.search.entry)
	bar.Add(ui.search.box)
	bar.Add(widget.NewSeparator())
	for _, name := range sections {
		name := name
		b := &widget.Button{Text: name, Icon: icons[name], Alignment: widget.ButtonAlignLeading,
			OnTapped: func() { ui.showSection(name) }}
		sh.buttons[name] = b
		bar.Add(b)
	}
	sh.you = &widget.Label{Wrapping: fyne.TextWrapWord}
	sh.status = &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.SuccessImportance}
	change := &widget.Button{Text: "Not you?", Importance: widget.LowImportance, OnTapped: func() { ui.askWho(false) }}
	sh.sampleNote = &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance,
		Text: "This is the sample agency: made-up people, apart from your records."}
	sh.backToReal = &widget.Button{Text: "Back to my records", Icon: theme.HomeIcon(), OnTapped: func() { ui.leaveForm(ui.leaveSample) }}
	sh.sample = container.NewVBox(sh.sampleNote, sh.backToReal)
	sh.sample.Hide()
	left := container.NewBorder(bar, container.NewVBox(sh.sample, sh.status, widget.NewSeparator(), sh.you, change), nil, nil)
	sh.left = left
	sh.frameObj = container.NewBorder(nil, nil, container.NewHBox(container.NewPadded(fixedWidth(left, 210)), widget.NewSeparator()), nil,
		rightMargin(container.NewBorder(ui.buildOffline(), nil, nil, nil, sh.content)))
	ui.win.SetContent(sh.frameObj)
}

// leaveForm runs then once the form on screen may be left: at once when
// nothing typed there is unsaved, else only if the person agrees to leave
// it unsaved.
func (ui *App) leaveForm(then func()) {
	sh := &ui.shell
	if g := sh.guard; g != nil && g.changed() {
		sh.leaving = dialog.NewConfirm("Leave without saving?",
			"What you typed in "+g.what+" is not saved yet.", func(leave bool) {
				sh.leaving = nil
				if leave {
					sh.guard = nil
					then()
				}
			}, ui.win)
		sh.leaving.SetConfirmText("Leave without saving")
		sh.leaving.SetDismissText("Keep editing")
		showConfirmDialog(ui.win, sh.leaving)
		return
	}
	sh.guard = nil
	then()
}

// show puts a screen in the window under one of the sections.
func (ui *App) show(section string, obj fyne.CanvasObject, act actions) {
	ui.leaveForm(func() { ui.display(section, obj, act) })
}

func (ui *App) display(section string, obj fyne.CanvasObject, act actions) {
	// Typing in a session's notes saves itself a moment after the last
	// key; leaving the screen starts saving it at once.
	if !ui.notesLeft(func() { ui.display(section, obj, act) }) {
		return
	}
	sh := &ui.shell
	sh.current, sh.showing = act, obj
	if sh.statusOf != nil && sh.statusOf != obj {
		sh.status.SetText("")
		sh.statusOf = nil
	}
	for name, b := range sh.buttons {
		imp := widget.LowImportance
		if name == section {
			imp = widget.HighImportance
		}
		if b.Importance != imp {
			b.Importance = imp
			b.Refresh()
		}
	}
	// Swapped in and laid out, not refreshed: a container's Refresh
	// refreshes every widget below it, and a screen is drawn as it is
	// built (or was kept up to date while away). Refreshing a group page
	// redrew each icon of its four tabs from its SVG source, two thirds
	// of the time it took to open.
	if len(sh.content.Objects) != 1 || sh.content.Objects[0] != obj {
		sh.content.RemoveAll()
		sh.content.Add(obj)
	}
	canvas.Refresh(sh.content)
}

// showSection opens one of the left bar's sections.
func (ui *App) showSection(name string) {
	switch name {
	case secClients:
		ui.showClients()
	case secReports:
		ui.showReports()
	case secSettings:
		ui.showSettings()
	default:
		ui.showGroups()
	}
}

// showGroups shows the groups list, or the welcome while there is nothing
// in the database yet.
func (ui *App) showGroups() {
	rows := ui.first
	ui.first = nil // read ahead for the window's first screen only
	if rows == nil {
		rows = readGroupRows(ui.store, ui.groups.archived.Checked)
	}
	if rows.empty {
		ui.show(secGroups, newWelcome(ui).view, actions{newItem: ui.newGroup})
		return
	}
	ui.groups.show(rows.groups, rows.err)
	ui.show(secGroups, ui.groups.view, actions{newItem: ui.newGroup})
}

func (ui *App) isEmpty() bool {
	empty, err := ui.store.IsEmpty(context.Background())
	return err == nil && empty
}

// showGroup opens a group's page.
func (ui *App) showGroup(id int64) {
	p, err := newGroupPage(ui, id)
	if err != nil {
		ui.fail("The group could not be opened", err)
		return
	}
	ui.show(secGroups, p.view, actions{newItem: p.roster.addMember, print: p.print})
}

// showClients opens the clients list.
func (ui *App) showClients() {
	if ui.clients == nil {
		ui.clients = newClientsScreen(ui)
	}
	ui.clients.refresh()
	ui.show(secClients, ui.clients.view, actions{newItem: ui.newClient})
}

// newClient opens an empty client form.
func (ui *App) newClient() {
	if ui.clients == nil {
		ui.clients = newClientsScreen(ui)
	}
	ui.clients.newClient()
}

// showClient opens a client's page.
func (ui *App) showClient(id int64) {
	p, err := newClientPage(ui, id)
	if err != nil {
		ui.fail("The client could not be opened", err)
		return
	}
	ui.show(secClients, p.view, actions{newItem: ui.newClient})
	if ui.shell.showing == p.view {
		p.form.guard()
	}
}

// showReports opens the reports.
func (ui *App) showReports() {
	r := newReportsScreen(ui)
	ui.reports = r
	ui.show(secReports, r.view, actions{print: r.print})
}

// showSettings opens the settings.
func (ui *App) showSettings() {
	s := newSettingsScreen(ui)
	ui.settings = s
	ui.show(secSettings, s.view, actions{newItem: s.addStaff})
	if ui.shell.showing == s.view {
		s.guard()
	}
}

// mainMenu is the window's menu: the app's own items and those other
// features registered with addMenuItem.
func (ui *App) mainMenu() *fyne.MainMenu {
	newItem := fyne.NewMenuItem("New…", ui.doNew)
	newItem.Shortcut = shortcut(fyne.KeyN)
	printItem := fyne.NewMenuItem("Print…", ui.doPrint)
	printItem.Shortcut = shortcut(fyne.KeyP)
	find := fyne.NewMenuItem("Find…", ui.focusSearch)
	find.Shortcut = shortcut(fyne.KeyF)
	menus := []*fyne.Menu{fyne.NewMenu("File", newItem, printItem), fyne.NewMenu("Go", find, fyne.NewMenuItemSeparator())}
	for _, name := range sections {
		name := name
		menus[1].Items = append(menus[1].Items, fyne.NewMenuItem(name, func() { ui.showSection(name) }))
	}
	for _, it := range menuItems {
		item := it.make(ui)
		if item == nil {
			continue
		}
		var m *fyne.Menu
		for _, x := range menus {
			if x.Label == it.menu {
				m = x
			}
		}
		if m == nil {
			m = fyne.NewMenu(it.menu)
			menus = append(menus, m)
		}
		m.Items = append(m.Items, item)
	}
	// Quit last in File, with Ctrl/Cmd+Q shown beside it; as a menu
	// shortcut it works with the cursor in a text box too. It closes the
	// window the way its close button does, so nothing waiting is lost.
	quit := fyne.NewMenuItem("Quit", ui.requestClose)
	quit.IsQuit = true
	quit.Shortcut = shortcut(fyne.KeyQ)
	menus[0].Items = append(menus[0].Items, fyne.NewMenuItemSeparator(), quit)
	ui.guardMenu(menus)
	return fyne.NewMainMenu(menus...)
}

// guardMenu has every item of the menus refuse while the window is
// locked, those plugged in from other files included.
func (ui *App) guardMenu(menus []*fyne.Menu) {
	for _, m := range menus {
		for _, it := range m.Items {
			if it.Action != nil {
				it.Action = ui.unlessLocked(it.Action)
			}
			if it.ChildMenu != nil {
				ui.guardMenu([]*fyne.Menu{it.ChildMenu})
			}
		}
	}
}

func shortcut(k fyne.KeyName) *desktop.CustomShortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
}

// addShortcuts makes Ctrl/Cmd+F, +N and +P work wherever the focus is.
func (ui *App) addShortcuts() {
	ui.addShortcut(shortcut(fyne.KeyF), ui.focusSearch)
	ui.addShortcut(shortcut(fyne.KeyN), ui.doNew)
	ui.addShortcut(shortcut(fyne.KeyP), ui.doPrint)
}

// windowShortcut is a keyboard shortcut of the whole window.
type windowShortcut struct {
	key fyne.Shortcut
	run func(fyne.Shortcut)
}

// addShortcut makes key run f wherever the focus is, unless the window is
// locked; the lock also takes the shortcut off the canvas while it shows.
func (ui *App) addShortcut(key fyne.Shortcut, f func()) {
	guarded := ui.unlessLocked(f)
	s := windowShortcut{key: key, run: func(fyne.Shortcut) { guarded() }}
	ui.shortcuts = append(ui.shortcuts, s)
	ui.win.Canvas().AddShortcut(s.key, s.run)
}

func (ui *App) doNew() {
	if f := ui.shell.current.newItem; f != nil {
		f()
	}
}

func (ui *App) doPrint() {
	if f := ui.shell.current.print; f != nil {
		f()
	}
}

func (ui *App) focusSearch() { ui.win.Canvas().Focus(ui.search.entry) }

// notify tells the person what an action did, without a dialog to close.
func (ui *App) notify(msg string) {
	ui.shell.status.SetText(msg)
	ui.shell.statusOf = nil
}

// notifyHere is notify for what concerns the screen showing only: the
// message goes when the person moves to another screen.
func (ui *App) notifyHere(msg string) {
	ui.notify(msg)
	ui.shell.statusOf = ui.shell.showing
}

// showSession opens a session's page, where attendance and notes are taken.
func (ui *App) showSession(id int64) {
	x, err := ui.store.GetSession(context.Background(), id)
	if err != nil {
		ui.fail("The session could not be opened", err)
		return
	}
	g, err := ui.store.GetGroup(context.Background(), x.GroupID)
	if err != nil {
		ui.fail("The session's group could not be opened", err)
		return
	}
	back := &widget.Button{Text: g.Name, Icon: theme.NavigateBackIcon(), Importance: widget.LowImportance,
		OnTapped: func() { ui.showGroup(x.GroupID) }}
	s := newSessionScreen(ui, id)
	ui.shell.session = s
	view := container.NewBorder(container.NewHBox(back), nil, nil, nil, s.view())
	s.frame = view
	ui.show(secGroups, view, actions{print: func() { ui.printSignIn(x.GroupID, x.Date) }})
	if ui.shell.showing == view {
		// Notes save themselves; an addendum or a walk-in is only kept
		// once confirmed.
		ui.shell.guard = s.leaveGuard()
		// The register has the keyboard from the start: P, L, E, X, A
		// and the arrow keys work without a click first.
		if l := s.attendance.list; len(l.rows) > 0 {
			l.focus()
		}
	}
}
