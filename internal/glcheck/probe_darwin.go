package glcheck

// Check does nothing on macOS: every Mac offers OpenGL 2.1, and starting
// and stopping GLFW there before Fyne does would disturb the menu bar.
func Check() error { return nil }
