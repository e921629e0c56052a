package data

import (
	"context"
)

// AddNewMember creates a client and puts them on a group's roster in one
// step, so a person added "in place" from a roster is never left half made:
// when the membership is refused, the client is not created either.
func (s *Store) AddNewMember(ctx context.Context, c Client, m Membership) (clientID, membershipID int64, err error) {
	err = s.tx(ctx, func(tx *txn) error {
		if clientID, err = s.createClient(ctx, tx, c); err != nil {
			return err
		}
		m.ClientID = clientID
		membershipID, err = s.addMember(ctx, tx, m)
		return err
	})
	if err != nil {
		return 0, 0, err
	}
	return clientID, membershipID, nil
}
