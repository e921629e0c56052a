// Package assets holds the files built into the app: its icon and the
// fonts printed pages use.
package assets

import _ "embed"

// Icon is the app icon, 512x512 PNG.
//
//go:embed icon.png
var Icon []byte
