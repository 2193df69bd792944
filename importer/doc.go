// Package importer turns input files into leads: it opens CSV and XLSX
// files as streams of records (sniffing encoding, delimiter, sheet and header
// row), maps their headers to lead fields with built-in dictionaries of real
// CRM and address-book exports (overridable by a mapping file), and builds a
// normalized crm.Lead from each record, keeping every raw value.
//
// It knows nothing of the store, of other stages, or of the command line.
package importer
