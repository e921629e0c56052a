package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// chartIconSVG is three bars on a base line, in the theme's icon colour.
const chartIconSVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">` +
	`<path fill="#000000" d="M3 19h18v2H3z M5 11h3v7H5z M10.5 6h3v12h-3z M16 13h3v5h-3z"/></svg>`

// chartIcon marks the tabs that hold charts.
func chartIcon() fyne.Resource {
	return theme.NewThemedResource(fyne.NewStaticResource("chart.svg", []byte(chartIconSVG)))
}
