package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// agencyTheme is Fyne's own theme with the colours that fall short of
// WCAG AA replaced: 4.5:1 for text (hints, "Saved 15:04", the green and
// red of statuses, placeholders) and 3:1 for the edges of controls (an
// unticked box was 1.2:1 in the dark theme and hardly looked tickable).
// theme_test.go checks every pair the screens use.
type agencyTheme struct{ fyne.Theme }

func newTheme() fyne.Theme { return agencyTheme{theme.DefaultTheme()} }

func (t agencyTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	fixes := lightFixes
	if v == theme.VariantDark {
		fixes = darkFixes
	}
	if c, ok := fixes[n]; ok {
		return c
	}
	return t.Theme.Color(n, v)
}

func rgb(hex uint32) color.Color {
	return color.NRGBA{R: uint8(hex >> 16), G: uint8(hex >> 8), B: uint8(hex), A: 0xff}
}

// The replacements, by variant. Each stays the hue Fyne chose, darker on
// light backgrounds and lighter on dark ones; Disabled is what low-key
// text is drawn in, so it is a readable grey, still paler than the text.
var (
	lightFixes = map[fyne.ThemeColorName]color.Color{
		theme.ColorNameDisabled:    rgb(0x6e6e6e),
		theme.ColorNamePlaceHolder: rgb(0x6e6e6e),
		theme.ColorNameInputBorder: rgb(0x8a8a8a),
		theme.ColorNamePrimary:     rgb(0x1f5fd6),
		theme.ColorNameHyperlink:   rgb(0x1f5fd6),
		theme.ColorNameSuccess:     rgb(0x2e7d32),
		theme.ColorNameError:       rgb(0xc62828),
		theme.ColorNameWarning:     rgb(0xa8520a),
	}
	darkFixes = map[fyne.ThemeColorName]color.Color{
		theme.ColorNameDisabled:    rgb(0x969698),
		theme.ColorNameInputBorder: rgb(0x7c7c80),
		theme.ColorNameHyperlink:   rgb(0x7aa5ff),
		theme.ColorNamePrimary:     rgb(0x2563eb),
		theme.ColorNameError:       rgb(0xf6685e),
	}
)
