package glcheck

// Check does nothing on macOS: every Mac offers OpenGL 2.1, and starting
// and stopping GLFW there before Fyne does would disturb the menu bar.
func Check() error { return nil }

// WorkArea is not read on macOS, for the same reason: the first window
// keeps its default size, which fits the smallest Mac screen.
func WorkArea() (width, height float32) { return 0, 0 }
