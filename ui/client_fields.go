package ui

import (
	"strings"

	"groupwork/data"
)

// newClientFields is the one form for a client added on the spot: adding a
// member to a group and adding a walk-in to a session ask the same
// things, in the same order, and the store checks both alike.
type newClientFields struct {
	first, last, preferred, pronouns, record, phone *textBox
}

// addNewClientFields puts the fields on f, keyed as the store names them.
func addNewClientFields(f *fieldForm) *newClientFields {
	n := &newClientFields{first: newEntry("", ""), last: newEntry("", ""),
		preferred: newEntry("", "optional: the name the person goes by"), pronouns: newEntry("", "optional, e.g. she/her"),
		record: newEntry("", "optional, must be unique"), phone: newEntry("", "optional")}
	f.add("first_name", "First name", n.first)
	f.add("last_name", "Last name", n.last)
	f.add("preferred_name", "Preferred name", n.preferred)
	f.add("pronouns", "Pronouns", n.pronouns)
	f.add("record_number", "Record number", n.record)
	f.add("phone", "Phone", n.phone)
	return n
}

// client is the client as typed.
func (n *newClientFields) client() data.Client {
	return data.Client{FirstName: n.first.Text, LastName: n.last.Text, PreferredName: n.preferred.Text,
		Pronouns: n.pronouns.Text, RecordNumber: n.record.Text, Phone: n.phone.Text}
}

// typed reports whether anything is typed in.
func (n *newClientFields) typed() bool {
	for _, e := range []*textBox{n.first, n.last, n.preferred, n.pronouns, n.record, n.phone} {
		if strings.TrimSpace(e.Text) != "" {
			return true
		}
	}
	return false
}
