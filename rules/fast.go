package rules

import (
	"cmp"
	"regexp"

	"github.com/expr-lang/expr/ast"
)

// The fast path: a condition made only of the forms most rules use —
// variables compared with constants, and, or, not, `in` a constant list,
// present/empty/custom and `text matches "constant"` — is turned into Go
// closures when it compiles, and runs without expr's VM. The VM costs about
// 120 ns a rule (a 1M-row import spent 3 s in it); a closure a few ns.
// The closures give what the VM gives for every input: FuzzFastMatchesVM
// checks that on arbitrary expressions. Anything else runs on the VM.

type (
	boolFn func(*vars) bool
	numFn  func(*vars) float64
	intFn  func(*vars) int
	strFn  func(*vars) string
)

// Variables by their name in expressions. created_at (a time) is left to
// the VM; TestFastVarsComplete keeps these tables in step with vars.
var (
	strVars = map[string]strFn{
		"id": func(v *vars) string { return v.ID }, "salutation": func(v *vars) string { return v.Salutation },
		"academic_title": func(v *vars) string { return v.AcademicTitle }, "first_name": func(v *vars) string { return v.FirstName },
		"last_name": func(v *vars) string { return v.LastName }, "company": func(v *vars) string { return v.Company },
		"title": func(v *vars) string { return v.Title }, "email": func(v *vars) string { return v.Email },
		"phone": func(v *vars) string { return v.Phone }, "mobile": func(v *vars) string { return v.Mobile },
		"street": func(v *vars) string { return v.Street }, "postal_code": func(v *vars) string { return v.PostalCode },
		"city": func(v *vars) string { return v.City }, "country": func(v *vars) string { return v.Country },
		"tax_id": func(v *vars) string { return v.TaxID }, "source": func(v *vars) string { return v.Source },
		"currency": func(v *vars) string { return v.Currency }, "status": func(v *vars) string { return v.Status },
		"stage": func(v *vars) string { return v.Stage }, "grade": func(v *vars) string { return v.Grade },
		"legal_form": func(v *vars) string { return v.LegalForm }, "email_domain": func(v *vars) string { return v.EmailDomain },
	}
	numVars = map[string]numFn{
		"budget": func(v *vars) float64 { return v.Budget }, "score": func(v *vars) float64 { return float64(v.Score) },
		"days_since_created": func(v *vars) float64 { return v.DaysCreated },
	}
	// intVars are the int variables (also in numVars): two ints compare
	// as ints, as on the VM.
	intVars  = map[string]intFn{"score": func(v *vars) int { return v.Score }}
	boolVars = map[string]boolFn{
		"email_freemail": func(v *vars) bool { return v.EmailFreemail }, "email_role": func(v *vars) bool { return v.EmailRole },
		"freemail": func(v *vars) bool { return v.Freemail }, "role_address": func(v *vars) bool { return v.RoleAddress },
	}
)

// fastBool returns the closure of a condition's checked tree, or nil.
func fastBool(n ast.Node) boolFn {
	switch n := n.(type) {
	case *ast.BoolNode:
		b := n.Value
		return func(*vars) bool { return b }
	case *ast.IdentifierNode:
		return boolVars[n.Value]
	case *ast.UnaryNode:
		if n.Operator != "!" && n.Operator != "not" {
			return nil
		}
		if x := fastBool(n.Node); x != nil {
			return func(v *vars) bool { return !x(v) }
		}
	case *ast.BinaryNode:
		return fastBinary(n)
	case *ast.CallNode:
		return fastCall(n)
	}
	return nil
}

func fastBinary(n *ast.BinaryNode) boolFn {
	switch n.Operator {
	case "&&", "and", "||", "or":
		l, r := fastBool(n.Left), fastBool(n.Right)
		if l == nil || r == nil {
			return nil
		}
		if n.Operator == "&&" || n.Operator == "and" {
			return func(v *vars) bool { return l(v) && r(v) }
		}
		return func(v *vars) bool { return l(v) || r(v) }
	case "in":
		l := fastStr(n.Left)
		c, ok := n.Right.(*ast.ConstantNode)
		if l == nil || !ok {
			return nil
		}
		set, ok := c.Value.(map[string]struct{})
		if !ok {
			return nil
		}
		return func(v *vars) bool { _, in := set[l(v)]; return in }
	case "==", "!=", "<", "<=", ">", ">=":
	default:
		return nil
	}
	if l, r := fastInt(n.Left), fastInt(n.Right); l != nil && r != nil {
		return compare(n.Operator, l, r)
	}
	// An int beside a float is compared as a float, as on the VM.
	if l, r := fastNum(n.Left), fastNum(n.Right); l != nil && r != nil {
		return compare(n.Operator, l, r)
	}
	if l, r := fastStr(n.Left), fastStr(n.Right); l != nil && r != nil {
		return compare(n.Operator, l, r)
	}
	neg := n.Operator == "!="
	if n.Operator == "==" || n.Operator == "!=" {
		if l, r := fastBool(n.Left), fastBool(n.Right); l != nil && r != nil {
			return func(v *vars) bool { return (l(v) == r(v)) != neg }
		}
	}
	return nil
}

// compare is l op r with Go's operators, which are the VM's for two ints,
// two floats (NaN included) and two strings.
func compare[T cmp.Ordered](op string, l, r func(*vars) T) boolFn {
	switch op {
	case "==":
		return func(v *vars) bool { return l(v) == r(v) }
	case "!=":
		return func(v *vars) bool { return l(v) != r(v) }
	case "<":
		return func(v *vars) bool { return l(v) < r(v) }
	case "<=":
		return func(v *vars) bool { return l(v) <= r(v) }
	case ">":
		return func(v *vars) bool { return l(v) > r(v) }
	case ">=":
		return func(v *vars) bool { return l(v) >= r(v) }
	}
	return nil
}

// fastCall handles the functions the patcher gave the environment to:
// present, empty and $matches.
func fastCall(n *ast.CallNode) boolFn {
	callee, ok := n.Callee.(*ast.IdentifierNode)
	if !ok || len(n.Arguments) == 0 || !isEnv(n.Arguments[0]) {
		return nil
	}
	switch callee.Value {
	case "present", "empty":
		if len(n.Arguments) != 2 {
			return nil
		}
		name, ok := n.Arguments[1].(*ast.StringNode)
		if !ok {
			return nil
		}
		f, want := name.Value, callee.Value == "present"
		return func(v *vars) bool { return v.present(f) == want }
	case "$matches":
		if len(n.Arguments) != 3 {
			return nil
		}
		text := fastStr(n.Arguments[1])
		c, ok := n.Arguments[2].(*ast.ConstantNode)
		if text == nil || !ok {
			return nil
		}
		re, ok := c.Value.(*regexp.Regexp)
		if !ok {
			return nil
		}
		return func(v *vars) bool { return v.cache.match(re, text(v)) }
	}
	return nil
}

func isEnv(n ast.Node) bool {
	id, ok := n.(*ast.IdentifierNode)
	return ok && id.Value == "$env"
}

func fastNum(n ast.Node) numFn {
	switch n := n.(type) {
	case *ast.IntegerNode:
		f := float64(n.Value)
		return func(*vars) float64 { return f }
	case *ast.FloatNode:
		f := n.Value
		return func(*vars) float64 { return f }
	case *ast.IdentifierNode:
		return numVars[n.Value]
	}
	return nil
}

func fastInt(n ast.Node) intFn {
	switch n := n.(type) {
	case *ast.IntegerNode:
		i := n.Value
		return func(*vars) int { return i }
	case *ast.IdentifierNode:
		return intVars[n.Value]
	}
	return nil
}

func fastStr(n ast.Node) strFn {
	switch n := n.(type) {
	case *ast.StringNode:
		s := n.Value
		return func(*vars) string { return s }
	case *ast.IdentifierNode:
		return strVars[n.Value]
	case *ast.CallNode:
		callee, ok := n.Callee.(*ast.IdentifierNode)
		if !ok || callee.Value != "custom" || len(n.Arguments) != 2 || !isEnv(n.Arguments[0]) {
			return nil
		}
		name, ok := n.Arguments[1].(*ast.StringNode)
		if !ok {
			return nil
		}
		f := name.Value
		return func(v *vars) string { return v.custom(f) }
	}
	return nil
}
