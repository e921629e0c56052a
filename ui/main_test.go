package ui

import (
	"os"
	"testing"

	"groupwork/internal/pgtest"
)

// The office database's tests share one private PostgreSQL server, which
// stops when they end.
func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }
