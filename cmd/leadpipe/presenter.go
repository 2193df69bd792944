package main

import "io"

// presenter shows a command's result as one JSON document or as text for
// people. It is chosen once, from --json, so that run functions have no
// output branches.
type presenter[T any] interface {
	present(T) error
}

// presenterFor returns the JSON presenter, or the text presenter that
// writes with text.
func presenterFor[T any](asJSON bool, w io.Writer, text func(io.Writer, T) error) presenter[T] {
	if asJSON {
		return jsonPresenter[T]{w}
	}
	return textPresenter[T]{w, text}
}

type jsonPresenter[T any] struct{ w io.Writer }

func (p jsonPresenter[T]) present(v T) error { return writeJSON(p.w, v) }

type textPresenter[T any] struct {
	w    io.Writer
	text func(io.Writer, T) error
}

func (p textPresenter[T]) present(v T) error { return p.text(p.w, v) }
