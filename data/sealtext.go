package data

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"slices"
	"strconv"
	"unicode/utf8"
)

// A digest is SHA-256 over a JSON text of what it covers. The text is
// written here, value by value, exactly as encoding/json wrote the same
// values when the first digests were taken (sealtext_test.go holds the
// two the same, strings fuzzed): the check of every signed note at start
// spent a sixth of its time in encoding/json's reflection, and a digest
// must not change with how a later Go release chooses to format a value.

// sealer writes the texts that digests are taken over, keeping its
// buffers from one record to the next: the check at start takes a quarter
// of a million digests on a ten-year file.
type sealer struct {
	text      []byte
	sections  [][2]string
	processes []Process
	scores    []sealedScore
}

// note is the digest of a signed note: everything a reader of the note
// sees, and who signed it when. sections are key and text pairs in any
// order (n.Sections is not read); an empty section is left out, as the
// note shows none. Its text is the object
//
//	{"V","Note","Session","Client","Format","Sections","Processes",
//	 "SignedBy","Signer","SignedAt","Scores"}
//
// with sections sorted by key, processes ascending, and Scores, by
// measure, only in version 2 (a note signed with scores at its session).
func (s *sealer) note(n Note, sections [][2]string, scores []sealedScore, signedAt string) string {
	s.sections = s.sections[:0]
	for _, kv := range sections {
		if kv[1] != "" {
			s.sections = append(s.sections, kv)
		}
	}
	// Keys, and a member's measures, are unique in the database; the
	// ties broken here are for a file changed by hand, whose text then
	// stays the same from one check to the next.
	slices.SortFunc(s.sections, func(a, b [2]string) int {
		return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1]))
	})
	s.processes = append(s.processes[:0], n.Processes...)
	slices.Sort(s.processes)
	s.scores = append(s.scores[:0], scores...)
	slices.SortFunc(s.scores, func(a, b sealedScore) int {
		return cmp.Or(cmp.Compare(a.Measure, b.Measure), cmp.Compare(a.Total, b.Total), cmp.Compare(a.Items, b.Items))
	})
	version := sealVersion
	if len(scores) > 0 {
		version = scoredSealVersion
	}

	b := append(s.text[:0], `{"V":`...)
	b = strconv.AppendInt(b, int64(version), 10)
	b = appendField(b, "Note", n.ID)
	b = appendField(b, "Session", n.SessionID)
	b = appendField(b, "Client", n.ClientID)
	b = append(b, `,"Format":`...)
	b = appendJSONString(b, string(n.Format))
	b = append(b, `,"Sections":[`...)
	for i, kv := range s.sections {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		b = appendJSONString(b, kv[0])
		b = append(b, ',')
		b = appendJSONString(b, kv[1])
		b = append(b, ']')
	}
	b = append(b, `],"Processes":[`...)
	for i, p := range s.processes {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, int64(p), 10)
	}
	b = append(b, ']')
	b = appendField(b, "SignedBy", n.SignedBy)
	b = append(b, `,"Signer":`...)
	b = appendJSONString(b, n.Signer)
	b = append(b, `,"SignedAt":`...)
	b = appendJSONString(b, signedAt)
	if len(s.scores) > 0 {
		b = append(b, `,"Scores":[`...)
		for i, sc := range s.scores {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"Measure":`...)
			b = strconv.AppendInt(b, sc.Measure, 10)
			b = appendField(b, "Total", int64(sc.Total))
			b = append(b, `,"Items":`...)
			b = appendJSONString(b, sc.Items)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	b = append(b, '}')
	return s.digest(b)
}

// addendum is the digest of an addendum: its text, who added it when,
// and prev, the digest before it (the note's, or the previous addendum's),
// as the object {"V","Prev","ID","Note","StaffID","Author","At","Body"}.
func (s *sealer) addendum(prev string, a Addendum, at string) string {
	b := append(s.text[:0], `{"V":`...)
	b = strconv.AppendInt(b, sealVersion, 10)
	b = append(b, `,"Prev":`...)
	b = appendJSONString(b, prev)
	b = appendField(b, "ID", a.ID)
	b = appendField(b, "Note", a.NoteID)
	b = appendField(b, "StaffID", a.StaffID)
	b = append(b, `,"Author":`...)
	b = appendJSONString(b, a.Author)
	b = append(b, `,"At":`...)
	b = appendJSONString(b, at)
	b = append(b, `,"Body":`...)
	b = appendJSONString(b, a.Text)
	b = append(b, '}')
	return s.digest(b)
}

// auditLine is the digest of an audit line and prev, the line's before
// it, as the array [V, prev, id, at, staff, actor, entity, entity id,
// action, detail].
func (s *sealer) auditLine(l auditLine, prev string) string {
	staff := int64(0)
	if l.StaffID.Valid {
		staff = l.StaffID.Int64
	}
	b := append(s.text[:0], '[')
	b = strconv.AppendInt(b, sealVersion, 10)
	b = append(b, ',')
	b = appendJSONString(b, prev)
	b = append(b, ',')
	b = strconv.AppendInt(b, l.ID, 10)
	b = append(b, ',')
	b = appendJSONString(b, l.At)
	b = append(b, ',')
	b = strconv.AppendInt(b, staff, 10)
	for _, v := range []string{l.Actor, l.Entity} {
		b = append(b, ',')
		b = appendJSONString(b, v)
	}
	b = append(b, ',')
	b = strconv.AppendInt(b, l.EntityID, 10)
	for _, v := range []string{l.Action, l.Detail} {
		b = append(b, ',')
		b = appendJSONString(b, v)
	}
	b = append(b, ']')
	return s.digest(b)
}

func (s *sealer) digest(text []byte) string {
	s.text = text
	sum := sha256.Sum256(text)
	return hex.EncodeToString(sum[:])
}

// appendField appends ,"name":v.
func appendField(b []byte, name string, v int64) []byte {
	b = append(b, ',', '"')
	b = append(b, name...)
	b = append(b, '"', ':')
	return strconv.AppendInt(b, v, 10)
}

const hexDigits = "0123456789abcdef"

// appendJSONString appends s as encoding/json.Marshal writes a string: <,
// > and & escaped for HTML, U+2028 and U+2029 escaped, and each byte that
// is not UTF-8 written as U+FFFD.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// readPairs reads a JSON array of two-string arrays, as both engines
// aggregate a note's sections, into pairs (emptied first). Most texts are
// read here directly; whatever this reader does not take (an escaped
// surrogate, bytes that are not UTF-8, anything malformed) goes to
// encoding/json, so the answer is always encoding/json's.
func readPairs(text []byte, pairs [][2]string) ([][2]string, error) {
	if out, ok := scanPairs(text, pairs[:0]); ok {
		return out, nil
	}
	// A fresh slice: encoding/json decodes into the elements a reused one
	// still holds, and a null would keep the last note's section.
	var out [][2]string
	err := json.Unmarshal(text, &out)
	return out, err
}

// scanPairs is readPairs' own reader; ok is false for a text it leaves to
// encoding/json.
func scanPairs(text []byte, pairs [][2]string) (_ [][2]string, ok bool) {
	if !utf8.Valid(text) {
		return nil, false
	}
	r := jsonReader{text: text}
	if !r.take('[') {
		return nil, false
	}
	if r.take(']') {
		return pairs, r.end()
	}
	for {
		var kv [2]string
		if !r.take('[') {
			return nil, false
		}
		if kv[0], ok = r.str(); !ok || !r.take(',') {
			return nil, false
		}
		if kv[1], ok = r.str(); !ok || !r.take(']') {
			return nil, false
		}
		pairs = append(pairs, kv)
		if r.take(']') {
			return pairs, r.end()
		}
		if !r.take(',') {
			return nil, false
		}
	}
}

// jsonReader reads the JSON text of scanPairs.
type jsonReader struct {
	text []byte
	at   int
	buf  []byte // a string being unescaped
}

func (r *jsonReader) space() {
	for r.at < len(r.text) {
		switch r.text[r.at] {
		case ' ', '\t', '\n', '\r':
			r.at++
		default:
			return
		}
	}
}

// take reads c after any space.
func (r *jsonReader) take(c byte) bool {
	r.space()
	if r.at < len(r.text) && r.text[r.at] == c {
		r.at++
		return true
	}
	return false
}

// end says whether nothing but space is left.
func (r *jsonReader) end() bool {
	r.space()
	return r.at == len(r.text)
}

// str reads a string after any space; ok is false for one it leaves to
// encoding/json (an escaped surrogate, a control character, an error).
func (r *jsonReader) str() (_ string, ok bool) {
	if !r.take('"') {
		return "", false
	}
	start := r.at
	for i := start; i < len(r.text); i++ {
		switch c := r.text[i]; {
		case c == '"':
			r.at = i + 1
			return string(r.text[start:i]), true
		case c == '\\':
			return r.escaped(start, i)
		case c < 0x20:
			return "", false
		}
	}
	return "", false
}

// escaped reads the rest of a string that has an escape at i.
func (r *jsonReader) escaped(start, i int) (_ string, ok bool) {
	b := append(r.buf[:0], r.text[start:i]...)
	defer func() { r.buf = b }()
	for i < len(r.text) {
		c := r.text[i]
		switch {
		case c == '"':
			r.at = i + 1
			return string(b), true
		case c < 0x20:
			return "", false
		case c != '\\':
			b = append(b, c)
			i++
			continue
		}
		if i+1 >= len(r.text) {
			return "", false
		}
		switch e := r.text[i+1]; e {
		case '"', '\\', '/':
			b = append(b, e)
		case 'b':
			b = append(b, '\b')
		case 'f':
			b = append(b, '\f')
		case 'n':
			b = append(b, '\n')
		case 'r':
			b = append(b, '\r')
		case 't':
			b = append(b, '\t')
		case 'u':
			if i+6 > len(r.text) {
				return "", false
			}
			v, err := strconv.ParseUint(string(r.text[i+2:i+6]), 16, 16)
			if err != nil || (v >= 0xD800 && v < 0xE000) {
				return "", false
			}
			b = utf8.AppendRune(b, rune(v))
			i += 6
			continue
		default:
			return "", false
		}
		i += 2
	}
	return "", false
}
