// Package assets holds the files built into the app: its icon and the
// fonts printed pages use.
package assets

import _ "embed"

// Icon is the app icon, 512x512 PNG.
//
//go:embed icon.png
var Icon []byte

// NotoSansRegular and NotoSansBold are the printed pages' typeface; Noto
// covers the Latin, Greek and Cyrillic names an agency meets (SIL Open Font
// Licence, fonts/OFL.txt).
//
//go:embed fonts/NotoSans-Regular.ttf
var NotoSansRegular []byte

//go:embed fonts/NotoSans-Bold.ttf
var NotoSansBold []byte
