package wintest

import (
	"crypto/sha256"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"groupwork/internal/version"
)

// TestSignedPackage signs the program, the uninstaller and the installer
// as `make package-windows SIGN_PFX=… SIGN_PASS_FILE=…` does, with a
// throwaway self-signed certificate, and checks the signatures with
// osslsigncode.
func TestSignedPackage(t *testing.T) {
	exe := windowsExe(t)
	needTools(t, "openssl", "osslsigncode", "makensis", "zip")
	dir := t.TempDir()
	cert, pfx, pass := filepath.Join(dir, "cert.pem"), filepath.Join(dir, "cert.pfx"), filepath.Join(dir, "password")
	if err := os.WriteFile(pass, []byte("throwaway password\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	key := filepath.Join(dir, "key.pem")
	for _, args := range [][]string{
		{"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "2",
			"-subj", "/CN=Groupwork test signing", "-addext", "extendedKeyUsage=codeSigning"},
		{"pkcs12", "-export", "-in", cert, "-inkey", key, "-out", pfx, "-passout", "file:" + pass},
	} {
		if out, err := exec.Command("openssl", args...).CombinedOutput(); err != nil {
			t.Fatalf("openssl %s: %v\n%s", args[0], err, out)
		}
	}

	// A copy of the package, so the one other tests run stays unsigned.
	dist := filepath.Join(dir, "dist")
	if err := os.CopyFS(filepath.Join(dist, "windows"), os.DirFS(filepath.Dir(exe))); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	pkg := exec.Command(filepath.Join(repoRoot(t), ".ci", "package"), "windows-installer")
	pkg.Env = append(os.Environ(), "DIST="+dist, "SIGN_PFX="+pfx, "SIGN_PASS_FILE="+pass, "NSIS_COMPRESSOR=zlib")
	if out, err := pkg.CombinedOutput(); err != nil {
		t.Fatalf(".ci/package windows-installer: %v\n%s", err, out)
	}
	t.Logf("signed the program and made and signed the installer in %.1f s", time.Since(start).Seconds())

	setup := filepath.Join(dist, "Groupwork-"+version.Version+"-setup.exe")
	verify := func(f string) {
		t.Helper()
		// Self-signed, so trusted only when told to trust this certificate.
		out, err := exec.Command("osslsigncode", "verify", "-CAfile", cert, "-in", f).CombinedOutput()
		if err != nil || !strings.Contains(string(out), "Signature verification: ok") {
			t.Errorf("%s: %v\n%s", filepath.Base(f), err, out)
		}
		if !strings.Contains(string(out), "Groupwork test signing") {
			t.Errorf("%s is not signed by the test's certificate:\n%s", filepath.Base(f), out)
		}
	}
	verify(filepath.Join(dist, "windows", "Groupwork.exe"))
	verify(setup)

	// The uninstaller is made when the installer is built, and signed then;
	// it comes out of the installer only when it runs.
	w := newWine(t)
	w.cmdOK(5*time.Minute, setup, "/S")
	w.cmdOK(time.Minute, "wineserver", "-w")
	verify(w.unix(`C:\users\` + profileName + `\AppData\Local\Programs\Groupwork\uninstall.exe`))
	// The signature covers the program: a changed byte breaks it.
	signed := filepath.Join(dist, "windows", "Groupwork.exe")
	b, err := os.ReadFile(signed)
	if err != nil {
		t.Fatal(err)
	}
	b[len(b)/2] ^= 0xff
	os.WriteFile(signed, b, 0o644)
	if out, err := exec.Command("osslsigncode", "verify", "-CAfile", cert, "-in", signed).CombinedOutput(); err == nil {
		t.Errorf("a changed program still verifies:\n%s", out)
	}
}

func digest(t *testing.T, path string) [32]byte {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		t.Fatal(err)
	}
	var sum [32]byte
	copy(sum[:], h.Sum(nil))
	return sum
}

// syncBuffer collects a running program's output for another goroutine
// to read.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
