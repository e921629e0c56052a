package glcheck

import (
	"syscall"
	"unsafe"
)

// messageBox shows a native error box; user32 is always there, even when
// OpenGL is not.
func messageBox(title, text string) bool {
	t, err1 := syscall.UTF16PtrFromString(title)
	m, err2 := syscall.UTF16PtrFromString(text)
	if err1 != nil || err2 != nil {
		return false
	}
	proc := syscall.NewLazyDLL("user32.dll").NewProc("MessageBoxW")
	if proc.Find() != nil {
		return false
	}
	const mbOK, mbIconError = 0x0, 0x10
	r, _, _ := proc.Call(0, uintptr(unsafe.Pointer(m)), uintptr(unsafe.Pointer(t)), mbOK|mbIconError)
	return r != 0
}
