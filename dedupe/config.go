package dedupe

import (
	"fmt"
	"slices"
	"strings"

	"github.com/leadpipe/leadpipe/rules/ruleconf"
	"go.yaml.in/yaml/v3"
)

// Mode says how an import looks for the lead a row belongs to.
type Mode string

// The modes.
const (
	// ModeFuzzy compares each row with its blocking candidates and adds up
	// the weights of the comparisons (the default).
	ModeFuzzy Mode = "fuzzy"
	// ModeExact matches on the exact keys only (same e-mail; same phone and
	// last name; same name, company and place).
	ModeExact Mode = "exact"
)

// Methods of comparison. The built-in comparisons each have their own
// method, named after them; configured comparisons use one of the generic
// ones.
const (
	MethodExact       = "exact"        // equal after folding, or not
	MethodJaroWinkler = "jaro_winkler" // equal, close (similarity >= threshold), or not
	MethodDate        = "date"         // equal, close (day/month swapped, one digit off, same year and month, within 31 days), or not
	MethodNumber      = "number"       // equal as numbers, or not
	MethodOff         = "off"          // switches a built-in comparison off
)

// Comparison is one field comparison of the match rules. Its weights are
// log2 Bayes factors in the Fellegi-Sunter sense: how much more likely the
// observed agreement is between two records of the same person than
// between two records of different people. They add up to the match score.
type Comparison struct {
	Name   string `json:"name"`
	Field  string `json:"field,omitempty"` // configured comparisons: core field or custom header
	Method string `json:"method"`
	// Threshold is the similarity at or above which differing values count
	// as close (Jaro-Winkler on folded text).
	Threshold float64 `json:"threshold,omitempty"`
	Agree     float64 `json:"agree"`
	Close     float64 `json:"close"`
	Disagree  float64 `json:"disagree"`
	Line      int     `json:"-"` // in the configuration file; 0 for built-ins
	builtin   bool
	extra     int // index into Record.Extra for configured comparisons
}

// BlockPart is one part of a blocking key: a field and how it is cut down.
type BlockPart struct {
	Field string `json:"field"`
	// Transform is "", initial, phonetic, prefix3, year, or word: one key
	// for each word of four or more letters (token blocking; at most one
	// word part per key).
	Transform string `json:"transform,omitempty"`
	extra     int
}

// Block transforms.
var blockTransforms = []string{"initial", "phonetic", "prefix3", "year", "word"}

// Config is the dedupe section of leadpipe.yaml. The zero value is not
// useful; start from DefaultConfig.
//
//	dedupe:
//	  mode: fuzzy        # or exact
//	  merge_at: 12       # score at or above which a row is merged
//	  review_at: 7       # at or above this (and below merge_at): created, flagged
//	  max_block: 1000    # larger blocks are skipped and reported
//	  join: true         # an import joins two leads a merged row makes alike
//	  compare:           # overrides of built-ins (by name) and extra fields
//	    - name: birth_date
//	      field: Geburtsdatum
//	      method: date
//	      agree: 6
//	      close: 2
//	      disagree: -4
//	  block:             # extra blocking keys
//	    - [Geburtsdatum, last_name:phonetic]
//	    - [company:word, city]  # one key per word of the company name
//	  guards:
//	    tax_id: true          # two different tax ids never merge
//	    personal_email: true  # two different personal e-mails at one company domain never merge
//	    first_name: true      # two different given names never merge on shared facts alone
//	    last_name: true       # nor two different last names (flagged from review_at)
//	    company: true         # nor people at two different companies (flagged from review_at)
//	    salutation: true      # "Herr" and "Frau" (Mr/Mrs, Pan/Pani, ...) never merge
//	    generation: true      # "sen." and "jun." (Sr./Jr., II/III) never merge
type Config struct {
	Mode     Mode    `json:"mode"`
	MergeAt  float64 `json:"merge_at"`
	ReviewAt float64 `json:"review_at"`
	MaxBlock int     `json:"max_block"`
	// Join lets an import join two stored leads that a row's merge made
	// match each other (pipeline import); false leaves that to leadpipe
	// dedupe, for a store whose lead ids another system keeps.
	Join    bool         `json:"join"`
	Compare []Comparison `json:"compare"`
	Block   [][]BlockPart
	Guards  Guards `json:"guards"`
	File    string `json:"-"`
}

// Guards veto a merge whatever the score.
type Guards struct {
	TaxID         bool `json:"tax_id"`
	PersonalEmail bool `json:"personal_email"`
	// FirstName vetoes a merge of two records whose first names are two
	// different given names (not an initial, a short form, a nickname or
	// a typo of one another), unless the same personal e-mail address or
	// a configured comparison agrees: what else they share, a family, a
	// household or a firm's staff share too.
	FirstName bool `json:"first_name"`
	// LastName vetoes a merge of two records whose last names are two
	// different names (not a typo, a double name's part, the male and
	// female form, or the names swapped), unless the same personal
	// e-mail address or a configured comparison agrees: a firm's number,
	// mailbox, tax id or a mobile handed on to a successor are shared by
	// colleagues. A changed married name is flagged, not merged.
	LastName bool `json:"last_name"`
	// Company flags, never merges, two records of people at two different
	// companies unless the same personal e-mail address or a configured
	// comparison agrees: one mobile at Bosch and at Continental is a job
	// change (a new contact at the new employer) or two namesakes.
	Company bool `json:"company"`
	// Salutation vetoes a merge of two records whose salutations name
	// different genders ("Herr" and "Frau", "Pan" and "Pani").
	Salutation bool `json:"salutation"`
	// Generation vetoes a merge of two records whose last names end in
	// different generation suffixes ("sen." and "jun.", "Sr." and "Jr.",
	// "d. Ä." and "d. J.", "II" and "III"), and flags a suffix on one
	// side only and two private records of one name with two different
	// mobiles: a father and son of one name.
	Generation bool `json:"generation"`
}

// Default thresholds. A score is a sum of log2 Bayes factors: 12 means the
// evidence is about 4000 times likelier for one person than for two.
const (
	DefaultMergeAt  = 12
	DefaultReviewAt = 7
	DefaultMaxBlock = 1000
)

// Built-in comparison names, in the order they are scored and explained.
const (
	CmpEmail       = "email"
	CmpFirstName   = "first_name"
	CmpLastName    = "last_name"
	CmpCompany     = "company"
	CmpPhone       = "phone"
	CmpPlace       = "place"
	CmpStreet      = "street"
	CmpTaxID       = "tax_id"
	CmpEmailDomain = "email_domain"
)

// DefaultConfig returns the built-in match rules. The weights were set from
// the agreement rates seen on the generated lead lists and the corpus's
// record-linkage sets (BENCHMARKS.md, "Dedupe quality"), and rounded so
// that an explanation stays readable.
func DefaultConfig() Config {
	b := func(name string, thr, agree, close, disagree float64) Comparison {
		return Comparison{Name: name, Method: name, Threshold: thr, Agree: agree, Close: close, Disagree: disagree, builtin: true}
	}
	return Config{
		Mode:     ModeFuzzy,
		MergeAt:  DefaultMergeAt,
		ReviewAt: DefaultReviewAt,
		MaxBlock: DefaultMaxBlock,
		Join:     true,
		Compare: []Comparison{
			b(CmpEmail, 0.93, 12, 4, -2),
			b(CmpFirstName, 0.90, 4, 2.5, -4),
			b(CmpLastName, 0.90, 6, 3, -5),
			b(CmpCompany, 0.90, 4, 2, -2.5),
			b(CmpPhone, 0, 10, 0, -1),
			b(CmpPlace, 0, 3, 2, -3),
			b(CmpStreet, 0.90, 2, 1.5, -1),
			b(CmpTaxID, 0, 8, 0, -8),
			b(CmpEmailDomain, 0, 1, 0, -0.5),
		},
		Guards: Guards{TaxID: true, PersonalEmail: true, FirstName: true, LastName: true, Company: true, Salutation: true, Generation: true},
	}
}

// Load reads the dedupe section of a leadpipe.yaml document (data may be
// nil: no file) over the defaults. Errors name the file and line.
func Load(data []byte, file string) (Config, error) {
	cfg := DefaultConfig()
	cfg.File = file
	if len(data) == 0 {
		return cfg, nil
	}
	d := &ruleconf.Doc{File: file}
	sec, key := d.Section(data, "dedupe")
	if len(d.Errs) > 0 || key == nil {
		return cfg, ruleconf.Join(d.Errs)
	}
	for _, f := range d.Map(sec, "dedupe", "mode", "merge_at", "review_at", "max_block", "join", "compare", "block", "guards") {
		switch f.Key {
		case "mode":
			if v, ok := d.String(f.Value, "dedupe", f.Key); ok {
				switch Mode(v) {
				case ModeFuzzy, ModeExact:
					cfg.Mode = Mode(v)
				default:
					d.Failf(f.Value, "dedupe.mode", "want fuzzy or exact, not %q", v)
				}
			}
		case "merge_at":
			if v, ok := d.Float(f.Value, "dedupe", f.Key); ok {
				cfg.MergeAt = v
			}
		case "review_at":
			if v, ok := d.Float(f.Value, "dedupe", f.Key); ok {
				cfg.ReviewAt = v
			}
		case "max_block":
			if v, ok := d.Int(f.Value, "dedupe", f.Key); ok {
				if v < 2 {
					d.Failf(f.Value, "dedupe.max_block", "want at least 2")
				} else {
					cfg.MaxBlock = v
				}
			}
		case "join":
			if v, ok := d.Bool(f.Value, "dedupe", f.Key); ok {
				cfg.Join = v
			}
		case "compare":
			for i, item := range d.Seq(f.Value, "dedupe.compare") {
				parseComparison(d, &cfg, item, i)
			}
		case "block":
			for _, item := range d.Seq(f.Value, "dedupe.block") {
				parts, ok := d.Strings(item, "dedupe.block", "block")
				if !ok {
					continue
				}
				var key []BlockPart
				words := 0
				for _, p := range parts {
					field, tr, _ := strings.Cut(strings.TrimSpace(p), ":")
					if tr != "" && !slices.Contains(blockTransforms, tr) {
						d.Failf(item, "dedupe.block", "unknown transform %q in %q (known: %s)", tr, p, strings.Join(blockTransforms, ", "))
						continue
					}
					if field == "" {
						d.Failf(item, "dedupe.block", "empty field name")
						continue
					}
					if tr == "word" {
						if words++; words > 1 {
							d.Failf(item, "dedupe.block", "%q: one word part per key (each word makes a key of its own)", p)
							continue
						}
					}
					key = append(key, BlockPart{Field: field, Transform: tr})
				}
				if len(key) > 0 {
					cfg.Block = append(cfg.Block, key)
				}
			}
		case "guards":
			for _, g := range d.Map(f.Value, "dedupe.guards", "tax_id", "personal_email", "first_name", "last_name", "company", "salutation", "generation") {
				if v, ok := d.Bool(g.Value, "dedupe.guards", g.Key); ok {
					switch g.Key {
					case "tax_id":
						cfg.Guards.TaxID = v
					case "personal_email":
						cfg.Guards.PersonalEmail = v
					case "salutation":
						cfg.Guards.Salutation = v
					case "generation":
						cfg.Guards.Generation = v
					case "last_name":
						cfg.Guards.LastName = v
					case "company":
						cfg.Guards.Company = v
					default:
						cfg.Guards.FirstName = v
					}
				}
			}
		}
	}
	if cfg.ReviewAt > cfg.MergeAt {
		d.Failf(key, "dedupe", "review_at (%g) must not be above merge_at (%g)", cfg.ReviewAt, cfg.MergeAt)
	}
	return cfg, ruleconf.Join(d.Errs)
}

func parseComparison(d *ruleconf.Doc, cfg *Config, item *yaml.Node, i int) {
	c := Comparison{Line: item.Line}
	where := fmt.Sprintf("dedupe.compare[%d]", i+1)
	var set struct{ thr, agree, close, disagree, method bool }
	for _, f := range d.Map(item, where, "name", "field", "method", "threshold", "agree", "close", "disagree") {
		switch f.Key {
		case "name":
			c.Name, _ = d.String(f.Value, where, f.Key)
		case "field":
			c.Field, _ = d.String(f.Value, where, f.Key)
		case "method":
			c.Method, set.method = d.String(f.Value, where, f.Key)
		case "threshold":
			c.Threshold, set.thr = d.Float(f.Value, where, f.Key)
			if set.thr && (c.Threshold <= 0 || c.Threshold > 1) {
				d.Failf(f.Value, where, "threshold: want a similarity between 0 and 1")
			}
		case "agree":
			c.Agree, set.agree = d.Float(f.Value, where, f.Key)
		case "close":
			c.Close, set.close = d.Float(f.Value, where, f.Key)
		case "disagree":
			c.Disagree, set.disagree = d.Float(f.Value, where, f.Key)
		}
	}
	if c.Name == "" {
		d.Failf(item, where, "name: missing")
		return
	}
	where = fmt.Sprintf("dedupe.compare %q", c.Name)
	if j := slices.IndexFunc(cfg.Compare, func(b Comparison) bool { return b.Name == c.Name }); j >= 0 && cfg.Compare[j].builtin {
		// An override of a built-in: keep what is not given.
		b := &cfg.Compare[j]
		if c.Field != "" {
			d.Failf(item, where, "field: a built-in comparison has its own fields")
		}
		if set.method {
			if c.Method != MethodOff && c.Method != b.Name {
				d.Failf(item, where, "method: a built-in comparison can only be switched off (method: off)")
			}
			b.Method = c.Method
		}
		if set.thr {
			b.Threshold = c.Threshold
		}
		if set.agree {
			b.Agree = c.Agree
		}
		if set.close {
			b.Close = c.Close
		}
		if set.disagree {
			b.Disagree = c.Disagree
		}
		b.Line = c.Line
		return
	} else if j >= 0 {
		d.Failf(item, where, "defined twice")
		return
	}
	if c.Field == "" {
		d.Failf(item, where, "field: missing (a core field name or a column header)")
	}
	switch c.Method {
	case MethodExact, MethodDate, MethodNumber:
	case MethodJaroWinkler:
		if !set.thr {
			c.Threshold = 0.9
		}
	case "":
		d.Failf(item, where, "method: missing (exact, jaro_winkler, date or number)")
	default:
		d.Failf(item, where, "method: unknown %q (exact, jaro_winkler, date or number)", c.Method)
	}
	if !set.agree {
		d.Failf(item, where, "agree: missing (the weight added when the values are equal)")
	}
	if c.Agree < 0 || c.Disagree > 0 || c.Close < 0 {
		d.Failf(item, where, "weights: agree and close must not be negative, disagree must not be positive")
	}
	cfg.Compare = append(cfg.Compare, c)
}

// DefaultYAML documents the defaults in the form `config default` prints.
func DefaultYAML() string {
	c := DefaultConfig()
	var b strings.Builder
	b.WriteString("# Duplicate matching: each comparison adds its weight (a log2 Bayes factor)\n")
	b.WriteString("# when the values agree, are close, or disagree; a missing value adds 0.\n")
	b.WriteString("# A row scoring merge_at or more is merged into the best candidate; from\n")
	b.WriteString("# review_at it is created and flagged as a possible duplicate for review.\n")
	b.WriteString("dedupe:\n")
	fmt.Fprintf(&b, "  mode: %s\n  merge_at: %g\n  review_at: %g\n  max_block: %d\n", c.Mode, c.MergeAt, c.ReviewAt, c.MaxBlock)
	fmt.Fprintf(&b, "  join: %t   # an import joins two leads that a merged row makes match (false: leave it to leadpipe dedupe)\n", c.Join)
	b.WriteString("  compare:\n")
	for _, x := range c.Compare {
		fmt.Fprintf(&b, "    - {name: %s", x.Name)
		if x.Threshold > 0 {
			fmt.Fprintf(&b, ", threshold: %g", x.Threshold)
		}
		fmt.Fprintf(&b, ", agree: %g, close: %g, disagree: %g}\n", x.Agree, x.Close, x.Disagree)
	}
	b.WriteString("  # extra fields, e.g. a birth date column:\n")
	b.WriteString("  # - {name: birth_date, field: Geburtsdatum, method: date, agree: 6, close: 2, disagree: -4}\n")
	b.WriteString("  block: []   # extra blocking keys, e.g. [[Geburtsdatum, last_name:phonetic]]\n")
	fmt.Fprintf(&b, "  guards:\n    tax_id: %t\n    personal_email: %t\n    first_name: %t\n    last_name: %t\n    company: %t\n    salutation: %t\n    generation: %t\n",
		c.Guards.TaxID, c.Guards.PersonalEmail, c.Guards.FirstName, c.Guards.LastName, c.Guards.Company, c.Guards.Salutation, c.Guards.Generation)
	return b.String()
}
