package data

import (
	"context"
)

// AddNewWalkIn creates a client who walked in to a session, enrols them in
// the session's group from that day and marks them present, all in one
// step: when any part is refused, no client is left behind.
func (s *Store) AddNewWalkIn(ctx context.Context, sessionID int64, c Client) (int64, error) {
	var id int64
	err := s.tx(ctx, func(tx *txn) error {
		var err error
		if id, err = s.createClient(ctx, tx, c); err != nil {
			return err
		}
		return s.addWalkIn(ctx, tx, sessionID, id)
	})
	if err != nil {
		return 0, err
	}
	return id, nil
}
