//go:build unix

// Command enginebench runs the store's and the screens' benchmarks on
// both engines, measures the whole programs (start-up and memory against a
// bare Fyne window, the export against the sqlite3 shell, the large demo)
// and prints one table: each action, its medians and its goal (`make
// bench`).
//
// It takes the large sample agency as a SQLite file, starts a private
// PostgreSQL server listening on loopback TCP, copies the file into an
// empty office database there with the store's own copy, runs the
// benchmarks once on each (GROUPWORK_BENCH_DB is the file, then the
// server's URL) and stops the server at the end, whatever happened.
//
//	go run ./internal/enginebench -db bench.db -count 5
//	go run ./internal/enginebench -db bench.db -serve   # then psql URL
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"

	"groupwork/data"
	"groupwork/internal/benchdb"
	"groupwork/internal/pgtest"
)

func main() {
	os.Exit(run())
}

func run() int {
	file := flag.String("db", "bench.db", "the large sample agency, a SQLite file (groupwork --db FILE demo --size large)")
	count := flag.Int("count", 5, "runs of each benchmark; the table shows their median")
	bench := flag.String("bench", ".", "the benchmarks to run, as go test -bench takes them")
	skip := flag.String("skip", "", "go test -skip: benchmarks not to run, if set")
	benchtime := flag.String("benchtime", "", "go test -benchtime, if set")
	serve := flag.Bool("serve", false, "only copy the sample into the server, print its URL and wait until stopped (for psql and EXPLAIN)")
	windows := flag.Bool("outside", true, "also start the app and a bare Fyne window under Xvfb, time the sqlite3 shell's export and the large demo")
	pkgs := flag.String("pkgs", "./data ./ui ./internal/printout ./internal/csvio", "the packages whose benchmarks run")
	flag.Parse()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	defer stop()
	if _, err := os.Stat(*file); err != nil {
		fmt.Fprintf(os.Stderr, "enginebench: %v (make one with: groupwork --db %s demo --size large)\n", err, *file)
		return 2
	}

	fmt.Fprintln(os.Stderr, "Starting PostgreSQL on loopback TCP…")
	srv, err := pgtest.StartTCP()
	if err != nil {
		fmt.Fprintf(os.Stderr, "enginebench: starting PostgreSQL: %v\n", err)
		return 1
	}
	defer func() {
		if err := srv.Stop(); err != nil {
			fmt.Fprintf(os.Stderr, "enginebench: stopping PostgreSQL: %v\n", err)
		}
	}()

	began := time.Now()
	dsn, err := officeCopy(ctx, srv, *file)
	if err != nil {
		fmt.Fprintf(os.Stderr, "enginebench: %v\n", err)
		return 1
	}
	fmt.Fprintf(os.Stderr, "Copied %s into %s in %v.\n", *file, dsn, time.Since(began).Round(time.Second))
	if *serve {
		fmt.Println(dsn)
		<-ctx.Done()
		return 0
	}

	args := []string{"test", "-run", "^$", "-bench", *bench, "-benchmem", "-count", fmt.Sprint(*count),
		"-timeout", "60m", "-p", "1"} // one package at a time: each has both cores to itself
	if *skip != "" {
		args = append(args, "-skip", *skip)
	}
	if *benchtime != "" {
		args = append(args, "-benchtime", *benchtime)
	}
	args = append(args, strings.Fields(*pkgs)...)

	abs, err := absPath(*file)
	if err != nil {
		fmt.Fprintf(os.Stderr, "enginebench: %v\n", err)
		return 1
	}
	engines := []struct{ name, source string }{{"SQLite", abs}, {"PostgreSQL", dsn}}
	results := make([]results, len(engines))
	load := []string{loadAvg()}
	failed := false
	for i, e := range engines {
		fmt.Fprintf(os.Stderr, "\n== %s ==\n", e.name)
		r, err := goTest(ctx, args, e.source)
		results[i] = r
		load = append(load, loadAvg())
		if err != nil {
			fmt.Fprintf(os.Stderr, "enginebench: go test on %s: %v\n", e.name, err)
			failed = true
			if ctx.Err() != nil {
				return 1
			}
		}
	}
	var out outside
	if *windows {
		fmt.Fprintf(os.Stderr, "\n== Programs ==\n")
		dir, err := os.MkdirTemp("", "enginebench-")
		if err != nil {
			fmt.Fprintf(os.Stderr, "enginebench: %v\n", err)
			return 1
		}
		defer os.RemoveAll(dir)
		out, err = measureOutside(ctx, dir, abs, *count)
		load = append(load, loadAvg())
		if err != nil {
			fmt.Fprintf(os.Stderr, "enginebench: %v\n", err)
			failed = true
		}
	}
	fmt.Println()
	printTable(os.Stdout, results[0], results[1], out, *count)
	fmt.Printf("\nLoad average (1, 5, 15 min) before, after SQLite, after PostgreSQL, after the programs: %s\n", strings.Join(load, " | "))
	if failed {
		return 1
	}
	return 0
}

// officeCopy copies the file into a new database on srv with the store's
// copy and returns that database's URL.
func officeCopy(ctx context.Context, srv *pgtest.Server, file string) (string, error) {
	dsn, err := srv.NewDatabase(ctx, "bench")
	if err != nil {
		return "", err
	}
	src, err := data.Open(ctx, file)
	if err != nil {
		return "", err
	}
	defer src.Close()
	dst, err := data.OpenOffice(ctx, dsn, "")
	if err != nil {
		return "", err
	}
	if err := src.CopyTo(ctx, dst); err != nil {
		dst.Close()
		return "", fmt.Errorf("copying %s: %w", file, err)
	}
	if err := dst.Compact(ctx); err != nil { // as `groupwork copy` does
		dst.Close()
		return "", err
	}
	if err := dst.Close(); err != nil {
		return "", err
	}
	// A server gathers a table's statistics by itself a minute or so after
	// rows arrive; the benchmarks measure the database as it is after that.
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		return "", err
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(ctx, "VACUUM ANALYZE"); err != nil {
		return "", err
	}
	return dsn, nil
}

// goTest runs go test with the sample at source, showing its output as it
// comes, and returns the benchmarks' results.
func goTest(ctx context.Context, args []string, source string) (results, error) {
	cmd := exec.Command("go", args...)
	cmd.Env = append(os.Environ(), benchdb.Env+"="+source)
	cmd.Stderr = os.Stderr
	// Its own process group, so that a stop reaches the test binaries too.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	done := make(chan struct{})
	go func() {
		select {
		case <-ctx.Done():
			syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
		case <-done:
		}
	}()
	r := results{}
	err = r.read(io.TeeReader(out, os.Stderr))
	close(done)
	if werr := cmd.Wait(); werr != nil {
		err = errors.Join(werr, err)
	}
	if ctx.Err() != nil {
		err = ctx.Err()
	}
	return r, err
}

func absPath(file string) (string, error) {
	if strings.HasPrefix(file, "/") {
		return file, nil
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	return wd + "/" + file, nil
}

func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}
