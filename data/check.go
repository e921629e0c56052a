package data

// Check lists what the store would refuse in a client, without saving, so
// a form can show every problem at once even when some of what was typed
// could not be read. Uniqueness of the record number is checked on save.
func (c Client) Check(today Date) error { return trimClient(c).validate(today) }

// Check lists what the store would refuse in a group, without saving.
// Uniqueness of the name is checked on save.
func (g Group) Check() error { return g.validate() }
