package ui

import (
	"net/url"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"groupwork/data"
)

func init() {
	addMenuItem("File", func(ui *App) *fyne.MenuItem {
		return fyne.NewMenuItem("Connect to an office database…", ui.askOffice)
	})
}

// The TLS choices, as PostgreSQL's sslmode: verify-full is the one that
// both encrypts and makes sure the server is the one named, which client
// records call for; the others are there for a server without a proper
// certificate, or one on this computer.
var tlsChoices = []struct{ label, mode string }{
	{"Encrypted, server's certificate checked (verify-full)", "verify-full"},
	{"Encrypted, certificate not checked (require)", "require"},
	{"Not encrypted: this computer or a trusted network only (disable)", "disable"},
}

// connectDialog is File → Connect to an office database….
type connectDialog struct {
	ui                                 *App
	form                               *fieldForm
	server, port, database, user, cert *textBox
	tls                                *widget.Select
	connect, cancel                    *widget.Button
	dlg                                dialog.Dialog
}

// askOffice shows the connect dialog, filled in from the office database
// open in the window, if any.
func (ui *App) askOffice() {
	d := &connectDialog{ui: ui, form: newFieldForm()}
	d.server = newTextBox("", "e.g. db.office.example.org")
	d.port = newTextBox("5432", "")
	d.database = newTextBox("groupwork", "")
	d.user = newTextBox("", "your user name on the server")
	d.cert = newTextBox("", "optional: file of the authority that signed the server's certificate")
	var labels []string
	for _, c := range tlsChoices {
		labels = append(labels, c.label)
	}
	d.tls = widget.NewSelect(labels, d.tlsChanged)
	d.connect = &widget.Button{Text: "Connect", Importance: widget.HighImportance, OnTapped: d.submit}
	d.cancel = &widget.Button{Text: "Cancel", OnTapped: d.close}
	d.form.add("server", "Server", d.server)
	d.form.add("port", "Port", d.port)
	d.form.add("database", "Database", d.database)
	d.form.add("user", "User", d.user)
	d.form.add("tls", "Security", d.tls)
	d.form.add("sslrootcert", "Root certificate", d.cert)
	d.tls.SetSelected(tlsChoices[0].label)
	if data.IsOffice(ui.path) {
		d.fill(ui.path)
	}
	intro := &widget.Label{Wrapping: fyne.TextWrapWord, Text: "An office database is shared by everyone in the office, " +
		"on a PostgreSQL server. Whoever looks after the server can tell you what to type here. " +
		"The password is asked for next, if the server needs one."}
	d.dlg = newKeyedDialog(ui.win, "Connect to an office database", fixedWidth(container.NewVBox(intro, d.form.content()), 620), d.cancel, d.connect)
	ui.lastConnect = d
	showFitted(d.dlg)
	ui.win.Canvas().Focus(d.server)
}

// showFitted shows dlg at the height its wrapped text takes once laid out
// at the dialog's width (before, a label counts as one line).
func showFitted(dlg dialog.Dialog) {
	dlg.Show()
	dlg.Resize(dlg.MinSize())
}

func (d *connectDialog) tlsChanged(string) {
	if d.mode() == "verify-full" {
		d.form.showField("sslrootcert")
	} else {
		d.form.hideField("sslrootcert")
	}
}

func (d *connectDialog) mode() string {
	for _, c := range tlsChoices {
		if c.label == d.tls.Selected {
			return c.mode
		}
	}
	return tlsChoices[0].mode
}

func (d *connectDialog) close() {
	d.dlg.Hide()
	if d.ui.lastConnect == d {
		d.ui.lastConnect = nil
	}
}

// source is the office database's URL as typed, or the fields' problems.
func (d *connectDialog) source() (string, error) {
	var c inputCheck
	need := func(key, msg string) { c.problems = append(c.problems, data.FieldError{Field: key, Message: msg}) }
	host := strings.TrimSpace(d.server.Text)
	if host == "" {
		need("server", "Type the server's name or address.")
	}
	port, err := strconv.Atoi(strings.TrimSpace(d.port.Text))
	if err != nil || port < 1 || port > 65535 {
		need("port", "The port is a number from 1 to 65535; PostgreSQL's usual one is 5432.")
	}
	db := strings.TrimSpace(d.database.Text)
	if db == "" {
		need("database", "Type the database's name.")
	}
	user := strings.TrimSpace(d.user.Text)
	if user == "" {
		need("user", "Type your user name on the server.")
	}
	if err := c.err(); err != nil {
		return "", err
	}
	return officeURL(host, port, db, user, d.mode(), strings.TrimSpace(d.cert.Text)), nil
}

// officeURL builds the postgres:// URL of an office database. A server
// given as a folder is PostgreSQL's way of naming a local socket; it goes
// in the query, since a URL's host cannot hold one.
func officeURL(host string, port int, db, user, sslmode, rootCert string) string {
	u := &url.URL{Scheme: "postgres", User: url.User(user), Path: "/" + db}
	q := url.Values{}
	if strings.HasPrefix(host, "/") {
		q.Set("host", host)
		q.Set("port", strconv.Itoa(port))
	} else {
		u.Host = host + ":" + strconv.Itoa(port)
		if strings.Contains(host, ":") && !strings.HasPrefix(host, "[") {
			u.Host = "[" + host + "]:" + strconv.Itoa(port) // an IPv6 address
		}
	}
	q.Set("sslmode", sslmode)
	if rootCert != "" && sslmode == "verify-full" {
		q.Set("sslrootcert", rootCert)
	}
	u.RawQuery = q.Encode()
	return u.String()
}

// fill puts the parts of an office database's URL in the fields.
func (d *connectDialog) fill(source string) {
	u, err := url.Parse(source)
	if err != nil {
		return
	}
	q := u.Query()
	d.server.SetText(u.Hostname())
	if h := q.Get("host"); h != "" {
		d.server.SetText(h)
	}
	port := u.Port()
	if p := q.Get("port"); p != "" {
		port = p
	}
	if port != "" {
		d.port.SetText(port)
	}
	d.database.SetText(strings.TrimPrefix(u.Path, "/"))
	d.user.SetText(u.User.Username())
	for _, c := range tlsChoices {
		if c.mode == q.Get("sslmode") {
			d.tls.SetSelected(c.label)
		}
	}
	d.cert.SetText(q.Get("sslrootcert"))
}

// submit connects; on failure the dialog stays, with what was typed and
// a message saying what failed.
func (d *connectDialog) submit() {
	d.form.clear()
	d.dlg.Resize(d.dlg.MinSize())
	source, err := d.source()
	if err != nil {
		d.form.show(err)
		return
	}
	ui := d.ui
	ui.leaveForm(func() {
		if !ui.notesSaved(d.submit) {
			return
		}
		d.connect.Disable()
		ui.connectOffice(source, func(err error) {
			d.connect.Enable()
			if err == nil {
				d.close()
				return
			}
			d.form.setError("", officeMessage(source, err))
			d.form.relayout()
			d.dlg.Resize(d.dlg.MinSize())
		})
	})
}
