package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/xuri/excelize/v2"

	"github.com/leadpipe/leadpipe/store"
)

// update rewrites golden files and the expected output in scripts.
var update = flag.Bool("update", false, "rewrite golden files and testscript expectations")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		// The real program: main is one line, so this is the binary users run.
		"leadpipe": main,
		// holdlock holds a store's lock the way a long import does, until
		// the file named second appears. It is test-only and never shipped.
		"holdlock": holdLock,
	})
}

func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		RequireUniqueNames:  true,
		UpdateScripts:       *update,
		Setup: func(env *testscript.Env) error {
			env.Setenv("LEADPIPE_STORE", filepath.Join(env.WorkDir, "leadpipe.db"))
			// A user's settings must not leak into the scripts.
			env.Setenv("NO_COLOR", "")
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"exitcode":  cmdExitcode,
			"sha256":    cmdSHA256,
			"jsonvalid": cmdJSONValid,
			"waitfile":  cmdWaitfile,
			"importids": cmdImportIDs,
			"xlsx":      cmdXLSX,
			"replace":   cmdReplace,
		},
	})
}

// exitcode N PROG ARGS... runs PROG and checks that it exits with exactly N;
// `! exec` only knows zero from non-zero.
func cmdExitcode(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! exitcode")
	}
	if len(args) < 2 {
		ts.Fatalf("usage: exitcode N program [args...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exitcode: %v", err)
	}
	err = ts.Exec(args[1], args[2:]...)
	got := 0
	if err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("exitcode: %v", err)
		}
		got = ee.ExitCode()
	}
	if got != want {
		ts.Fatalf("%s exited with %d, want %d", args[1], got, want)
	}
}

// sha256 FILE prints the file's checksum, so that `cp stdout` can keep it
// and `cmp` can prove a file did not change.
func cmdSHA256(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: sha256 file")
	}
	sum := sha256.Sum256([]byte(ts.ReadFile(args[0])))
	fmt.Fprintln(ts.Stdout(), hex.EncodeToString(sum[:]))
}

// jsonvalid FILE checks that the file holds exactly one JSON document.
func cmdJSONValid(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: jsonvalid file")
	}
	dec := json.NewDecoder(bytes.NewReader([]byte(ts.ReadFile(args[0]))))
	var v any
	err := dec.Decode(&v)
	if err == nil {
		if err2 := dec.Decode(&v); err2 != io.EOF {
			err = fmt.Errorf("more than one JSON document (or trailing data): %v", err2)
		}
	}
	switch {
	case err != nil && !neg:
		ts.Fatalf("%s: %v", args[0], err)
	case err == nil && neg:
		ts.Fatalf("%s is one valid JSON document", args[0])
	}
}

// waitfile FILE waits up to 10 seconds for a file to appear.
func cmdWaitfile(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: waitfile file")
	}
	path := ts.MkAbs(args[0])
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if _, err := os.Stat(path); err == nil {
			return
		}
	}
	ts.Fatalf("%s did not appear within 10s", args[0])
}

// holdLock is `holdlock STORE RELEASE`: it opens the store for writing,
// creates STORE.held once it holds the lock, and waits until the file
// RELEASE appears (at most a minute).
func holdLock() {
	if len(os.Args) != 3 {
		log.Fatal("usage: holdlock store release-file")
	}
	db, err := store.Open(os.Args[1], store.Options{Timeout: 5 * time.Second})
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	if err := os.WriteFile(os.Args[1]+".held", nil, 0o644); err != nil {
		log.Fatal(err)
	}
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if _, err := os.Stat(os.Args[2]); err == nil {
			return
		}
	}
	log.Print("holdlock: release file never appeared")
}

// importids sets $IMPORT_1, $IMPORT_2, ... to the ids of the imports
// recorded in $LEADPIPE_STORE, oldest first: import ids are random, and
// imports undo needs them.
func cmdImportIDs(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 0 {
		ts.Fatalf("usage: importids")
	}
	db, err := store.Open(ts.Getenv("LEADPIPE_STORE"), store.Options{ReadOnly: true})
	ts.Check(err)
	defer db.Close()
	imps, err := db.Imports()
	ts.Check(err)
	for i, im := range imps {
		ts.Setenv("IMPORT_"+strconv.Itoa(i+1), im.ID)
	}
}

// xlsx IN.csv OUT.xlsx writes the comma-separated rows of IN.csv as the
// first sheet of a real workbook, every cell a string, so that scripts can
// import spreadsheets written by excelize as Excel would.
func cmdXLSX(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: xlsx in.csv out.xlsx")
	}
	cr := csv.NewReader(bytes.NewReader([]byte(ts.ReadFile(args[0]))))
	cr.FieldsPerRecord = -1
	rows, err := cr.ReadAll()
	ts.Check(err)
	f := excelize.NewFile()
	defer f.Close()
	for r, row := range rows {
		for c, v := range row {
			if v == "" {
				continue
			}
			cell, err := excelize.CoordinatesToCellName(c+1, r+1)
			ts.Check(err)
			ts.Check(f.SetCellStr("Sheet1", cell, v))
		}
	}
	ts.Check(f.SaveAs(ts.MkAbs(args[1])))
}

// replace FILE OLD NEW replaces every OLD in FILE by NEW, the way a user
// corrects a rejects file; it fails when OLD is not there.
func cmdReplace(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: replace file old new")
	}
	s := ts.ReadFile(args[0])
	if !strings.Contains(s, args[1]) {
		ts.Fatalf("%s does not contain %q", args[0], args[1])
	}
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), []byte(strings.ReplaceAll(s, args[1], args[2])), 0o644))
}
