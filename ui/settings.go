package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"groupwork/data"
	"groupwork/internal/datefmt"
)

// settingsScreen holds the agency's details, print and note defaults, and
// the staff list.
type settingsScreen struct {
	ui         *App
	settings   data.Settings
	name       *textBox
	address    *textBox
	paper      *widget.RadioGroup
	format     *widget.Select
	locale     *widget.Select // the agency's language and region
	localeHint *widget.Label
	form       *fieldForm
	save       *widget.Button
	saved      *widget.Label

	staff      []data.Staff
	staffTable *dataTable
	selected   int
	addBtn     *widget.Button
	editBtn    *widget.Button
	activeBtn  *widget.Button
	staffDlg   *staffDialog
	// team is who is signed in and what administrators do, on an office
	// database; nil on a file.
	team     *teamPart
	measures *measuresPart
	tabs     *container.AppTabs
	view     fyne.CanvasObject
}

var paperOptions = []string{"Letter", "A4"}

func newSettingsScreen(ui *App) *settingsScreen {
	s := &settingsScreen{ui: ui, form: newFieldForm(), selected: -1}
	st, loadErr := ui.store.Settings(context.Background())
	if loadErr != nil {
		ui.fail("The settings could not be loaded", loadErr)
	}
	s.settings = st
	s.name = newEntry("", "Your agency's name, printed on every page")
	s.address = newEntry("", "Street, town, phone")
	s.address.MultiLine, s.address.Wrapping = true, fyne.TextWrapWord
	s.address.SetMinRowsVisible(3)
	s.paper = widget.NewRadioGroup(paperOptions, nil)
	s.paper.Horizontal, s.paper.Required = true, true
	s.format = widget.NewSelect(labels(data.NoteFormats), nil)
	var places []string
	for _, l := range data.Locales {
		places = append(places, l.Name)
	}
	s.locale = widget.NewSelect(places, nil)
	s.fill(st)
	s.form.add("agency_name", "Agency", s.name)
	s.form.add("agency_address", "Address", s.address)
	s.form.add("paper_size", "Paper", s.paper)
	s.form.add("default_note_format", "New groups' notes", s.format)
	s.form.add("locale", "Language and region", s.locale)
	s.localeHint = &widget.Label{Importance: widget.LowImportance, Wrapping: fyne.TextWrapWord}
	s.form.add("locale_hint", "", s.localeHint)
	s.locale.OnChanged = func(string) { s.showLocaleHint() }
	s.showLocaleHint()
	s.save = &widget.Button{Text: "Save settings", Icon: theme.DocumentSaveIcon(), Importance: widget.HighImportance, OnTapped: s.onSave}
	s.form.confirm = s.save
	s.saved = &widget.Label{Importance: widget.SuccessImportance}
	if loadErr != nil {
		// Saving the blank form would wipe the agency's details.
		s.save.Disable()
	}

	headers, widths := []string{"Name", "Credentials", "Status"}, []float32{260, 140, 110}
	if ui.office() {
		s.team = newTeamPart(s)
		headers, widths = append(headers, "Role"), append(widths, 130)
	}
	s.staffTable = newDataTable(headers, widths,
		func() int { return len(s.staff) }, func(r, c int) string {
			x := s.staff[r]
			switch c {
			case 3:
				if s.team.admins[x.ID] {
					return "Administrator"
				}
				return ""
			case 0:
				return x.Name
			case 1:
				return x.Credentials
			case 2:
				if x.Active {
					return "Active"
				}
				return "Inactive"
			}
			return ""
		})
	s.staffTable.table.OnSelected = func(id widget.TableCellID) { s.selected = id.Row; s.updateButtons() }
	s.addBtn = &widget.Button{Text: "Add staff", Icon: theme.ContentAddIcon(), OnTapped: s.addStaff}
	s.editBtn = &widget.Button{Text: "Edit", Icon: theme.DocumentCreateIcon(), OnTapped: s.editStaff}
	s.activeBtn = &widget.Button{Text: "Deactivate", OnTapped: s.toggleActive}
	s.loadStaff()

	agency := container.NewVBox(heading("Settings"), s.form.contentWith(container.NewHBox(s.save, s.saved)))
	buttons := container.NewHBox(s.editBtn, s.activeBtn, s.addBtn)
	staffBar := container.NewBorder(nil, nil, &widget.Label{Text: "Staff", TextStyle: fyne.TextStyle{Bold: true}}, buttons)
	hint := &widget.Label{Wrapping: fyne.TextWrapWord, Text: "Staff facilitate groups and sign notes. " +
		"Deactivated staff keep their signatures but no longer appear in pickers."}
	top := container.NewVBox(staffBar, hint)
	if s.team != nil {
		buttons.Objects = []fyne.CanvasObject{s.team.resetBtn, s.team.adminBtn, s.editBtn, s.activeBtn, s.addBtn}
		top = container.NewVBox(s.team.view, staffBar, hint, s.team.note)
	}
	staffPart := container.NewBorder(top, nil, nil, nil, s.staffTable.view())
	s.measures = newMeasuresPart(s)
	s.tabs = container.NewAppTabs(
		container.NewTabItem("Agency and staff", container.NewBorder(fixedMaxWidth(agency, 760), nil, nil, nil, fixedMaxWidth(staffPart, 760))),
		container.NewTabItem("Measures", s.measures.view))
	s.view = s.tabs
	return s
}

func (s *settingsScreen) onSave() {
	s.form.clear()
	s.saved.SetText("")
	st := s.settings
	st.AgencyName = strings.TrimSpace(s.name.Text)
	st.AgencyAddress = strings.TrimSpace(s.address.Text)
	st.PaperSize = data.Letter
	if s.paper.Selected == "A4" {
		st.PaperSize = data.A4
	}
	st.DefaultNoteFormat = data.NoteFormats[max(0, s.format.SelectedIndex())]
	if i := s.locale.SelectedIndex(); i >= 0 {
		st.Locale = data.Locales[i].Tag
	}
	// s.settings are as the screen read them: a setting saved elsewhere
	// since is kept where this person changed nothing.
	saved, err := s.ui.store.SaveSettings(context.Background(), s.settings, st)
	if err != nil {
		s.settings = data.Rebase(s.settings, err)
		if !s.form.show(err) {
			s.ui.showError(fmt.Errorf("the settings were not saved: %w", err))
		}
		return
	}
	s.settings = saved
	s.fill(saved)
	s.ui.datesChanged()
	s.saved.SetText("Saved.")
	s.guard()
}

// fill shows the settings in the screen's fields.
func (s *settingsScreen) fill(st data.Settings) {
	s.name.SetText(st.AgencyName)
	s.address.SetText(st.AgencyAddress)
	if st.PaperSize == data.A4 {
		s.paper.SetSelected("A4")
	} else {
		s.paper.SetSelected("Letter")
	}
	s.format.SetSelectedIndex(max(0, indexOf(data.NoteFormats, st.DefaultNoteFormat)))
	s.locale.SetSelected(data.LocaleName(st.Region()))
}

// showLocaleHint says what the locale chosen changes, with today's date
// as it would be written.
func (s *settingsScreen) showLocaleHint() {
	i := s.locale.SelectedIndex()
	if i < 0 {
		s.localeHint.SetText("")
		return
	}
	ds := datefmt.For(data.Locales[i].Tag)
	today := data.Today()
	s.localeHint.SetText("Dates read " + ds.Day(today) + " on screen and " + ds.Paper(today) +
		" on paper; names are sorted in this language's alphabetical order.")
}

func (s *settingsScreen) guard() {
	s.ui.guardForm("the settings", s.name, s.address, s.paper, s.format, s.locale)
}

func (s *settingsScreen) loadStaff() {
	staff, err := s.ui.store.ListStaff(context.Background(), true)
	if err != nil {
		s.ui.fail("The staff list could not be loaded", err)
		return
	}
	s.staff, s.selected = staff, -1
	if s.team != nil {
		s.team.load()
	}
	s.staffTable.table.UnselectAll()
	s.staffTable.table.Refresh()
	s.updateButtons()
}

func (s *settingsScreen) updateButtons() {
	ok := s.selected >= 0 && s.selected < len(s.staff)
	setEnabled(s.editBtn, ok)
	setEnabled(s.activeBtn, ok)
	if ok && !s.staff[s.selected].Active {
		s.activeBtn.SetText("Reactivate")
	} else {
		s.activeBtn.SetText("Deactivate")
	}
	if s.team != nil {
		s.team.updateButtons(ok)
	}
}

// staffFailed says why a change to the staff list was not made.
func (s *settingsScreen) staffFailed(what string, err error) {
	if errors.Is(err, data.ErrNotAdmin) {
		s.ui.showError(fmt.Errorf("%s: %s", what, teamMessage(err)))
		return
	}
	s.ui.fail(what, err)
}

// staffDialog adds or edits one staff member.
type staffDialog struct {
	name, creds *textBox
	form        *fieldForm
	ok          *widget.Button
	dlg         dialog.Dialog
}

func (s *settingsScreen) addStaff() { s.staffForm(data.Staff{Active: true}) }

func (s *settingsScreen) editStaff() {
	if s.selected >= 0 && s.selected < len(s.staff) {
		s.staffForm(s.staff[s.selected])
	}
}

func (s *settingsScreen) staffForm(st data.Staff) {
	d := &staffDialog{form: newFieldForm()}
	d.name = newEntry(st.Name, "Full name")
	d.creds = newEntry(st.Credentials, "e.g. LCSW, MSW (optional)")
	d.form.add("name", "Name", d.name)
	d.form.add("credentials", "Credentials", d.creds)
	read := st // as the dialog opened, so a change saved since is kept
	d.ok = &widget.Button{Text: "Save", Importance: widget.HighImportance, OnTapped: func() {
		d.form.clear()
		st.Name, st.Credentials = strings.TrimSpace(d.name.Text), strings.TrimSpace(d.creds.Text)
		var err error
		if st.ID == 0 {
			_, err = s.ui.store.CreateStaff(context.Background(), st)
		} else {
			var saved data.Staff
			if saved, err = s.ui.store.UpdateStaff(context.Background(), read, st); err == nil {
				st = saved
			}
			read = data.Rebase(read, err)
		}
		if err != nil {
			if !d.form.show(err) {
				s.staffFailed("The staff member could not be saved", err)
			}
			return
		}
		d.dlg.Hide()
		s.staffDlg = nil
		if st.ID == s.ui.staff.ID && st.ID != 0 {
			s.ui.setStaff(st)
		}
		s.loadStaff()
	}}
	cancel := &widget.Button{Text: "Cancel", OnTapped: func() { d.dlg.Hide(); s.staffDlg = nil }}
	title := "Add a staff member"
	if st.ID != 0 {
		title = "Edit " + st.Name
	}
	d.dlg = newKeyedDialog(s.ui.win, title, fixedWidth(d.form.content(), 440), cancel, d.ok)
	s.staffDlg = d
	d.dlg.Show()
	s.ui.win.Canvas().Focus(d.name)
}

func (s *settingsScreen) toggleActive() {
	if s.selected < 0 || s.selected >= len(s.staff) {
		return
	}
	st := s.staff[s.selected]
	apply := func() {
		changed := st
		changed.Active = !st.Active
		if _, err := s.ui.store.UpdateStaff(context.Background(), st, changed); err != nil {
			s.staffFailed("The staff member could not be changed", err)
			return
		}
		s.loadStaff()
	}
	if !st.Active {
		apply()
		return
	}
	showConfirm(s.ui.win, "Deactivate "+st.Name+"?", st.Name+" will no longer be offered as a facilitator or signer.\n"+
		"Notes they signed keep their name. You can reactivate them later.", func(ok bool) {
		if ok {
			apply()
		}
	})
}
