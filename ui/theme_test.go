package ui

import (
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// luminance is WCAG 2's relative luminance of an opaque colour.
func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		s := float64(v) / 0xffff
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// Every colour the screens draw text or a control's edge in reaches WCAG
// AA on the backgrounds it is drawn on, in both variants.
func TestThemeContrastMeetsWCAGAA(t *testing.T) {
	th := newTheme()
	type pair struct {
		fg, bg fyne.ThemeColorName
		min    float64
	}
	var pairs []pair
	for _, bg := range []fyne.ThemeColorName{theme.ColorNameBackground, theme.ColorNameInputBackground, theme.ColorNameOverlayBackground} {
		for _, fg := range []fyne.ThemeColorName{theme.ColorNameForeground, theme.ColorNameDisabled, theme.ColorNamePlaceHolder,
			theme.ColorNameSuccess, theme.ColorNameError, theme.ColorNameWarning, theme.ColorNameHyperlink} {
			pairs = append(pairs, pair{fg, bg, 4.5})
		}
		// Edges of boxes and checkboxes, and the selected tab's text and
		// underline (bold, and a control).
		pairs = append(pairs, pair{theme.ColorNameInputBorder, bg, 3}, pair{theme.ColorNamePrimary, bg, 3})
	}
	// Text on filled buttons and marks (Sign note, Present, Absent).
	pairs = append(pairs,
		pair{theme.ColorNameForegroundOnPrimary, theme.ColorNamePrimary, 4.5},
		pair{theme.ColorNameForegroundOnSuccess, theme.ColorNameSuccess, 4.5},
		pair{theme.ColorNameForegroundOnError, theme.ColorNameError, 4.5},
		pair{theme.ColorNameForegroundOnWarning, theme.ColorNameWarning, 4.5},
		pair{theme.ColorNameForeground, theme.ColorNameButton, 4.5})
	for _, v := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		name := map[fyne.ThemeVariant]string{theme.VariantLight: "light", theme.VariantDark: "dark"}[v]
		for _, p := range pairs {
			if got := contrast(th.Color(p.fg, v), th.Color(p.bg, v)); got < p.min {
				t.Errorf("%s theme: %s on %s is %.2f:1, want at least %.1f:1", name, p.fg, p.bg, got, p.min)
			}
		}
		// Low-key text is still told from ordinary text.
		if contrast(th.Color(theme.ColorNameDisabled, v), th.Color(theme.ColorNameForeground, v)) < 1.3 {
			t.Errorf("%s theme: hints look the same as text", name)
		}
	}
}
