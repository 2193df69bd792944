package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/leadpipe/leadpipe/pipeline"
)

type inspectOptions struct {
	readOptions
	Files []string
	Rows  int
}

func newInspectCommand(g *globalOptions, ios *IOStreams, runF func(context.Context, *inspectOptions) error) *cobra.Command {
	opts := &inspectOptions{}
	cmd := &cobra.Command{
		Use:   "inspect [flags] FILE...",
		Short: "Show how files would be read and mapped, without importing them",
		Long: withExitStatus(`Inspect shows what import would detect in each FILE: format, encoding,
delimiter, sheet and header row, which field each column feeds and why, and
the first rows normalized as an import would store them, with warnings or
the reason a row would be rejected. It neither opens nor writes the store.

Use it to check a new kind of export before a cron job imports it, and to
write a mapping file (--map) where the built-in dictionaries guess wrong.`),
		Example: `  leadpipe inspect fair.csv
  leadpipe inspect --encoding iso-8859-2 --rows 10 lista.csv
  leadpipe inspect --json export.xlsx`,
		Args: minArgs(1, "inspect needs at least one FILE"),
		RunE: func(c *cobra.Command, args []string) error {
			opts.Files = args
			if err := opts.complete(c.Flags(), g.Config); err != nil {
				return err
			}
			if opts.Rows < 0 {
				return usageErrorf("--rows must not be negative")
			}
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return runInspect(g, ios, opts)
		},
	}
	cmd.Flags().IntVar(&opts.Rows, "rows", 3, "number of sample rows to normalize (0: none)")
	opts.readOptions.bind(cmd.Flags())
	return cmd
}

func runInspect(g *globalOptions, ios *IOStreams, opts *inspectOptions) error {
	mf, err := opts.loadMap()
	if err != nil {
		return err
	}
	rows := opts.Rows
	if rows == 0 {
		rows = -1 // InspectOptions: negative means none
	}
	// The sample rows show what import would do with them, so the
	// configuration's import settings apply here too.
	build := opts.buildOptions(g.Config.Import.Source)
	build.KeepUnreachable = g.Config.Import.Unreachable == "keep"
	var all []*pipeline.Inspection
	for _, f := range opts.Files {
		in, err := pipeline.Inspect(f, pipeline.InspectOptions{
			Reader:  opts.readerOptions(),
			Build:   build,
			MapFile: mf,
			Rows:    rows,
		})
		if err != nil {
			return err
		}
		all = append(all, in)
	}
	return presenterFor(g.JSON, ios.Out, writeInspectText).present(all)
}

// writeInspectText prints inspections for people; --json prints them as a
// JSON array.
func writeInspectText(w io.Writer, all []*pipeline.Inspection) error {
	var b strings.Builder
	for i, in := range all {
		if i > 0 {
			b.WriteString("\n")
		}
		writeInspection(&b, in)
	}
	_, err := io.WriteString(w, trimLines(b.String()))
	return err
}

// trimLines drops the padding tabwriter leaves at the end of a line whose
// last cell is empty, so that every row of a block can have the same cells
// and still align.
func trimLines(s string) string {
	lines := strings.SplitAfter(s, "\n")
	for i, l := range lines {
		if strings.HasSuffix(l, "\n") {
			lines[i] = strings.TrimRight(l[:len(l)-1], " ") + "\n"
		}
	}
	return strings.Join(lines, "")
}

func writeInspection(w io.Writer, in *pipeline.Inspection) {
	d := in.Detection
	fmt.Fprintf(w, "%s\n", in.File)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "  format\t%s\n", d.Format)
	if d.Encoding != "" {
		fmt.Fprintf(tw, "  encoding\t%s\n", d.Encoding)
	}
	if d.Delimiter != "" {
		fmt.Fprintf(tw, "  delimiter\t%s\n", quoteDelimiter(d.Delimiter))
	}
	if d.Sheet != "" {
		fmt.Fprintf(tw, "  sheet\t%s\n", d.Sheet)
	}
	if d.Date1904 {
		fmt.Fprintf(tw, "  dates\t1904 system\n")
	}
	if d.Headerless != "" {
		fmt.Fprintf(tw, "  header\tnone, %s numbered\n", plural(len(in.Header), "column", "columns"))
	} else {
		fmt.Fprintf(tw, "  header\trow %d, %s\n", d.HeaderRow, plural(len(in.Header), "column", "columns"))
	}
	tw.Flush()
	if len(d.Notes) > 0 {
		fmt.Fprintf(w, "  detected:\n")
		for _, n := range d.Notes {
			fmt.Fprintf(w, "    %s\n", n)
		}
	}
	fmt.Fprintf(w, "  columns:\n")
	for _, m := range in.Mapping {
		fmt.Fprintf(w, "    %s\n", m)
	}
	for _, warn := range slices.Concat(in.Detection.Warnings, in.MappingWarnings) {
		fmt.Fprintf(w, "  warning: %s\n", warn)
	}
	if len(in.Samples) == 0 {
		return
	}
	fmt.Fprintf(w, "  sample rows:\n")
	for _, s := range in.Samples {
		if s.Rejected != "" {
			fmt.Fprintf(w, "    row %d: rejected: %s\n", s.Row, s.Rejected)
			continue
		}
		fmt.Fprintf(w, "    row %d\n", s.Row)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		for _, f := range s.Fields {
			writeFieldValue(tw, f.Field, f)
		}
		for _, f := range s.Custom {
			writeFieldValue(tw, "custom "+f.Field, f)
		}
		tw.Flush()
		for _, warn := range s.Warnings {
			fmt.Fprintf(w, "      warning: %s\n", warn)
		}
	}
}

func writeFieldValue(tw io.Writer, label string, f pipeline.FieldValue) {
	if f.Raw != "" {
		fmt.Fprintf(tw, "      %s\t%s\t(from %q)\n", label, f.Value, f.Raw)
		return
	}
	fmt.Fprintf(tw, "      %s\t%s\t\n", label, f.Value)
}
