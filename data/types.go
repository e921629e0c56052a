package data

import (
	"fmt"
	"net/mail"
	"strings"
	"time"
)

// Staff is a facilitator or note signer.
type Staff struct {
	ID          int64
	Name        string
	Credentials string // e.g. "LCSW"
	Active      bool
}

// Label is the name with credentials, as it appears on a signature.
func (s Staff) Label() string {
	if s.Credentials == "" {
		return s.Name
	}
	return s.Name + ", " + s.Credentials
}

func (s Staff) validate() error {
	var p problems
	if strings.TrimSpace(s.Name) == "" {
		p.add("name", "Name is required.")
	}
	return p.err()
}

// Client is a person served by the agency.
type Client struct {
	ID               int64
	FirstName        string
	LastName         string
	PreferredName    string
	Pronouns         string
	DOB              Date
	Phone            string
	Email            string
	RecordNumber     string // unique when given
	EmergencyContact string
	Notes            string
	Archived         bool
}

// DisplayName is the name the person goes by: preferred (or first) name and
// last name.
func (c Client) DisplayName() string {
	first := c.PreferredName
	if first == "" {
		first = c.FirstName
	}
	return strings.TrimSpace(first + " " + c.LastName)
}

// SortName is "Last, Goes-by" for alphabetical lists: like DisplayName,
// the preferred name when there is one, so every list names a person the
// way they asked to be called (the legal name is on their page).
func (c Client) SortName() string {
	first := c.PreferredName
	if first == "" {
		first = c.FirstName
	}
	if c.LastName == "" {
		return first
	}
	if first == "" {
		return c.LastName
	}
	return c.LastName + ", " + first
}

// ListName is how every list names a person: "Last, Goes-by", with their
// pronouns when they gave them. Sentences use DisplayName.
func (c Client) ListName() string {
	if p := strings.TrimSpace(c.Pronouns); p != "" {
		return c.SortName() + " (" + p + ")"
	}
	return c.SortName()
}

// Initials are used where other members appear in a member's note.
func (c Client) Initials() string {
	var b strings.Builder
	for _, part := range []string{c.FirstName, c.LastName} {
		for _, r := range strings.TrimSpace(part) {
			b.WriteRune(r)
			b.WriteRune('.')
			break
		}
	}
	return b.String()
}

func (c Client) validate(today Date) error {
	var p problems
	if strings.TrimSpace(c.FirstName) == "" && strings.TrimSpace(c.LastName) == "" {
		p.add("first_name", "First or last name is required.")
	}
	if !c.DOB.IsZero() {
		if c.DOB.After(today) {
			p.add("dob", "Date of birth "+c.DOB.String()+" is in the future.")
		} else if c.DOB.Year < 1900 {
			p.add("dob", "Date of birth "+c.DOB.String()+" is before 1900.")
		}
	}
	if e := strings.TrimSpace(c.Email); e != "" {
		if _, err := mail.ParseAddress(e); err != nil || !strings.Contains(e, "@") {
			p.add("email", fmt.Sprintf("Email %q is not an email address.", e))
		}
	}
	return p.err()
}

// GroupType is the kind of group.
type GroupType string

const (
	Support           GroupType = "support"
	Psychoeducational GroupType = "psychoeducational"
	Skills            GroupType = "skills"
	Therapy           GroupType = "therapy"
	Task              GroupType = "task"
	OtherType         GroupType = "other"
)

// GroupTypes lists the types in the order forms show them.
var GroupTypes = []GroupType{Support, Psychoeducational, Skills, Therapy, Task, OtherType}

func (t GroupType) Label() string { return capitalise(string(t)) }

// Enrolment says whether members may join at any time.
type Enrolment string

const (
	OpenEnrolment   Enrolment = "open"
	ClosedEnrolment Enrolment = "closed"
)

// GroupStatus is whether a group still meets.
type GroupStatus string

const (
	GroupActive    GroupStatus = "active"
	GroupFinished  GroupStatus = "finished"
	GroupCancelled GroupStatus = "cancelled"
)

// Frequency is how often a group meets.
type Frequency string

const (
	Weekly   Frequency = "weekly"
	Biweekly Frequency = "biweekly"
	Monthly  Frequency = "monthly"
)

// Frequencies lists the frequencies in the order forms show them.
var Frequencies = []Frequency{Weekly, Biweekly, Monthly}

func (f Frequency) Label() string {
	switch f {
	case Biweekly:
		return "Every two weeks"
	case Monthly:
		return "Monthly"
	}
	return "Weekly"
}

// Schedule is when a group meets. A monthly group meets on the same
// weekday of the same week of the month as its start date (the second
// Tuesday, say); the fifth week counts as the last.
type Schedule struct {
	Frequency Frequency
	Weekday   time.Weekday
	Start     Clock
	Minutes   int
}

func (s Schedule) String() string {
	when := fmt.Sprintf("%ss at %s, %d min", s.Weekday, s.Start, s.Minutes)
	switch s.Frequency {
	case Biweekly:
		return "Every other " + when
	case Monthly:
		return "Monthly, " + when
	}
	return when
}

// Group is a client group and its schedule.
type Group struct {
	ID           int64
	Name         string
	Type         GroupType
	Enrolment    Enrolment
	Status       GroupStatus
	Purpose      string
	Location     string
	Capacity     int // 0: no limit
	Start        Date
	End          Date // zero: ongoing
	Schedule     Schedule
	NoteFormat   NoteFormat
	Facilitators []int64 // staff ids, lead first
	Archived     bool
}

func (g Group) validate() error {
	var p problems
	if strings.TrimSpace(g.Name) == "" {
		p.add("name", "Group name is required.")
	}
	if !oneOf(g.Type, GroupTypes) {
		p.add("type", fmt.Sprintf("Type %q is not one of support, psychoeducational, skills, therapy, task or other.", g.Type))
	}
	if g.Enrolment != OpenEnrolment && g.Enrolment != ClosedEnrolment {
		p.add("enrolment", "Enrolment must be open or closed.")
	}
	if !oneOf(g.Status, []GroupStatus{GroupActive, GroupFinished, GroupCancelled}) {
		p.add("status", "Status must be active, finished or cancelled.")
	}
	if g.Capacity < 0 {
		p.add("capacity", "Capacity cannot be negative.")
	}
	if g.Start.IsZero() {
		p.add("start_date", "Start date is required.")
	}
	if !g.End.IsZero() && !g.Start.IsZero() && g.End.Before(g.Start) {
		p.add("end_date", "End date "+g.End.String()+" is before the start date "+g.Start.String()+".")
	}
	if !oneOf(g.Schedule.Frequency, Frequencies) {
		p.add("frequency", "Frequency must be weekly, every two weeks or monthly.")
	}
	if g.Schedule.Weekday < time.Sunday || g.Schedule.Weekday > time.Saturday {
		p.add("weekday", "Weekday must be Sunday to Saturday.")
	}
	if g.Schedule.Start < 0 || g.Schedule.Start >= 24*60 {
		p.add("start_time", "Start time must be within the day.")
	}
	if g.Schedule.Minutes <= 0 || g.Schedule.Minutes > 24*60 {
		p.add("duration", "Duration must be between 1 minute and 24 hours.")
	}
	if !oneOf(g.NoteFormat, NoteFormats) {
		p.add("note_format", fmt.Sprintf("Note format %q is not one of free, SOAP, DAP, BIRP or GIRP.", g.NoteFormat))
	}
	return p.err()
}

// GroupSummary is a row of the groups list.
type GroupSummary struct {
	Group
	FacilitatorNames []string
	Members          int // enrolled today
	Waitlisted       int
	NextSession      Date // zero when none is scheduled
}

// MemberStatus is where a client stands in a group.
type MemberStatus string

const (
	Waitlisted MemberStatus = "waitlisted"
	Enrolled   MemberStatus = "enrolled"
	Completed  MemberStatus = "completed"
	Withdrawn  MemberStatus = "withdrawn"
	Discharged MemberStatus = "discharged"
)

// MemberStatuses lists the statuses in the order forms show them.
var MemberStatuses = []MemberStatus{Waitlisted, Enrolled, Completed, Withdrawn, Discharged}

// HasLeft reports whether the status ends a membership.
func (m MemberStatus) HasLeft() bool { return m == Completed || m == Withdrawn || m == Discharged }

func (m MemberStatus) Label() string { return capitalise(string(m)) }

// Membership is one stay of a client in a group. A client who leaves and
// rejoins has two memberships.
type Membership struct {
	ID         int64
	GroupID    int64
	ClientID   int64
	Joined     Date
	Left       Date // zero while still a member
	Status     MemberStatus
	ExitReason string
	Comment    string
}

func (m Membership) validate() error {
	var p problems
	if !oneOf(m.Status, MemberStatuses) {
		p.add("status", fmt.Sprintf("Status %q is not one of waitlisted, enrolled, completed, withdrawn or discharged.", m.Status))
	}
	if m.Joined.IsZero() {
		p.add("joined", "Joined date is required.")
	}
	if m.Status.HasLeft() && m.Left.IsZero() {
		p.add("left", "A member who has "+string(m.Status)+" needs a left date.")
	}
	if !m.Status.HasLeft() && !m.Left.IsZero() {
		p.add("left", "A "+string(m.Status)+" member has no left date; choose completed, withdrawn or discharged.")
	}
	if !m.Left.IsZero() && !m.Joined.IsZero() && m.Left.Before(m.Joined) {
		p.add("left", "Left date "+m.Left.String()+" is before the joined date "+m.Joined.String()+".")
	}
	return p.err()
}

// Member is a membership with its client, for roster lists.
type Member struct {
	Membership
	Client Client
}

// SessionStatus is whether a session met.
type SessionStatus string

const (
	Scheduled  SessionStatus = "scheduled"
	Held       SessionStatus = "held"
	DidNotMeet SessionStatus = "did_not_meet"
)

func (s SessionStatus) Label() string {
	if s == DidNotMeet {
		return "Did not meet"
	}
	return capitalise(string(s))
}

// Session is one meeting of a group.
type Session struct {
	ID           int64
	GroupID      int64
	Date         Date
	Start        Clock
	Minutes      int
	Topic        string
	Location     string
	Status       SessionStatus
	Reason       string // why it did not meet
	Facilitators []int64
	Generated    bool // made from the group's schedule
}

func (s Session) validate() error {
	var p problems
	if s.Date.IsZero() {
		p.add("date", "Session date is required.")
	}
	if s.Minutes <= 0 || s.Minutes > 24*60 {
		p.add("duration", "Duration must be between 1 minute and 24 hours.")
	}
	if s.Start < 0 || s.Start >= 24*60 {
		p.add("start_time", "Start time must be within the day.")
	}
	if !oneOf(s.Status, []SessionStatus{Scheduled, Held, DidNotMeet}) {
		p.add("status", "Status must be scheduled, held or did not meet.")
	}
	if s.Status == DidNotMeet && strings.TrimSpace(s.Reason) == "" {
		p.add("reason", "Say why the session did not meet.")
	}
	return p.err()
}

// AttendanceStatus is what happened to one member at one session.
type AttendanceStatus string

const (
	NotRecorded AttendanceStatus = "not_recorded"
	Present     AttendanceStatus = "present"
	Late        AttendanceStatus = "late"
	LeftEarly   AttendanceStatus = "left_early"
	Excused     AttendanceStatus = "excused"
	Unexcused   AttendanceStatus = "unexcused"
)

// AttendanceStatuses lists the statuses a person can choose.
var AttendanceStatuses = []AttendanceStatus{Present, Late, LeftEarly, Excused, Unexcused, NotRecorded}

// Attended is true for statuses that count as an attendance.
func (a AttendanceStatus) Attended() bool { return a == Present || a == Late || a == LeftEarly }

// Absent is true for both kinds of absence.
func (a AttendanceStatus) Absent() bool { return a == Excused || a == Unexcused }

func (a AttendanceStatus) Label() string {
	switch a {
	case LeftEarly:
		return "Left early"
	case Excused:
		return "Excused absence"
	case Unexcused:
		return "Absent"
	case NotRecorded:
		return "Not recorded"
	}
	return capitalise(string(a))
}

// Code is the one-letter mark used on grids and printed records.
func (a AttendanceStatus) Code() string {
	switch a {
	case Present:
		return "P"
	case Late:
		return "L"
	case LeftEarly:
		return "E"
	case Excused:
		return "X"
	case Unexcused:
		return "A"
	}
	return "–"
}

// Attendance is one member's record for one session.
type Attendance struct {
	SessionID int64
	ClientID  int64
	Status    AttendanceStatus
	Minutes   int // minutes attended; 0 with an attended status means the whole session
	Comment   string
}

// AttendanceRow is an attendance record with the member it belongs to.
type AttendanceRow struct {
	Attendance
	Client Client
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func oneOf[T comparable](v T, set []T) bool {
	for _, s := range set {
		if v == s {
			return true
		}
	}
	return false
}
