// Package pecheck checks a Windows build of Groupwork the way Windows will
// load it: a 64-bit program (PE32+) for the GUI subsystem, so no console
// window opens beside it, that needs no DLL a caseworker's computer lacks.
package pecheck

import (
	"debug/pe"
	"fmt"
	"sort"
	"strings"
)

// SystemDLLs are the DLLs Groupwork.exe may link against: each ships with
// every Windows since 7. The list is what the real program imports (see
// the package-check log), each for a reason:
//
//   - kernel32.dll: the Go runtime (threads, memory, files, loading the
//     other system DLLs it calls by name) and the C runtime's start-up;
//   - msvcrt.dll: the C runtime mingw-w64 compiles GLFW and go-gl against;
//   - user32.dll: GLFW's window, keyboard, mouse, clipboard and cursors;
//   - gdi32.dll: GLFW's pixel formats, SwapBuffers, cursor bitmaps;
//   - opengl32.dll: go-gl's wglGetProcAddress (GLFW loads the rest at run
//     time); Windows' own, or Mesa's software one placed beside the .exe;
//   - shell32.dll: GLFW's drag-and-drop of files onto the window.
//
// A new import fails the check on purpose: whoever adds it makes sure it
// is on every caseworker's computer and adds it here with its reason.
var SystemDLLs = []string{
	"gdi32.dll", "kernel32.dll", "msvcrt.dll", "opengl32.dll", "shell32.dll", "user32.dll",
}

// Report is what the check read from the file.
type Report struct {
	Subsystem uint16
	Imports   []string // DLL names, lower case, sorted
	HasIcon   bool
	Product   string // the version information's ProductName
	Version   string // and its ProductVersion, e.g. "0.1.0.1"
}

// Check opens the .exe at path and returns what it found, with an error
// naming every way in which it is not a Windows GUI program that runs on
// a stock Windows.
func Check(path string) (Report, error) {
	var r Report
	f, err := pe.Open(path)
	if err != nil {
		return r, fmt.Errorf("%s is not a Windows program: %w", path, err)
	}
	defer f.Close()
	var problems []string
	oh, ok := f.OptionalHeader.(*pe.OptionalHeader64)
	if !ok || f.Machine != pe.IMAGE_FILE_MACHINE_AMD64 {
		problems = append(problems, fmt.Sprintf("not a 64-bit (PE32+, x86-64) program: machine %#x", f.Machine))
	} else {
		r.Subsystem = oh.Subsystem
		if oh.Subsystem != pe.IMAGE_SUBSYSTEM_WINDOWS_GUI {
			problems = append(problems, fmt.Sprintf("subsystem %d, not the GUI subsystem (%d): a console window would open", oh.Subsystem, pe.IMAGE_SUBSYSTEM_WINDOWS_GUI))
		}
	}
	// debug/pe's ImportedLibraries returns nothing for PE files; every
	// imported symbol names its DLL instead ("SwapBuffers:GDI32.dll").
	syms, err := f.ImportedSymbols()
	if err != nil {
		return r, fmt.Errorf("%s: reading its imports: %w", path, err)
	}
	seen := map[string]bool{}
	for _, s := range syms {
		if i := strings.LastIndexByte(s, ':'); i >= 0 {
			dll := strings.ToLower(s[i+1:])
			if !seen[dll] {
				seen[dll] = true
				r.Imports = append(r.Imports, dll)
			}
		}
	}
	sort.Strings(r.Imports)
	if len(r.Imports) == 0 {
		problems = append(problems, "no imports could be read")
	}
	if bad := NotSystem(r.Imports); len(bad) > 0 {
		problems = append(problems, "needs DLLs Windows does not ship: "+strings.Join(bad, ", "))
	}
	rsrc := f.Section(".rsrc")
	types := resourceTypes(rsrc)
	r.HasIcon = types[rtIcon] && types[rtGroupIcon]
	r.Product, r.Version = versionString(rsrc, "ProductName"), versionString(rsrc, "ProductVersion")
	if !r.HasIcon {
		problems = append(problems, "no icon: Explorer and the taskbar would show a blank one")
	}
	if !types[rtVersion] || r.Product == "" || r.Version == "" {
		problems = append(problems, "no version information: Properties → Details would be empty")
	}
	if len(problems) > 0 {
		return r, fmt.Errorf("%s: %s", path, strings.Join(problems, "; "))
	}
	return r, nil
}

// NotSystem returns the DLLs in libs that are not Windows system DLLs.
func NotSystem(libs []string) []string {
	var bad []string
	for _, l := range libs {
		l = strings.ToLower(l)
		if strings.HasPrefix(l, "api-ms-win-") {
			continue
		}
		i := sort.SearchStrings(SystemDLLs, l)
		if i == len(SystemDLLs) || SystemDLLs[i] != l {
			bad = append(bad, l)
		}
	}
	return bad
}
