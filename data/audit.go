package data

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"time"
)

// AuditEntry is one recorded change.
type AuditEntry struct {
	ID       int64
	At       time.Time // UTC
	StaffID  int64
	Actor    string
	Entity   string // "client", "group", "membership", "session", "attendance", "note", "staff", "settings", "measure", "score"
	EntityID int64
	Action   string // "create", "update", "archive", "sign", "addendum", ...
	Detail   string
}

// AuditFilter narrows the audit log; zero fields match everything.
type AuditFilter struct {
	Actor    string // substring of the actor's name
	Entity   string
	EntityID int64
	From, To Date // inclusive, in UTC days
	Limit    int  // 0: 1000
}

// AuditLog lists changes, newest first.
func (s *Store) AuditLog(ctx context.Context, f AuditFilter) ([]AuditEntry, error) {
	var where []string
	var args []any
	if f.Actor != "" {
		where = append(where, "actor LIKE ? ESCAPE '\\'")
		args = append(args, "%"+escapeLike(f.Actor)+"%")
	}
	if f.Entity != "" {
		where = append(where, "entity = ?")
		args = append(args, f.Entity)
	}
	if f.EntityID != 0 {
		where = append(where, "entity_id = ?")
		args = append(args, f.EntityID)
	}
	if !f.From.IsZero() {
		where = append(where, "at >= ?")
		args = append(args, f.From.String())
	}
	if !f.To.IsZero() {
		where = append(where, "at < ?")
		args = append(args, f.To.AddDays(1).String())
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 1000
	}
	q := "SELECT id, at, coalesce(staff_id, 0), actor, entity, entity_id, action, detail FROM audit_log"
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY id DESC LIMIT ?"
	args = append(args, limit)
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []AuditEntry
	for rows.Next() {
		var e AuditEntry
		var at string
		if err := rows.Scan(&e.ID, &at, &e.StaffID, &e.Actor, &e.Entity, &e.EntityID, &e.Action, &e.Detail); err != nil {
			return nil, err
		}
		e.At = parseStamp(at)
		out = append(out, e)
	}
	return out, rows.Err()
}

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(s)
}

// changes describes what differs between two values of the same struct
// type, field by field, for the audit log: `Name: "A" → "B"; Capacity: 8 → 10`.
func changes(old, new any) string {
	ov, nv := reflect.ValueOf(old), reflect.ValueOf(new)
	var parts []string
	for i := 0; i < ov.NumField(); i++ {
		f := ov.Type().Field(i)
		if !f.IsExported() || f.Name == "ID" {
			continue
		}
		a, b := ov.Field(i).Interface(), nv.Field(i).Interface()
		if reflect.DeepEqual(a, b) {
			continue
		}
		parts = append(parts, fmt.Sprintf("%s: %s → %s", f.Name, auditValue(a), auditValue(b)))
	}
	return strings.Join(parts, "; ")
}

func auditValue(v any) string {
	switch x := v.(type) {
	case string:
		return fmt.Sprintf("%q", truncate(x, 200))
	case fmt.Stringer:
		return fmt.Sprintf("%q", x.String())
	}
	return fmt.Sprint(v)
}

// truncate shortens s to at most n runes.
func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
