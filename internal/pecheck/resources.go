package pecheck

import (
	"bytes"
	"debug/pe"
	"encoding/binary"
	"unicode/utf16"
)

// Resource types in a PE resource directory.
const (
	rtIcon      = 3
	rtGroupIcon = 14
	rtVersion   = 16
)

// resourceTypes lists the numeric resource types at the root of the
// .rsrc section: the icon is there as RT_ICON and RT_GROUP_ICON, the
// version information as RT_VERSION.
func resourceTypes(s *pe.Section) map[uint32]bool {
	types := map[uint32]bool{}
	if s == nil {
		return types
	}
	d, err := s.Data()
	if err != nil || len(d) < 16 {
		return types
	}
	named := int(binary.LittleEndian.Uint16(d[12:]))
	ids := int(binary.LittleEndian.Uint16(d[14:]))
	for i := named; i < named+ids; i++ {
		off := 16 + 8*i
		if off+8 > len(d) {
			break
		}
		types[binary.LittleEndian.Uint32(d[off:])] = true
	}
	return types
}

// versionString reads a value from the version information, e.g.
// "ProductVersion": its UTF-16 key is followed by padding and the value.
func versionString(s *pe.Section, key string) string {
	if s == nil {
		return ""
	}
	d, err := s.Data()
	if err != nil {
		return ""
	}
	k := utf16le(key)
	i := bytes.Index(d, k)
	if i < 0 {
		return ""
	}
	i += len(k)
	for i+1 < len(d) && d[i] == 0 && d[i+1] == 0 { // the key's NUL and alignment
		i += 2
	}
	var u []uint16
	for ; i+1 < len(d); i += 2 {
		c := binary.LittleEndian.Uint16(d[i:])
		if c == 0 {
			break
		}
		u = append(u, c)
	}
	return string(utf16.Decode(u))
}

func utf16le(s string) []byte {
	var b []byte
	for _, c := range utf16.Encode([]rune(s)) {
		b = binary.LittleEndian.AppendUint16(b, c)
	}
	return b
}
