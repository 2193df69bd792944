// Package pipeline wires the stages of leadpipe together, the way Miller's
// stream package wires reader, transformers and writer: it reads input files
// with package importer, builds normalized leads, matches them against the
// rows before them and against the store with package dedupe, merges by the
// survivorship rules of crm.Lead.Merge, and commits batches to a crm.Store.
//
//	files ─▶ importer.Reader ─▶ [workers: signature │ Build] ─▶ sequencer:
//	         (encoding, delimiter,   (parallel, in batches)     match, merge,
//	          header row)                                       outcome ─▶ Observer
//	                                                              │
//	                                                   every N rows: Store.Apply
//
// Every data row ends in exactly one crm.Outcome, delivered in input order to
// the Observer. The package knows nothing of the command line.
package pipeline
