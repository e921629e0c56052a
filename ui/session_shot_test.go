package ui

import (
	"context"
	"image/color"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"groupwork/data"
)

// variantTheme is the stock theme held to light or dark, for screenshots.
type variantTheme struct {
	fyne.Theme
	v fyne.ThemeVariant
}

func (t variantTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, t.v)
}

// copySessionDB copies a demo database so the original is never changed.
func copySessionDB(t testing.TB, src string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "copy.db")
	in, err := os.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
	return dst
}

// TestSessionScreenshots draws the session page from a copy of a demo
// database, in light and dark, at the two screen sizes that matter. It
// runs when GROUPWORK_SCREENSHOT_DB names the database; the pictures go to
// GROUPWORK_SCREENSHOT_DIR (default: the test's temporary folder).
func TestSessionScreenshots(t *testing.T) {
	src := os.Getenv("GROUPWORK_SCREENSHOT_DB")
	if src == "" {
		t.Skip("GROUPWORK_SCREENSHOT_DB is not set")
	}
	dir := os.Getenv("GROUPWORK_SCREENSHOT_DIR")
	if dir == "" {
		dir = t.TempDir()
	}
	id, _ := strconv.ParseInt(os.Getenv("GROUPWORK_SCREENSHOT_SESSION"), 10, 64)
	if id == 0 {
		id = 21
	}
	ctx := context.Background()
	s, err := data.Open(ctx, copySessionDB(t, src))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, shot := range []struct {
		name string
		v    fyne.ThemeVariant
		size fyne.Size
		id   int64
		show func(*sessionScreen)
	}{
		{"session-light-1280", theme.VariantLight, fyne.NewSize(1280, 800), id, nil},
		{"session-dark-1366", theme.VariantDark, fyne.NewSize(1366, 768), id, nil},
		{"session-member-note", theme.VariantLight, fyne.NewSize(1280, 800), id, func(scr *sessionScreen) {
			scr.notes.open(scr.notes.attending[1].ClientID)
		}},
		{"session-signed-dark", theme.VariantDark, fyne.NewSize(1366, 768), id - 1, func(scr *sessionScreen) {
			g := scr.notes.group
			g.addText.SetText("Correction: the check-in round was led by a member, not the facilitators.")
			g.askAddendum()
			signWith(t, g.signer, "the lead's passphrase")
			scr.notes.group.view.(interface{ Refresh() }).Refresh()
		}},
		{"session-note-long-light-1366", theme.VariantLight, fyne.NewSize(1366, 768), id, func(scr *sessionScreen) {
			g := scr.notes.group
			para := "Members spoke about the first weeks after a loss, what helped and what did not. "
			g.entries["data"].SetText(para + para + para + "\n\n" + para + para)
		}},
		{"session-did-not-meet", theme.VariantLight, fyne.NewSize(1280, 800), 70, nil},
		{"session-details", theme.VariantDark, fyne.NewSize(1366, 768), id, func(scr *sessionScreen) {
			scr.attendance.openDetails(1)
		}},
		{"session-sign", theme.VariantLight, fyne.NewSize(1280, 800), id, func(scr *sessionScreen) {
			scr.notes.group.askSign()
		}},
		{"session-walk-in-new-dark", theme.VariantDark, fyne.NewSize(1366, 768), id, func(scr *sessionScreen) {
			scr.attendance.openWalkIn()
			scr.attendance.walkInForm.tabs.SelectIndex(1)
		}},
		{"session-walk-in", theme.VariantLight, fyne.NewSize(1280, 800), id, func(scr *sessionScreen) {
			scr.attendance.openWalkIn()
			test.Type(scr.attendance.walkInForm.search, "a")
		}},
	} {
		a := test.NewTempApp(t)
		a.Settings().SetTheme(variantTheme{newTheme(), shot.v})
		w := test.NewTempWindow(t, nil)
		w.Resize(shot.size)
		ui := New(a, w, s)
		closeOverlays(w)
		lead, _ := s.GetStaff(ctx, 1)
		ui.setStaff(lead)
		ui.showSession(shot.id)
		scr := ui.shell.session
		scr.attendance.list.focus()
		if shot.show != nil {
			shot.show(scr)
		}
		writeSessionPNG(t, filepath.Join(dir, shot.name+".png"), w)
	}
}

func writeSessionPNG(t *testing.T, path string, w fyne.Window) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, w.Canvas().Capture()); err != nil {
		t.Fatal(err)
	}
	t.Log("wrote", path)
}
