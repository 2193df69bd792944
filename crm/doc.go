// Package crm is leadpipe's domain model: the objects every other package
// handles (Lead, Account, Contact, Opportunity, Status, Stage), the per-row
// Outcome of an import, the positioned RowError, and the Store interface that
// the bbolt implementation in package store satisfies.
//
// It sits at the bottom of the dependency graph: it imports only the standard
// library and does no I/O. Pipeline stages (importer, dedupe, scoring,
// convert) depend on it and on nothing of each other.
package crm
