package ui

import (
	"context"
	"sync"
	"sync/atomic"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// Writes that can wait (an import, making sessions, a backup, a restore)
// run off the window's thread: the database may be busy for seconds while
// another computer or the command line writes to it, and the window must
// answer meanwhile. Each runs at most once at a time, behind a progress
// indicator, and closing the window waits for them to finish rather than
// cut one short. The day's backup is the exception: closing stops it, since
// stopping it leaves nothing behind and the next start makes it again.

// jobs are the writes running in the background.
type jobs struct {
	mu      sync.Mutex
	running map[string]string // kind to what a person calls it
	// stop stops the running jobs that closing the window stops rather
	// than waits for, by kind.
	stop map[string]context.CancelFunc
	wg   sync.WaitGroup
	// closed is set once the window has gone: a job ending after that
	// hands nothing back to it.
	closed atomic.Bool
	// closeAfter is the dialog shown while the window waits for the jobs
	// to finish so that it can close; nil when the window is not closing
	// or waits only for stopped jobs to end. closing is set once the
	// window closes as soon as its jobs have ended.
	closeAfter dialog.Dialog
	closing    bool
	// started and ended count jobs begun and handed back, on the
	// window's thread; tests wait for them to match.
	started, ended int
}

// background runs work in a goroutine and then done, with work's error, on
// the window's thread. kind names the job: asked again while a job of that
// kind runs (a second tap), it does nothing and reports false. what is the
// job as a person calls it ("the import"). work must not touch the window.
func (ui *App) background(kind, what string, work func(context.Context) error, done func(error)) bool {
	return ui.startJob(kind, what, false, work, done)
}

// stoppable is background for a job that closing the window stops, by
// cancelling work's context, rather than waits for. work must then leave
// nothing half-made behind, and done hears context.Canceled.
func (ui *App) stoppable(kind, what string, work func(context.Context) error, done func(error)) bool {
	return ui.startJob(kind, what, true, work, done)
}

func (ui *App) startJob(kind, what string, stoppable bool, work func(context.Context) error, done func(error)) bool {
	j := &ui.jobs
	j.mu.Lock()
	if _, busy := j.running[kind]; busy || j.closed.Load() { // a second tap, or the window has gone
		j.mu.Unlock()
		return false
	}
	if j.running == nil {
		j.running = map[string]string{}
	}
	j.running[kind] = what
	ctx, cancel := context.WithCancel(context.Background())
	if stoppable {
		if j.stop == nil {
			j.stop = map[string]context.CancelFunc{}
		}
		j.stop[kind] = cancel
	}
	j.wg.Add(1)
	j.mu.Unlock()
	j.started++
	go func() {
		defer j.wg.Done()
		defer cancel()
		err := work(ctx)
		j.mu.Lock()
		delete(j.running, kind)
		delete(j.stop, kind)
		j.mu.Unlock()
		if j.closed.Load() {
			return
		}
		ui.handBack(func() {
			if j.closed.Load() {
				return
			}
			// What the job found waits for the lock to open; the window
			// closing does not.
			ui.whenUnlocked(func() {
				j.ended++
				done(err)
			})
			ui.closeIfWaiting()
		})
	}()
	return true
}

// withProgress is background behind a dialog titled title with a moving
// bar, which goes when the job ends. It reports false, showing nothing,
// when a job of that kind is already running.
func (ui *App) withProgress(kind, what, title string, work func(context.Context) error, done func(error)) bool {
	bar := widget.NewProgressBarInfinite()
	progress := dialog.NewCustomWithoutButtons(title, bar, ui.win)
	started := ui.background(kind, what, work, func(err error) {
		bar.Stop()
		progress.Hide()
		done(err)
	})
	if started {
		progress.Show()
	} else {
		bar.Stop()
	}
	return started
}

// runningJobs is what people call the jobs still running that closing
// waits for, and how many are running in all.
func (j *jobs) runningJobs() (waited []string, all int) {
	j.mu.Lock()
	defer j.mu.Unlock()
	for kind, what := range j.running {
		if j.stop[kind] == nil {
			waited = append(waited, what)
		}
	}
	return waited, len(j.running)
}

// stopJobs stops the jobs that closing stops rather than waits for.
func (j *jobs) stopJobs() {
	j.mu.Lock()
	defer j.mu.Unlock()
	for _, cancel := range j.stop {
		cancel()
	}
}

// askClose is what closing the window does: it closes at once, or once
// the writes running in the background have finished and the day's backup
// has stopped.
func (ui *App) askClose() {
	ui.jobs.stopJobs()
	running, all := ui.jobs.runningJobs()
	if all == 0 {
		ui.win.Close()
		return
	}
	ui.jobs.closing = true
	if ui.jobs.closeAfter != nil || len(running) == 0 {
		return // a stopped job ends in a moment, with no need to say so
	}
	bar := widget.NewProgressBarInfinite()
	msg := &widget.Label{Text: "Groupwork closes as soon as " + running[0] + " has finished, so that nothing is left half-written."}
	ui.jobs.closeAfter = dialog.NewCustomWithoutButtons("Finishing before closing…", fixedWidth(container.NewVBox(msg, bar), 420), ui.win)
	ui.jobs.closeAfter.Show()
}

// closeIfWaiting closes the window when it was asked to close and the last
// job has ended.
func (ui *App) closeIfWaiting() {
	if _, all := ui.jobs.runningJobs(); ui.jobs.closing && all == 0 {
		if ui.jobs.closeAfter != nil {
			ui.jobs.closeAfter.Hide()
		}
		ui.jobs.closing = false
		ui.win.Close()
	}
}

// finishJobs waits for the jobs still running once the window has gone,
// before the database is closed under them; the day's backup is stopped.
func (ui *App) finishJobs() {
	ui.jobs.closed.Store(true)
	ui.jobs.stopJobs()
	ui.jobs.wg.Wait()
}
