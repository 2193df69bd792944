package store

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/leadpipe/leadpipe/crm"
)

// The import journal is a file beside the store, <store>.imports.jsonl,
// with one JSON import record per line: the imports that changed nothing.
// They write nothing to the store file, so that a re-import leaves it
// byte for byte as it was, yet `imports list` shows every run.

func (db *DB) journalPath() string { return db.path + ".imports.jsonl" }

// maxJournal bounds what is read of the journal: a line per run.
const maxJournal = 64 << 20

// RecordNothingNew appends the record of an import that changed nothing
// to the journal.
func (db *DB) RecordNothingNew(imp crm.Import) error {
	if db.readOnly {
		return nil
	}
	imp.NothingNew = true
	line, err := json.Marshal(imp)
	if err != nil {
		return err
	}
	f, err := os.OpenFile(db.journalPath(), os.O_RDWR|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("record import %s: %w", imp.ID, err)
	}
	// A run killed mid-write, or a full disk, can leave a torn last line:
	// start on a line of its own, or the torn one would swallow it.
	if fi, serr := f.Stat(); serr == nil && fi.Size() > 0 {
		last := make([]byte, 1)
		if _, rerr := f.ReadAt(last, fi.Size()-1); rerr == nil && last[0] != '\n' {
			line = append([]byte{'\n'}, line...)
		}
	}
	_, err = f.Write(append(line, '\n'))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("record import %s in %s: %w", imp.ID, db.journalPath(), err)
	}
	return nil
}

// journalImports reads the journal; a missing journal is empty. A line
// that does not parse (a run killed mid-write) is skipped.
func (db *DB) journalImports() ([]crm.Import, error) {
	data, err := os.ReadFile(db.journalPath())
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", db.journalPath(), err)
	}
	if len(data) > maxJournal {
		data = data[len(data)-maxJournal:]
	}
	var out []crm.Import
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64<<10), 16<<20)
	for sc.Scan() {
		var imp crm.Import
		if json.Unmarshal(sc.Bytes(), &imp) == nil && imp.ID != "" {
			imp.NothingNew = true
			out = append(out, imp)
		}
	}
	if err := sc.Err(); err != nil {
		return out, fmt.Errorf("read %s: %w", db.journalPath(), err)
	}
	return out, nil
}
