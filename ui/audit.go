package ui

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"groupwork/data"
)

// The audit log: who changed which record and when, viewable and
// filterable in the window and exportable for an auditor.

func init() {
	addMenuItem("File", func(ui *App) *fyne.MenuItem { return fyne.NewMenuItem("Audit log…", ui.showAudit) })
}

// auditRecords are the kinds of record the log names, as a person says them.
var auditRecords = []struct{ entity, label string }{
	{"", "All records"}, {"client", "Clients"}, {"group", "Groups"}, {"membership", "Memberships"},
	{"session", "Sessions"}, {"attendance", "Attendance"}, {"note", "Notes"}, {"staff", "Staff"}, {"settings", "Settings"},
}

const everyone = "Everyone"

type auditScreen struct {
	ui      *App
	dlg     dialog.Dialog
	person  *widget.Select
	record  *widget.Select
	number  *textBox
	from    *textBox
	to      *textBox
	problem *widget.Label
	count   *widget.Label
	table   *dataTable
	entries []data.AuditEntry
}

func (ui *App) showAudit() {
	a := ui.newAuditScreen()
	export := &widget.Button{Text: "Export to CSV…", OnTapped: a.chooseExport}
	closeBtn := &widget.Button{Text: "Close", OnTapped: func() { a.dlg.Hide() }}
	// A list to read: Enter in a filter shows what it finds, Escape closes.
	a.dlg = newKeyedDialog(ui.win, "Audit log", a.view(), closeBtn, nil, export)
	a.dlg.Resize(fyne.NewSize(1000, 640))
	a.dlg.Show()
}

func (ui *App) newAuditScreen() *auditScreen {
	a := &auditScreen{ui: ui}
	actors, _ := ui.store.AuditActors(context.Background())
	a.person = widget.NewSelect(append([]string{everyone}, actors...), func(string) { a.refresh() })
	a.person.SetSelected(everyone)
	labels := make([]string, len(auditRecords))
	for i, r := range auditRecords {
		labels[i] = r.label
	}
	a.record = widget.NewSelect(labels, func(string) { a.refresh() })
	a.record.SetSelected(labels[0])
	a.number = newEntry("", "Any number")
	a.from = newEntry("", "YYYY-MM-DD")
	a.to = newEntry("", "YYYY-MM-DD")
	for _, e := range []*textBox{a.number, a.from, a.to} {
		e.OnSubmitted = func(string) { a.refresh() }
	}
	a.problem = &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
	a.problem.Hide()
	a.count = widget.NewLabel("")
	a.table = newDataTable([]string{"When", "Who", "Record", "What", "Details"}, []float32{140, 150, 120, 110, 420},
		func() int { return len(a.entries) },
		func(row, col int) string { return auditCell(a.entries[row], col) })
	a.refresh()
	return a
}

func (a *auditScreen) view() fyne.CanvasObject {
	filters := widget.NewForm(
		widget.NewFormItem("Person", a.person),
		widget.NewFormItem("Record", container.NewGridWithColumns(2, a.record, a.number)),
		widget.NewFormItem("From", container.NewHBox(fixedWidth(a.from, 160), widget.NewLabel("to"), fixedWidth(a.to, 160))),
	)
	show := &widget.Button{Text: "Show", OnTapped: a.refresh}
	top := container.NewVBox(filters, a.problem, container.NewHBox(show, a.count))
	return container.NewBorder(top, nil, nil, nil, a.table.view())
}

// filter reads the filters, naming the field that is wrong.
func (a *auditScreen) filter() (data.AuditFilter, error) {
	var f data.AuditFilter
	if a.person.Selected != everyone {
		f.Actor = a.person.Selected
	}
	for _, r := range auditRecords {
		if r.label == a.record.Selected {
			f.Entity = r.entity
		}
	}
	if n := strings.TrimSpace(a.number.Text); n != "" {
		id, err := strconv.ParseInt(n, 10, 64)
		if err != nil || id <= 0 {
			return f, fmt.Errorf("Record number: %q is not a record number; write a whole number such as 12, or leave it empty", n)
		}
		f.EntityID = id
	}
	var err error
	if f.From, err = data.ParseDate(a.from.Text); err != nil {
		return f, fmt.Errorf("From: %v", err)
	}
	if f.To, err = data.ParseDate(a.to.Text); err != nil {
		return f, fmt.Errorf("To: %v", err)
	}
	if !f.From.IsZero() && !f.To.IsZero() && f.To.Before(f.From) {
		return f, fmt.Errorf("To: the end date %s is before the start date %s", f.To, f.From)
	}
	return f, nil
}

func (a *auditScreen) refresh() {
	if a.table == nil {
		return // still being built
	}
	f, err := a.filter()
	if err == nil {
		a.entries, err = a.ui.store.AuditLog(context.Background(), f)
	}
	if err != nil {
		a.problem.SetText(err.Error())
		a.problem.Show()
		return
	}
	a.problem.Hide()
	switch n := len(a.entries); {
	case n == 0:
		a.count.SetText("No changes match.")
	case n == 1:
		a.count.SetText("1 change.")
	case n >= 1000:
		a.count.SetText("The newest 1000 changes; narrow the dates to see older ones.")
	default:
		a.count.SetText(count(n, "change") + ", newest first.")
	}
	a.table.table.Refresh()
}

func auditCell(e data.AuditEntry, col int) string {
	switch col {
	case 0:
		return e.At.Local().Format("2006-01-02 15:04")
	case 1:
		return e.Actor
	case 2:
		if e.EntityID == 0 {
			return e.Entity
		}
		return fmt.Sprintf("%s %d", e.Entity, e.EntityID)
	case 3:
		return e.Action
	}
	return strings.ReplaceAll(e.Detail, "\n", " ")
}

func (a *auditScreen) chooseExport() {
	a.ui.askSavePath("audit-log-"+time.Now().Format("2006-01-02")+".csv", ".csv", func(path string) {
		n, err := a.exportTo(path)
		if err != nil {
			a.ui.showError(err)
			return
		}
		showInformation(a.ui.win, "Exported", count(n, "change")+" saved as\n"+path)
	})
}

// exportTo writes every change the filter matches, not only the newest
// 1000 the screen lists: an export for an auditor that stopped there would
// leave out the older changes of the dates asked for without saying so.
func (a *auditScreen) exportTo(path string) (int, error) {
	f, err := a.filter()
	if err != nil {
		return 0, err
	}
	f.Limit = math.MaxInt32
	entries, err := a.ui.store.AuditLog(context.Background(), f)
	if err != nil {
		return 0, err
	}
	return len(entries), exportAudit(path, entries)
}

// exportAudit writes the entries to an owner-only CSV file.
func exportAudit(path string, entries []data.AuditEntry) error {
	f, err := data.CreatePrivateFile(path)
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", filepath.Base(path), err)
	}
	if err := writeAuditCSV(f, entries); err != nil {
		f.Close()
		return fmt.Errorf("writing %s: %w", filepath.Base(path), err)
	}
	return f.Close()
}

// writeAuditCSV writes UTF-8 with a byte-order mark, so that Excel shows
// accented names and right-to-left text as they are.
func writeAuditCSV(w io.Writer, entries []data.AuditEntry) error {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	c := csv.NewWriter(w)
	c.UseCRLF = true
	c.Write([]string{"When (UTC)", "Who", "Staff id", "Record", "Record id", "What", "Details"})
	for _, e := range entries {
		staff := ""
		if e.StaffID != 0 {
			staff = strconv.FormatInt(e.StaffID, 10)
		}
		c.Write([]string{e.At.UTC().Format("2006-01-02 15:04:05"), csvSafe(e.Actor), staff, e.Entity,
			strconv.FormatInt(e.EntityID, 10), e.Action, csvSafe(e.Detail)})
	}
	c.Flush()
	return c.Error()
}

// csvSafe keeps a spreadsheet from running text that starts like a formula.
func csvSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
