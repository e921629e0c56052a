package ui

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"github.com/jackc/pgx/v5/pgconn"

	"groupwork/data"
	"groupwork/internal/pgtest"
)

// fakeKeyring is the operating system's password store, in memory; with
// broken set, storing fails as it does with no Secret Service running.
type fakeKeyring struct {
	kept   map[string]string
	broken bool
	gets   int
}

func newFakeKeyring() *fakeKeyring { return &fakeKeyring{kept: map[string]string{}} }

func (k *fakeKeyring) Get(service, user string) (string, error) {
	k.gets++
	pw, ok := k.kept[service+"\x00"+user]
	if !ok {
		return "", errors.New("secret not found in keyring")
	}
	return pw, nil
}

func (k *fakeKeyring) Set(service, user, password string) error {
	if k.broken {
		return errors.New("the name org.freedesktop.secrets was not provided by any .service files")
	}
	k.kept[service+"\x00"+user] = password
	return nil
}

// officeFields are the connect dialog's answers for a test database.
type officeFields struct{ server, port, database, user string }

// source is the URL the dialog makes of the fields.
func (f officeFields) source(t *testing.T) string {
	t.Helper()
	port, err := strconv.Atoi(f.port)
	if err != nil {
		t.Fatal(err)
	}
	return officeURL(f.server, port, f.database, f.user, "disable", "")
}

func fieldsOf(t *testing.T, dsn string) officeFields {
	t.Helper()
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	return officeFields{server: q.Get("host"), port: q.Get("port"), database: strings.TrimPrefix(u.Path, "/"),
		user: u.User.Username()}
}

// typeConnect fills the connect dialog the way a person does and presses
// Enter in the last box.
func typeConnect(t *testing.T, ui *App, f officeFields) *connectDialog {
	t.Helper()
	ui.askOffice()
	d := ui.lastConnect
	if d == nil {
		t.Fatal("File → Connect to an office database… showed no dialog")
	}
	for _, x := range []struct {
		e    *textBox
		text string
	}{{d.server, f.server}, {d.port, f.port}, {d.database, f.database}, {d.user, f.user}} {
		x.e.SetText("")
		test.Type(x.e, x.text)
	}
	// The test server listens on a socket in a folder, where TLS has no
	// part.
	d.tls.SetSelected(tlsChoices[2].label)
	d.user.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	return d
}

// openOfficeTestUI opens a window on a file, with a password store in
// memory.
func openOfficeTestUI(t *testing.T) (*App, fyne.Window, *fakeKeyring) {
	ui, w := openMainUI(t, filepath.Join(t.TempDir(), "groupwork.db"))
	keys := newFakeKeyring()
	ui.keyring = keys
	return ui, w, keys
}

// waitOffice runs the connection's background work until the window shows
// an office database, or a dialog waits for the person.
func waitOffice(t *testing.T, ui *App) {
	t.Helper()
	runBackground(t, func() bool {
		return data.IsOffice(ui.path) || (ui.lastConnect != nil && ui.lastConnect.connect.Disabled() == false) ||
			(ui.lastPassword != nil && ui.lastPassword.dlg != nil && !ui.lastPassword.used)
	})
}

func TestConnectDialogOpensTheOfficeDatabase(t *testing.T) {
	fields := fieldsOf(t, pgtest.DB(t))
	dsn := fields.source(t)
	ui, w, _ := openOfficeTestUI(t)
	file := ui.path
	ui.shell.who.dlg.Hide()

	d := typeConnect(t, ui, fields)
	waitOffice(t, ui)
	if !data.IsOffice(ui.path) {
		t.Fatalf("the window did not move to the office database; it shows:\n%s", screenText(w))
	}
	if ui.lastConnect != nil || d.dlg == nil {
		t.Error("the connect dialog stays open after connecting")
	}
	want := data.Redact(dsn)
	if got := w.Title(); got != "Groupwork — "+ui.path+" (PostgreSQL)" || !strings.Contains(got, "postgres://postgres@") {
		t.Errorf("title %q (the database is %s)", got, want)
	}
	// An empty office database: its first day, as with a new file.
	assertScreenShows(t, w, "Welcome to Groupwork", "Who is using Groupwork?", "Connected to "+ui.path+" (PostgreSQL).")

	who := ui.shell.who
	test.Type(who.name, "Rosa Díaz")
	test.Type(who.agency, "Riverside Family Services")
	// Everyone signs in to an office database with a passphrase, the
	// first person too.
	test.Tap(who.ok)
	assertScreenShows(t, w, "Everyone signs in to an office database with a passphrase")
	test.Type(who.newPass, "rosa walks the long way")
	test.Type(who.again, "rosa walks the long way")
	test.Tap(who.ok)
	if ui.staff.Name != "Rosa Díaz" || ui.shell.who != nil {
		t.Fatalf("the first person is not signed in; the window shows:\n%s", screenText(w))
	}
	test.Tap(ui.groups.add)
	f := ui.shell.groupForm
	test.Type(f.name, "Tuesday Support")
	test.Tap(f.save)
	if p := ui.shell.group; p == nil || p.group.Name != "Tuesday Support" {
		t.Fatalf("saving did not open the new group's page; the screen shows:\n%s", screenText(w))
	}
	ui.showGroups()
	assertScreenShows(t, w, "Tuesday Support")
	if ui.store.Engine() != "PostgreSQL" {
		t.Errorf("the group went to %s", ui.store.Engine())
	}

	// Remembered for the next start and in File → Open recent, without
	// anything secret; back to the file, then to the office again.
	if got := LastDatabase(ui.fyne.Preferences()); got != ui.path {
		t.Errorf("the next start opens %q", got)
	}
	ui.switchDatabase(file)
	if ui.path != file {
		t.Fatalf("the window did not go back to %s: %s", file, ui.path)
	}
	item := recentItem(ui, want)
	if item == nil {
		t.Fatalf("File → Open recent does not list %s: %v", want, ui.recentDatabases())
	}
	item.Action()
	waitOffice(t, ui)
	if ui.path != data.Redact(dsn) {
		t.Fatalf("reopening from the recent list opened %q", ui.path)
	}
	signIn(t, ui, "Rosa Díaz", "rosa walks the long way")
	ui.showGroups()
	assertScreenShows(t, w, "Tuesday Support")
}

// recentItem is the File → Open recent entry naming source.
func recentItem(ui *App, source string) *fyne.MenuItem {
	for _, it := range ui.recentMenu.ChildMenu.Items {
		if it.Label == source {
			return it
		}
	}
	return nil
}

// Files take a window lock, office databases do not: two windows that
// lock files, on one office database at once, with the file one of them
// left now free for the other.
func TestTwoWindowsOnOneOfficeDatabase(t *testing.T) {
	fields := fieldsOf(t, pgtest.DB(t))
	dsn := fields.source(t)
	a := test.NewTempApp(t)
	var windows []*App
	for range 2 {
		path := filepath.Join(t.TempDir(), "groupwork.db")
		s, held, err := openForWindow(path, false)
		if err != nil {
			t.Fatal(err)
		}
		ui := New(a, a.NewWindow("Groupwork"), s)
		ui.fileLock = held
		ui.keyring = newFakeKeyring()
		queueBackground(ui)
		t.Cleanup(func() { ui.store.Close(); ui.fileLock.Release() })
		ui.shell.who.dlg.Hide()
		typeConnect(t, ui, fields)
		waitOffice(t, ui)
		if ui.path != data.Redact(dsn) {
			t.Fatalf("window %d: %s; it shows:\n%s", len(windows)+1, ui.path, screenText(ui.win))
		}
		if strings.Contains(screenText(ui.win), "already open") {
			t.Errorf("window %d was told the office database is already open", len(windows)+1)
		}
		if open, _ := data.OpenInWindow(path); open {
			t.Errorf("window %d still holds the file it left", len(windows)+1)
		}
		windows = append(windows, ui)
	}
	g, err := windows[0].store.CreateGroup(context.Background(), data.Group{Name: "Seen by both", Type: data.Support,
		Enrolment: data.OpenEnrolment, Status: data.GroupActive, Start: data.Today(), NoteFormat: data.FreeText,
		Schedule: data.Schedule{Frequency: data.Weekly, Weekday: data.Today().Weekday(), Start: 10 * 60, Minutes: 90}})
	if err != nil {
		t.Fatal(err)
	}
	if got, err := windows[1].store.GetGroup(context.Background(), g); err != nil || got.Name != "Seen by both" {
		t.Errorf("the other window reads %+v, %v", got, err)
	}
}

func TestConnectToAMissingDatabaseKeepsWhatWasTyped(t *testing.T) {
	fields := fieldsOf(t, pgtest.DB(t))
	fields.database = "no such database"
	ui, w, _ := openOfficeTestUI(t)
	file := ui.path
	ui.shell.who.dlg.Hide()
	d := typeConnect(t, ui, fields)
	waitOffice(t, ui)
	if ui.path != file {
		t.Fatalf("the window moved to %s", ui.path)
	}
	if ui.lastConnect != d {
		t.Fatal("the connect dialog closed on failure")
	}
	assertScreenShows(t, w, "The server has no database by that name: “no such database” on "+fields.server+" as postgres.")
	if d.database.Text != "no such database" || d.server.Text != fields.server || d.user.Text != "postgres" {
		t.Errorf("the fields typed were lost: %q %q %q", d.server.Text, d.database.Text, d.user.Text)
	}
	// Escape in a box closes the dialog, as Cancel does.
	d.database.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if ui.lastConnect != nil || strings.Contains(screenText(w), "Connect to an office database") {
		t.Error("Escape did not close the dialog")
	}
}

func TestConnectDialogSaysWhatIsMissing(t *testing.T) {
	ui, w, _ := openOfficeTestUI(t)
	ui.shell.who.dlg.Hide()
	ui.askOffice()
	d := ui.lastConnect
	typeInto(d.port, "54x")
	test.Tap(d.connect)
	for key, want := range map[string]string{"server": "Type the server's name", "port": "The port is a number",
		"user": "Type your user name"} {
		if got := d.form.message(key); !strings.HasPrefix(got, want) {
			t.Errorf("%s says %q", key, got)
		}
	}
	if d.database.Text != "groupwork" {
		t.Errorf("the database's name is %q before anything is typed", d.database.Text)
	}
	assertScreenShows(t, w, "Security", "Root certificate")
	d.tls.SetSelected(tlsChoices[1].label)
	if d.form.fieldShown("sslrootcert") {
		t.Error("a root certificate is asked for without checking certificates")
	}
}

func TestOfficeURL(t *testing.T) {
	for _, c := range []struct {
		host, db, user, mode, cert, want string
	}{
		{"db.office.example.org", "groupwork", "rosa", "verify-full", "",
			"postgres://rosa@db.office.example.org:5432/groupwork?sslmode=verify-full"},
		{"10.0.0.5", "agency records", "r@sa", "verify-full", `C:\certs\office ca.pem`,
			"postgres://r%40sa@10.0.0.5:5432/agency%20records?sslmode=verify-full&sslrootcert=C%3A%5Ccerts%5Coffice+ca.pem"},
		{"fe80::1", "g", "u", "require", "/ignored.pem", "postgres://u@[fe80::1]:5432/g?sslmode=require"},
		{"/run/postgresql", "g", "u", "disable", "", "postgres://u@/g?host=%2Frun%2Fpostgresql&port=5432&sslmode=disable"},
	} {
		if got := officeURL(c.host, 5432, c.db, c.user, c.mode, c.cert); got != c.want {
			t.Errorf("officeURL(%q, %q, %q) = %s, want %s", c.host, c.db, c.user, got, c.want)
		}
	}
}

// The password's way: asked for when the server refuses, kept in the
// password store when the person says so, and taken from there the next
// time without asking; never in the preferences.
func TestOfficePasswordIsAskedKeptAndReused(t *testing.T) {
	fields := fieldsOf(t, pgtest.DB(t))
	dsn := fields.source(t)
	ui, w, keys := openOfficeTestUI(t)
	file := ui.path
	ui.shell.who.dlg.Hide()
	var tried []string
	ui.openOffice = func(ctx context.Context, source, password string) (*data.Store, error) {
		tried = append(tried, password)
		if password != "s3cret word" {
			return nil, fmt.Errorf("cannot reach the office database %s: %w", data.Redact(source),
				&pgconn.PgError{Severity: "FATAL", Code: "28P01", Message: `password authentication failed for user "postgres"`})
		}
		return data.OpenOffice(ctx, source, "")
	}
	typeConnect(t, ui, fields)
	waitOffice(t, ui)
	p := ui.lastPassword
	if p == nil {
		t.Fatalf("no password was asked for; the screen shows:\n%s", screenText(w))
	}
	assertScreenShows(t, w, "The server asks for the password of “"+fields.database+"” on "+fields.server+" as postgres.")
	test.Type(p.entry, "wrong")
	p.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	waitOffice(t, ui)
	if ui.lastPassword == p {
		t.Fatal("a refused password was not asked for again")
	}
	p = ui.lastPassword
	assertScreenShows(t, w, "The server refused the password")
	test.Type(p.entry, "s3cret word")
	test.Tap(p.remember)
	test.Tap(p.ok)
	waitOffice(t, ui)
	if ui.path != data.Redact(dsn) {
		t.Fatalf("the right password did not open the database: %s; the screen shows:\n%s", ui.path, screenText(w))
	}
	if got := keys.kept[keyringService+"\x00"+data.Redact(dsn)]; got != "s3cret word" {
		t.Errorf("the password store keeps %q", got)
	}
	for _, key := range []string{recentKey, lastDatabaseKey} {
		if v := fmt.Sprint(ui.fyne.Preferences().StringList(key), ui.fyne.Preferences().String(key)); strings.Contains(v, "s3cret") {
			t.Errorf("the preference %s holds the password: %s", key, v)
		}
	}

	// Next time: from the store, without asking.
	ui.switchDatabase(file)
	ui.lastPassword, tried = nil, nil
	recentItem(ui, data.Redact(dsn)).Action()
	waitOffice(t, ui)
	if ui.path != data.Redact(dsn) || ui.lastPassword != nil || len(tried) != 1 || tried[0] != "s3cret word" {
		t.Errorf("reopening: at %s, asked %v, tried %q", ui.path, ui.lastPassword != nil, tried)
	}
}

// With no password store (no Secret Service, as under Xvfb), the person
// is told it is not remembered and the database opens all the same.
func TestOfficePasswordWithoutAPasswordStore(t *testing.T) {
	fields := fieldsOf(t, pgtest.DB(t))
	dsn := fields.source(t)
	ui, w, keys := openOfficeTestUI(t)
	keys.broken = true
	ui.shell.who.dlg.Hide()
	ui.openOffice = func(ctx context.Context, source, password string) (*data.Store, error) {
		if password != "pw" {
			return nil, &pgconn.PgError{Severity: "FATAL", Code: "28P01", Message: "password authentication failed"}
		}
		return data.OpenOffice(ctx, source, "")
	}
	typeConnect(t, ui, fields)
	waitOffice(t, ui)
	p := ui.lastPassword
	test.Type(p.entry, "pw")
	test.Tap(p.remember)
	test.Tap(p.ok)
	waitOffice(t, ui)
	if ui.path != data.Redact(dsn) {
		t.Fatalf("the database did not open: %s", ui.path)
	}
	assertScreenShows(t, w, "Password not remembered", "will ask for the password again next time")
	if len(keys.kept) != 0 {
		t.Error("a broken password store kept something")
	}
}

// Cancelling the password question keeps the connect dialog, saying why.
func TestOfficePasswordCancelled(t *testing.T) {
	ui, w, _ := openOfficeTestUI(t)
	ui.shell.who.dlg.Hide()
	ui.openOffice = func(ctx context.Context, source, password string) (*data.Store, error) {
		return nil, &pgconn.PgError{Severity: "FATAL", Code: "28P01", Message: "password authentication failed"}
	}
	d := typeConnect(t, ui, officeFields{"db.office.example.org", "5432", "groupwork", "rosa"})
	waitOffice(t, ui)
	ui.lastPassword.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if ui.lastConnect != d {
		t.Fatal("the connect dialog went with the password question")
	}
	assertScreenShows(t, w, "The server refused the user name or password")
}

// TestOfficeScreenshots draws the connect and password dialogs into
// GROUPWORK_SCREENSHOT_DIR (make screenshots), light and dark.
func TestOfficeScreenshots(t *testing.T) {
	dir := os.Getenv("GROUPWORK_SCREENSHOT_DIR")
	if dir == "" {
		t.Skip("set GROUPWORK_SCREENSHOT_DIR to draw the office dialogs")
	}
	ui, w, _ := openOfficeTestUI(t)
	ui.shell.who.dlg.Hide()
	ui.openOffice = func(ctx context.Context, source, password string) (*data.Store, error) {
		if strings.Contains(source, "agency") {
			return nil, &pgconn.PgError{Severity: "FATAL", Code: "3D000", Message: `database "agency" does not exist`}
		}
		return nil, &pgconn.PgError{Severity: "FATAL", Code: "28P01", Message: "password authentication failed"}
	}
	shot := func(name string) { t.Helper(); writeShot(t, w, dir, name) }
	for _, v := range []struct {
		suffix  string
		variant fyne.ThemeVariant
	}{{"", theme.VariantLight}, {"-dark", theme.VariantDark}} {
		ui.fyne.Settings().SetTheme(fixedVariant{newTheme(), v.variant})
		w.Resize(fyne.NewSize(1280, 800))
		ui.askOffice()
		d := ui.lastConnect
		for _, x := range []struct {
			e    *textBox
			text string
		}{{d.server, "db.riverside.example.org"}, {d.user, "rosa"}, {d.cert, `C:\Users\rosa\office-ca.pem`}} {
			test.Type(x.e, x.text)
		}
		shot("connect" + v.suffix)
		d.database.SetText("agency")
		test.Tap(d.connect)
		waitOffice(t, ui)
		shot("connect-failed" + v.suffix)
		d.database.SetText("groupwork")
		test.Tap(d.connect)
		waitOffice(t, ui)
		shot("connect-password" + v.suffix)
		test.Tap(findButton(w, "Cancel"))
		d.close()
	}
}

// The next start opens the office database connected to last, by its URL:
// there is no file to find gone.
func TestLastDatabaseKeepsAnOfficeDatabase(t *testing.T) {
	a := test.NewTempApp(t)
	src := "postgres://rosa@db.riverside.example.org:5432/groupwork?sslmode=verify-full"
	a.Preferences().SetString(lastDatabaseKey, src)
	if got := LastDatabase(a.Preferences()); got != src {
		t.Errorf("LastDatabase = %q", got)
	}
	if got := WindowTitle(src); got != "Groupwork — "+src {
		t.Errorf("title %q", got)
	}
}
