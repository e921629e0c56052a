package ui

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"groupwork/data"
	"groupwork/internal/csvio"
)

func init() {
	addMenuItem("File", func(ui *App) *fyne.MenuItem { return fyne.NewMenuItem("Import clients…", ui.showImportClients) })
	addMenuItem("File", func(ui *App) *fyne.MenuItem { return fyne.NewMenuItem("Import attendance…", ui.showImportAttendance) })
	addMenuItem("File", func(ui *App) *fyne.MenuItem { return fyne.NewMenuItem("Export…", ui.showExport) })
}

// importDialog previews an import and runs it. Nothing is written until
// Import is pressed, and Import is offered only when the preview found no
// problems.
type importDialog struct {
	ui      *App
	dlg     dialog.Dialog
	path    string
	body    []byte
	file    *widget.Label
	summary *widget.Label
	issues  *widget.Label
	notes   *widget.Label
	table   *dataTable
	// issueScroll holds the problems; it is laid out again when they change.
	issueScroll *container.Scroll
	rows        [][]string
	run         *widget.Button
	// plan makes the preview from the file, with the way to apply it.
	plan    func(ctx context.Context, s *data.Store, r io.Reader) (preview, error)
	current preview
	// generation counts previews asked for, so that a slow one finishing
	// after a newer one does not replace it.
	generation int
	// onLoad reads the options and makes the preview.
	onLoad func()
	// groupSelect is the attendance import's choice of group.
	groupSelect *widget.Select
	// walkIns is the attendance import's choice to add walk-ins.
	walkIns *widget.Check
	// duplicates is the client import's choice for clients on file.
	duplicates *widget.RadioGroup
	// failed is why the last import wrote nothing, shown above the
	// preview made again after it.
	failed string
	// shown counts previews put on screen, finished imports tried; tests
	// wait on them.
	shown, finished atomic.Int32
}

// preview is what a plan shows: a line per row, problems, and a summary.
type preview struct {
	rows     [][]string
	problems csvio.Problems
	notes    []string
	summary  string
	// apply writes the plan and says what it did.
	apply func(ctx context.Context, s *data.Store) (string, error)
}

func (ui *App) newImportDialog(title string, headers []string, widths []float32, options fyne.CanvasObject) *importDialog {
	d := &importDialog{ui: ui,
		file:    &widget.Label{Text: "No file chosen yet.", Truncation: fyne.TextTruncateEllipsis},
		summary: &widget.Label{Wrapping: fyne.TextWrapWord, TextStyle: fyne.TextStyle{Bold: true}},
		issues:  &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.DangerImportance},
		notes:   &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance},
	}
	d.table = newDataTable(headers, widths, func() int { return len(d.rows) }, func(r, c int) string {
		if r < len(d.rows) && c < len(d.rows[r]) {
			return d.rows[r][c]
		}
		return ""
	})
	choose := &widget.Button{Text: "Choose CSV file…", OnTapped: d.chooseFile}
	d.run = &widget.Button{Text: "Import", Importance: widget.HighImportance, OnTapped: d.doImport}
	d.run.Disable()
	cancel := &widget.Button{Text: "Cancel", OnTapped: func() { d.dlg.Hide() }}
	top := container.NewVBox(container.NewBorder(nil, nil, choose, nil, d.file), options, d.summary)
	issues := container.NewVScroll(container.NewVBox(d.issues, d.notes))
	issues.SetMinSize(fyne.NewSize(0, 90))
	d.issueScroll = issues
	body := container.NewBorder(top, issues, nil, nil, d.table.table)
	d.dlg = newKeyedDialog(ui.win, title, body, cancel, d.run)
	// As tall as a 1366x768 laptop allows, so the preview shows a screenful
	// of lines, not three.
	d.dlg.Resize(fyne.NewSize(920, 690))
	ui.lastImport = d
	return d
}

func (d *importDialog) chooseFile() {
	open := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			d.ui.showError(err)
			return
		}
		if r == nil {
			return
		}
		defer r.Close()
		b, err := io.ReadAll(io.LimitReader(r, csvio.MaxFileSize+1))
		if err != nil {
			d.ui.showError(fmt.Errorf("cannot read %s: %w", r.URI().Name(), err))
			return
		}
		d.load(r.URI().Path(), b)
	}, d.ui.win)
	open.SetFilter(storage.NewExtensionFileFilter([]string{".csv", ".txt"}))
	open.Show()
}

// loadFile reads a file from disk into the dialog, as choosing it does.
func (d *importDialog) loadFile(path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	d.load(path, b)
	return nil
}

func (d *importDialog) load(path string, b []byte) {
	d.path, d.body = path, b
	d.file.SetText(filepath.Base(path))
	d.onLoad()
}

// refresh works out the preview off the window's thread: the trial run
// of a long file takes a moment.
func (d *importDialog) refresh() {
	if d.body == nil {
		return
	}
	d.run.Disable()
	d.current = preview{}
	d.generation++
	gen := d.generation
	d.summary.SetText("Reading " + filepath.Base(d.path) + "…")
	body, s, plan := d.body, d.ui.store, d.plan
	go func() {
		p, err := plan(context.Background(), s, bytes.NewReader(body))
		d.ui.fromBackground(func() {
			if gen == d.generation {
				d.show(p, err)
			}
		})
	}()
}

func (d *importDialog) show(p preview, err error) {
	defer func() { d.shown.Add(1) }()
	defer d.issueScroll.Refresh() // the problems shown changed, and with them their height
	d.current = p
	if err != nil {
		d.current = preview{}
		d.rows = nil
		d.table.table.Refresh()
		d.summary.SetText("")
		d.notes.SetText("")
		d.issues.SetText(err.Error())
		return
	}
	d.rows = p.rows
	d.table.table.Refresh()
	var b strings.Builder
	switch len(p.problems) {
	case 0:
	case 1:
		b.WriteString("Nothing can be imported until this problem is fixed in the file:\n")
	default:
		fmt.Fprintf(&b, "Nothing can be imported until these %d problems are fixed in the file:\n", len(p.problems))
	}
	for _, pr := range p.problems {
		b.WriteString("• " + importUpperFirst(pr.String()) + "\n")
	}
	issues := strings.TrimSpace(b.String())
	if d.failed != "" {
		issues = strings.TrimSpace(d.failed + "\nThe preview above is made again from the records as they are now.\n" + issues)
		d.failed = ""
	}
	d.issues.SetText(issues)
	var n strings.Builder
	for _, note := range p.notes {
		n.WriteString("Note: " + note + "\n")
	}
	d.notes.SetText(strings.TrimSpace(n.String()))
	d.summary.SetText(p.summary)
	if len(p.problems) == 0 && len(p.rows) > 0 && p.apply != nil {
		d.run.Enable()
	}
}

func (d *importDialog) doImport() {
	apply := d.current.apply
	if apply == nil {
		return
	}
	d.run.Disable() // one import at a time: a second tap does nothing
	s := d.ui.store
	var msg string
	started := d.ui.withProgress("import", "the import", "Importing "+filepath.Base(d.path), func(ctx context.Context) error {
		var err error
		msg, err = apply(ctx, s)
		return err
	}, func(err error) {
		defer func() { d.finished.Add(1) }()
		if err != nil {
			// The records may have changed since the preview (that
			// is one reason to refuse): preview again against them.
			d.failed = "Nothing was imported: " + err.Error()
			d.refresh()
			return
		}
		d.dlg.Hide()
		d.ui.afterImport(msg)
	})
	if !started {
		d.issues.SetText("Another import is still running; import this file once it has finished.")
		d.run.Enable()
	}
}

// afterImport shows the lists again with what was imported.
func (ui *App) afterImport(msg string) {
	if ui.clients != nil {
		ui.clients.refresh()
	}
	if ui.groups != nil {
		ui.groups.refresh()
	}
	if ui.shell.status != nil {
		ui.notify(msg)
	}
	showInformation(ui.win, "Import finished", msg)
}

// importUpperFirst capitalises a problem for a bullet list; the first
// letter may be any letter, such as the É of a column heading.
func importUpperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

var importActionLabels = map[csvio.Action]string{csvio.AddNew: "Add", csvio.UpdateOld: "Update", csvio.SkipRow: "Skip (already on file)",
	csvio.JoinsGroup: "Join group only"}

// showImportClients opens the client import: choose a file, choose how to
// read it, see what will happen, then import.
func (ui *App) showImportClients() {
	order := widget.NewRadioGroup([]string{"Month first (3/14/2026)", "Day first (14/3/2026)"}, nil)
	order.Horizontal = true
	order.SetSelected("Month first (3/14/2026)")
	dups := widget.NewRadioGroup([]string{"Skip them", "Update them from the file"}, nil)
	dups.Horizontal = true
	dups.SetSelected("Skip them")
	group := widget.NewSelectEntry(nil)
	group.PlaceHolder = "No group (optional)"
	gs, err := ui.store.ListGroups(context.Background(), false)
	if err != nil {
		ui.fail("The import could not list the groups", err)
		return
	}
	var groupNames []string
	for _, g := range gs {
		groupNames = append(groupNames, g.Name)
	}
	group.SetOptions(groupNames)
	form := widget.NewForm(widget.NewFormItem("Dates with slashes", order),
		widget.NewFormItem("Clients already on file", dups),
		widget.NewFormItem("Everyone joins group", group))
	d := ui.newImportDialog("Import clients", []string{"Line", "What happens", "Name", "Date of birth", "Record number", "Why"},
		[]float32{50, 150, 200, 115, 135, 210}, form)
	// The options are read on the window's thread, when the preview is
	// asked for; the plan runs with a copy.
	planWith := func(opt csvio.ClientOptions) func(ctx context.Context, s *data.Store, r io.Reader) (preview, error) {
		return func(ctx context.Context, s *data.Store, r io.Reader) (preview, error) {
			return planClients(ctx, s, r, opt)
		}
	}
	refresh := func() {
		o := csvio.ClientOptions{DateOrder: csvio.MonthFirst, OnDuplicate: csvio.SkipDuplicates, Group: group.Text,
			Source: filepath.Base(d.path)}
		if strings.HasPrefix(order.Selected, "Day") {
			o.DateOrder = csvio.DayFirst
		}
		if strings.HasPrefix(dups.Selected, "Update") {
			o.OnDuplicate = csvio.UpdateDuplicates
		}
		d.plan = planWith(o)
		d.refresh()
	}
	d.plan = planWith(csvio.ClientOptions{})
	d.onLoad = refresh
	d.duplicates = dups
	order.OnChanged = func(string) { refresh() }
	dups.OnChanged = func(string) { refresh() }
	group.OnChanged = func(string) { refresh() }
	d.dlg.Show()
}

// planClients is the client import's preview and the way to apply it.
func planClients(ctx context.Context, s *data.Store, r io.Reader, opt csvio.ClientOptions) (preview, error) {
	p, err := csvio.PlanClients(ctx, s, r, opt)
	if err != nil {
		return preview{}, err
	}
	plan := p
	group := opt.Group
	var pv preview
	refused := map[int]bool{}
	for _, pr := range p.Problems {
		refused[pr.Line] = true
	}
	for _, it := range p.Items {
		what := importActionLabels[it.Action]
		if refused[it.Line] {
			// A line with a problem is not imported, whatever it would do.
			what = "Not imported"
		}
		pv.rows = append(pv.rows, []string{fmt.Sprint(it.Line), what, it.Client.SortName(),
			it.Client.DOB.String(), it.Client.RecordNumber, it.Why})
	}
	pv.problems, pv.notes = p.Problems, p.Warnings
	pv.summary = fmt.Sprintf("%d new, %d to update, %d already on file.", p.Count(csvio.AddNew), p.Count(csvio.UpdateOld),
		p.Count(csvio.SkipRow)+p.Count(csvio.JoinsGroup))
	if g := strings.TrimSpace(group); g != "" {
		if p.GroupExists {
			pv.summary += " All of them join " + g + "."
		} else {
			pv.summary += " The group " + g + " will be created and all of them join it."
		}
	}
	pv.apply = func(ctx context.Context, s *data.Store) (string, error) {
		res, err := plan.Apply(ctx, s)
		if err != nil {
			return "", err
		}
		msg := fmt.Sprintf("Imported %d new clients and updated %d.", res.Created, res.Updated)
		if res.Joined > 0 {
			msg += fmt.Sprintf(" %d joined %s.", res.Joined, plan.Options.Group)
		}
		return msg, nil
	}
	return pv, nil
}

// showImportAttendance opens the import of a typed-up paper sheet for one
// group.
func (ui *App) showImportAttendance() {
	gs, err := ui.store.ListGroups(context.Background(), false)
	if err != nil {
		ui.fail("The import could not list the groups", err)
		return
	}
	ids := map[string]int64{}
	var names []string
	for _, g := range gs {
		ids[g.Name] = g.ID
		names = append(names, g.Name)
	}
	group := widget.NewSelect(names, nil)
	group.PlaceHolder = "Choose the group"
	order := widget.NewRadioGroup([]string{"Month first (3/14/2026)", "Day first (14/3/2026)"}, nil)
	order.Horizontal = true
	order.SetSelected("Month first (3/14/2026)")
	walkIns := &widget.Check{Text: "Add people not on the roster as walk-ins"}
	form := widget.NewForm(widget.NewFormItem("Group", group), widget.NewFormItem("Dates with slashes", order),
		widget.NewFormItem("", walkIns))
	d := ui.newImportDialog("Import attendance", []string{"Line", "Member", "Date", "Mark", "Adds"},
		[]float32{50, 240, 110, 140, 170}, form)
	refresh := func() {
		id, ok := ids[group.Selected]
		o := csvio.AttendanceOptions{GroupID: id, DateOrder: csvio.MonthFirst, Source: filepath.Base(d.path),
			AddWalkIns: walkIns.Checked}
		if strings.HasPrefix(order.Selected, "Day") {
			o.DateOrder = csvio.DayFirst
		}
		d.plan = func(ctx context.Context, s *data.Store, r io.Reader) (preview, error) {
			if !ok {
				return preview{}, fmt.Errorf("choose the group the sheet is for")
			}
			return planAttendance(ctx, s, r, o)
		}
		d.refresh()
	}
	d.onLoad = refresh
	d.groupSelect = group
	d.walkIns = walkIns
	group.OnChanged = func(string) { refresh() }
	walkIns.OnChanged = func(bool) { refresh() }
	order.OnChanged = func(string) { refresh() }
	d.dlg.Show()
}

// planAttendance is the attendance import's preview and the way to apply it.
func planAttendance(ctx context.Context, s *data.Store, r io.Reader, o csvio.AttendanceOptions) (preview, error) {
	p, err := csvio.PlanAttendance(ctx, s, r, o)
	if err != nil {
		return preview{}, err
	}
	plan := p
	var pv preview
	for _, it := range p.Items {
		pv.rows = append(pv.rows, []string{fmt.Sprint(it.Line), it.Client.SortName(), it.Day.String(), it.Status.Label(), it.Adds()})
	}
	pv.problems = p.Problems
	pv.summary = fmt.Sprintf("%d attendance marks for %s%s.", len(p.Items), p.Group.Name, walkInSummary(p))
	pv.apply = func(ctx context.Context, s *data.Store) (string, error) {
		n, err := plan.Apply(ctx, s)
		return fmt.Sprintf("Imported %d attendance marks for %s%s.", n, plan.Group.Name, walkInSummary(plan)), err
	}
	return pv, nil
}

// walkInSummary says how many people an attendance import adds to the
// group, or nothing when it adds nobody.
func walkInSummary(p *csvio.AttendancePlan) string {
	w := p.WalkIns()
	if w == 0 {
		return ""
	}
	people := "people"
	if w == 1 {
		people = "person"
	}
	out := fmt.Sprintf("; %d %s added as walk-ins", w, people)
	switch n := p.NewClients(); n {
	case 0:
	case 1:
		out += " (1 new client)"
	default:
		out += fmt.Sprintf(" (%d new clients)", n)
	}
	return out
}

// exportDialog writes records to a CSV file for a spreadsheet.
type exportDialog struct {
	ui       *App
	dlg      dialog.Dialog
	kind     *widget.Select
	group    *widget.Select
	from, to *textBox
	groups   map[string]int64
	problem  *widget.Label
}

var exportLabels = []string{"Clients", "Roster", "Sessions", "Attendance", "Notes"}

// showExport opens the export: what to export, for which group and dates,
// then where to save it.
func (ui *App) showExport() {
	d := &exportDialog{ui: ui, groups: map[string]int64{},
		problem: &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}}
	d.kind = widget.NewSelect(exportLabels, nil)
	d.kind.SetSelected("Clients")
	names := []string{"All groups"}
	gs, err := ui.store.ListGroups(context.Background(), true)
	if err != nil {
		ui.fail("The export could not list the groups", err)
		return
	}
	for _, g := range gs {
		d.groups[g.Name] = g.ID
		names = append(names, g.Name)
	}
	d.group = widget.NewSelect(names, nil)
	d.group.SetSelected("All groups")
	d.from, d.to = newTextBox("", ""), newTextBox("", "")
	d.from.PlaceHolder, d.to.PlaceHolder = "YYYY-MM-DD (optional)", "YYYY-MM-DD (optional)"
	form := widget.NewForm(widget.NewFormItem("Export", d.kind), widget.NewFormItem("Group", d.group),
		widget.NewFormItem("From", d.from), widget.NewFormItem("To", d.to))
	note := &widget.Label{Text: "The file opens in Excel, LibreOffice or Google Sheets with accents intact. It holds client " +
		"records: keep it somewhere private.", Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance}
	save := &widget.Button{Text: "Save…", Importance: widget.HighImportance, OnTapped: d.chooseFile}
	cancel := &widget.Button{Text: "Cancel", OnTapped: func() { d.dlg.Hide() }}
	d.dlg = newKeyedDialog(ui.win, "Export to a spreadsheet", container.NewVBox(form, note, d.problem), cancel, save)
	d.dlg.Resize(fyne.NewSize(520, 0))
	d.dlg.Show()
	ui.lastExport = d
}

// filter reads the dialog's choices; a date that does not read is named.
func (d *exportDialog) filter() (string, csvio.Filter, error) {
	var f csvio.Filter
	kind := strings.ToLower(d.kind.Selected)
	f.GroupID = d.groups[d.group.Selected]
	var err error
	if f.From, err = data.ParseDate(d.from.Text); err != nil {
		return kind, f, fmt.Errorf("From: %v", err)
	}
	if f.To, err = data.ParseDate(d.to.Text); err != nil {
		return kind, f, fmt.Errorf("To: %v", err)
	}
	if !f.From.IsZero() && !f.To.IsZero() && f.To.Before(f.From) {
		return kind, f, fmt.Errorf("the To date %s is before the From date %s", f.To, f.From)
	}
	return kind, f, nil
}

func (d *exportDialog) chooseFile() {
	kind, _, err := d.filter()
	if err != nil {
		d.problem.SetText(err.Error())
		return
	}
	d.problem.SetText("")
	d.ui.askSavePath(kind+"-"+data.Today().String()+".csv", ".csv", d.save)
}

// save writes the export to path off the window's thread.
func (d *exportDialog) save(path string) {
	kind, f, err := d.filter()
	if err != nil {
		d.problem.SetText(err.Error())
		return
	}
	d.dlg.Hide()
	s := d.ui.store
	d.ui.writeInBackground("Exporting "+kind, path, func(w io.Writer) error {
		return csvio.Export(context.Background(), s, kind, f, w)
	}, func(err error) {
		if err != nil {
			d.ui.showError(fmt.Errorf("could not export %s: %w", kind, err))
			return
		}
		if d.ui.shell.status != nil {
			d.ui.notify("Exported " + kind + " to " + filepath.Base(path))
		}
	})
}
