package rules

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/expr-lang/expr/file"
)

// Error is a problem with an expression found while compiling it: what is
// wrong and where, as a 1-based line and column inside the expression
// (0 when the problem has no position). Snippet shows the line with a
// caret under the column; it holds only expression text.
type Error struct {
	Line, Column int
	Msg          string
	Hint         string // a suggestion such as "did you mean email?"; may be empty
	Snippet      string
}

func (e *Error) Error() string {
	s := e.Msg
	if e.Line > 0 {
		s = fmt.Sprintf("%s (%d:%d)", s, e.Line, e.Column)
	}
	if e.Hint != "" {
		s += "; " + e.Hint
	}
	return s
}

// EvalError is a failure while evaluating an expression for one lead. Its
// message keeps only the kind of failure and its position, never the lead's
// values that caused it.
type EvalError struct {
	Line, Column int
	Msg          string
}

func (e *EvalError) Error() string {
	if e.Line == 0 {
		return "cannot evaluate: " + e.Msg
	}
	return fmt.Sprintf("cannot evaluate: %s (%d:%d)", e.Msg, e.Line, e.Column)
}

// ErrNotBool is the cause of an evaluation error when a condition whose type
// is only known at run time gives something other than true or false.
var ErrNotBool = errors.New("the condition gave no true or false")

// compileError turns an expr error into an *Error with a 1-based column.
func compileError(err error, src string) *Error {
	var fe *file.Error
	if errors.As(err, &fe) {
		if fe.Line == 0 && fe.Snippet == "" {
			fe = fe.Bind(file.NewSource(src))
		}
		e := &Error{Msg: strings.Join(strings.Fields(fe.Message), " "), Line: fe.Line, Column: fe.Column + 1, Snippet: strings.TrimPrefix(fe.Snippet, "\n")}
		if e.Line == 0 {
			e.Line, e.Column = 1, 1
		}
		return e
	}
	return &Error{Msg: err.Error()}
}

// at makes an *Error at a position of the expression src.
func at(src string, from int, msg string) *Error {
	fe := &file.Error{Message: msg}
	fe.From, fe.To = from, from+1
	fe = fe.Bind(file.NewSource(src))
	return &Error{Msg: msg, Line: fe.Line, Column: fe.Column + 1, Snippet: strings.TrimPrefix(fe.Snippet, "\n")}
}

// safeRuntime lists the expr runtime failures whose message carries no
// value; everything else becomes "invalid operation".
var safeRuntime = []struct{ contains, msg string }{
	{"memory budget exceeded", "memory budget exceeded"},
	{"index out of range", "index out of range"},
	{"divide by zero", "division by zero"},
	{"division by zero", "division by zero"},
	{"cannot fetch", "no such member"},
	{"cannot get", "no such member"},
	{"invalid argument for repeat", "invalid argument"},
}

// evalError turns an expr runtime error into an *EvalError without values.
func evalError(err error) *EvalError {
	e := &EvalError{Msg: "invalid operation on this lead's values"}
	var fe *file.Error
	if errors.As(err, &fe) {
		e.Line, e.Column = fe.Line, fe.Column+1
		if e.Line == 0 {
			e.Column = 0
		}
	}
	text := err.Error()
	for _, s := range safeRuntime {
		if strings.Contains(text, s.contains) {
			e.Msg = s.msg
			break
		}
	}
	return e
}

func quote(s string) string { return strconv.Quote(s) }
