package ui

import (
	"context"

	"groupwork/data"
	"groupwork/internal/datefmt"
)

// dates is how the agency writes dates on screen, from its locale (see
// Settings). It is read once for the database open, and again when the
// settings are saved.
func (ui *App) dates() datefmt.Style {
	if ui.dateStyle == nil || ui.dateStore != ui.store {
		st := data.DefaultSettings()
		if ui.store != nil {
			if read, err := ui.store.Settings(context.Background()); err == nil {
				st = read
			}
		}
		style := datefmt.For(st.Region())
		ui.dateStyle, ui.dateStore = &style, ui.store
	}
	return *ui.dateStyle
}

// datesChanged has dates read the agency's locale again.
func (ui *App) datesChanged() { ui.dateStyle = nil }
