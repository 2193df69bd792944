// Package report writes the files a run leaves for people and other
// programs: the rejects file (rejected rows, ready to correct and import
// again), the row report (one line per input row and its outcome) and the
// CSV export of the stored leads.
//
// Every file is written to a temporary file in the target's directory and
// renamed into place when it is complete, so a reader never sees half a
// file, and a failed run leaves the previous file as it was. Errors name the
// path; they never contain a value of a row, because values are personal
// data.
//
// Files that hold personal data (rejects, exports) are created with mode
// 0600: readable by their owner only.
package report
