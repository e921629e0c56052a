package version

import (
	"bufio"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// The packaging tool reads FyneApp.toml and the app reads these constants:
// an installer whose version differs from the About dialog's would confuse
// whoever supports the agency.
func TestFyneAppTomlMatches(t *testing.T) {
	f, err := os.Open("../../FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	details := map[string]string{}
	section := ""
	kv := regexp.MustCompile(`^\s*(\w+)\s*=\s*(.+?)\s*$`)
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "[") {
			section = strings.Trim(line, "[]")
			continue
		}
		if m := kv.FindStringSubmatch(line); m != nil && section == "Details" {
			details[m[1]] = strings.Trim(m[2], `"`)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if details["Version"] != Version {
		t.Errorf("FyneApp.toml Version = %q, version.Version = %q", details["Version"], Version)
	}
	if details["Build"] != strconv.Itoa(Build) {
		t.Errorf("FyneApp.toml Build = %q, version.Build = %d", details["Build"], Build)
	}
	if details["ID"] != AppID {
		t.Errorf("FyneApp.toml ID = %q, version.AppID = %q", details["ID"], AppID)
	}
	if details["Name"] != "Groupwork" {
		t.Errorf("FyneApp.toml Name = %q, want Groupwork", details["Name"])
	}
	if _, err := os.Stat("../../" + details["Icon"]); err != nil {
		t.Errorf("FyneApp.toml Icon: %v", err)
	}
}
