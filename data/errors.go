package data

import (
	"errors"
	"strings"
)

// ErrNotFound is returned when a record asked for by its id does not exist.
var ErrNotFound = errors.New("not found")

// ErrForeignDatabase means the database holds another program's tables:
// Groupwork leaves it alone.
var ErrForeignDatabase = errors.New("not a database made by Groupwork (it has tables but no Groupwork version)")

// OutcomeUnknownError is a change whose commit was sent to the office
// database just as the server stopped answering: it may or may not have
// been kept. It is not sent again by itself, since it could then be saved
// twice; the person looks, once the server is back, and decides.
type OutcomeUnknownError struct {
	Err error
}

func (e *OutcomeUnknownError) Error() string {
	return "the office database stopped answering as this change was being saved, so it may or may not have been kept; " +
		"once it answers again, look before doing it again (" + e.Err.Error() + ")"
}

func (e *OutcomeUnknownError) Unwrap() error { return e.Err }

// ErrNewerDatabase means the file was written by a newer version of the app.
var ErrNewerDatabase = errors.New("this database was made by a newer version of Groupwork; install the newer version to open it")

// FieldError is one problem with one field of a record. Field is the
// record's field key (for example "end_date"); Message is a sentence a
// caseworker can act on.
type FieldError struct {
	Field   string
	Message string
}

// ValidationError lists every problem found with a record. Nothing was
// written when a store call returns it.
type ValidationError struct {
	Problems []FieldError
}

func (e *ValidationError) Error() string {
	msgs := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		msgs[i] = p.Message
	}
	return strings.Join(msgs, " ")
}

// For returns the message for one field, or "" when that field is fine.
func (e *ValidationError) For(field string) string {
	for _, p := range e.Problems {
		if p.Field == field {
			return p.Message
		}
	}
	return ""
}

// problems collects field errors while a record is checked.
type problems []FieldError

func (p *problems) add(field, msg string) { *p = append(*p, FieldError{field, msg}) }

func (p problems) err() error {
	if len(p) == 0 {
		return nil
	}
	return &ValidationError{Problems: p}
}

// invalid is a ValidationError with a single problem.
func invalid(field, msg string) error {
	return &ValidationError{Problems: []FieldError{{field, msg}}}
}

// IsValidation reports whether err is a ValidationError and returns it.
func IsValidation(err error) (*ValidationError, bool) {
	var v *ValidationError
	ok := errors.As(err, &v)
	return v, ok
}
