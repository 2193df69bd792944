package crm

import (
	"fmt"
	"strings"
)

// Status is sales' view of a lead.
type Status string

// The lead statuses, in their usual order.
const (
	StatusNew          Status = "New"
	StatusWorking      Status = "Working"
	StatusNurturing    Status = "Nurturing"
	StatusQualified    Status = "Qualified"
	StatusDisqualified Status = "Disqualified"
	StatusConverted    Status = "Converted"
)

// Statuses lists every status.
var Statuses = []Status{StatusNew, StatusWorking, StatusNurturing, StatusQualified, StatusDisqualified, StatusConverted}

// ParseStatus accepts a status name in any letter case.
func ParseStatus(s string) (Status, error) {
	for _, st := range Statuses {
		if strings.EqualFold(string(st), strings.TrimSpace(s)) {
			return st, nil
		}
	}
	return "", fmt.Errorf("unknown status %q (want one of New, Working, Nurturing, Qualified, Disqualified, Converted)", s)
}

// Stage is the lifecycle stage: the buyer's journey. Stages are ordered.
type Stage string

// The lifecycle stages, in order.
const (
	StageLead        Stage = "Lead"
	StageMQL         Stage = "MQL"
	StageSQL         Stage = "SQL"
	StageOpportunity Stage = "Opportunity"
	StageCustomer    Stage = "Customer"
)

// Stages lists every stage in journey order.
var Stages = []Stage{StageLead, StageMQL, StageSQL, StageOpportunity, StageCustomer}

// ParseStage accepts a stage name in any letter case.
func ParseStage(s string) (Stage, error) {
	for _, st := range Stages {
		if strings.EqualFold(string(st), strings.TrimSpace(s)) {
			return st, nil
		}
	}
	return "", fmt.Errorf("unknown stage %q (want one of Lead, MQL, SQL, Opportunity, Customer)", s)
}

// Rank is the stage's position in the journey (Lead = 0); -1 if unknown.
func (s Stage) Rank() int {
	for i, st := range Stages {
		if st == s {
			return i
		}
	}
	return -1
}
