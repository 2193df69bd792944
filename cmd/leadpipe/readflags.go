package main

import (
	"strings"

	"github.com/spf13/pflag"

	"github.com/leadpipe/leadpipe/config"
	"github.com/leadpipe/leadpipe/importer"
)

// readOptions are the flags that say how input files are read and
// normalized; import and inspect share them, so that inspect shows exactly
// what import would do.
type readOptions struct {
	MapFile   string
	Region    string
	Encoding  string
	Delimiter string
	Sheet     string
	DateOrder string
}

func (o *readOptions) bind(fs *pflag.FlagSet) {
	fs.StringVar(&o.MapFile, "map", "", "mapping `FILE` (YAML) that overrides the built-in header dictionaries")
	fs.StringVar(&o.Region, "region", "", "default phone region `CC` for numbers without a country code (DE, PL, ...)")
	fs.StringVar(&o.Encoding, "encoding", "", "read CSV in encoding `NAME` instead of detecting it (windows-1252, windows-1250, iso-8859-2, macintosh, cp850, utf-8, utf-16le, ...)")
	fs.StringVar(&o.Delimiter, "delimiter", "", "CSV delimiter `D` instead of detecting it: , ; tab |")
	fs.StringVar(&o.Sheet, "sheet", "", "read XLSX sheet `NAME` instead of the first visible one whose header names lead fields (else the first non-empty one)")
	fs.StringVar(&o.DateOrder, "date-order", "", "read ambiguous nn/nn/yyyy dates in `ORDER` dmy or mdy (default: decided per column)")
}

// complete fills the flags that were not given from the configuration file
// and checks every value; a bad value is a usage error.
func (o *readOptions) complete(fs *pflag.FlagSet, c *config.Config) error {
	fill := func(name string, dst *string, v string) {
		if !fs.Changed(name) && v != "" {
			*dst = v
		}
	}
	fill("map", &o.MapFile, c.Import.Map)
	fill("region", &o.Region, c.Import.Region)
	fill("date-order", &o.DateOrder, c.Import.DateOrder)

	o.Region = strings.ToUpper(strings.TrimSpace(o.Region))
	if o.Region != "" && !isCountryCode(o.Region) {
		return usageErrorf("--region %q: want an ISO 3166-1 alpha-2 country code such as DE or PL", o.Region)
	}
	o.DateOrder = strings.ToLower(o.DateOrder)
	if o.DateOrder != "" && o.DateOrder != "dmy" && o.DateOrder != "mdy" {
		return usageErrorf("--date-order %q: want dmy or mdy", o.DateOrder)
	}
	switch o.Delimiter {
	case "", ",", ";", "|":
	case "\t", "tab", `\t`:
		o.Delimiter = "\t"
	default:
		return usageErrorf("--delimiter %q: want one of , ; tab |", o.Delimiter)
	}
	if o.Encoding != "" {
		if err := importer.CheckEncoding(o.Encoding); err != nil {
			return usageErrorf("--encoding %q: unknown encoding (try windows-1252, windows-1250, iso-8859-2, macintosh, cp850, utf-8, utf-16le)", o.Encoding)
		}
	}
	return nil
}

func isCountryCode(s string) bool {
	return len(s) == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z'
}

func (o *readOptions) readerOptions() importer.Options {
	return importer.Options{Encoding: o.Encoding, Delimiter: o.Delimiter, Sheet: o.Sheet}
}

func (o *readOptions) buildOptions(source string) importer.BuildOptions {
	return importer.BuildOptions{Region: o.Region, Source: source, DateOrder: o.DateOrder}
}

// loadMap reads the mapping file, if one was named.
func (o *readOptions) loadMap() (*importer.MapFile, error) {
	if o.MapFile == "" {
		return nil, nil
	}
	return importer.LoadMapFile(o.MapFile)
}
