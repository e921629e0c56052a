// Package version says which release of Groupwork this is. FyneApp.toml
// carries the same numbers for the packaging tool; a test keeps them equal.
package version

// Version is the release, as shown in the About dialog and by
// `groupwork version`.
const Version = "0.1.0"

// Build counts builds of the same version, for installers.
const Build = 1

// AppID identifies the app to the operating system and to Fyne's
// preferences store.
const AppID = "org.groupwork.app"
