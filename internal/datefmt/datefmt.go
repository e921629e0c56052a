// Package datefmt writes dates as the agency reads them: one style for the
// screen and one for paper, month first for a US agency ("Wed, Dec 2,
// 2026"; "December 2, 2026") and day first elsewhere ("Wed 2 Dec 2026";
// "2 December 2026"). Files for other programs (CSV) keep ISO dates.
package datefmt

import (
	"strings"
	"time"

	"groupwork/data"
)

// Style is the agency's way of writing dates, from its locale.
type Style struct{ monthFirst bool }

// For is the style of a locale such as "en-US" (see data.Locales).
func For(locale string) Style {
	return Style{monthFirst: strings.HasSuffix(locale, "-US") || strings.HasSuffix(locale, "-PH")}
}

// None is what a date not set reads as.
const None = "—"

func (s Style) pick(us, other string) string {
	if s.monthFirst {
		return us
	}
	return other
}

func (s Style) format(d data.Date, us, other string) string {
	if d.IsZero() {
		return None
	}
	return d.Format(s.pick(us, other))
}

// Day is a day things happen on, on screen: "Wed, Dec 2, 2026".
func (s Style) Day(d data.Date) string { return s.format(d, "Mon, Jan 2, 2006", "Mon 2 Jan 2006") }

// Date is a date where the weekday adds nothing (a birthday, a joining
// date), on screen: "Dec 2, 2026".
func (s Style) Date(d data.Date) string { return s.format(d, "Jan 2, 2006", "2 Jan 2006") }

// Stamp is a moment this year or another, on screen: "Dec 2, 15:04".
func (s Style) Stamp(t time.Time) string {
	if t.IsZero() {
		return None
	}
	if t.Year() != time.Now().Year() {
		return t.Format(s.pick("Jan 2, 2006, 15:04", "2 Jan 2006, 15:04"))
	}
	return t.Format(s.pick("Jan 2, 15:04", "2 Jan 15:04"))
}

// Moment is when something was done, on screen: "Dec 2, 2026 at 15:04".
func (s Style) Moment(t time.Time) string {
	if t.IsZero() {
		return None
	}
	return s.Date(data.DateOf(t)) + " at " + t.Format("15:04")
}

// DayShort is a day in a narrow column, on screen: "Dec 2".
func (s Style) DayShort(d data.Date) string { return s.format(d, "Jan 2", "2 Jan") }

// Paper is a date on paper: "December 2, 2026".
func (s Style) Paper(d data.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.Format(s.pick("January 2, 2006", "2 January 2006"))
}

// PaperDay is the day a printed session was on: "Wednesday, December 2, 2026".
func (s Style) PaperDay(d data.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.Format(s.pick("Monday, January 2, 2006", "Monday 2 January 2006"))
}

// PaperShort is a date in a printed table's heading: "Dec 2, 2026".
func (s Style) PaperShort(d data.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.Format(s.pick("Jan 2, 2006", "2 Jan 2006"))
}

// PaperStamp is a moment on paper: "December 2, 2026 at 15:04".
func (s Style) PaperStamp(t time.Time) string {
	return t.Format(s.pick("January 2, 2006 at 15:04", "2 January 2006 at 15:04"))
}
