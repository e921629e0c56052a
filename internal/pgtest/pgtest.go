// Package pgtest starts private PostgreSQL servers for tests. Each server
// lives in its own temporary folder and listens only on a unix socket in
// that folder, so tests never touch a system cluster and never open a
// network port.
//
// Test packages use DB, which hands each test a new empty database on one
// server shared by the test binary, and stop that server from TestMain:
//
//	func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }
package pgtest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/jackc/pgx/v5"
)

// MinVersion is the oldest PostgreSQL major version the servers run.
const MinVersion = 15

// ErrNotInstalled is wrapped by the errors of Start when PostgreSQL's
// server programs are not found, or cannot be run on this system.
var ErrNotInstalled = errors.New("PostgreSQL server programs not found")

const (
	folderPrefix = "groupwork-pg-"
	// The socket is the only way in, and it lives in the server's own
	// folder, so the usual port number cannot clash with anyone's.
	port      = 5432
	ownerFile = "owner.pid" // pid of the process that made the folder
	dataDir   = "data"
	logFile   = "server.log"
)

// Server is one private PostgreSQL server. Its methods are safe for
// concurrent use.
type Server struct {
	dir string // the folder: socket, log, owner.pid and data/
	bin string // the folder of initdb, pg_ctl and postgres
	run runAs  // whose rights the server programs run with

	mu      sync.Mutex
	running bool
	removed bool
}

// runAs is the system user the server programs run as: the postgres user
// when this process is root (initdb refuses root), else nobody in
// particular (this process's own user).
type runAs struct {
	uid, gid int
	set      bool
}

// Start makes a new folder, creates a database cluster in it and starts
// PostgreSQL on it. Stale folders that earlier runs left behind (their
// test binary gone) are removed first, and a server still running in one
// is stopped.
func Start() (*Server, error) {
	bin, err := findBin()
	if err != nil {
		return nil, err
	}
	var who runAs
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			return nil, fmt.Errorf("%w: running as root needs the postgres system user to run the server as: %v", ErrNotInstalled, err)
		}
		who.uid, _ = strconv.Atoi(u.Uid)
		who.gid, _ = strconv.Atoi(u.Gid)
		who.set = true
	}
	removeStale(bin, who)

	dir, err := os.MkdirTemp("", folderPrefix)
	if err != nil {
		return nil, err
	}
	s := &Server{dir: dir, bin: bin, run: who}
	if err := s.create(); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	if err := s.start(); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	return s, nil
}

func (s *Server) create() error {
	// A unix socket's path has a small size limit (107 bytes on Linux).
	if sock := s.socket(); len(sock) > 100 {
		return fmt.Errorf("the socket path %s is too long for a unix socket; set TMPDIR to a shorter folder", sock)
	}
	if err := os.WriteFile(filepath.Join(s.dir, ownerFile), []byte(strconv.Itoa(os.Getpid())+"\n"), 0o644); err != nil {
		return err
	}
	if s.run.set {
		if err := os.Chown(s.dir, s.run.uid, s.run.gid); err != nil {
			return err
		}
	}
	if _, err := s.cmd("initdb", "-D", s.data(), "-U", "postgres", "--auth=trust",
		"-E", "UTF8", "--no-locale", "--no-sync"); err != nil {
		return err
	}
	// Settings go in the cluster's own file, so a restart keeps them.
	// Without fsync the data outlives a crash of the server (the system
	// still holds it) but not one of the machine, which a test server
	// need not survive. Commits stay synchronous: a killed server keeps
	// what it committed, as a real one does.
	conf := fmt.Sprintf(`
listen_addresses = ''
unix_socket_directories = '%s'
port = %d
fsync = off
full_page_writes = off
max_connections = 200
`, s.dir, port)
	f, err := os.OpenFile(filepath.Join(s.data(), "postgresql.conf"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	_, err = f.WriteString(conf)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

func (s *Server) start() error {
	if _, err := s.cmd("pg_ctl", "start", "-w", "-t", "60", "-D", s.data(), "-l", filepath.Join(s.dir, logFile)); err != nil {
		return fmt.Errorf("%w\n%s", err, s.logTail())
	}
	s.running = true
	return nil
}

func (s *Server) stop(mode string) error {
	if !s.running {
		return nil
	}
	if _, err := s.cmd("pg_ctl", "stop", "-w", "-t", "60", "-m", mode, "-D", s.data()); err != nil {
		return err
	}
	s.running = false
	return nil
}

// Dir is the server's folder; its unix socket is in it.
func (s *Server) Dir() string { return s.dir }

// DSN is the pgx URL of the named database on the server.
func (s *Server) DSN(dbname string) string {
	return fmt.Sprintf("postgres://postgres@/%s?host=%s&port=%d&sslmode=disable",
		escapePath(dbname), escapeQuery(s.dir), port)
}

// NewDatabase creates an empty database called name and returns its DSN.
func (s *Server) NewDatabase(ctx context.Context, name string) (string, error) {
	if err := s.admin(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize()); err != nil {
		return "", fmt.Errorf("creating database %q: %w", name, err)
	}
	return s.DSN(name), nil
}

// DropDatabase removes the named database, closing its connections.
func (s *Server) DropDatabase(ctx context.Context, name string) error {
	return s.admin(ctx, "DROP DATABASE IF EXISTS "+pgx.Identifier{name}.Sanitize()+" WITH (FORCE)")
}

func (s *Server) admin(ctx context.Context, sql string) error {
	conn, err := pgx.Connect(ctx, s.DSN("postgres"))
	if err != nil {
		return err
	}
	defer conn.Close(context.Background())
	_, err = conn.Exec(ctx, sql)
	return err
}

// Restart stops the server, if it runs, and starts it again on the same
// data: committed data stays, connections are closed.
func (s *Server) Restart() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.removed {
		return errors.New("the server was stopped and its folder removed")
	}
	if err := s.stop("fast"); err != nil {
		return err
	}
	return s.start()
}

// Kill stops the server at once, as a crash would: every connection
// drops, nothing is shut down cleanly. The data stays; Restart brings the
// server back.
func (s *Server) Kill() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stop("immediate")
}

// Stop stops the server and removes its folder with all its data.
// Stopping a stopped server does nothing.
func (s *Server) Stop() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.removed {
		return nil
	}
	if err := s.stop("fast"); err != nil {
		// A server that did not stop fast is stopped at once.
		if err2 := s.stop("immediate"); err2 != nil {
			return err
		}
	}
	s.removed = true
	return os.RemoveAll(s.dir)
}

func (s *Server) data() string   { return filepath.Join(s.dir, dataDir) }
func (s *Server) socket() string { return filepath.Join(s.dir, fmt.Sprintf(".s.PGSQL.%d", port)) }

// cmd runs one of the server programs with the server's user, in its
// folder, and returns its output or an error holding it.
func (s *Server) cmd(name string, args ...string) ([]byte, error) {
	return runProg(s.bin, s.dir, s.run, name, args...)
}

func runProg(bin, dir string, who runAs, name string, args ...string) ([]byte, error) {
	c := exec.Command(filepath.Join(bin, name), args...)
	c.Dir = dir
	c.Env = cleanEnv()
	if who.set {
		setUser(c, who)
	}
	var out bytes.Buffer
	c.Stdout, c.Stderr = &out, &out
	if err := c.Run(); err != nil {
		return out.Bytes(), fmt.Errorf("%s %s: %v\n%s", name, strings.Join(args, " "), err, strings.TrimSpace(out.String()))
	}
	return out.Bytes(), nil
}

// cleanEnv is this process's environment without the PG* settings that
// would point the server programs at another cluster, and in the C locale.
func cleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "PG") || strings.HasPrefix(kv, "LC_") || strings.HasPrefix(kv, "LANG") {
			continue
		}
		env = append(env, kv)
	}
	return append(env, "LC_ALL=C")
}

func (s *Server) logTail() string {
	b, err := os.ReadFile(filepath.Join(s.dir, logFile))
	if err != nil {
		return ""
	}
	if len(b) > 2000 {
		b = b[len(b)-2000:]
	}
	return "server log:\n" + string(b)
}

// findBin finds the folder of PostgreSQL's server programs: pg_config's
// bindir when it holds them, else the newest /usr/lib/postgresql/N/bin
// (Debian and Ubuntu), of version MinVersion or newer.
func findBin() (string, error) {
	var tried []string
	try := func(dir string) bool {
		for _, p := range []string{"initdb", "pg_ctl", "postgres"} {
			if _, err := os.Stat(filepath.Join(dir, p)); err != nil {
				tried = append(tried, fmt.Sprintf("%s has no %s", dir, p))
				return false
			}
		}
		v, err := majorVersion(dir)
		if err != nil {
			tried = append(tried, err.Error())
			return false
		}
		if v < MinVersion {
			tried = append(tried, fmt.Sprintf("%s is PostgreSQL %d, older than %d", dir, v, MinVersion))
			return false
		}
		return true
	}
	if out, err := exec.Command("pg_config", "--bindir").Output(); err == nil {
		if dir := strings.TrimSpace(string(out)); dir != "" && try(dir) {
			return dir, nil
		}
	} else {
		tried = append(tried, "no pg_config on PATH")
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool { return versionOf(dirs[i]) > versionOf(dirs[j]) })
	for _, dir := range dirs {
		if versionOf(dir) >= MinVersion && try(dir) {
			return dir, nil
		}
	}
	if len(dirs) == 0 {
		tried = append(tried, "no /usr/lib/postgresql/N/bin")
	}
	return "", fmt.Errorf("%w (initdb, pg_ctl and postgres of version %d or newer; on Debian or Ubuntu install the postgresql package): %s",
		ErrNotInstalled, MinVersion, strings.Join(tried, "; "))
}

// versionOf reads N from /usr/lib/postgresql/N/bin.
func versionOf(bin string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(bin)))
	return n
}

// majorVersion asks postgres for its version: "postgres (PostgreSQL) 15.18 (…)".
func majorVersion(bin string) (int, error) {
	out, err := exec.Command(filepath.Join(bin, "postgres"), "--version").Output()
	if err != nil {
		return 0, fmt.Errorf("%s --version: %v", filepath.Join(bin, "postgres"), err)
	}
	f := strings.Fields(string(out))
	if len(f) >= 3 {
		major, _, _ := strings.Cut(f[2], ".")
		if n, err := strconv.Atoi(major); err == nil {
			return n, nil
		}
	}
	return 0, fmt.Errorf("%s --version said %q", filepath.Join(bin, "postgres"), strings.TrimSpace(string(out)))
}

// removeStale removes the folders of servers whose owning process is
// gone, first stopping a server still running in one. It only stops a
// postmaster that is verifiably the one of that folder (its working
// folder is the folder's data), so a reused pid is never signalled.
// Folders it cannot judge or remove are left alone.
func removeStale(bin string, who runAs) {
	dirs, _ := filepath.Glob(filepath.Join(os.TempDir(), folderPrefix+"*"))
	for _, dir := range dirs {
		b, err := os.ReadFile(filepath.Join(dir, ownerFile))
		if err != nil {
			continue // being made right now, or not one of ours
		}
		owner, err := strconv.Atoi(strings.TrimSpace(string(b)))
		if err != nil || owner <= 0 || alive(owner) {
			continue
		}
		data := filepath.Join(dir, dataDir)
		if pid, ok := postmasterPid(data); ok && alive(pid) {
			if !workingIn(pid, data) {
				continue
			}
			if _, err := runProg(bin, dir, who, "pg_ctl", "stop", "-w", "-t", "30", "-m", "immediate", "-D", data); err != nil {
				continue
			}
		}
		os.RemoveAll(dir)
	}
}

// postmasterPid reads the first line of the cluster's postmaster.pid.
func postmasterPid(data string) (int, bool) {
	b, err := os.ReadFile(filepath.Join(data, "postmaster.pid"))
	if err != nil {
		return 0, false
	}
	line, _, _ := strings.Cut(string(b), "\n")
	pid, err := strconv.Atoi(strings.TrimSpace(line))
	return pid, err == nil && pid > 0
}

// workingIn tells whether process pid's working folder is dir; the
// postmaster works in its data folder.
func workingIn(pid int, dir string) bool {
	cwd, err := os.Readlink(fmt.Sprintf("/proc/%d/cwd", pid))
	if err != nil {
		return false
	}
	want, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return false
	}
	return cwd == want
}

func escapePath(s string) string { return url.PathEscape(s) }

// escapeQuery escapes a query value but keeps its slashes, which a query
// may hold as they are, so the folder stays readable in the DSN.
func escapeQuery(s string) string { return strings.ReplaceAll(url.QueryEscape(s), "%2F", "/") }

// Psql runs PostgreSQL's psql, from the folder of the server programs, on
// the database at dsn (a URL of DSN's form), with args after the
// connection; it stops at the first error (ON_ERROR_STOP) and reads no
// psqlrc. It returns what psql printed, and an error holding it when psql
// failed.
func Psql(dsn string, args ...string) ([]byte, error) {
	bin, err := findBin()
	if err != nil {
		return nil, err
	}
	c := exec.Command(filepath.Join(bin, "psql"), append([]string{"-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", dsn}, args...)...)
	c.Env = cleanEnv()
	var out bytes.Buffer
	c.Stdout, c.Stderr = &out, &out
	if err := c.Run(); err != nil {
		return out.Bytes(), fmt.Errorf("psql %s: %v\n%s", strings.Join(args, " "), err, strings.TrimSpace(out.String()))
	}
	return out.Bytes(), nil
}
