package ui

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"errors"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/test"

	"groupwork/data"
)

// safetyDB is a small agency: one staff member with a passphrase and a
// few clients whose names must not show while the window is locked.
func safetyDB(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "groupwork.db")
	s, err := data.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	id, err := s.CreateStaff(ctx, data.Staff{Name: "Thảo Nguyễn", Credentials: "LCSW", Active: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetStaffPassphrase(ctx, id, "the long walk home"); err != nil {
		t.Fatal(err)
	}
	for _, c := range []data.Client{{FirstName: "Zoë", LastName: "Άλφα"}, {FirstName: "Łukasz", LastName: "Żółć"}} {
		if _, err := s.CreateClient(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

func TestIdleLockHidesClientDataUntilThePassphrase(t *testing.T) {
	ui, w := openMainUI(t, safetyDB(t))
	pickFirstStaff(t, ui)
	ui.showClients()
	assertScreenShows(t, w, "Żółć")
	clock := time.Date(2026, 3, 2, 9, 0, 0, 0, time.Local)
	l := newIdleLock(ui, func() time.Time { return clock })
	l.wrapContent()

	// Someone typing in a field counts as use, however long it takes.
	clock = clock.Add(10 * time.Minute)
	w.Canvas().Focus(ui.search.entry)
	l.check()
	clock = clock.Add(10 * time.Minute)
	test.Type(ui.search.entry, "Z")
	l.check()
	clock = clock.Add(10 * time.Minute)
	l.check()
	if l.locked {
		t.Fatal("locked 10 minutes after typing")
	}
	// So does the pointer: the desktop driver asks the content for its cursor.
	clock = clock.Add(14 * time.Minute)
	l.watch.Cursor()
	clock = clock.Add(10 * time.Minute)
	l.check()
	if l.locked {
		t.Fatal("locked 10 minutes after the pointer moved")
	}
	dialog.ShowInformation("Attendance: Zoë Άλφα", "Zoë Άλφα was late.", w)
	l.check() // the dialog took the focus: that was use

	clock = clock.Add(15 * time.Minute)
	l.check()
	if !l.locked {
		t.Fatal("not locked after 15 minutes without input")
	}
	text := screenText(w)
	for _, private := range []string{"Zoë", "Άλφα", "Żółć"} {
		if strings.Contains(text, private) {
			t.Fatalf("the locked window shows %q:\n%s", private, text)
		}
	}
	if offers := menuOffers(w.MainMenu()); len(offers) > 0 {
		t.Fatalf("the menu offers %q while locked", offers)
	}
	assertScreenShows(t, w, "Groupwork is locked", "Thảo Nguyễn, enter your passphrase")
	captureTo(t, w, "lock.png")

	typeInto(l.pass, "the long walk hom")
	tapButton(t, w, "Unlock")
	if !l.locked || !strings.Contains(screenText(w), "not Thảo Nguyễn's passphrase") {
		t.Fatal("a wrong passphrase unlocked the window or said nothing")
	}
	typeInto(l.pass, "the long walk home")
	tapButton(t, w, "Unlock")
	if l.locked {
		t.Fatal("the right passphrase did not unlock")
	}
	assertScreenShows(t, w, "Żółć", "Zoë Άλφα was late.")
	if len(menuOffers(w.MainMenu())) == 0 {
		t.Fatal("the menu did not come back")
	}

	// Lock time 0 means never.
	read, _ := ui.store.Settings(context.Background())
	st := read
	st.LockMinutes = 0
	if _, err := ui.store.SaveSettings(context.Background(), read, st); err != nil {
		t.Fatal(err)
	}
	clock = clock.Add(10 * time.Hour)
	l.check()
	if l.locked {
		t.Fatal("locked although the setting says never")
	}
}

func TestAuditLogFiltersAndExports(t *testing.T) {
	ui, _ := openMainUI(t, safetyDB(t))
	pickFirstStaff(t, ui)
	ctx := context.Background()
	id, err := ui.store.CreateClient(ctx, data.Client{FirstName: "=cmd", LastName: "Ayşe"})
	if err != nil {
		t.Fatal(err)
	}
	a := ui.newAuditScreen()
	all := len(a.entries)
	if all < 5 {
		t.Fatalf("audit shows %d changes", all)
	}
	a.person.SetSelected("Thảo Nguyễn")
	if len(a.entries) != 1 || a.entries[0].EntityID != id || a.entries[0].Actor != "Thảo Nguyễn" {
		t.Fatalf("by person: %+v", a.entries)
	}
	a.person.SetSelected(everyone)
	a.record.SetSelected("Staff")
	if len(a.entries) != 2 { // created, passphrase set
		t.Fatalf("staff records: %+v", a.entries)
	}
	a.record.SetSelected("Clients")
	a.number.SetText("2")
	a.refresh()
	if len(a.entries) != 1 || a.entries[0].EntityID != 2 {
		t.Fatalf("client 2: %+v", a.entries)
	}
	a.number.SetText("")
	a.from.SetText("2026-13-40")
	a.refresh()
	if !a.problem.Visible() || !strings.HasPrefix(a.problem.Text, "From:") {
		t.Fatalf("a bad date is not named: %q", a.problem.Text)
	}
	a.from.SetText(time.Now().AddDate(0, 0, 1).Format("2006-01-02"))
	a.refresh()
	if len(a.entries) != 0 || a.count.Text != "No changes match." {
		t.Fatalf("from tomorrow: %d %q", len(a.entries), a.count.Text)
	}
	a.from.SetText("")
	a.refresh()

	path := filepath.Join(t.TempDir(), "audit.csv")
	if err := exportAudit(path, a.entries); err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(path)
	if !bytes.HasPrefix(raw, []byte("\ufeff")) {
		t.Fatal("no byte-order mark for Excel")
	}
	rows, err := csv.NewReader(bytes.NewReader(raw[3:])).ReadAll()
	if err != nil || len(rows) != len(a.entries)+1 || rows[0][1] != "Who" {
		t.Fatalf("csv: %v %v", rows, err)
	}
	// What a spreadsheet would run as a formula is written as text.
	var buf bytes.Buffer
	writeAuditCSV(&buf, []data.AuditEntry{{Actor: "=HYPERLINK(\"x\")", Entity: "client", EntityID: 3, Action: "update",
		Detail: `FirstName: "Zoë" → "Zoey"; Notes: "שלום, line one` + "\nline two\"", At: time.Date(2026, 3, 2, 17, 0, 0, 0, time.UTC)}})
	rows, err = csv.NewReader(bytes.NewReader(buf.Bytes()[3:])).ReadAll()
	if err != nil || rows[1][0] != "2026-03-02 17:00:00" || rows[1][1] != `'=HYPERLINK("x")` || !strings.Contains(rows[1][6], "שלום, line one\nline two") {
		t.Fatalf("csv row: %q %v", rows, err)
	}
	if fi, _ := os.Stat(path); os.PathSeparator == '/' && fi.Mode().Perm() != 0o600 {
		t.Fatalf("export mode %v", fi.Mode())
	}
}

func TestRestoreFromBackupInTheWindow(t *testing.T) {
	ui, w := openMainUI(t, safetyDB(t))
	pickFirstStaff(t, ui)
	ctx := context.Background()
	if _, _, err := ui.store.AutoBackup(ctx, true); err != nil {
		t.Fatal(err)
	}
	if _, err := ui.store.CreateClient(ctx, data.Client{FirstName: "After", LastName: "Backup"}); err != nil {
		t.Fatal(err)
	}
	r := ui.openRestore()
	assertScreenShows(t, w, "today at")
	captureTo(t, w, "restore.png")
	r.list.Select(0)
	tapButton(t, w, "Restore…")
	tapButton(t, w, "Yes")
	waitJobs(t, ui)
	cs, _ := ui.store.ListClients(ctx, data.ClientFilter{Search: "After"})
	if len(cs) != 0 {
		t.Fatal("the window still shows the records entered after the backup")
	}
	assertScreenShows(t, w, "The database it replaced is kept as")
	kept, _ := filepath.Glob(filepath.Join(filepath.Dir(ui.path), "groupwork.replaced-*.db"))
	if len(kept) != 1 {
		t.Fatalf("replaced database kept as %v", kept)
	}
}

func TestDamagedDatabaseOffersTheLatestBackup(t *testing.T) {
	path, damaged := damagedWithBackup(t)
	ctx := context.Background()

	a := test.NewTempApp(t)
	_, _, err := openForWindow(path, false)
	var bad *data.BadFileError
	if !errors.As(err, &bad) {
		t.Fatalf("want a bad-file refusal, got %v", err)
	}
	r := newRecovery(a, path, err)
	assertScreenShows(t, r.win, "Groupwork cannot open your database", "damaged", "The most recent good backup is from today")
	captureTo(t, r.win, "recovery.png")
	tapButton(t, r.win, "Restore this backup")
	tapButton(t, r.win, "Yes")
	if r.ui == nil {
		t.Fatalf("the app did not open after the restore:\n%s", screenText(r.win))
	}
	// The window stays open when the test ends: its check of the signed
	// notes must not run on the closed file beside the next test.
	defer func() { r.ui.finishJobs(); r.ui.store.Close(); r.ui.fileLock.Release() }()
	cs, _ := r.ui.store.ListClients(ctx, data.ClientFilter{})
	if len(cs) != 2 {
		t.Fatalf("restored %d clients", len(cs))
	}
	kept, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "groupwork.replaced-*.db"))
	if len(kept) != 1 {
		t.Fatalf("set aside: %v", kept)
	}
	if got, _ := os.ReadFile(kept[0]); sha256.Sum256(got) != damaged {
		t.Fatal("the damaged file was changed on its way aside")
	}
}

func TestSecondWindowIsToldTheDatabaseIsOpen(t *testing.T) {
	path := safetyDB(t)
	s, first, err := openForWindow(path, false)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { s.Close(); first.Release() }()
	_, second, err := openForWindow(path, false)
	if second != nil {
		t.Fatal("the refused window was given a lock on the open file")
	}
	a := test.NewTempApp(t)
	r := newRecovery(a, path, err)
	assertScreenShows(t, r.win, "This database is already open", "already open in another Groupwork window")
	if findButton(r.win, "Restore this backup") != nil {
		t.Fatal("a restore is offered for a database that is merely open elsewhere")
	}
}

// captureTo writes what the window shows to GROUPWORK_SHOTS, when set, for
// a person to look at.
func captureTo(t *testing.T, w fyne.Window, name string) {
	dir := os.Getenv("GROUPWORK_SHOTS")
	if dir == "" {
		return
	}
	img := w.Canvas().Capture()
	f, err := os.Create(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}

func TestBackupAndLockSettings(t *testing.T) {
	ui, _ := openMainUI(t, safetyDB(t))
	pickFirstStaff(t, ui)
	d := ui.openSafetySettings()
	typeInto(d.minutes, "quarter hour")
	test.Tap(d.save)
	if !d.problem.Visible() || !strings.HasPrefix(d.problem.Text, "Lock after:") {
		t.Fatalf("a wrong number is not named: %q", d.problem.Text)
	}
	typeInto(d.minutes, "2000")
	test.Tap(d.save)
	if !strings.Contains(d.problem.Text, "between 0 (never) and 1440") {
		t.Fatalf("out of range: %q", d.problem.Text)
	}
	dir := filepath.Join(t.TempDir(), "second disk")
	typeInto(d.folder, dir)
	typeInto(d.minutes, "5")
	test.Tap(d.save)
	st, _ := ui.store.Settings(context.Background())
	if st.LockMinutes != 5 || st.BackupDir != dir {
		t.Fatalf("saved %d %q", st.LockMinutes, st.BackupDir)
	}
	b, _, err := ui.store.AutoBackup(context.Background(), true)
	if err != nil || filepath.Dir(b.Path) != dir {
		t.Fatalf("backup went to %s (%v)", b.Path, err)
	}
}

func TestWindowLockFollowsTheOpenFile(t *testing.T) {
	first, second := safetyDB(t), safetyDB(t)
	s, held, err := openForWindow(first, false)
	if err != nil {
		t.Fatal(err)
	}
	ui := &App{fileLock: held}
	defer func() { s.Close(); ui.fileLock.Release() }()
	other, _ := data.LockForWindow(second)
	if err := ui.switchWindowLock(second); err == nil {
		t.Fatal("moved onto a file another window has open")
	}
	if open, _ := data.OpenInWindow(first); !open {
		t.Fatal("a refused switch let go of the file still open")
	}
	other.Release()
	if err := ui.switchWindowLock(second); err != nil {
		t.Fatal(err)
	}
	if open, _ := data.OpenInWindow(first); open {
		t.Fatal("the file left behind is still locked")
	}
	if open, _ := data.OpenInWindow(second); !open {
		t.Fatal("the file now open is not locked")
	}
}

func TestRestoreEncryptedBackupInTheWindow(t *testing.T) {
	ui, w := openMainUI(t, safetyDB(t))
	pickFirstStaff(t, ui)
	ctx := context.Background()
	usb := filepath.Join(t.TempDir(), "agency.db.age")
	if err := ui.store.BackupEncrypted(ctx, usb, "kettle on the windowsill"); err != nil {
		t.Fatal(err)
	}
	if _, err := ui.store.CreateClient(ctx, data.Client{FirstName: "After", LastName: "Backup"}); err != nil {
		t.Fatal(err)
	}
	ui.restoreFrom(usb, "kettle on the windowsil")
	waitJobs(t, ui)
	assertScreenShows(t, w, "Nothing was restored", "passphrase does not open")
	if cs, _ := ui.store.ListClients(ctx, data.ClientFilter{Search: "After"}); len(cs) != 1 {
		t.Fatal("a failed restore lost the records entered since the backup")
	}
	ui.restoreFrom(usb, "kettle on the windowsill")
	waitJobs(t, ui)
	if cs, _ := ui.store.ListClients(ctx, data.ClientFilter{Search: "After"}); len(cs) != 0 {
		t.Fatal("the encrypted backup was not restored")
	}
	assertScreenShows(t, w, "The database it replaced is kept as")
}

// A full disk while a note is being written: the note says why in plain
// words, keeps every character, and saves once there is room again.
func TestFullDiskWhileWritingANote(t *testing.T) {
	f := newSessionFixture(t)
	s := f.open(1)
	g := s.notes.group
	f.ui.saver().delay = time.Hour
	room, err := f.store.FillDiskForTest()
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Repeat("Members spoke about the holidays; Zoë led the check-in.\n", 400)
	g.entries["data"].SetText(text)
	if f.save(g) {
		t.Fatal("a note saved onto a full disk")
	}
	if g.entries["data"].Text != text {
		t.Fatal("the text typed was changed by the failed save")
	}
	if !strings.Contains(g.problem.Text, "disk is full") || !strings.Contains(g.problem.Text, "still here") {
		t.Fatalf("the message does not say the disk is full: %q", g.problem.Text)
	}
	if err := room(); err != nil {
		t.Fatal(err)
	}
	if !f.save(g) {
		t.Fatalf("saving once there is room: %q", g.problem.Text)
	}
}
