package csvio

import (
	"io"

	"groupwork/data"
	"groupwork/internal/printout"
)

// WriteSummary writes the funders' summary: one line per group and a total
// line, with the same columns as the printed report; then, after a blank
// line, the outcome figures per group and measure.
func WriteSummary(w io.Writer, sum data.Summary) error {
	cw := NewWriter(w)
	cw.Raw(append([]string{"Group", "From", "To"}, printout.SummaryColumns...)...)
	line := func(name string, f data.Figures) {
		cells := []Cell{T(name), N(sum.From.String()), N(sum.To.String())}
		for _, v := range printout.SummaryValues(f) {
			cells = append(cells, N(v))
		}
		cw.Row(cells...)
	}
	for _, g := range sum.Groups {
		line(g.Name, g.Figures)
	}
	line("All groups", sum.Total)
	// The outcome figures follow as a table of their own, after a blank line.
	cw.Raw("")
	writeOutcomeRows(cw, sum.Outcomes)
	return cw.Close()
}
