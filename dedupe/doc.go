// Package dedupe finds the lead an incoming record belongs to. This first
// version matches on exact keys only, the keys Salesforce and HubSpot use
// for their duplicate rules: the same normalized e-mail address; the same
// E.164 phone (or mobile) and last name; the same first name, last name and
// company (without legal form) in the same postal code or city. Keys are
// folded (case, accents, umlauts) and hashed to 64 bits so that a million
// leads fit in memory.
//
// It depends only on the domain model and the normalizers.
package dedupe
