package rules

import (
	"math"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/builtin"
	"github.com/expr-lang/expr/conf"
	"github.com/expr-lang/expr/parser"
	"github.com/expr-lang/expr/parser/utils"
	"github.com/expr-lang/expr/vm"
	"github.com/leadpipe/leadpipe/crm"
)

// Limits on expressions. Rules come from a configuration file or a command
// line, so they are bounded like any other input.
const (
	// MaxSource is the longest expression in bytes.
	MaxSource = 4096
	// MaxNodes is the most syntax nodes an expression may have.
	MaxNodes = 1000
	// MemoryBudget bounds what one evaluation may build (ranges, lists),
	// in expr's memory units.
	MemoryBudget = 100_000
)

// Kind is what an expression must give.
type Kind int

// The kinds of expression.
const (
	// Bool: a condition, true or false (rules, gates, --where).
	Bool Kind = iota + 1
	// Number: an int or float.
	Number
)

func (k Kind) String() string {
	switch k {
	case Bool:
		return "condition"
	case Number:
		return "number"
	}
	return "kind?"
}

// Option adjusts Compile.
type Option func(*options)

type options struct {
	custom        map[string]bool
	exclude       map[string]bool
	excludeReason string
}

// CustomFields declares custom columns that expressions may name directly,
// as in `Branche == "IT"` instead of `custom("Branche") == "IT"`. Names that
// are not identifiers or that clash with a variable or function are
// ignored: write custom("...") for those.
func CustomFields(names ...string) Option {
	return func(o *options) {
		for _, n := range names {
			if isIdent(n) && !reserved(n) {
				if o.custom == nil {
					o.custom = map[string]bool{}
				}
				o.custom[n] = true
			}
		}
	}
}

// Exclude makes variables unavailable, with the reason given in the error:
// a scoring rule may not read the score it computes.
func Exclude(reason string, names ...string) Option {
	return func(o *options) {
		if o.exclude == nil {
			o.exclude = map[string]bool{}
		}
		for _, n := range names {
			o.exclude[n] = true
		}
		o.excludeReason = reason
	}
}

// Program is a compiled expression. It is safe for concurrent use; each
// goroutine needs its own Env.
type Program struct {
	src   string
	kind  Kind
	prog  *vm.Program
	fast  boolFn // the condition as Go closures, when it has only their forms (fast.go)
	needs Needs  // the derived variables it reads
}

// Needs says which of the environment's derived variables (those Reset
// computes rather than copies: id, budget, email_domain,
// days_since_created) expressions read, so that Env.ResetFor computes
// only those: an import resets an environment twice per lead (scoring,
// then the stage sync rules), and most rules read none of them.
type Needs uint8

const (
	NeedID Needs = 1 << iota
	NeedBudget
	NeedEmailDomain
	NeedDaysCreated
	NeedAll = NeedID | NeedBudget | NeedEmailDomain | NeedDaysCreated
)

// derivedNeeds maps a derived variable's name to its bit.
var derivedNeeds = map[string]Needs{
	"id":                 NeedID,
	"budget":             NeedBudget,
	"email_domain":       NeedEmailDomain,
	"days_since_created": NeedDaysCreated,
}

// Needs returns the derived variables the expression reads. They are
// taken from the expression as parsed, before expr's optimiser folds
// parts of it into nodes that ast.Walk does not visit (the mapped
// expression of filter-then-map, for one).
func (p *Program) Needs() Needs { return p.needs }

// String returns the expression's source.
func (p *Program) String() string { return p.src }

// Kind returns what the expression gives.
func (p *Program) Kind() Kind { return p.kind }

// Compile checks and compiles an expression of the given kind. Errors are
// *Error values with a position inside src.
func Compile(src string, kind Kind, opts ...Option) (*Program, error) {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	if len(src) > MaxSource {
		return nil, &Error{Msg: "expression longer than 4096 bytes"}
	}
	if strings.TrimSpace(src) == "" {
		return nil, &Error{Msg: "empty expression"}
	}
	if kind != Bool && kind != Number {
		return nil, &Error{Msg: "unknown kind of expression"}
	}
	lets, needs, err := precheck(src, &o)
	if err != nil {
		return nil, err
	}
	exprOpts := append([]expr.Option{
		expr.Env(vars{}), // a struct, not a pointer: fields load by index, not by name
		expr.MaxNodes(MaxNodes),
		expr.Patch(&patcher{custom: o.custom, lets: lets}),
	}, functionOptions()...)
	prog, err := expr.Compile(src, exprOpts...)
	if err != nil {
		e := compileError(err, src)
		e.Hint = hint(e.Msg, &o)
		return nil, e
	}
	if msg := checkType(prog.Node().Type(), kind); msg != "" {
		return nil, &Error{Msg: msg, Line: 1, Column: 1}
	}
	p := &Program{src: src, kind: kind, prog: prog, needs: needs}
	if kind == Bool {
		p.fast = fastBool(prog.Node())
	}
	return p, nil
}

// MustCompile is Compile for expressions written in Go code (defaults,
// tests); it panics on an error.
func MustCompile(src string, kind Kind, opts ...Option) *Program {
	p, err := Compile(src, kind, opts...)
	if err != nil {
		panic("rules: " + src + ": " + err.Error())
	}
	return p
}

// Bool evaluates a condition for the lead of env.
func (p *Program) Bool(env *Env) (bool, error) {
	if p.fast != nil {
		return p.fast(&env.v), nil
	}
	out, err := env.vm.Run(p.prog, &env.v)
	if err != nil {
		return false, evalError(err)
	}
	b, ok := out.(bool)
	if !ok {
		if out == nil {
			return false, nil
		}
		return false, &EvalError{Msg: ErrNotBool.Error()}
	}
	return b, nil
}

// Number evaluates a number expression for the lead of env; a condition
// gives 1 or 0.
func (p *Program) Number(env *Env) (float64, error) {
	out, err := env.vm.Run(p.prog, &env.v)
	if err != nil {
		return 0, evalError(err)
	}
	switch v := out.(type) {
	case float64:
		return v, nil
	case int:
		return float64(v), nil
	case bool:
		if v {
			return 1, nil
		}
		return 0, nil
	case nil:
		return math.NaN(), nil
	}
	rv := reflect.ValueOf(out)
	switch {
	case rv.CanInt():
		return float64(rv.Int()), nil
	case rv.CanUint():
		return float64(rv.Uint()), nil
	case rv.CanFloat():
		return rv.Float(), nil
	}
	return 0, &EvalError{Msg: "the expression gave no number"}
}

// Matcher is a compiled condition with an environment of its own: the
// shape of a --where filter. It is not safe for concurrent use.
type Matcher struct {
	prog *Program
	env  *Env
	now  time.Time
}

// NewMatcher compiles a condition evaluated at time now.
func NewMatcher(src string, now time.Time, opts ...Option) (*Matcher, error) {
	p, err := Compile(src, Bool, opts...)
	if err != nil {
		return nil, err
	}
	return &Matcher{prog: p, env: NewEnv(), now: now}, nil
}

// Match reports whether the lead satisfies the condition.
func (m *Matcher) Match(l *crm.Lead) (bool, error) {
	m.env.Reset(l, m.now)
	return m.prog.Bool(m.env)
}

// String returns the condition's source.
func (m *Matcher) String() string { return m.prog.src }

// checkType explains why an expression of type t cannot be of kind k, or
// returns "". A type only known at run time passes and is checked then.
func checkType(t reflect.Type, k Kind) string {
	if t == nil || t.Kind() == reflect.Interface {
		return ""
	}
	switch k {
	case Bool:
		if t.Kind() == reflect.Bool {
			return ""
		}
		return "not a condition: the expression gives " + describe(t) + ", want true or false"
	case Number:
		if t.Kind() == reflect.Bool || t.Kind() >= reflect.Int && t.Kind() <= reflect.Float64 {
			return ""
		}
		return "not a number: the expression gives " + describe(t)
	}
	return ""
}

func describe(t reflect.Type) string {
	switch {
	case t == reflect.TypeFor[time.Time]():
		return "a time"
	case t == reflect.TypeFor[time.Duration]():
		return "a duration"
	}
	switch t.Kind() {
	case reflect.Bool:
		return "true or false"
	case reflect.String:
		return "text"
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.Map:
		return "a map"
	case reflect.Func:
		return "a function"
	}
	if t.Kind() >= reflect.Int && t.Kind() <= reflect.Float64 {
		return "a number"
	}
	return t.String()
}

// hint suggests a fix for an unknown name.
func hint(msg string, o *options) string {
	name, ok := strings.CutPrefix(msg, "unknown name ")
	if !ok {
		return ""
	}
	if slices.Contains(disabledBuiltins, name) {
		return name + " is not available in leadpipe rules"
	}
	cands := append(slices.Clone(varNames), Functions()...)
	for n := range o.custom {
		cands = append(cands, n)
	}
	if s := closest(strings.ToLower(name), cands); s != "" {
		return "did you mean " + s + "?"
	}
	for _, c := range cands {
		if squash(c) == squash(name) {
			return "did you mean " + c + "?"
		}
	}
	return "for a custom column write custom(" + quote(name) + ")"
}

// precheck walks a first parse of src for what expr cannot check for us:
// the reserved $env, excluded variables, and the literal arguments of
// present, empty and date. It returns the names the expression declares
// with let, which the patcher must leave alone, and the derived variables
// it reads (Needs).
func precheck(src string, o *options) (map[string]bool, Needs, error) {
	cfg := conf.CreateNew()
	cfg.MaxNodes = MaxNodes
	for _, name := range disabledBuiltins {
		cfg.Disabled[name] = true
	}
	tree, err := parser.ParseWithConfig(src, cfg)
	if err != nil {
		return nil, 0, compileError(err, src)
	}
	w := &prewalk{src: src, o: o, lets: map[string]bool{}}
	ast.Walk(&tree.Node, w)
	if w.err != nil {
		return nil, 0, w.err
	}
	return w.lets, w.needs, nil
}

type prewalk struct {
	src   string
	o     *options
	lets  map[string]bool
	needs Needs
	err   *Error
}

func (w *prewalk) fail(n ast.Node, msg, hint string) {
	if w.err == nil {
		w.err = at(w.src, n.Location().From, msg)
		w.err.Hint = hint
	}
}

func (w *prewalk) Visit(node *ast.Node) {
	switch n := (*node).(type) {
	case *ast.VariableDeclaratorNode:
		w.lets[n.Name] = true
	case *ast.IdentifierNode:
		w.needs |= derivedNeeds[n.Value]
		if strings.HasPrefix(n.Value, "$") {
			w.fail(n, "unknown name "+n.Value, "")
		}
		if w.o.exclude[n.Value] {
			w.fail(n, n.Value+" is not available here", w.o.excludeReason)
		}
	case *ast.CallNode:
		id, ok := n.Callee.(*ast.IdentifierNode)
		if !ok || len(n.Arguments) == 0 {
			return
		}
		arg, ok := n.Arguments[0].(*ast.StringNode)
		if !ok {
			return
		}
		switch id.Value {
		case "present", "empty":
			if err := CheckField(arg.Value); err != nil {
				e := err.(*Error)
				w.fail(arg, e.Msg, e.Hint)
			} else if w.o.exclude[arg.Value] {
				w.fail(arg, arg.Value+" is not available here", w.o.excludeReason)
			}
		case "date":
			if _, err := parseDate(arg.Value); err != nil {
				w.fail(arg, errDate.Error(), "")
			}
		}
	}
}

// patcher rewrites the checked tree: it gives every call of a function
// that reads the lead or the clock the environment as first argument, and
// turns a declared custom column used as a bare name into custom("name").
type patcher struct {
	custom map[string]bool
	lets   map[string]bool
}

func (p *patcher) Visit(node *ast.Node) {
	switch n := (*node).(type) {
	case *ast.BinaryNode:
		// text matches "constant": through the environment's cache.
		pat, ok := n.Right.(*ast.StringNode)
		if n.Operator != "matches" || !ok || n.Left.Type() == nil || n.Left.Type().Kind() != reflect.String {
			return
		}
		re, err := regexp.Compile(pat.Value)
		if err != nil {
			return // the checker reports it, with its position
		}
		env := &ast.IdentifierNode{Value: "$env"}
		env.SetLocation(n.Location())
		callee := &ast.IdentifierNode{Value: "$matches"}
		callee.SetLocation(n.Location())
		c := &ast.ConstantNode{Value: re}
		c.SetLocation(pat.Location())
		ast.Patch(node, &ast.CallNode{Callee: callee, Arguments: []ast.Node{env, n.Left, c}})
	case *ast.IdentifierNode:
		if p.custom[n.Value] && !p.lets[n.Value] {
			env := &ast.IdentifierNode{Value: "$env"}
			env.SetLocation(n.Location())
			name := &ast.StringNode{Value: n.Value}
			name.SetLocation(n.Location())
			callee := &ast.IdentifierNode{Value: "custom"}
			callee.SetLocation(n.Location())
			ast.Patch(node, &ast.CallNode{Callee: callee, Arguments: []ast.Node{env, name}})
		}
	case *ast.CallNode:
		id, ok := n.Callee.(*ast.IdentifierNode)
		if !ok || !functions[id.Value].usesEnv || p.lets[id.Value] {
			return
		}
		env := &ast.IdentifierNode{Value: "$env"}
		env.SetLocation(n.Location())
		n.Arguments = append([]ast.Node{env}, n.Arguments...)
	}
}

// reserved reports whether name is taken by a variable, a function or one
// of expr's keywords and builtins.
func reserved(name string) bool {
	if slices.Contains(varNames, name) || slices.Contains(builtin.Names, name) {
		return true
	}
	if _, ok := functions[name]; ok {
		return true
	}
	switch name {
	case "true", "false", "nil", "not", "and", "or", "in", "matches", "contains",
		"startsWith", "endsWith", "let", "if", "else":
		return true
	}
	return false
}

// isIdent reports whether s is written as one identifier in expr: letters
// (any script), digits and underscores, not starting with a digit.
func isIdent(s string) bool {
	if s == "" || strings.HasPrefix(s, "$") {
		return false
	}
	for i, r := range s {
		if !utils.IsAlphabetic(r) && (i == 0 || !utils.IsAlphaNumeric(r)) {
			return false
		}
	}
	return true
}
