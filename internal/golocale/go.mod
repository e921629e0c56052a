// github.com/jeandeaual/go-locale at v0.0.0-20250612000132-0ef82f21eade,
// without its tests and examples, with one change (locale_unix.go): a
// C.UTF-8 locale is the C locale. Upstream passes "C" to Fyne, which logs
// "Error parsing user locale C" on every start, command line included.
// The root go.mod points the module here with a replace directive.
module github.com/jeandeaual/go-locale

go 1.18

require golang.org/x/sys v0.27.0
