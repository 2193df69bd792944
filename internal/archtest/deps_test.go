package archtest

import (
	"encoding/json"
	"os/exec"
	"strings"
	"testing"
)

const module = "github.com/leadpipe/leadpipe"

// stages are the pipeline stages: they may use the domain model, the
// normalizers and the shared rule expressions (package rules), never each
// other, the bbolt store, the wiring, or anything of the command line.
var stages = []string{"importer", "dedupe", "scoring", "lifecycle", "convert"}

type pkg struct {
	ImportPath string
	Imports    []string
	Deps       []string
}

func listPackages(t *testing.T) map[string]pkg {
	t.Helper()
	out, err := exec.Command("go", "list", "-deps=false", "-json", module+"/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	pkgs := map[string]pkg{}
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for dec.More() {
		var p pkg
		if err := dec.Decode(&p); err != nil {
			t.Fatalf("decode go list output: %v", err)
		}
		pkgs[strings.TrimPrefix(strings.TrimPrefix(p.ImportPath, module), "/")] = p
	}
	return pkgs
}

// rule forbids a package to depend (directly or not) on any path with one of
// the given prefixes.
type rule struct {
	pkg       string
	forbidden []string
	why       string
}

func TestDependencyDirection(t *testing.T) {
	pkgs := listPackages(t)
	if len(pkgs) == 0 {
		t.Fatal("go list found no packages")
	}
	cli := []string{"github.com/spf13/cobra", "github.com/schollz/progressbar"}
	var rules []rule
	for _, s := range stages {
		var others []string
		for _, o := range stages {
			if o != s {
				others = append(others, module+"/"+o)
			}
		}
		f := append(append(others, module+"/store", module+"/pipeline", module+"/report", module+"/cmd", "go.etcd.io/bbolt"), cli...)
		rules = append(rules, rule{s, f, "a stage depends only on crm, normalize and config"})
	}
	rules = append(rules,
		rule{"crm", []string{module + "/", "github.com/", "golang.org/", "go.etcd.io/", "go.yaml.in/"}, "the domain model imports the standard library only"},
		rule{"normalize", []string{module + "/"}, "the normalizers import no leadpipe package"},
		rule{"store", append([]string{module + "/importer", module + "/pipeline", module + "/dedupe", module + "/scoring", module + "/convert", module + "/cmd"}, cli...), "the store implements crm.Store and knows no stage"},
		rule{"pipeline", append([]string{module + "/store", module + "/cmd", "go.etcd.io/bbolt"}, cli...), "the pipeline works through the crm.Store interface, without the command line"},
		rule{"report", append([]string{module + "/store", module + "/cmd", "go.etcd.io/bbolt"}, cli...), "report writers know no store and no command line"},
	)
	checked := 0
	for _, r := range rules {
		p, ok := pkgs[r.pkg]
		if !ok {
			continue // not written yet
		}
		checked++
		deps, err := exec.Command("go", "list", "-f", `{{join .Deps "\n"}}`, p.ImportPath).Output()
		if err != nil {
			t.Fatalf("go list deps of %s: %v", r.pkg, err)
		}
		for _, d := range strings.Fields(string(deps)) {
			for _, f := range r.forbidden {
				if d == f || strings.HasPrefix(d, f+"/") || (strings.HasSuffix(f, "/") && strings.HasPrefix(d, f)) {
					t.Errorf("%s depends on %s: %s", r.pkg, d, r.why)
				}
			}
		}
	}
	if checked < 4 {
		t.Fatalf("only %d of the ruled packages exist; the rules are stale", checked)
	}
	// Only the command imports cobra.
	for name, p := range pkgs {
		if strings.HasPrefix(name, "cmd/") {
			continue
		}
		for _, imp := range p.Imports {
			for _, c := range cli {
				if strings.HasPrefix(imp, c) {
					t.Errorf("%s imports %s: only cmd/leadpipe may", name, imp)
				}
			}
		}
	}
}
