package convert

import (
	"fmt"
	"strings"
	"time"

	"github.com/leadpipe/leadpipe/crm"
	"github.com/leadpipe/leadpipe/rules/ruleconf"
)

// Config is the convert section of leadpipe.yaml:
//
//	convert:
//	  opportunity:
//	    name: "{company} – {source}"  # {company} {first_name} {last_name} {source} {date}
//	    stage: Qualification           # the stage a new opportunity starts in
//	    close_days: 90                 # close date: conversion day + this
//
// The amount of an opportunity is the lead's budget, in its currency.
type Config struct {
	OpportunityName  string `json:"opportunity_name"`
	OpportunityStage string `json:"opportunity_stage"`
	CloseDays        int    `json:"close_days"`
}

// Defaults of the convert section.
const (
	DefaultOpportunityName  = "{company} – {source}"
	DefaultOpportunityStage = "Qualification"
	DefaultCloseDays        = 90
)

func (c Config) withDefaults() Config {
	return Config{OpportunityName: DefaultOpportunityName, OpportunityStage: DefaultOpportunityStage, CloseDays: DefaultCloseDays}
}

var placeholders = []string{"{company}", "{first_name}", "{last_name}", "{source}", "{date}"}

// Load reads the convert section of a leadpipe.yaml document (nil data: the
// defaults). Errors name the file and line.
func Load(data []byte, file string) (Config, error) {
	cfg := Config{}.withDefaults()
	if len(data) == 0 {
		return cfg, nil
	}
	d := &ruleconf.Doc{File: file}
	sec, key := d.Section(data, "convert")
	if len(d.Errs) > 0 || key == nil {
		return cfg, ruleconf.Join(d.Errs)
	}
	for _, f := range d.Map(sec, "convert", "opportunity") {
		for _, o := range d.Map(f.Value, "convert.opportunity", "name", "stage", "close_days") {
			switch o.Key {
			case "name":
				if v, ok := d.String(o.Value, "convert.opportunity", o.Key); ok {
					rest := v
					for _, p := range placeholders {
						rest = strings.ReplaceAll(rest, p, "")
					}
					if i := strings.IndexByte(rest, '{'); i >= 0 {
						d.Failf(o.Value, "convert.opportunity.name", "unknown placeholder in %q (known: %s)", v, strings.Join(placeholders, " "))
					} else {
						cfg.OpportunityName = v
					}
				}
			case "stage":
				if v, ok := d.String(o.Value, "convert.opportunity", o.Key); ok && strings.TrimSpace(v) != "" {
					cfg.OpportunityStage = strings.TrimSpace(v)
				}
			case "close_days":
				if v, ok := d.Int(o.Value, "convert.opportunity", o.Key); ok {
					if v < 0 || v > 3650 {
						d.Failf(o.Value, "convert.opportunity.close_days", "want 0 to 3650 days")
					} else {
						cfg.CloseDays = v
					}
				}
			}
		}
	}
	return cfg, ruleconf.Join(d.Errs)
}

// DefaultYAML is the convert section with its defaults, for `leadpipe
// config default`.
const DefaultYAML = `# Conversion (leadpipe convert): what a new opportunity is called, the
# stage it starts in, and its close date (conversion day + close_days).
# Placeholders: {company} {first_name} {last_name} {source} {date}.
convert:
  opportunity:
    name: "` + DefaultOpportunityName + `"
    stage: ` + DefaultOpportunityStage + `
    close_days: 90
`

// opportunity builds the opportunity of a lead.
func (c Config) opportunity(l *crm.Lead, id crm.OpportunityID, a *crm.Account, contact crm.ContactID, now time.Time) *crm.Opportunity {
	name := strings.NewReplacer(
		"{company}", a.Name, "{first_name}", l.FirstName, "{last_name}", l.LastName,
		"{source}", l.Source, "{date}", now.Format("2006-01-02"),
	).Replace(c.OpportunityName)
	// An empty placeholder leaves a dangling separator: "Müller GmbH – ".
	name = strings.Trim(strings.TrimSpace(name), "–- ")
	if name == "" {
		name = fmt.Sprintf("%s %s", a.Name, id)
	}
	return &crm.Opportunity{
		ID: id, AccountID: a.ID, ContactID: contact, LeadID: l.ID, Name: name,
		Amount: l.Budget, Currency: l.Currency, Stage: c.OpportunityStage,
		CloseDate: now.AddDate(0, 0, c.CloseDays).Format("2006-01-02"), Source: l.Source,
		PendingVerification: !a.Verified, CreatedAt: now,
	}
}
