package data

import (
	"database/sql/driver"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Date is a calendar day with no time zone: a session's date or a client's
// birthday means the same day wherever the computer's clock is set. The
// zero Date means "not given".
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf returns the calendar day of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// Today is the local calendar day.
func Today() Date { return DateOf(time.Now()) }

// NewDate builds a date, normalising out-of-range days the way time.Date does.
func NewDate(y int, m time.Month, d int) Date {
	return DateOf(time.Date(y, m, d, 0, 0, 0, 0, time.UTC))
}

// ParseDate reads an ISO date, YYYY-MM-DD.
func ParseDate(s string) (Date, error) {
	if d, ok := isoDay(s); ok {
		return d, nil
	}
	s = strings.TrimSpace(s)
	if s == "" {
		return Date{}, nil
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return Date{}, fmt.Errorf("%q is not a date; write it as YYYY-MM-DD, for example 2026-03-14", s)
	}
	return DateOf(t), nil
}

// isoDay reads a date exactly as the database stores it, YYYY-MM-DD, and
// says whether it could: every date of every row read passes here, and
// time.Parse took a tenth of a large export. Anything else (spaces, a day
// that does not exist) is left to ParseDate's time.Parse, which agrees
// with this where both read a date (FuzzDateAndClock checks).
func isoDay(s string) (Date, bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return Date{}, false
	}
	n := 0
	for i := 0; i < 10; i++ {
		if i == 4 || i == 7 {
			continue
		}
		c := s[i]
		if c < '0' || c > '9' {
			return Date{}, false
		}
		n = n*10 + int(c-'0')
	}
	y, m, d := n/10000, time.Month(n/100%100), n%100
	if m < time.January || m > time.December || d < 1 || d > daysIn(y, m) {
		return Date{}, false
	}
	return Date{y, m, d}, true
}

// daysIn is the number of days of month m of year y.
func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// MustDate is ParseDate for literals known to be valid.
func MustDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func (d Date) IsZero() bool { return d == Date{} }

func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	if d.Year < 0 || d.Year > 9999 || d.Month < 1 || d.Month > 12 || d.Day < 1 || d.Day > 99 {
		return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
	}
	// By hand: written for every date of every row shown or exported.
	b := [10]byte{'0', '0', '0', '0', '-', '0', '0', '-', '0', '0'}
	digits(b[0:4], d.Year)
	digits(b[5:7], int(d.Month))
	digits(b[8:10], d.Day)
	return string(b[:])
}

// digits writes n's last len(b) decimal digits into b, zero-padded.
func digits(b []byte, n int) {
	for i := len(b) - 1; i >= 0; i-- {
		b[i] = byte('0' + n%10)
		n /= 10
	}
}

// Time is midnight UTC of the day, for arithmetic.
func (d Date) Time() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

func (d Date) AddDays(n int) Date          { return DateOf(d.Time().AddDate(0, 0, n)) }
func (d Date) AddMonths(n int) Date        { return DateOf(d.Time().AddDate(0, n, 0)) }
func (d Date) Weekday() time.Weekday       { return d.Time().Weekday() }
func (d Date) Before(o Date) bool          { return d.Compare(o) < 0 }
func (d Date) After(o Date) bool           { return d.Compare(o) > 0 }
func (d Date) DaysUntil(o Date) int        { return int(o.Time().Sub(d.Time()).Hours() / 24) }
func (d Date) Format(layout string) string { return d.Time().Format(layout) }

// Compare returns -1, 0 or +1.
func (d Date) Compare(o Date) int {
	switch {
	case d.Year != o.Year:
		return cmpInt(d.Year, o.Year)
	case d.Month != o.Month:
		return cmpInt(int(d.Month), int(o.Month))
	default:
		return cmpInt(d.Day, o.Day)
	}
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Value stores a date as TEXT 'YYYY-MM-DD', and the zero date as NULL.
func (d Date) Value() (driver.Value, error) {
	if d.IsZero() {
		return nil, nil
	}
	return d.String(), nil
}

// Scan reads TEXT 'YYYY-MM-DD' or NULL.
func (d *Date) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*d = Date{}
		return nil
	case string:
		p, err := ParseDate(v)
		*d = p
		return err
	case []byte:
		p, err := ParseDate(string(v))
		*d = p
		return err
	case time.Time:
		*d = DateOf(v.UTC())
		return nil
	}
	return fmt.Errorf("cannot read %T as a date", src)
}

// Clock is a time of day in minutes after midnight.
type Clock int

// ParseClock reads "14:30", "2:30 pm", "2pm" or "9.15".
func ParseClock(s string) (Clock, error) {
	// As the database stores it, read without copying s: every session
	// row read has one.
	if len(s) == 5 && s[2] == ':' && isDigits(s[:2]) && isDigits(s[3:]) {
		hh, mm := int(s[0]-'0')*10+int(s[1]-'0'), int(s[3]-'0')*10+int(s[4]-'0')
		if hh <= 23 && mm <= 59 {
			return Clock(hh*60 + mm), nil
		}
	}
	orig := s
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.ReplaceAll(s, ".", ":")
	bad := func() error { return fmt.Errorf("%q is not a time of day; write it as 14:30 or 2:30 pm", orig) }
	pm, am := strings.HasSuffix(s, "pm"), strings.HasSuffix(s, "am")
	if pm || am {
		s = strings.TrimSpace(s[:len(s)-2])
	}
	h, m := s, "0"
	if i := strings.IndexByte(s, ':'); i >= 0 {
		h, m = s[:i], s[i+1:]
		if len(m) != 2 {
			return 0, bad()
		}
	}
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if err1 != nil || err2 != nil || h == "" || len(h) > 2 || hh < 0 || mm < 0 || mm > 59 {
		return 0, bad()
	}
	if pm || am {
		if hh < 1 || hh > 12 {
			return 0, bad()
		}
		hh %= 12
		if pm {
			hh += 12
		}
	}
	if hh > 23 {
		return 0, bad()
	}
	return Clock(hh*60 + mm), nil
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func (c Clock) String() string {
	if c < 0 || c >= 100*60 {
		return fmt.Sprintf("%02d:%02d", int(c)/60, int(c)%60)
	}
	b := [5]byte{'0', '0', ':', '0', '0'}
	digits(b[0:2], int(c)/60)
	digits(b[3:5], int(c)%60)
	return string(b[:])
}

// Value stores a clock as TEXT 'HH:MM'.
func (c Clock) Value() (driver.Value, error) { return c.String(), nil }

// Scan reads TEXT 'HH:MM'.
func (c *Clock) Scan(src any) error {
	var s string
	switch v := src.(type) {
	case string:
		s = v
	case []byte:
		s = string(v)
	case nil:
		*c = 0
		return nil
	default:
		return fmt.Errorf("cannot read %T as a time of day", src)
	}
	p, err := ParseClock(s)
	*c = p
	return err
}
