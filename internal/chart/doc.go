// Package chart lays out Groupwork's charts: a measure over time for one
// client with its severity bands, a group's attendance per session, a
// group's average scores over time, and attendances and sessions held per
// month. It knows neither the window nor paper. Each chart is a function
// from plain values and a Frame (the space to fill and how wide text is
// there) to a Scene: rectangles, lines, polylines, point markers and
// texts in the frame's own units, with colours named by role, plus a
// one-sentence summary for people who do not read charts.
//
// Two small renderers draw scenes: a Fyne widget in ui (theme colours,
// light and dark) and fpdf primitives in internal/printout (greys and one
// accent, hatching where colour would be lost in black and white). We
// draw our own rather than use a chart library because neither candidate
// covers both places: github.com/s-daehling/fyne-charts draws only in a
// Fyne window (and its API still changes from release to release), and
// gonum.org/v1/plot draws only to its own canvases, so a PDF page would
// carry a picture in another typeface. Severity bands, date labels that
// do not collide and the summary sentence are ours in either case. One
// model and two renderers of a few primitives keep the screen and the
// page the same chart, tested as data, with no new dependency.
package chart
