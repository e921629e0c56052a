package data

import (
	"strings"
	"time"
)

// NoteFormat is the structure of a session note.
type NoteFormat string

const (
	FreeText NoteFormat = "free"
	SOAP     NoteFormat = "soap"
	DAP      NoteFormat = "dap"
	BIRP     NoteFormat = "birp"
	GIRP     NoteFormat = "girp"
)

// NoteFormats lists the formats in the order forms show them.
var NoteFormats = []NoteFormat{FreeText, SOAP, DAP, BIRP, GIRP}

func (f NoteFormat) Label() string {
	if f == FreeText {
		return "Free text"
	}
	return strings.ToUpper(string(f))
}

// Section is one headed part of a note.
type Section struct {
	Key   string
	Label string
}

// Sections are the parts of a note in this format, in order.
func (f NoteFormat) Sections() []Section {
	switch f {
	case SOAP:
		return []Section{{"subjective", "Subjective"}, {"objective", "Objective"}, {"assessment", "Assessment"}, {"plan", "Plan"}}
	case DAP:
		return []Section{{"data", "Data"}, {"assessment", "Assessment"}, {"plan", "Plan"}}
	case BIRP:
		return []Section{{"behaviour", "Behaviour"}, {"intervention", "Intervention"}, {"response", "Response"}, {"plan", "Plan"}}
	case GIRP:
		return []Section{{"goal", "Goal"}, {"intervention", "Intervention"}, {"response", "Response"}, {"plan", "Plan"}}
	}
	return []Section{{"text", "Note"}}
}

// Process is one of Shulman's ten mutual-aid processes.
type Process int

const (
	SharingData Process = iota + 1
	DialecticalProcess
	TabooArea
	SameBoat
	UniversalPerspective
	MutualSupport
	MutualDemand
	ProblemSolving
	Rehearsal
	StrengthInNumbers
)

// Processes lists all ten in their usual order.
var Processes = []Process{SharingData, DialecticalProcess, TabooArea, SameBoat, UniversalPerspective,
	MutualSupport, MutualDemand, ProblemSolving, Rehearsal, StrengthInNumbers}

func (p Process) String() string {
	switch p {
	case SharingData:
		return "Sharing data"
	case DialecticalProcess:
		return "The dialectical process"
	case TabooArea:
		return "Discussing a taboo area"
	case SameBoat:
		return "All in the same boat"
	case UniversalPerspective:
		return "Developing a universal perspective"
	case MutualSupport:
		return "Mutual support"
	case MutualDemand:
		return "Mutual demand"
	case ProblemSolving:
		return "Individual problem-solving"
	case Rehearsal:
		return "Rehearsal"
	case StrengthInNumbers:
		return "Strength in numbers"
	}
	return "Unknown process"
}

// NoteStatus is draft until signed; a signed note is locked.
type NoteStatus string

const (
	Draft  NoteStatus = "draft"
	Signed NoteStatus = "signed"
)

// Note is a group note (ClientID 0) or one member's individual note.
type Note struct {
	ID        int64
	SessionID int64
	ClientID  int64
	Format    NoteFormat
	Sections  map[string]string // by Section.Key
	Processes []Process         // mutual aid observed
	Status    NoteStatus
	SignedBy  int64
	Signer    string // name and credentials at signing time
	SignedAt  time.Time
	UpdatedAt time.Time
	// Version counts the note's saves; SaveNote and SignNote refuse to
	// act for someone who read an older one.
	Version int64
	Addenda []Addendum
}

// IsGroupNote is true for the note about the whole session.
func (n Note) IsGroupNote() bool { return n.ClientID == 0 }

// Empty reports whether no section has any text.
func (n Note) Empty() bool {
	for _, v := range n.Sections {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}

// Text is the note's sections as headed paragraphs, for print and export.
func (n Note) Text() string {
	var b strings.Builder
	for _, s := range n.Format.Sections() {
		v := strings.TrimSpace(n.Sections[s.Key])
		if v == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		if n.Format != FreeText {
			b.WriteString(s.Label + ": ")
		}
		b.WriteString(v)
	}
	return b.String()
}

// Addendum is a dated addition to a signed note.
type Addendum struct {
	ID      int64
	NoteID  int64
	StaffID int64
	Author  string
	At      time.Time
	Text    string
}
