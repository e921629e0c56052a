package ui

import (
	"context"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"groupwork/data"
)

// sessionBench opens a copy of GROUPWORK_BENCH_DB (make bench) and finds
// the latest held session of the group with the most sessions, the page
// a facilitator of a busy agency opens.
func sessionBench(b *testing.B) (*App, fyne.Window, int64) {
	b.Helper()
	ctx := context.Background()
	s := openBenchStore(b)
	b.Cleanup(func() { s.Close() })
	var id int64
	_, xs := busiestSessions(b, s)
	for _, x := range xs {
		if x.Status == data.Held {
			id = x.ID // the latest, as sessions come by date
		}
	}
	if id == 0 {
		b.Fatal("the busiest group has no held session")
	}
	st, _ := s.GetStaff(ctx, 1)
	test.NewTempApp(b)
	w := test.NewTempWindow(b, nil)
	w.Resize(fyne.NewSize(1280, 800))
	return &App{fyne: fyne.CurrentApp(), win: w, store: s, staff: st}, w, id
}

// Opening the page: session, group, staff, register and every note.
func BenchmarkSessionOpen(b *testing.B) {
	ui, w, id := sessionBench(b)
	for b.Loop() {
		s := newSessionScreen(ui, id)
		w.SetContent(s.view())
	}
}

// One status key: the write and everything the page updates after it.
func BenchmarkSessionMarkStatus(b *testing.B) {
	ui, w, id := sessionBench(b)
	s := newSessionScreen(ui, id)
	w.SetContent(s.view())
	sts := []data.AttendanceStatus{data.Late, data.Present}
	i := 0
	for b.Loop() {
		if !s.attendance.set(0, sts[i%2]) {
			b.Fatal("status not saved")
		}
		i++
	}
}

// One autosave of the group note after a pause in typing.
func BenchmarkSessionNoteAutosave(b *testing.B) {
	ui, w, id := sessionBench(b)
	// A scheduled session's note is a draft; pick the group's next one.
	ctx := context.Background()
	held, err := ui.store.GetSession(ctx, id)
	if err != nil {
		b.Fatal(err)
	}
	xs, err := ui.store.Sessions(ctx, held.GroupID, data.Date{}, data.Date{})
	if err != nil {
		b.Fatal(err)
	}
	var next int64
	for _, x := range xs {
		if x.Status == data.Scheduled {
			next = x.ID
			break
		}
	}
	if next == 0 {
		b.Skip("no scheduled session to write a note for")
	}
	s := newSessionScreen(ui, next)
	w.SetContent(s.view())
	e := s.notes.group
	key := e.keys[0]
	queue := make(chan func(), 1)
	ui.handBack = func(f func()) { queue <- f }
	ui.saver().delay = time.Hour
	for b.Loop() {
		e.entries[key].SetText(e.entries[key].Text + "x")
		e.startSave()
		(<-queue)()
		if e.dirty {
			b.Fatal("note not saved")
		}
	}
}
