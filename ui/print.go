package ui

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"groupwork/data"
	"groupwork/internal/printout"
)

// Fyne has no print API: a page is rendered to a PDF that the system
// viewer opens, and the person prints from there.

// printJob is one printable document.
type printJob struct {
	title    string // what the dialog says is being printed
	filename string // suggested name for Save as PDF
	render   func(ctx context.Context, s *data.Store, w io.Writer) error
}

// systemViewer hands a file to the system viewer.
func (ui *App) systemViewer(path string) error {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // C:/x must become file:///C:/x
	}
	return ui.fyne.OpenURL(&url.URL{Scheme: "file", Path: p})
}

// printSignIn offers a group's sign-in sheet for a day, with the sheet's
// options.
func (ui *App) printSignIn(groupID int64, day data.Date) {
	ctx := context.Background()
	g, err := ui.store.GetGroup(ctx, groupID)
	if err != nil {
		ui.showError(err)
		return
	}
	settings, err := ui.store.Settings(ctx)
	if err != nil {
		ui.showError(err)
		return
	}
	paper := widget.NewRadioGroup([]string{"Letter", "A4"}, nil)
	paper.Horizontal = true
	paper.SetSelected(map[string]string{data.A4: "A4"}[settings.PaperSize])
	if paper.Selected == "" {
		paper.SetSelected("Letter")
	}
	blank := newTextBox("", "")
	blank.SetText(strconv.Itoa(settings.BlankRows))
	timeIn := widget.NewCheck("Column for the time of arrival", nil)
	timeIn.SetChecked(true)
	initials := widget.NewCheck("First names and last initials only (for a sheet left at the front desk)", nil)
	form := widget.NewForm(widget.NewFormItem("Paper", paper), widget.NewFormItem("Blank rows for walk-ins", blank),
		widget.NewFormItem("", timeIn), widget.NewFormItem("", initials))
	job := func() (printJob, error) {
		n, err := strconv.Atoi(strings.TrimSpace(blank.Text))
		if err != nil || n < 0 || n > 50 {
			return printJob{}, fmt.Errorf("blank rows must be a number from 0 to 50, not %q", blank.Text)
		}
		opt := printout.SignInOptions{Paper: strings.ToLower(paper.Selected), BlankRows: n, TimeIn: timeIn.Checked,
			Initials: initials.Checked}
		return printJob{title: "Sign-in sheet: " + g.Name + ", " + ui.dates().Day(day),
			filename: fileName("sign-in", g.Name, day.String()),
			render: func(ctx context.Context, s *data.Store, w io.Writer) error {
				return printout.SignIn(ctx, s, groupID, day, opt, w)
			}}, nil
	}
	ui.showPrintDialog("Sign-in sheet: "+g.Name+", "+ui.dates().Day(day), form, job)
}

// printAttendance offers a group's attendance record for a range.
func (ui *App) printAttendance(groupID int64, from, to data.Date) {
	g, err := ui.store.GetGroup(context.Background(), groupID)
	if err != nil {
		ui.showError(err)
		return
	}
	title := "Attendance record: " + g.Name + ", " + ui.dates().Date(from) + " to " + ui.dates().Date(to)
	ui.showPrintDialog(title, nil, fixedJob(printJob{title: title,
		filename: fileName("attendance", g.Name, from.String(), to.String()),
		render: func(ctx context.Context, s *data.Store, w io.Writer) error {
			return printout.Attendance(ctx, s, groupID, from, to, w)
		}}))
}

// printNotes offers the paper-chart copy of a session's notes.
func (ui *App) printNotes(sessionID int64) {
	ctx := context.Background()
	x, err := ui.store.GetSession(ctx, sessionID)
	if err != nil {
		ui.showError(err)
		return
	}
	g, err := ui.store.GetGroup(ctx, x.GroupID)
	if err != nil {
		ui.showError(err)
		return
	}
	title := "Session notes: " + g.Name + ", " + ui.dates().Day(x.Date)
	ui.showPrintDialog(title, nil, fixedJob(printJob{title: title,
		filename: fileName("notes", g.Name, x.Date.String()),
		render: func(ctx context.Context, s *data.Store, w io.Writer) error {
			return printout.Notes(ctx, s, sessionID, w)
		}}))
}

// printSummary offers the funders' summary for a range.
func (ui *App) printSummary(from, to data.Date) {
	title := "Summary report: " + ui.dates().Date(from) + " to " + ui.dates().Date(to)
	ui.showPrintDialog(title, nil, fixedJob(printJob{title: title,
		filename: fileName("summary", from.String(), to.String()),
		render: func(ctx context.Context, s *data.Store, w io.Writer) error {
			return printout.Summary(ctx, s, from, to, w)
		}}))
}

func fixedJob(j printJob) func() (printJob, error) { return func() (printJob, error) { return j, nil } }

// fileName is a suggested file name made of the parts, safe on every
// system: "sign-in-grief-and-loss-2026-03-03.pdf".
func fileName(parts ...string) string {
	var b strings.Builder
	for _, p := range parts {
		for _, r := range strings.ToLower(p) {
			switch {
			case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r > 127 && r != 0xFFFD:
				b.WriteRune(r)
			default:
				if s := b.String(); s != "" && !strings.HasSuffix(s, "-") {
					b.WriteRune('-')
				}
			}
		}
		if s := b.String(); s != "" && !strings.HasSuffix(s, "-") {
			b.WriteRune('-')
		}
	}
	return strings.TrimSuffix(b.String(), "-") + ".pdf"
}

// printDialog is a print dialog: options, Print and Save as PDF.
type printDialog struct {
	dlg   dialog.Dialog
	print *widget.Button
	save  *widget.Button
	job   func() (printJob, error)
}

func (ui *App) showPrintDialog(title string, options fyne.CanvasObject, job func() (printJob, error)) *printDialog {
	pd := &printDialog{job: job}
	content := container.NewVBox(&widget.Label{Text: title, TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord})
	if options != nil {
		content.Add(options)
	}
	content.Add(&widget.Label{Text: "Print opens the PDF in your PDF viewer; print from there.", Importance: widget.LowImportance,
		Wrapping: fyne.TextWrapWord})
	pd.print = &widget.Button{Text: "Print", Importance: widget.HighImportance, OnTapped: func() {
		j, err := pd.job()
		if err != nil {
			ui.showError(err)
			return
		}
		pd.dlg.Hide()
		ui.printToViewer(j)
	}}
	pd.save = &widget.Button{Text: "Save as PDF…", OnTapped: func() {
		j, err := pd.job()
		if err != nil {
			ui.showError(err)
			return
		}
		pd.dlg.Hide()
		ui.chooseSavePath(j)
	}}
	cancel := &widget.Button{Text: "Cancel", OnTapped: func() { pd.dlg.Hide() }}
	pd.dlg = newKeyedDialog(ui.win, "Print", content, cancel, pd.print, pd.save)
	pd.dlg.Resize(fyne.NewSize(520, 0))
	pd.dlg.Show()
	ui.lastPrintDialog = pd
	return pd
}

// printToViewer renders into the private print folder and opens the file.
func (ui *App) printToViewer(j printJob) {
	dir, err := printFolder()
	if err != nil {
		ui.showError(fmt.Errorf("cannot make a folder for printing: %w", err))
		return
	}
	path := filepath.Join(dir, j.filename)
	ui.renderInBackground(j, path, func() {
		if err := ui.openInViewer(path); err != nil {
			ui.noViewer(j, path)
		}
	})
}

// noViewer says in plain words that nothing on this computer opens PDFs,
// and offers what still works: saving the PDF where the person chooses,
// or opening the folder it is in.
func (ui *App) noViewer(j printJob, path string) {
	msg := &widget.Label{Wrapping: fyne.TextWrapWord, Text: "No program for PDF files was found on this computer, so " + j.title +
		" could not be opened for printing. Save it as a PDF and print it from another computer, or install a PDF viewer " +
		"(for example your web browser, or Adobe Acrobat Reader) and print again."}
	where := &widget.Label{Wrapping: fyne.TextWrapBreak, Importance: widget.LowImportance, Text: "It is ready in " + path}
	var d *dialog.CustomDialog
	save := &widget.Button{Text: "Save as PDF…", Importance: widget.HighImportance, OnTapped: func() {
		d.Hide()
		ui.chooseSavePath(j)
	}}
	folder := &widget.Button{Text: "Open the folder", OnTapped: func() {
		if err := ui.openInViewer(filepath.Dir(path)); err != nil {
			where.SetText("The folder could not be opened either; it is " + filepath.Dir(path))
		}
	}}
	closeBtn := &widget.Button{Text: "Close", OnTapped: func() { d.Hide() }}
	d = newKeyedDialog(ui.win, "No PDF viewer found", container.NewVBox(msg, where), closeBtn, save, folder)
	d.Resize(fyne.NewSize(560, d.MinSize().Height))
	d.Show()
}

// chooseSavePath asks where to save, then saves there.
func (ui *App) chooseSavePath(j printJob) {
	ui.askSavePath(j.filename, ".pdf", func(path string) { ui.savePDF(j, path) })
}

// savePDF renders j into path.
func (ui *App) savePDF(j printJob, path string) {
	ui.renderInBackground(j, path, func() {
		showInformation(ui.win, "Saved", j.title+" is saved as "+path+".")
	})
}

// renderInBackground draws the PDF with a progress indicator, then calls
// done on the UI goroutine.
func (ui *App) renderInBackground(j printJob, path string, done func()) {
	s := ui.store
	ui.writeInBackground("Preparing "+j.title, path, func(w io.Writer) error {
		return j.render(context.Background(), s, w)
	}, func(err error) {
		if err != nil {
			ui.showError(fmt.Errorf("could not make %s: %w", j.title, err))
			return
		}
		done()
	})
}

// writeInBackground writes a file off the UI goroutine, behind a progress
// dialog titled title, then calls done with the outcome on the UI
// goroutine. render must not touch the UI.
func (ui *App) writeInBackground(title, path string, render func(w io.Writer) error, done func(error)) {
	bar := widget.NewProgressBarInfinite()
	progress := dialog.NewCustomWithoutButtons(title, bar, ui.win)
	progress.Show()
	go func() {
		err := printout.WriteFile(path, render)
		ui.fromBackground(func() {
			defer ui.printsFinished.Add(1)
			bar.Stop()
			progress.Hide()
			done(err)
		})
	}()
}

// printFolderPath is where PDFs wait for the viewer: a folder of the
// app's in the user's cache folder, readable by them only, not the shared
// temporary folder where printed client names would linger.
func printFolderPath() (string, error) {
	base, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(base, "groupwork", "print"), nil
}

// printFolder makes the print folder private and returns it.
func printFolder() (string, error) {
	dir, err := printFolderPath()
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	return dir, os.Chmod(dir, 0o700)
}

// emptyPrintFolder removes what was printed, on start and on quit: a PDF
// the viewer has open stays where it is until the next time.
func emptyPrintFolder() {
	dir, err := printFolderPath()
	if err != nil {
		return
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		_ = os.Remove(filepath.Join(dir, e.Name()))
	}
}
