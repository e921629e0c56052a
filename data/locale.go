package data

import (
	"os"
	"strings"

	"golang.org/x/text/language"
)

// A locale is the agency's language and region, as a BCP 47 tag such as
// "en-US" or "sv-SE". The screens stay in English; the locale says how
// dates are written (month or day first) and in which language's
// alphabetical order names are sorted.
type Locale struct {
	Tag  string
	Name string // as the Settings screen offers it
}

// Locales are the ones offered. Each sorts names by its language's rules:
// Swedish puts Ö after Z, Spanish ñ after n, German ä with a.
var Locales = []Locale{
	{"en-US", "English (United States)"},
	{"en-CA", "English (Canada)"},
	{"en-GB", "English (United Kingdom)"},
	{"en-IE", "English (Ireland)"},
	{"en-AU", "English (Australia)"},
	{"en-NZ", "English (New Zealand)"},
	{"es-US", "Spanish (United States)"},
	{"es-ES", "Spanish (Spain)"},
	{"fr-CA", "French (Canada)"},
	{"fr-FR", "French (France)"},
	{"de-DE", "German (Germany)"},
	{"nl-NL", "Dutch (Netherlands)"},
	{"sv-SE", "Swedish (Sweden)"},
	{"da-DK", "Danish (Denmark)"},
	{"nb-NO", "Norwegian (Norway)"},
	{"fi-FI", "Finnish (Finland)"},
	{"pl-PL", "Polish (Poland)"},
	{"tr-TR", "Turkish (Turkey)"},
}

// DefaultLocale is the locale when neither the agency nor the computer
// names one that is offered.
const DefaultLocale = "en-US"

// LocaleName is a locale's name as offered, or the tag itself.
func LocaleName(tag string) string {
	for _, l := range Locales {
		if l.Tag == tag {
			return l.Name
		}
	}
	return tag
}

func knownLocale(tag string) bool {
	for _, l := range Locales {
		if l.Tag == tag {
			return true
		}
	}
	return false
}

// SystemLocale is the offered locale closest to the computer's (LC_ALL,
// LC_MESSAGES or LANG, as POSIX reads them), or DefaultLocale.
func SystemLocale() string {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if s := os.Getenv(v); s != "" {
			return matchLocale(s)
		}
	}
	return DefaultLocale
}

// matchLocale maps a POSIX locale ("sv_SE.UTF-8") to an offered one: the
// same language and region, else the first offered for the language.
func matchLocale(posix string) string {
	s := strings.SplitN(strings.SplitN(posix, ".", 2)[0], "@", 2)[0]
	t, err := language.Parse(strings.ReplaceAll(s, "_", "-"))
	if err != nil || s == "C" || s == "POSIX" {
		return DefaultLocale
	}
	base, _ := t.Base()
	region, _ := t.Region()
	if want := base.String() + "-" + region.String(); knownLocale(want) {
		return want
	}
	for _, l := range Locales {
		if strings.HasPrefix(l.Tag, base.String()+"-") {
			return l.Tag
		}
	}
	return DefaultLocale
}

// collationOf is the language whose order names are sorted in. An agency
// that never chose a locale has English, the order names were kept in
// before there was a choice.
func collationOf(locale string) language.Tag {
	if locale == "" {
		return language.English
	}
	t, err := language.Parse(locale)
	if err != nil {
		return language.English
	}
	base, _ := t.Base()
	return language.Make(base.String())
}
