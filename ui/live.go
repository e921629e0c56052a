package ui

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"groupwork/data"
)

// What a colleague saves on another desktop (or the command line in the
// same file) shows in this window without a restart: the store tells of
// each change, and the screen on show reads its records again in place,
// keeping what the person typed, selected and scrolled to.

// liveWatch is the watch of the open database, and whether it answers.
// A burst of changes (a register taken key by key on another desktop) is
// gathered into one refresh.
type liveWatch struct {
	cancel context.CancelFunc
	// offline is set while the office database cannot be reached; the
	// UI goroutine writes it, the probe reads it.
	offline atomic.Bool

	mu    sync.Mutex
	kinds map[string]bool
	all   bool
	timer *time.Timer
}

// liveDelay gathers a burst of changes into one refresh; liveProbe is how
// often an office database is asked whether it answers.
const (
	liveDelay = 200 * time.Millisecond
	liveProbe = 3 * time.Second
)

// add notes a change and starts the wait before the refresh, unless one
// is already waiting.
func (w *liveWatch) add(c data.Change, fire func()) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if c.All() {
		w.all = true
	}
	for _, k := range c.Kinds {
		if w.kinds == nil {
			w.kinds = map[string]bool{}
		}
		w.kinds[k] = true
	}
	if w.timer == nil {
		w.timer = time.AfterFunc(liveDelay, fire)
	}
}

// take is every change noted since the last refresh.
func (w *liveWatch) take() data.Change {
	w.mu.Lock()
	defer w.mu.Unlock()
	var c data.Change
	if !w.all {
		for k := range w.kinds {
			c.Kinds = append(c.Kinds, k)
		}
	}
	w.kinds, w.all, w.timer = nil, false, nil
	return c
}

// watch starts hearing the open database's changes, and on an office
// database asking whether it answers, until the window closes or another
// database opens.
func (ui *App) watch() {
	ui.stopWatch()
	ctx, cancel := context.WithCancel(context.Background())
	w := &liveWatch{cancel: cancel}
	ui.live = w
	store, post, every := ui.store, ui.handBack, ui.probeEvery
	if every == 0 {
		every = liveProbe
	}
	fire := func() {
		c := w.take()
		post(func() {
			if ui.live == w {
				ui.changed(c)
			}
		})
	}
	store.Watch(ctx, func(c data.Change) { w.add(c, fire) })
	if data.IsOffice(store.Path()) {
		go probe(ctx, w, store, every, func(up bool) {
			post(func() {
				if ui.live == w {
					ui.setReachable(up)
				}
			})
		})
	}
}

// stopWatch ends the watch of the database that was open.
func (ui *App) stopWatch() {
	if ui.live != nil {
		ui.live.cancel()
		ui.live = nil
	}
}

// probe asks the database every so often whether it answers, and reports
// when that differs from what the window shows.
func probe(ctx context.Context, w *liveWatch, store *data.Store, every time.Duration, report func(up bool)) {
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		ask, cancel := context.WithTimeout(ctx, max(every, 2*time.Second))
		err := store.Reachable(ask)
		cancel()
		if ctx.Err() != nil {
			return
		}
		up := err == nil || !data.IsUnreachable(err)
		if up == w.offline.Load() {
			report(up)
		}
	}
}

// changed refreshes the screen on show when what it shows may have
// changed.
func (ui *App) changed(c data.Change) {
	if ui.live != nil && ui.live.offline.Load() {
		// Heard again: the database is back.
		ui.setReachable(true)
		return
	}
	ui.refreshShowing(c)
}

// refreshShowing reads the records of the screen on show again, in place.
func (ui *App) refreshShowing(c data.Change) {
	sh := &ui.shell
	any := func(kinds ...string) bool {
		for _, k := range kinds {
			if c.Has(k) {
				return true
			}
		}
		return false
	}
	switch on := sh.showing; {
	case on == nil:
	case sh.welcome != nil && on == sh.welcome.view:
		// A colleague made the first group: the list replaces the
		// welcome, unless a form is being typed over it.
		if c.Has("group") && !ui.isEmpty() && sh.guard == nil {
			ui.showGroups()
		}
	case ui.groups != nil && on == ui.groups.view:
		if any("group", "membership", "session", "staff", "client") {
			ui.groups.refresh()
		}
	case sh.group != nil && on == sh.group.view:
		if any("group", "membership", "session", "attendance", "staff", "client", "score", "measure") {
			sh.group.refreshInPlace()
		}
	case sh.session != nil && on == sh.session.frame:
		if any("session", "attendance", "note", "client", "membership", "group", "staff") {
			sh.session.refresh()
		}
	case sh.client != nil && on == sh.client.view:
		if any("client", "membership", "attendance", "session", "group", "score", "measure") {
			sh.client.refresh()
		}
	case ui.clients != nil && on == ui.clients.view:
		if any("client", "membership") {
			ui.clients.refresh()
		}
	case ui.reports != nil && on == ui.reports.view:
		if any("attendance", "session", "membership", "client", "group", "score", "measure") {
			ui.reports.refresh()
		}
	}
}

// offlineText is the window's one line while the office database cannot
// be reached.
const offlineText = "The office database cannot be reached; your typing is kept and will be saved when it is back. Trying again…"

// buildOffline makes the line shown over the screen while the office
// database cannot be reached, with when what is shown was last read.
func (ui *App) buildOffline() fyne.CanvasObject {
	sh := &ui.shell
	sh.offline = &widget.Label{Text: offlineText, Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance}
	sh.notCurrent = &widget.Label{Importance: widget.LowImportance, SizeName: theme.SizeNameCaptionText}
	sh.offlineBox = container.NewVBox(sh.offline, sh.notCurrent, widget.NewSeparator())
	sh.offlineBox.Hide()
	return sh.offlineBox
}

// setReachable shows or takes away the line saying the office database
// cannot be reached. When it is back, every note waiting is saved and the
// screen on show is read again.
func (ui *App) setReachable(up bool) {
	sh := &ui.shell
	if ui.live != nil {
		ui.live.offline.Store(!up)
	}
	if sh.offlineBox == nil || sh.offlineBox.Visible() == !up {
		return
	}
	if !up {
		sh.notCurrent.SetText("What is shown was read before " + time.Now().Format("15:04") + " and is not current.")
		sh.offlineBox.Show()
		return
	}
	sh.offlineBox.Hide()
	ui.saver().saveAll()
	ui.refreshShowing(data.Change{})
}

// unreachable reports whether the window is showing that the office
// database cannot be reached.
func (ui *App) unreachable() bool {
	return ui.shell.offlineBox != nil && ui.shell.offlineBox.Visible()
}
