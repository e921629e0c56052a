package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"groupwork/data"
)

// scoresFixture is the session fixture with the group using the PHQ-9 at
// every session and the GAD-7 at its first and last, and three of its four
// members present at the first session (Dmitri absent).
func scoresFixture(t *testing.T) (*sessionFixture, *scoresPanel) {
	t.Helper()
	f := newSessionFixture(t)
	if err := f.store.SetGroupMeasures(f.ctx, f.group, []data.GroupMeasure{
		{MeasureID: 1, Schedule: data.EverySession}, {MeasureID: 2, Schedule: data.FirstLast}}); err != nil {
		t.Fatal(err)
	}
	for name, st := range map[string]data.AttendanceStatus{"Zoë": data.Present, "Łukasz": data.Late, "Ayşe": data.Present, "Dmitri": data.Unexcused} {
		if err := f.store.SetAttendance(f.ctx, data.Attendance{SessionID: f.sessions[0].ID, ClientID: f.clients[name], Status: st}); err != nil {
			t.Fatal(err)
		}
	}
	s := f.open(0)
	s.notes.tabs.Select(s.scoresTab)
	return f, s.scores
}

// pickMember chooses a member in the scores panel by first name.
func (f *sessionFixture) pickMember(p *scoresPanel, first string) {
	f.t.Helper()
	for i, r := range p.attending {
		if r.ClientID == f.clients[first] {
			p.member.SetSelectedIndex(i)
			return
		}
	}
	f.t.Fatalf("%s is not offered for scoring; offered: %v", first, p.member.Options)
}

func pickMeasure(t *testing.T, p *scoresPanel, name string) {
	t.Helper()
	for i, m := range p.offered {
		if m.Name == name {
			p.which.SetSelectedIndex(i)
			return
		}
	}
	t.Fatalf("%s is not offered; offered: %v", name, p.which.Options)
}

// A facilitator types a PHQ-9 as nine keys: each digit moves on to the
// next item, the total and band show as they go, Enter saves and the next
// member without a score comes up.
func TestScoresTypedItemByItem(t *testing.T) {
	f, p := scoresFixture(t)
	if p.s.scoresTab.Text != "Scores (2 due)" {
		t.Errorf("the tab says %q", p.s.scoresTab.Text)
	}
	assertScreenShows(t, f.win, "Due this session: PHQ-9 (0 of 3 scored), GAD-7 (0 of 3 scored).",
		"Over the last 2 weeks, how often have you been bothered by any of the following problems?",
		"Little interest or pleasure in doing things",
		"Answers: 0 Not at all · 1 Several days · 2 More than half the days · 3 Nearly every day")
	// The page with the form fits a laptop: the left bar takes 230.
	if got := f.win.Content().MinSize(); got.Width > 1280-230 || got.Height > 720 {
		t.Errorf("the session page with scores needs %.0fx%.0f", got.Width, got.Height)
	}
	if strings.Contains(strings.Join(p.member.Options, "\n"), "Dvořák") {
		t.Errorf("an absent member is offered for scoring: %v", p.member.Options)
	}
	if p.member.Selected != "Adams, Zoë — no score yet" || p.which.Selected != "PHQ-9 — due" {
		t.Fatalf("the form opens on %q, %q", p.member.Selected, p.which.Selected)
	}
	p.focusItem(0)
	typeFocused(t, f.win, "2130")
	if got := p.result.Text; got != "Total so far 6 · 4 of 9 items answered" {
		t.Errorf("after four answers the form says %q", got)
	}
	if p.rows[1].answer.Text != "Several days" {
		t.Errorf("the answer 1 reads %q", p.rows[1].answer.Text)
	}
	if f.win.Canvas().Focused() != p.rows[4].entry {
		t.Fatalf("after four answers the keyboard is on %T, not item 5", f.win.Canvas().Focused())
	}
	// Back a step with Shift+Tab and change the answer: the digit replaces it.
	f.win.Canvas().FocusPrevious()
	typeFocused(t, f.win, "1")
	if p.rows[3].entry.Text != "1" || f.win.Canvas().Focused() != p.rows[4].entry {
		t.Fatalf("item 4 holds %q after retyping", p.rows[3].entry.Text)
	}
	typeFocused(t, f.win, "21101")
	if got := p.result.Text; got != "Total 12 of 27 · Moderate" {
		t.Errorf("with all nine answered the form says %q", got)
	}
	if g := p.s.leaveGuard(); !g.changed() || g.what != "the PHQ-9 score typed for Zoë Adams" {
		t.Errorf("leaving the page with the answers typed: guard %v, %q", g.changed(), g.what)
	}
	p.rows[8].entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	assertScreenShows(t, f.win, "Saved Zoë Adams's PHQ-9: 12 of 27 · Moderate. Next: Luke Bień.")
	scores := sessOK[[]data.Score](t)(f.store.SessionScores(f.ctx, f.sessions[0].ID))
	if len(scores) != 1 || scores[0].Total != 12 || len(scores[0].Items) != 9 || scores[0].Items[0] != 2 || scores[0].Items[3] != 1 {
		t.Fatalf("stored: %+v", scores)
	}
	if f.win.Canvas().Focused() != p.rows[0].entry || p.client != f.clients["Łukasz"] {
		t.Fatalf("after saving, the form is on client %d with the keyboard on %T", p.client, f.win.Canvas().Focused())
	}

	// Opened again, the page shows the stored answers.
	s := f.open(0)
	s.notes.tabs.Select(s.scoresTab)
	p = s.scores
	f.pickMember(p, "Zoë")
	if p.member.Selected != "Adams, Zoë — 12 moderate" || p.rows[0].entry.Text != "2" || p.rows[8].entry.Text != "1" ||
		p.result.Text != "Total 12 of 27 · Moderate" {
		t.Fatalf("reopened: %q, items %q…%q, %q", p.member.Selected, p.rows[0].entry.Text, p.rows[8].entry.Text, p.result.Text)
	}
	assertScreenShows(t, f.win, "Due this session: PHQ-9 (1 of 3 scored)")

	// Deleted, once confirmed.
	test.Tap(p.remove)
	tapButton(t, f.win, "Yes")
	assertScreenShows(t, f.win, "Deleted Zoë Adams's PHQ-9 score.", "Due this session: PHQ-9 (0 of 3 scored)")
	if n := len(sessOK[[]data.Score](t)(f.store.SessionScores(f.ctx, f.sessions[0].ID))); n != 0 || p.remove.Visible() {
		t.Fatalf("after deleting: %d scores stored", n)
	}
}

// The total alone is enough; a total out of range, or an answer not on
// the scale, is refused with the item or total named, and nothing is saved.
func TestScoresAsTotalsAndRefusals(t *testing.T) {
	f, p := scoresFixture(t)
	f.pickMember(p, "Ayşe")
	pickMeasure(t, p, "GAD-7")
	p.mode.SetSelected(totalOnly)
	typeInto(p.total, "22")
	if p.result.Text != "Total: type a number from 0 to 21" {
		t.Errorf("for 22 the form says %q", p.result.Text)
	}
	test.Tap(p.save)
	assertScreenShows(t, f.win, "Ayşe Çelik's GAD-7 score is not saved: A GAD-7 score runs from 0 to 21; 22 is outside it.")
	typeInto(p.total, "16")
	if p.problem.Visible() {
		t.Errorf("the problem stays once fixed: %q", p.problem.Text)
	}
	if p.result.Text != "Total 16 of 21 · Severe" {
		t.Errorf("for 16 the form says %q", p.result.Text)
	}
	test.Tap(p.save)
	scores := sessOK[[]data.Score](t)(f.store.SessionScores(f.ctx, f.sessions[0].ID))
	if len(scores) != 1 || scores[0].Total != 16 || scores[0].Items != nil || scores[0].MeasureID != 2 {
		t.Fatalf("stored: %+v", scores)
	}

	// An answer off the scale on a measure of items.
	f.pickMember(p, "Zoë")
	pickMeasure(t, p, "PHQ-9")
	for i, r := range p.rows {
		typeInto(&r.entry.Entry, "1")
		if i == 6 {
			typeInto(&r.entry.Entry, "7")
		}
	}
	test.Tap(p.save)
	assertScreenShows(t, f.win, "Zoë Adams's PHQ-9 score is not saved: Item 7 is 7; answers run from 0 to 3.")
	if n := len(sessOK[[]data.Score](t)(f.store.SessionScores(f.ctx, f.sessions[0].ID))); n != 1 {
		t.Fatalf("a refused score was stored: %d scores", n)
	}

	// Marked absent meanwhile (on another desktop): the store refuses, and
	// the form says why.
	if err := f.store.SetAttendance(f.ctx, data.Attendance{SessionID: f.sessions[0].ID, ClientID: f.clients["Zoë"], Status: data.Unexcused}); err != nil {
		t.Fatal(err)
	}
	typeInto(&p.rows[6].entry.Entry, "3")
	test.Tap(p.save)
	assertScreenShows(t, f.win, "Zoë Adams's PHQ-9 score is not saved: Zoë Adams is recorded as absent on 2026-01-06; a score is for a member who attended.")
}

// Choosing another member saves what is typed; an unfinished score asks
// whether to stay and finish it or leave it unsaved.
func TestScoresSwitchingMembers(t *testing.T) {
	f, p := scoresFixture(t)
	p.focusItem(0)
	typeFocused(t, f.win, "111111111")
	f.pickMember(p, "Ayşe")
	if p.client != f.clients["Ayşe"] || !strings.HasPrefix(p.saved.Text, "Saved Zoë Adams's PHQ-9: 9 of 27 · Mild.") {
		t.Fatalf("after choosing Ayşe: client %d, %q", p.client, p.saved.Text)
	}
	p.focusItem(0)
	typeFocused(t, f.win, "23")
	f.pickMember(p, "Łukasz")
	assertScreenShows(t, f.win, "Leave Ayşe Çelik's PHQ-9 unsaved?",
		"Ayşe Çelik's PHQ-9 score is not saved: Item 3 has no answer; type 0 to 3, or choose \"Total only\".")
	if p.client != f.clients["Ayşe"] || !strings.HasPrefix(p.member.Selected, "Çelik, Ayşe") {
		t.Fatalf("while asking, the form moved to client %d (%q)", p.client, p.member.Selected)
	}
	tapButton(t, f.win, "Stay")
	if p.rows[1].entry.Text != "3" || !p.dirty {
		t.Fatal("staying lost the answers")
	}
	f.pickMember(p, "Łukasz")
	tapButton(t, f.win, "Leave it unsaved")
	if p.client != f.clients["Łukasz"] || p.dirty || p.rows[0].entry.Text != "" {
		t.Fatalf("after leaving it: client %d, dirty %v", p.client, p.dirty)
	}
	scores := sessOK[[]data.Score](t)(f.store.SessionScores(f.ctx, f.sessions[0].ID))
	if len(scores) != 1 || scores[0].ClientID != f.clients["Zoë"] {
		t.Fatalf("stored: %+v", scores)
	}
}

// Once a member's note is signed their scores are read-only, and the form
// says why.
func TestScoresLockedWithTheSignedNote(t *testing.T) {
	f, p := scoresFixture(t)
	f.pickMember(p, "Zoë")
	p.mode.SetSelected(totalOnly)
	typeInto(p.total, "9")
	test.Tap(p.save)
	if err := f.store.SetStaffPassphrase(f.ctx, f.lead.ID, "correct horse battery"); err != nil {
		t.Fatal(err)
	}
	n := sessOK[data.Note](t)(f.store.SaveNote(f.ctx, data.Note{SessionID: f.sessions[0].ID, ClientID: f.clients["Zoë"],
		Format: data.DAP, Sections: map[string]string{"data": "Spoke about her week."}}))
	if err := f.store.SignNote(f.ctx, n.ID, n.Version, data.Signer{StaffID: f.lead.ID, Passphrase: "correct horse battery"}); err != nil {
		t.Fatal(err)
	}
	p.s.notes.tabs.Select(p.s.notes.groupTab)
	p.s.notes.tabs.Select(p.s.scoresTab)
	f.pickMember(p, "Zoë")
	assertScreenShows(t, f.win, "Locked: Zoë Adams's note for this session was signed by Thảo Nguyễn, LCSW on")
	if !p.total.Disabled() || !p.save.Disabled() || !p.remove.Disabled() || p.total.Text != "9" {
		t.Fatalf("the locked form: total %q disabled %v, save disabled %v", p.total.Text, p.total.Disabled(), p.save.Disabled())
	}
	if !strings.HasSuffix(p.member.Selected, "9 mild (locked)") {
		t.Errorf("the picker says %q", p.member.Selected)
	}
	// Another member is not locked.
	f.pickMember(p, "Ayşe")
	if p.save.Disabled() || p.locked.Visible() {
		t.Errorf("Ayşe's scores are locked too")
	}
}

// typeFocused types text as the keyboard does: each key to whatever has
// the keyboard at that moment.
func typeFocused(t *testing.T, w fyne.Window, text string) {
	t.Helper()
	for _, r := range text {
		f := w.Canvas().Focused()
		if f == nil {
			t.Fatalf("nothing has the keyboard to type %q", r)
		}
		f.TypedRune(r)
	}
}

// TestScoreScreenshots draws score entry on the session page and Settings
// → Measures, light and dark, on a 1366x768 laptop, from a copy of a demo
// database (GROUPWORK_SCREENSHOT_DB), into GROUPWORK_SCREENSHOT_DIR.
func TestScoreScreenshots(t *testing.T) {
	src := os.Getenv("GROUPWORK_SCREENSHOT_DB")
	if src == "" {
		t.Skip("GROUPWORK_SCREENSHOT_DB is not set")
	}
	dir := os.Getenv("GROUPWORK_SCREENSHOT_DIR")
	if dir == "" {
		dir = t.TempDir()
	}
	ctx := context.Background()
	s, err := data.Open(ctx, copySessionDB(t, src))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	const sessionID = 21
	x := sessOK[data.Session](t)(s.GetSession(ctx, sessionID))
	if gms := sessOK[[]data.GroupMeasure](t)(s.GroupMeasures(ctx, x.GroupID)); len(gms) == 0 {
		if err := s.SetGroupMeasures(ctx, x.GroupID, []data.GroupMeasure{
			{MeasureID: 1, Schedule: data.EverySession}, {MeasureID: 2, Schedule: data.EveryN, EveryN: 4}}); err != nil {
			t.Fatal(err)
		}
	}
	for _, shot := range []struct {
		name string
		v    fyne.ThemeVariant
		show func(*testing.T, *App)
	}{
		{"session-scores", theme.VariantLight, showScoring},
		{"session-scores-dark-1366", theme.VariantDark, showScoring},
		{"settings-measures", theme.VariantLight, func(t *testing.T, ui *App) { showMeasures(ui, 0) }},
		{"settings-measures-dark-1366", theme.VariantDark, func(t *testing.T, ui *App) { showMeasures(ui, 1) }},
		{"settings-measure-form", theme.VariantLight, func(t *testing.T, ui *App) {
			showMeasures(ui, 0)
			m := ui.settings.measures
			test.Tap(m.add)
			d := m.dlg
			typeInto(d.name, "Outcome Rating Scale")
			typeInto(d.prompt, "Looking back over the last week, how have you been doing?")
			typeInto(d.items, "Individually: personal well-being\nInterpersonally: family, close relationships\nSocially: work, school, friendships\nOverall: general sense of well-being")
			typeInto(d.itemMax, "10")
			typeInto(d.change, "50")
			typeInto(d.bands, "0-25 Clinical range\n26-40 Non-clinical")
			test.Tap(d.ok)
		}},
		{"group-form-measures", theme.VariantDark, func(t *testing.T, ui *App) {
			ui.editGroup(x.GroupID)
			f := ui.shell.groupForm
			f.view.(*fyne.Container).Objects[0].(*container.Scroll).ScrollToBottom()
		}},
	} {
		a := test.NewTempApp(t)
		a.Settings().SetTheme(variantTheme{newTheme(), shot.v})
		w := test.NewTempWindow(t, nil)
		w.Resize(fyne.NewSize(1366, 768))
		ui := New(a, w, s)
		closeOverlays(w)
		lead, _ := s.GetStaff(ctx, 1)
		ui.setStaff(lead)
		shot.show(t, ui)
		writeSessionPNG(t, filepath.Join(dir, shot.name+".png"), w)
	}
}

// showMeasures shows Settings → Measures with a measure chosen.
func showMeasures(ui *App, row int) {
	ui.showSettings()
	ui.settings.tabs.SelectIndex(1)
	ui.settings.measures.table.table.Select(tableCell(row, 0))
}

// showScoring has the second member's PHQ-9 half typed.
func showScoring(t *testing.T, ui *App) {
	ui.showSession(21)
	scr := ui.shell.session
	scr.notes.tabs.Select(scr.scoresTab)
	p := scr.scores
	if len(p.attending) < 2 {
		t.Fatalf("session has %d members present", len(p.attending))
	}
	p.member.SetSelectedIndex(1)
	p.focusItem(0)
	typeFocused(t, ui.win, "21201")
}

// A score a colleague saves on another desktop shows in place, and the
// answers being typed here stay.
func TestScoresRefreshInPlace(t *testing.T) {
	path := filepath.Join(t.TempDir(), "groupwork.db")
	ui, w := openMainUI(t, path)
	closeOverlays(w)
	other, err := data.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	ctx := context.Background()
	_, group, session, clients := seedLive(t, other)
	if err := other.SetGroupMeasures(ctx, group, []data.GroupMeasure{{MeasureID: 1, Schedule: data.EverySession}}); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"Zoë", "Ayşe"} {
		if err := other.SetAttendance(ctx, data.Attendance{SessionID: session, ClientID: clients[name], Status: data.Present}); err != nil {
			t.Fatal(err)
		}
	}
	queue := make(chan func(), 64)
	ui.handBack = func(f func()) { queue <- f }
	ui.watch()
	t.Cleanup(ui.stopWatch)
	ui.showSession(session)
	scr := ui.shell.session
	scr.notes.tabs.Select(scr.scoresTab)
	p := scr.scores
	p.focusItem(0)
	typeFocused(t, w, "213")

	sessOK[data.Score](t)(other.SaveScore(ctx, data.Score{SessionID: session, ClientID: clients["Ayşe"], MeasureID: 1, Total: 7}))
	play(t, queue, 2*time.Second, "Ayşe's score on the page", func() bool {
		return strings.Contains(strings.Join(p.member.Options, "\n"), "Çelik, Ayşe — 7 mild")
	})
	assertScreenShows(t, w, "Due this session: PHQ-9 (1 of 2 scored).")
	if p.client != clients["Zoë"] || p.rows[0].entry.Text != "2" || p.rows[2].entry.Text != "3" || !p.dirty {
		t.Fatalf("Zoë's typing became %q %q %q", p.rows[0].entry.Text, p.rows[1].entry.Text, p.rows[2].entry.Text)
	}

	// Zoë's score saved here, then changed there while it is retyped here:
	// the second save here does not overwrite the colleague's unseen.
	typeFocused(t, w, "000000")
	test.Tap(p.save)
	p.member.SetSelectedIndex(0)
	p.focusItem(0)
	typeFocused(t, w, "3")
	mine := sessOK[[]data.Score](t)(other.SessionScores(ctx, session))[0]
	sessOK[data.Score](t)(other.SaveScore(ctx, data.Score{ID: mine.ID, Version: mine.Version, SessionID: session,
		ClientID: clients["Zoë"], MeasureID: 1, Total: 20}))
	play(t, queue, 2*time.Second, "Zoë's new score on the page", func() bool {
		return strings.HasPrefix(p.member.Selected, "Adams, Zoë — 20 severe")
	})
	test.Tap(p.save)
	assertScreenShows(t, w, "Zoë Adams's PHQ-9 score is not saved: This PHQ-9 score was changed by someone else after you opened it; nothing was overwritten.")
	if got := sessOK[[]data.Score](t)(other.SessionScores(ctx, session))[0]; got.Total != 20 {
		t.Fatalf("the colleague's score became %d", got.Total)
	}
}
