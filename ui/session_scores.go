package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"groupwork/data"
)

// scoresPanel is where the facilitator enters the scores of the members
// who attended, on the measures the group uses: item by item from the
// keyboard, or just the total. A member's scores are locked with their
// signed note, as the store keeps them.
type scoresPanel struct {
	s *sessionScreen

	all       map[int64]data.Measure // every measure, archived too
	offered   []data.Measure         // due first, then the group's others, then any already scored here
	due       map[int64]bool
	attending []data.AttendanceRow
	scores    map[scoreKey]data.Score
	signed    map[int64]data.Note // members' signed notes, by client
	usesNone  bool                // the group uses no measure

	client, measure int64 // what the form shows
	// base is the stored score the form was filled from: a save names it,
	// so one a colleague changed meanwhile is not overwritten unseen.
	base    data.Score
	built   int64 // the measure the item rows were made for
	dirty   bool  // typed and not saved
	filling bool  // the form is being filled, not typed into
	picking bool  // a picker is being set, not chosen

	summary *widget.Label
	member  *widget.Select
	which   *widget.Select
	mode    *widget.RadioGroup
	locked  *widget.Label
	prompt  *widget.Label
	scale   *widget.Label
	items   *fyne.Container
	rows    []*itemRow
	total   *textBox
	totalUI fyne.CanvasObject
	scroll  *container.Scroll
	result  *widget.Label
	problem *widget.Label
	saved   *widget.Label
	keys    *widget.Label
	save    *widget.Button
	remove  *widget.Button
	form    fyne.CanvasObject
	none    *widget.Label
	body    *fyne.Container
	view    fyne.CanvasObject
}

type scoreKey struct{ client, measure int64 }

const (
	byItem    = "Item by item"
	totalOnly = "Total only"
	itemKeys  = "Type each answer's number and the next item follows · Tab / Shift+Tab move · Enter saves"
)

func newScoresPanel(s *sessionScreen) *scoresPanel {
	p := &scoresPanel{s: s}
	p.summary = &widget.Label{Wrapping: fyne.TextWrapWord}
	p.member = widget.NewSelect(nil, func(string) { p.choose() })
	p.member.PlaceHolder = "Choose a member"
	p.which = widget.NewSelect(nil, func(string) { p.choose() })
	p.which.PlaceHolder = "Choose a measure"
	p.mode = widget.NewRadioGroup([]string{byItem, totalOnly}, func(string) { p.modeChanged() })
	p.mode.Horizontal, p.mode.Required = true, true
	p.locked = &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance}
	p.locked.Hide()
	p.prompt = &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance}
	p.scale = &widget.Label{Wrapping: fyne.TextWrapWord, SizeName: theme.SizeNameCaptionText}
	p.items = container.NewVBox()
	p.total = newEntry("", "")
	p.total.OnChanged = func(string) { p.typed() }
	p.total.OnSubmitted = func(string) { p.saveScore() }
	p.totalUI = container.NewBorder(nil, nil, &widget.Label{Text: "Total", TextStyle: fyne.TextStyle{Bold: true}}, nil,
		fixedWidth(p.total, 120))
	p.scroll = container.NewVScroll(container.NewVBox(p.prompt, p.scale, p.items, p.totalUI))
	p.result = &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis}
	p.problem = &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.DangerImportance}
	p.problem.Hide()
	p.saved = &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.SuccessImportance}
	p.saved.Hide()
	p.save = &widget.Button{Text: "Save score", Icon: theme.DocumentSaveIcon(), Importance: widget.HighImportance, OnTapped: p.saveScore}
	p.remove = &widget.Button{Text: "Delete score", Icon: theme.DeleteIcon(), OnTapped: p.deleteScore}
	p.keys = &widget.Label{Text: itemKeys, SizeName: theme.SizeNameCaptionText, Truncation: fyne.TextTruncateEllipsis}
	bold := func(s string) *widget.Label { return &widget.Label{Text: s, TextStyle: fyne.TextStyle{Bold: true}} }
	pickers := container.NewVBox(
		container.NewBorder(nil, nil, bold("Member"), nil, p.member),
		container.NewBorder(nil, nil, bold("Measure"), nil, p.which), p.mode)
	top := container.NewVBox(p.summary, pickers, p.locked)
	bottom := container.NewVBox(p.result, p.problem, p.saved, container.NewHBox(p.save, p.remove), p.keys)
	p.form = container.NewBorder(top, bottom, nil, nil, p.scroll)
	p.none = &widget.Label{Wrapping: fyne.TextWrapWord}
	p.body = container.NewStack(p.form)
	p.view = p.body
	return p
}

// reload reads the measures, scores and signed notes of the session. What
// the person typed and has not saved stays in the form.
func (p *scoresPanel) reload() {
	ctx, st := p.s.ctx, p.s.store
	all, err := st.AllMeasures(ctx)
	if err != nil {
		p.s.ui.showError(sessionProblem("Reading the measures", err))
		return
	}
	gms, err := st.GroupMeasures(ctx, p.s.sess.GroupID)
	if err != nil {
		p.s.ui.showError(sessionProblem("Reading the group's measures", err))
		return
	}
	due, err := st.MeasuresDue(ctx, p.s.id)
	if err != nil {
		p.s.ui.showError(sessionProblem("Reading the measures due", err))
		return
	}
	scores, err := st.SessionScores(ctx, p.s.id)
	if err != nil {
		p.s.ui.showError(sessionProblem("Reading the scores", err))
		return
	}
	notes, err := st.SessionNotes(ctx, p.s.id)
	if err != nil {
		p.s.ui.showError(sessionProblem("Reading the notes", err))
		return
	}
	p.all = map[int64]data.Measure{}
	for _, m := range all {
		p.all[m.ID] = m
	}
	p.due = map[int64]bool{}
	p.offered = p.offered[:0]
	seen := map[int64]bool{}
	offer := func(id int64) {
		if m, ok := p.all[id]; ok && !seen[id] {
			seen[id] = true
			p.offered = append(p.offered, m)
		}
	}
	for _, m := range due {
		p.due[m.ID] = true
		offer(m.ID)
	}
	for _, g := range gms {
		offer(g.MeasureID)
	}
	p.usesNone = len(gms) == 0
	p.scores = map[scoreKey]data.Score{}
	for _, sc := range scores {
		p.scores[scoreKey{sc.ClientID, sc.MeasureID}] = sc
		offer(sc.MeasureID)
	}
	p.signed = map[int64]data.Note{}
	for _, n := range notes {
		if !n.IsGroupNote() && n.Status == data.Signed {
			p.signed[n.ClientID] = n
		}
	}
	p.attendanceChanged()
}

// attendanceChanged offers exactly the members who attended.
func (p *scoresPanel) attendanceChanged() {
	if p.all == nil {
		return // not read yet
	}
	p.attending = p.attending[:0]
	for _, r := range p.s.attendance.rows {
		if r.Status.Attended() {
			p.attending = append(p.attending, r)
		}
	}
	if p.indexOfMember(p.client) < 0 && !p.dirty {
		p.client = 0
	}
	if p.indexOfMeasure(p.measure) < 0 && !p.dirty {
		p.measure = 0
	}
	if p.client == 0 && len(p.attending) > 0 {
		p.client = p.attending[0].ClientID
	}
	if p.measure == 0 && len(p.offered) > 0 {
		p.measure = p.offered[0].ID
	}
	p.showSummary()
	switch {
	case len(p.offered) == 0:
		p.showNone("This group uses no measures. To score members, choose the measures and when they are due with Edit group on the group's page.")
		return
	case len(p.attending) == 0:
		p.showNone("Members can be scored once they are marked present, late or left early.")
		return
	}
	if len(p.body.Objects) != 1 || p.body.Objects[0] != p.form {
		p.body.Objects = []fyne.CanvasObject{p.form}
		p.body.Refresh()
	}
	p.relabel()
	if !p.dirty {
		p.fill()
	} else {
		p.showLock()
	}
}

func (p *scoresPanel) showNone(text string) {
	p.none.SetText(text)
	p.body.Objects = []fyne.CanvasObject{container.NewVBox(p.summary, p.none)}
	p.body.Refresh()
}

// tabText is the tab's name, with how many measures are due.
func (p *scoresPanel) tabText() string {
	if n := len(p.due); n > 0 {
		return fmt.Sprintf("Scores (%d due)", n)
	}
	return "Scores"
}

// showSummary says which measures are due and how far scoring has got.
func (p *scoresPanel) showSummary() {
	if len(p.offered) == 0 {
		p.summary.SetText("")
		return
	}
	var dueParts []string
	for _, m := range p.offered {
		if !p.due[m.ID] {
			continue
		}
		n := 0
		for _, r := range p.attending {
			if _, ok := p.scores[scoreKey{r.ClientID, m.ID}]; ok {
				n++
			}
		}
		dueParts = append(dueParts, fmt.Sprintf("%s (%d of %d scored)", m.Name, n, len(p.attending)))
	}
	switch {
	case len(dueParts) > 0:
		p.summary.SetText("Due this session: " + strings.Join(dueParts, ", ") + ".")
	case p.usesNone:
		p.summary.SetText("The group no longer uses a measure; the scores entered here are kept.")
	default:
		p.summary.SetText("No measure is due this session; you can still score one the group uses.")
	}
}

func (p *scoresPanel) indexOfMember(clientID int64) int {
	for i, r := range p.attending {
		if r.ClientID == clientID {
			return i
		}
	}
	return -1
}

func (p *scoresPanel) indexOfMeasure(id int64) int {
	for i, m := range p.offered {
		if m.ID == id {
			return i
		}
	}
	return -1
}

// relabel names each member with their score on the measure shown, and
// each measure with whether it is due.
func (p *scoresPanel) relabel() {
	p.picking = true
	defer func() { p.picking = false }()
	opts := make([]string, len(p.attending))
	for i, r := range p.attending {
		opts[i] = r.Client.SortName() + " — " + p.scoreWords(r.ClientID, p.measure)
	}
	p.member.Options = opts
	p.member.Selected = ""
	if i := p.indexOfMember(p.client); i >= 0 {
		p.member.Selected = opts[i]
	}
	p.member.Refresh()
	ms := make([]string, len(p.offered))
	for i, m := range p.offered {
		ms[i] = m.Name
		if p.due[m.ID] {
			ms[i] += " — due"
		}
	}
	p.which.Options = ms
	p.which.Selected = ""
	if i := p.indexOfMeasure(p.measure); i >= 0 {
		p.which.Selected = ms[i]
	}
	p.which.Refresh()
}

// scoreWords is a member's score on a measure as the picker says it.
func (p *scoresPanel) scoreWords(clientID, measureID int64) string {
	sc, ok := p.scores[scoreKey{clientID, measureID}]
	var w string
	if ok {
		w = fmt.Sprint(sc.Total)
		if b := p.all[measureID].BandOf(sc.Total); b != "" {
			w += " " + strings.ToLower(b)
		}
	} else {
		w = "no score yet"
	}
	if _, signed := p.signed[clientID]; signed {
		w += " (locked)"
	}
	return w
}

// current is the measure the form shows.
func (p *scoresPanel) current() data.Measure { return p.all[p.measure] }

// currentName is the member the form shows, as people read it.
func (p *scoresPanel) currentName() string {
	if i := p.indexOfMember(p.client); i >= 0 {
		return p.attending[i].Client.DisplayName()
	}
	return "the member"
}

// choose moves the form to the member or measure picked. Typing not yet
// saved is saved first; when it cannot be (an answer missing), the person
// chooses between staying to finish it and leaving it unsaved.
func (p *scoresPanel) choose() {
	if p.picking {
		return
	}
	client, measure := p.client, p.measure
	if i := p.member.SelectedIndex(); i >= 0 && i < len(p.attending) {
		client = p.attending[i].ClientID
	}
	if i := p.which.SelectedIndex(); i >= 0 && i < len(p.offered) {
		measure = p.offered[i].ID
	}
	if client == p.client && measure == p.measure {
		return
	}
	move := func() {
		p.client, p.measure = client, measure
		p.relabel()
		p.fill()
	}
	if !p.dirty || p.store() {
		p.saved.Hide()
		move()
		return
	}
	p.relabel() // the pickers show what the form holds until the person decides
	who, what := p.currentName(), p.current().Name
	d := dialog.NewConfirm("Leave "+who+"'s "+what+" unsaved?", p.problem.Text+"\n\nStay to finish it, or leave it: the answers typed are then lost.",
		func(leave bool) {
			if leave {
				p.dirty = false
				move()
			}
		}, p.s.ui.win)
	d.SetConfirmText("Leave it unsaved")
	d.SetDismissText("Stay")
	showConfirmDialog(p.s.ui.win, d)
}
