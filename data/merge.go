package data

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"time"
	"unicode"
)

// A form, or an import's preview, reads a record, a person changes it, and
// it is saved a while later. Someone else may have saved the same record
// in between: on another screen, from the command line, from another
// computer. Writing the whole record back as the form read it would undo
// their change without a word. So every save takes the record as it was
// read (before) and as edited (after), and in its transaction merges the
// edit into the record as it is now, one field at a time.

// ConflictError means someone else saved another value into a field that
// this save changes too, after the record was read. Nothing was written.
type ConflictError struct {
	Record string // whose record: "Ana García", "the group Tuesday Support"
	Field  string // the field's key, as a FieldError names it: "phone"
	Label  string // the field as people say it: "date of birth"
	Theirs string // the value now in the database, as people read it
	Yours  string // the value this save would have written
	// More are other fields of the same record in the same case.
	More []*ConflictError

	index         []int         // where the field is in the record's struct
	theirs, yours reflect.Value // the values, for Rebase and mergeEdit
}

func (e *ConflictError) Error() string {
	parts := make([]string, 0, 1+len(e.More))
	for _, c := range e.Conflicts() {
		parts = append(parts, fmt.Sprintf("the %s of %s to %s (you have %s)", c.Label, c.Record, c.Theirs, c.Yours))
	}
	return "Nothing was saved: someone else changed " + strings.Join(parts, ", and ") + " meanwhile."
}

// Message is what a form shows beside this one field.
func (e *ConflictError) Message() string {
	return fmt.Sprintf("Someone else changed the %s of %s to %s meanwhile (you have %s). Nothing was saved: "+
		"save again to keep yours, or type theirs.", e.Label, e.Record, e.Theirs, e.Yours)
}

// Conflicts lists every field in conflict, this one first.
func (e *ConflictError) Conflicts() []*ConflictError { return append([]*ConflictError{e}, e.More...) }

// Rebase is before with every field named by a *ConflictError in err set
// to the value now in the database. A form that has shown the conflict
// keeps its typing and rebases what it read: saving again then keeps the
// person's value, chosen with the other one in sight.
func Rebase[T any](before T, err error) T {
	c, ok := IsConflict(err)
	if !ok {
		return before
	}
	v := reflect.ValueOf(&before).Elem()
	if v.Kind() != reflect.Struct {
		return before
	}
	for _, f := range c.Conflicts() {
		dst := v.FieldByIndex(f.index)
		if f.theirs.IsValid() && f.theirs.Type() == dst.Type() {
			dst.Set(f.theirs)
		}
	}
	return before
}

// IsConflict reports whether err is a ConflictError and returns it.
func IsConflict(err error) (*ConflictError, bool) {
	var c *ConflictError
	ok := errors.As(err, &c)
	return c, ok
}

// fieldKeys names the fields of a record whose key is not its Go name in
// snake case ("FirstName" is first_name by itself). Nested structs that
// are not stored as one column (a group's Schedule) are merged field by
// field, their keys prefixed with the struct field's name.
type fieldKeys map[string]string

var fieldLabels = map[string]string{"dob": "date of birth", "record_number": "record number", "start_date": "start date",
	"end_date": "end date", "start_time": "start time", "note_format": "note format", "left": "left date",
	"joined": "joined date", "exit_reason": "reason for leaving", "emergency_contact": "emergency contact",
	"preferred_name": "preferred name", "first_name": "first name", "last_name": "last name", "active": "active status",
	"archived": "archived status", "agency_name": "agency name", "agency_address": "agency address",
	"paper_size": "paper size", "default_note_format": "note format for new groups", "blank_rows": "blank rows",
	"backup_dir": "backups folder", "lock_minutes": "minutes before the window locks"}

var valuer = reflect.TypeFor[driver.Valuer]()

// merge3 is cur with the edit from before to after applied: a field the
// person left as it was keeps cur's value; one they changed takes theirs,
// unless cur holds a third value meanwhile, which is a conflict. Records
// are compared field by field with reflect, so a field added to a record
// later is merged too.
func merge3[T any](record string, keys fieldKeys, before, after, cur T) (T, error) {
	if b, a := reflect.ValueOf(before).FieldByName("ID"), reflect.ValueOf(after).FieldByName("ID"); b.IsValid() && !b.Equal(a) {
		return cur, fmt.Errorf("an edit of %s read as record %v cannot be saved as record %v", record, b, a)
	}
	out := cur
	var conflicts []*ConflictError
	var walk func(prefix string, index []int, b, a, c, o reflect.Value)
	walk = func(prefix string, index []int, b, a, c, o reflect.Value) {
		for i := 0; i < b.NumField(); i++ {
			f := b.Type().Field(i)
			if !f.IsExported() || f.Name == "ID" {
				continue
			}
			idx := append(append([]int(nil), index...), i)
			if f.Type.Kind() == reflect.Struct && !f.Type.Implements(valuer) {
				walk(prefix+f.Name+".", idx, b.Field(i), a.Field(i), c.Field(i), o.Field(i))
				continue
			}
			bv, av, cv := b.Field(i), a.Field(i), c.Field(i)
			if equal(av, bv) || equal(av, cv) {
				continue // not changed here, or already so
			}
			if equal(cv, bv) {
				o.Field(i).Set(av)
				continue
			}
			key := keys[prefix+f.Name]
			if key == "" {
				key = snake(f.Name)
			}
			label := fieldLabels[key]
			if label == "" {
				label = strings.ReplaceAll(key, "_", " ")
			}
			conflicts = append(conflicts, &ConflictError{Record: record, Field: key, Label: label,
				Theirs: display(cv), Yours: display(av), index: idx, theirs: cv, yours: av})
		}
	}
	walk("", nil, reflect.ValueOf(before), reflect.ValueOf(after), reflect.ValueOf(cur), reflect.ValueOf(&out).Elem())
	if len(conflicts) > 0 {
		first := conflicts[0]
		first.More = conflicts[1:]
		return cur, first
	}
	return out, nil
}

// mergeEdit is merge3 for a record read in the transaction q. A conflict
// over who facilitates names the staff, not their ids.
func mergeEdit[T any](ctx context.Context, q querier, record string, keys fieldKeys, before, after, cur T) (T, error) {
	out, err := merge3(record, keys, before, after, cur)
	if c, ok := IsConflict(err); ok {
		for _, fc := range c.Conflicts() {
			if ids, ok := fc.theirs.Interface().([]int64); ok {
				fc.Theirs = staffNames(ctx, q, ids)
				fc.Yours = staffNames(ctx, q, fc.yours.Interface().([]int64))
			}
		}
	}
	return out, err
}

func staffNames(ctx context.Context, q querier, ids []int64) string {
	if len(ids) == 0 {
		return "nobody"
	}
	names := make([]string, len(ids))
	for i, id := range ids {
		names[i] = fmt.Sprintf("staff member %d", id)
		if st, err := getStaff(ctx, q, id); err == nil {
			names[i] = st.Name
		}
	}
	return strings.Join(names, " and ")
}

// equal compares two field values; an empty list and no list are the same.
func equal(a, b reflect.Value) bool {
	if a.Kind() == reflect.Slice && a.Len() == 0 && b.Len() == 0 {
		return true
	}
	return reflect.DeepEqual(a.Interface(), b.Interface())
}

// display is a field's value as a person reads it in a message.
func display(v reflect.Value) string {
	switch x := v.Interface().(type) {
	case string:
		if strings.TrimSpace(x) == "" {
			return "empty"
		}
		return "“" + truncate(x, 120) + "”"
	case bool:
		return map[bool]string{true: "yes", false: "no"}[x]
	case Date:
		if x.IsZero() {
			return "empty"
		}
		return x.String()
	case time.Weekday:
		return x.String()
	case interface{ Label() string }:
		return x.Label()
	case fmt.Stringer:
		return x.String()
	}
	if v.Kind() == reflect.String {
		return display(reflect.ValueOf(v.String()))
	}
	return fmt.Sprint(v.Interface())
}

// snake is a Go field name as a field key: FirstName is first_name.
func snake(name string) string {
	var b strings.Builder
	for i, r := range name {
		if unicode.IsUpper(r) && i > 0 {
			b.WriteByte('_')
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}
