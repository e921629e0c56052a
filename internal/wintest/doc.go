// Package wintest runs the Windows package on Windows' own interfaces as
// Wine provides them: the command line, the window and its lock, the data
// folder, the installer and the signatures. `make package-check` builds
// the package and names it in GROUPWORK_WINDOWS_EXE; without it the tests
// skip.
package wintest
