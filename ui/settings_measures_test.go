package ui

import (
	"context"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"

	"groupwork/data"
)

// The built-ins are shown as published and cannot be edited; an agency
// measure is added in Settings (its problems named and re-checked as the
// person types), chosen for a group on the group's form, is then due on
// the group's session and takes a score there; archived, groups stop
// asking for it.
func TestAgencyMeasureFromSettingsToSession(t *testing.T) {
	ui, w := openMainUI(t, filepath.Join(t.TempDir(), "m.db"))
	ui.shell.who.dlg.Hide()
	ctx := context.Background()
	g := sampleGroup("Tuesday Support")
	gid := sessOK[int64](t)(ui.store.CreateGroup(ctx, g))
	cid, _ := sessOK2(t)(ui.store.AddNewMember(ctx, data.Client{FirstName: "Ana", LastName: "Silva"},
		data.Membership{GroupID: gid, Joined: g.Start, Status: data.Enrolled}))
	sid := sessOK[int64](t)(ui.store.AddSession(ctx, data.Session{GroupID: gid, Date: data.Today(), Start: 600,
		Minutes: 90, Status: data.Scheduled}))

	ui.showSettings()
	st := ui.settings
	st.tabs.SelectIndex(1)
	mp := st.measures
	if len(mp.list) != 2 || mp.list[0].Name != "PHQ-9" || mp.list[1].Name != "GAD-7" {
		t.Fatalf("Settings → Measures lists %v", mp.list)
	}
	mp.table.table.Select(tableCell(0, 0))
	assertScreenShows(t, w, "Built in, as published; it cannot be changed.",
		"9. Thoughts that you would be better off dead or of hurting yourself in some way",
		"Answers: 0 Not at all · 1 Several days · 2 More than half the days · 3 Nearly every day",
		"Totals 0 to 27; lower is better. A change of 5 points counts as meaningful.",
		"Bands: 0–4 Minimal · 5–9 Mild · 10–14 Moderate · 15–19 Moderately severe · 20–27 Severe",
		"Source: Patient Health Questionnaire (PHQ-9): Kroenke K, Spitzer RL, Williams JBW.")
	if !mp.edit.Disabled() || !mp.archive.Disabled() {
		t.Error("a built-in measure can be edited or archived")
	}

	// A measure of items: its totals follow from the items and answers.
	test.Tap(mp.add)
	d := mp.dlg
	typeInto(d.name, "Hope Scale")
	typeInto(d.items, "I can think of many ways to get out of a jam\nI energetically pursue my goals\nMy past experiences have prepared me well")
	typeInto(d.itemMin, "1")
	typeInto(d.itemMax, "8")
	if d.totalMin.Text != "3" || d.totalMax.Text != "24" || !d.totalMax.Disabled() {
		t.Errorf("three items answered 1 to 8 give totals %q to %q", d.totalMin.Text, d.totalMax.Text)
	}
	typeInto(d.answers, "Definitely false; Mostly false")
	typeInto(d.change, "30")
	typeInto(d.bands, "3-12 Low\nten to 24 High")
	test.Tap(d.ok)
	for key, want := range map[string]string{
		"answers":           "Answers 1 to 8 need 8 words, one for each; 2 are given.",
		"meaningful_change": "A change of 30 points cannot happen on a range of 3 to 24.",
		"bands":             `Bands, line 2: "ten to 24 High" is not a band; write the totals it covers and its name, e.g. 0-4 Minimal.`,
	} {
		if got := d.form.message(key); got != want {
			t.Errorf("%s says %q, want %q", key, got, want)
		}
	}
	// Fixed as typed: each message goes with its problem.
	typeInto(d.change, "4")
	if d.form.message("meaningful_change") != "" || d.form.message("answers") == "" {
		t.Errorf("after fixing the change: change %q, answers %q", d.form.message("meaningful_change"), d.form.message("answers"))
	}
	typeInto(d.answers, "")
	typeInto(d.bands, "3-12 Low\n13-24 High")
	d.direction.SetSelected(higherBetter)
	test.Tap(d.ok)
	if mp.dlg != nil {
		t.Fatalf("the dialog stayed open: %s", screenText(w))
	}
	hope := mp.list[mp.selected]
	if hope.Name != "Hope Scale" || len(hope.Items) != 3 || hope.Min != 3 || hope.Max != 24 || !hope.HigherIsBetter ||
		hope.MeaningfulChange != 4 || len(hope.Bands) != 2 {
		t.Fatalf("saved: %+v", hope)
	}

	// A total-only measure, edited once saved.
	test.Tap(mp.add)
	d = mp.dlg
	typeInto(d.name, "Session Rating Scale")
	typeInto(d.totalMin, "0")
	typeInto(d.totalMax, "40")
	typeInto(d.change, "5")
	d.direction.SetSelected(higherBetter)
	test.Tap(d.ok)
	srs := mp.list[mp.selected]
	test.Tap(mp.edit)
	typeInto(mp.dlg.bands, "0-35 Needs a conversation\n36-40 Good")
	test.Tap(mp.dlg.ok)
	srs = sessOK[data.Measure](t)(ui.store.Measure(ctx, srs.ID))
	if srs.Items != nil || srs.Max != 40 || srs.BandOf(38) != "Good" || srs.Version != 2 {
		t.Fatalf("saved: %+v", srs)
	}

	// Chosen for the group on its form, every session.
	ui.editGroup(gid)
	f := ui.shell.groupForm
	var row *groupMeasureRow
	for _, r := range f.measures.rows {
		if r.m.ID == srs.ID {
			row = r
		}
	}
	if row == nil {
		t.Fatal("the group form does not offer the new measure")
	}
	test.Tap(row.use)
	row.when.SetSelectedIndex(1)
	typeInto(row.every, "1")
	test.Tap(f.save)
	if got := f.form.message("measures"); got != `Session Rating Scale every "1" sessions: give a whole number from 2 to 52.` {
		t.Fatalf("every 1 sessions: the form says %q", got)
	}
	typeInto(row.every, "3")
	if got := f.form.message("measures"); got != "" {
		t.Errorf("fixed to every 3 sessions, the form still says %q", got)
	}
	typeInto(row.every, "1")
	test.Tap(f.save)
	row.when.SetSelectedIndex(2)
	if got := f.form.message("measures"); got != "" {
		t.Errorf("changed to every session, the form still says %q", got)
	}
	test.Tap(f.save)
	gms := sessOK[[]data.GroupMeasure](t)(ui.store.GroupMeasures(ctx, gid))
	if len(gms) != 1 || gms[0].MeasureID != srs.ID || gms[0].Schedule != data.EverySession {
		t.Fatalf("the group uses %+v", gms)
	}
	// Opened again, the form shows the choice.
	ui.editGroup(gid)
	for _, r := range ui.shell.groupForm.measures.rows {
		if r.use.Checked != (r.m.ID == srs.ID) || (r.use.Checked && r.when.Selected != "At every session") {
			t.Errorf("the form shows %s used %v, %q", r.m.Name, r.use.Checked, r.when.Selected)
		}
	}
	ui.shell.guard = nil

	// Due on the session, scored there as a total.
	if err := ui.store.SetAttendance(ctx, data.Attendance{SessionID: sid, ClientID: cid, Status: data.Present}); err != nil {
		t.Fatal(err)
	}
	ui.showSession(sid)
	scr := ui.shell.session
	scr.notes.tabs.Select(scr.scoresTab)
	assertScreenShows(t, w, "Due this session: Session Rating Scale (0 of 1 scored).",
		"Session Rating Scale is scored as a total only, from 0 to 40.")
	p := scr.scores
	if p.mode.Visible() || !p.totalUI.Visible() {
		t.Error("a total-only measure offers item by item")
	}
	typeInto(p.total, "38")
	if p.result.Text != "Total 38 of 40 · Good" {
		t.Errorf("for 38 the form says %q", p.result.Text)
	}
	test.Tap(p.save)
	scores := sessOK[[]data.Score](t)(ui.store.SessionScores(ctx, sid))
	if len(scores) != 1 || scores[0].Total != 38 || scores[0].MeasureID != srs.ID {
		t.Fatalf("stored: %+v", scores)
	}

	// Archived: no longer offered, and the group stops asking for it.
	ui.showSettings()
	mp = ui.settings.measures
	for i, m := range mp.list {
		if m.ID == srs.ID {
			mp.table.table.Select(tableCell(i, 0))
		}
	}
	test.Tap(mp.archive)
	tapButton(t, w, "Yes")
	if m := mp.list[mp.selected]; !m.Archived || mp.table.cell(mp.selected, 3) != "Archived" || !mp.edit.Disabled() {
		t.Fatalf("after archiving: %+v", m)
	}
	if gms := sessOK[[]data.GroupMeasure](t)(ui.store.GroupMeasures(ctx, gid)); len(gms) != 0 {
		t.Fatalf("the group still uses %+v", gms)
	}
}

func sessOK2(t testing.TB) func(int64, int64, error) (int64, int64) {
	return func(a, b int64, err error) (int64, int64) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return a, b
	}
}
