package importer

// Record is one data row of an input file, with its position.
type Record struct {
	File string // the file name as given by the user
	// Row is the row number a spreadsheet program shows for this record:
	// the header on the first line is row 1. For a CSV record with quoted
	// line breaks it is the line on which the record starts, counted in
	// records, not physical lines, exactly as Excel numbers the rows.
	Row    int
	Fields []string // padded or trimmed to the header width when Err is nil
	// Err is set when the row is structurally broken (more fields than the
	// header, undecodable bytes, over the size limit). It is a *crm.RowError.
	// The record still carries whatever fields could be read, so that the
	// rejects file can hold them.
	Err error
}

// Detection describes what the reader found out about a file; `leadpipe
// inspect` prints it.
type Detection struct {
	Format    string `json:"format"`              // "csv" or "xlsx"
	Encoding  string `json:"encoding,omitempty"`  // csv: "UTF-8", "UTF-8 BOM", "UTF-16LE", "windows-1252", "ISO-8859-2", ...
	Delimiter string `json:"delimiter,omitempty"` // csv: ",", ";", "\t" or "|"
	Sheet     string `json:"sheet,omitempty"`     // xlsx: the sheet read
	Date1904  bool   `json:"date1904,omitempty"`  // xlsx: workbook uses the 1904 date system
	HeaderRow int    `json:"header_row"`          // spreadsheet row number of the header; 0: none (Headerless)
	// Headerless says why the file was read without a header row: the row
	// that would have been the header holds data ("an e-mail address in
	// column 9"). The columns are then named "Column 1", "Column 2", ...
	Headerless string `json:"headerless,omitempty"`
	// HeaderlessMap is a mapping-file line for the column that showed it
	// ("Column 9: email"), for messages.
	HeaderlessMap string   `json:"-"`
	Notes         []string `json:"notes,omitempty"` // how each choice was made, e.g. "encoding from BOM"
	// Warnings are findings the user should see when importing, e.g. a
	// workbook's other sheets with lead columns that were not read. They
	// name sheets and columns, never a value.
	Warnings []string `json:"warnings,omitempty"`
}

// Reader streams the records of one input file.
type Reader interface {
	// Header returns the header cells, trimmed, one per column.
	Header() []string
	// Detection tells how the file was read. A CSV file whose first 64 KiB
	// are ASCII gets its encoding at the first non-ASCII byte, so Encoding
	// and Notes can change while reading; ask again at the end.
	Detection() Detection
	// Next returns the next data record, or io.EOF after the last one.
	// Entirely empty rows are skipped (they are not records). A structural
	// problem with one row is reported in Record.Err, not as the error;
	// the error is for failures that end the file (I/O, zip bomb, ...).
	Next() (Record, error)
	// Progress returns bytes consumed so far and the total (0 if unknown),
	// for a progress bar.
	Progress() (done, total int64)
	Close() error
}

// Options control how files are read. The zero value sniffs everything.
type Options struct {
	Encoding  string // force an encoding by name (htmlindex names: "windows-1252", "iso-8859-2", "utf-8", "utf-16le", ...)
	Delimiter string // force a delimiter: ",", ";", "\t" (or "tab"), "|"
	Sheet     string // xlsx: read this sheet instead of the first one whose header names lead fields
	// Map is the mapping file, if any: an XLSX sheet whose header holds
	// two of its columns names lead fields as much as one the dictionaries
	// know (a workbook of "FN | LN | Mail" is read by its mapping file).
	Map *MapFile
	// Limits against hostile files; zero means the default.
	MaxUnzipSize   int64 // total decompressed size of an XLSX (default 4 GiB; parts are streamed, and a part over 64 MiB that inflates more than 200 times is refused as a bomb)
	MaxXMLPartSize int64 // one decompressed XML part held in memory (default 16 MiB)
	MaxFieldBytes  int   // one field (default 1 MiB)
	MaxColumns     int   // columns per row (default 4096)
	TempDir        string
}
