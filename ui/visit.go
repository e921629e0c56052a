package ui

import (
	"context"

	"groupwork/data"
)

// visitEveryScreen opens each screen once, as a day's work does: the
// groups, a group's page and its latest session, the clients and one
// client's page, the reports, the settings and the audit log. make bench
// measures the memory the window takes after it.
func (ui *App) visitEveryScreen() {
	ctx := context.Background()
	ui.showGroups()
	if gs, err := ui.store.ListGroups(ctx, false); err == nil && len(gs) > 0 {
		ui.showGroup(gs[0].ID)
		if xs, err := ui.store.Sessions(ctx, gs[0].ID, data.Date{}, data.Date{}); err == nil && len(xs) > 0 {
			ui.showSession(xs[len(xs)-1].ID)
		}
	}
	ui.showClients()
	if cs, err := ui.store.ListClients(ctx, data.ClientFilter{Limit: 1}); err == nil && len(cs) > 0 {
		ui.showClient(cs[0].ID)
	}
	ui.showReports()
	ui.showSettings()
	ui.showAudit()
	ui.showGroups()
}
