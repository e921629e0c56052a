package ui

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"groupwork/data"
)

// itemRow is one item of a measure: its number, its wording, the answer
// typed and that answer's words.
type itemRow struct {
	entry  *answerEntry
	answer *widget.Label
	view   fyne.CanvasObject
}

// answerEntry takes one item's answer. On a scale of single digits a
// digit replaces what is there and the next item takes the keyboard, so
// a whole questionnaire is typed as its answers, one key each.
type answerEntry struct {
	widget.Entry
	p *scoresPanel
	i int
}

func newAnswerEntry(p *scoresPanel, i int) *answerEntry {
	e := &answerEntry{p: p, i: i}
	e.ExtendBaseWidget(e)
	e.OnChanged = func(string) { p.typed() }
	e.OnSubmitted = func(string) { p.saveScore() }
	return e
}

func (e *answerEntry) TypedRune(r rune) {
	m := e.p.current()
	if unicode.IsDigit(r) && m.ItemMin >= 0 && m.ItemMax <= 9 && !e.Disabled() {
		e.SetText(string(r))
		if v := int(r - '0'); v >= m.ItemMin && v <= m.ItemMax {
			e.p.focusItem(e.i + 1)
		}
		return
	}
	e.Entry.TypedRune(r)
}

// buildItems makes the rows of the measure shown, once per measure.
func (p *scoresPanel) buildItems(m data.Measure) {
	if p.built == m.ID && len(p.rows) == len(m.Items) {
		return
	}
	p.built = m.ID
	p.rows = p.rows[:0]
	p.items.RemoveAll()
	for i, text := range m.Items {
		r := &itemRow{entry: newAnswerEntry(p, i),
			answer: &widget.Label{Importance: widget.LowImportance, Wrapping: fyne.TextWrapWord}}
		num := &widget.Label{Text: fmt.Sprintf("%d.", i+1), TextStyle: fyne.TextStyle{Bold: true}}
		wording := &widget.Label{Text: text, Wrapping: fyne.TextWrapWord}
		// Top-aligned, so a long wording does not stretch the box.
		answer := container.NewVBox(container.NewBorder(nil, nil, fixedWidth(r.entry, 56), nil, r.answer))
		r.view = container.NewBorder(nil, nil, num, fixedWidth(answer, 210), wording)
		p.rows = append(p.rows, r)
		p.items.Add(r.view)
	}
	var scale []string
	for v := m.ItemMin; v <= m.ItemMax && len(m.Items) > 0; v++ {
		if w := answerWords(m, v); w != "" {
			scale = append(scale, fmt.Sprintf("%d %s", v, w))
		}
	}
	switch {
	case len(scale) > 0:
		p.scale.SetText("Answers: " + strings.Join(scale, " · "))
	case len(m.Items) > 0:
		p.scale.SetText(fmt.Sprintf("Answers run from %d to %d.", m.ItemMin, m.ItemMax))
	default:
		p.scale.SetText(fmt.Sprintf("%s is scored as a total only, from %d to %d.", m.Name, m.Min, m.Max))
	}
	p.prompt.SetText(m.Prompt)
	if m.Prompt == "" {
		p.prompt.Hide()
	} else {
		p.prompt.Show()
	}
	p.total.PlaceHolder = fmt.Sprintf("%d–%d", m.Min, m.Max)
	p.total.Refresh()
}

// answerWords is the words of answer v ("Several days"), or "".
func answerWords(m data.Measure, v int) string {
	if i := v - m.ItemMin; i >= 0 && i < len(m.Answers) {
		return m.Answers[i]
	}
	return ""
}

// fill shows the stored score of the member and measure chosen.
func (p *scoresPanel) fill() {
	m := p.current()
	p.buildItems(m)
	sc, has := p.scores[scoreKey{p.client, p.measure}]
	p.base = sc
	p.filling = true
	for i, r := range p.rows {
		t := ""
		if has && sc.Items != nil && i < len(sc.Items) {
			t = strconv.Itoa(sc.Items[i])
		}
		r.entry.SetText(t)
		r.entry.SetValidationError(nil)
	}
	p.total.SetText("")
	if has {
		p.total.SetText(strconv.Itoa(sc.Total))
	}
	p.total.SetValidationError(nil)
	switch {
	case len(m.Items) == 0:
		p.mode.SetSelected(totalOnly)
		p.mode.Hide()
	case has && sc.Items == nil:
		p.mode.Show()
		p.mode.SetSelected(totalOnly)
	default:
		p.mode.Show()
		p.mode.SetSelected(byItem)
	}
	p.filling = false
	p.dirty = false
	p.setProblem("")
	p.remove.Hidden = !has
	p.remove.Refresh()
	p.modeShown()
	p.showResult()
	p.showLock()
	p.scroll.ScrollToTop()
}

// modeChanged follows the choice of entering items or the total.
func (p *scoresPanel) modeChanged() {
	if !p.filling && p.mode.Selected == totalOnly {
		// The items' sum stays as the total to start from.
		if items, total, ok := p.itemsTyped(); ok && items != nil {
			p.total.SetText(strconv.Itoa(total))
		}
	}
	p.modeShown()
	if !p.filling {
		p.dirty = true
		p.showResult()
	}
}

func (p *scoresPanel) modeShown() {
	if p.mode.Selected == totalOnly {
		p.items.Hide()
		p.scale.Hidden = len(p.rows) > 0 // the answers do not matter here
		p.totalUI.Show()
		p.keys.SetText("Type the total · Enter saves")
	} else {
		p.items.Show()
		p.scale.Show()
		p.totalUI.Hide()
		p.keys.SetText(itemKeys)
		if m := p.current(); m.ItemMin < 0 || m.ItemMax > 9 {
			p.keys.SetText("Type each answer · Tab / Shift+Tab move · Enter saves")
		}
	}
	p.scroll.Content.Refresh()
}

// showLock makes the form read-only, saying why, while the member's note
// for the session is signed.
func (p *scoresPanel) showLock() {
	n, signed := p.signed[p.client]
	if signed {
		p.locked.SetText(fmt.Sprintf("Locked: %s's note for this session was signed by %s on %s, and the scores are locked with it. "+
			"Add an addendum to the note to correct something.", p.currentName(), n.Signer, n.SignedAt.Local().Format("2 Jan 2006 15:04")))
		p.locked.Show()
	} else {
		p.locked.Hide()
	}
	for _, r := range p.rows {
		setEnabled(&r.entry.Entry, !signed)
	}
	setEnabled(p.total, !signed)
	setEnabled(p.mode, !signed)
	setEnabled(p.save, !signed)
	setEnabled(p.remove, !signed)
}

// typed follows what the person types: the total and band as they go.
func (p *scoresPanel) typed() {
	if p.filling {
		return
	}
	p.dirty = true
	p.saved.Hide()
	if p.problem.Visible() {
		_, _, err := p.read()
		p.setProblem(errText(err))
	}
	p.showResult()
}

// showResult says the total and band of what the form holds.
func (p *scoresPanel) showResult() {
	m := p.current()
	for _, r := range p.rows {
		v, err := strconv.Atoi(strings.TrimSpace(r.entry.Text))
		r.answer.SetText("")
		if err == nil {
			r.answer.SetText(answerWords(m, v))
		}
	}
	if p.mode.Selected == totalOnly {
		t, err := strconv.Atoi(strings.TrimSpace(p.total.Text))
		if err != nil || t < m.Min || t > m.Max {
			p.result.SetText(fmt.Sprintf("Total: type a number from %d to %d", m.Min, m.Max))
			return
		}
		p.result.SetText(totalWords(m, t))
		return
	}
	answered, sum := 0, 0
	for _, r := range p.rows {
		if v, err := strconv.Atoi(strings.TrimSpace(r.entry.Text)); err == nil && v >= m.ItemMin && v <= m.ItemMax {
			answered++
			sum += v
		}
	}
	if answered == len(p.rows) {
		p.result.SetText(totalWords(m, sum))
		return
	}
	p.result.SetText(fmt.Sprintf("Total so far %d · %d of %d items answered", sum, answered, len(p.rows)))
}

// totalWords is "Total 14 of 27 · Moderate".
func totalWords(m data.Measure, t int) string {
	s := fmt.Sprintf("Total %d of %d", t, m.Max)
	if m.Min != 0 {
		s = fmt.Sprintf("Total %d (%d to %d)", t, m.Min, m.Max)
	}
	if b := m.BandOf(t); b != "" {
		s += " · " + b
	}
	return s
}

// itemsTyped is the answers typed and their sum, when every one is a number.
func (p *scoresPanel) itemsTyped() ([]int, int, bool) {
	items := make([]int, len(p.rows))
	sum := 0
	for i, r := range p.rows {
		v, err := strconv.Atoi(strings.TrimSpace(r.entry.Text))
		if err != nil {
			return nil, 0, false
		}
		items[i], sum = v, sum+v
	}
	return items, sum, true
}

// read is the score the form holds, or what is wrong with it, naming the
// item or the total.
func (p *scoresPanel) read() ([]int, int, error) {
	m := p.current()
	for _, r := range p.rows {
		r.entry.SetValidationError(nil)
	}
	p.total.SetValidationError(nil)
	if p.mode.Selected == totalOnly {
		text := strings.TrimSpace(p.total.Text)
		t, err := strconv.Atoi(text)
		if err != nil {
			msg := fmt.Sprintf("Type the %s total, a number from %d to %d.", m.Name, m.Min, m.Max)
			if text != "" {
				msg = fmt.Sprintf("The total %q is not a whole number; type one from %d to %d.", text, m.Min, m.Max)
			}
			p.total.SetValidationError(errors.New(msg))
			return nil, 0, errors.New(msg)
		}
		if err := m.CheckScore(nil, t); err != nil {
			p.total.SetValidationError(err)
			return nil, 0, err
		}
		return nil, t, nil
	}
	items := make([]int, len(p.rows))
	sum := 0
	for i, r := range p.rows {
		text := strings.TrimSpace(r.entry.Text)
		v, err := strconv.Atoi(text)
		var msg string
		switch {
		case text == "":
			msg = fmt.Sprintf("Item %d has no answer; type %d to %d, or choose %q.", i+1, m.ItemMin, m.ItemMax, totalOnly)
		case err != nil:
			msg = fmt.Sprintf("Item %d: %q is not an answer; answers run from %d to %d.", i+1, text, m.ItemMin, m.ItemMax)
		case v < m.ItemMin || v > m.ItemMax:
			msg = fmt.Sprintf("Item %d is %d; answers run from %d to %d.", i+1, v, m.ItemMin, m.ItemMax)
		}
		if msg != "" {
			r.entry.SetValidationError(errors.New(msg))
			return nil, 0, errors.New(msg)
		}
		items[i], sum = v, sum+v
	}
	return items, sum, m.CheckScore(items, sum)
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

func (p *scoresPanel) setProblem(msg string) {
	p.problem.SetText(msg)
	if msg == "" {
		p.problem.Hide()
	} else {
		p.problem.Show()
	}
}

// store saves what the form holds and reports whether it is saved.
func (p *scoresPanel) store() bool {
	m := p.current()
	items, total, err := p.read()
	if err != nil {
		p.setProblem(fmt.Sprintf("%s's %s score is not saved: %s", p.currentName(), m.Name, err.Error()))
		return false
	}
	sc := data.Score{SessionID: p.s.id, ClientID: p.client, MeasureID: p.measure, Items: items, Total: total}
	sc.ID, sc.Version = p.base.ID, p.base.Version
	saved, err := p.s.store.SaveScore(p.s.ctx, sc)
	if err != nil {
		msg := err.Error()
		if v, ok := data.IsValidation(err); ok {
			msg = v.Error()
		} else {
			msg = sessionProblem("Saving the score", err).Error()
		}
		p.setProblem(fmt.Sprintf("%s's %s score is not saved: %s", p.currentName(), m.Name, msg))
		return false
	}
	p.scores[scoreKey{p.client, p.measure}] = saved
	p.base, p.dirty = saved, false
	p.setProblem("")
	p.say(fmt.Sprintf("Saved %s's %s: %s.", p.currentName(), m.Name, strings.TrimPrefix(totalWords(m, saved.Total), "Total ")))
	p.showSummary()
	return true
}

func (p *scoresPanel) say(msg string) {
	p.saved.SetText(msg)
	p.saved.Show()
}

// saveScore saves, then moves on to the next member with no score on the
// measure yet, ready for their first answer.
func (p *scoresPanel) saveScore() {
	if _, signed := p.signed[p.client]; signed || !p.store() {
		return
	}
	said := p.saved.Text
	n := len(p.attending)
	for k := 1; k < n; k++ {
		r := p.attending[(p.indexOfMember(p.client)+k)%n]
		if _, has := p.scores[scoreKey{r.ClientID, p.measure}]; has {
			continue
		}
		if _, signed := p.signed[r.ClientID]; signed {
			continue
		}
		p.client = r.ClientID
		p.relabel()
		p.fill()
		p.say(said + " Next: " + r.Client.DisplayName() + ".")
		p.focusItem(0)
		return
	}
	p.relabel()
	p.fill()
	p.say(said + " Every member present has a " + p.current().Name + " score.")
}

// deleteScore removes the member's score on the measure shown, once the
// person confirms.
func (p *scoresPanel) deleteScore() {
	sc, ok := p.scores[scoreKey{p.client, p.measure}]
	if !ok {
		return
	}
	m := p.current()
	showConfirm(p.s.ui.win, "Delete this score?", fmt.Sprintf("%s's %s score of %d at this session will be deleted.\nThe audit log keeps that it was there.",
		p.currentName(), m.Name, sc.Total), func(yes bool) {
		if yes {
			p.deleteNow(sc, m)
		}
	})
}

func (p *scoresPanel) deleteNow(sc data.Score, m data.Measure) {
	if err := p.s.store.DeleteScore(p.s.ctx, sc.ID); err != nil {
		p.setProblem(sessionProblem("Deleting "+p.currentName()+"'s "+m.Name+" score", err).Error())
		return
	}
	delete(p.scores, scoreKey{sc.ClientID, sc.MeasureID})
	p.relabel()
	p.fill()
	p.showSummary()
	p.say(fmt.Sprintf("Deleted %s's %s score.", p.currentName(), m.Name))
}

// focusItem gives item i the keyboard, scrolled into view; past the last
// item the keyboard stays where it is, and Enter saves.
func (p *scoresPanel) focusItem(i int) {
	c := p.s.ui.win.Canvas()
	if p.mode.Selected == totalOnly {
		c.Focus(p.total)
		return
	}
	if i < 0 || i >= len(p.rows) {
		return
	}
	r := p.rows[i]
	c.Focus(r.entry)
	y := r.view.Position().Y + p.items.Position().Y
	h := p.scroll.Size().Height
	if off := p.scroll.Offset.Y; y < off || y+r.view.Size().Height > off+h {
		p.scroll.ScrollToOffset(fyne.NewPos(0, max(0, y+r.view.Size().Height-h)))
	}
}
