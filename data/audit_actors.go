package data

import "context"

// AuditActors lists everyone named in the audit log, for choosing whose
// changes to see.
func (s *Store) AuditActors(ctx context.Context) ([]string, error) {
	return column[string](ctx, s.db, `SELECT DISTINCT actor FROM audit_log ORDER BY lower(actor), actor`)
}
