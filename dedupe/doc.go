// Package dedupe finds the lead an incoming record belongs to.
//
// Two ways are offered. Exact keys (ExactKeys) are the keys Salesforce and
// HubSpot use for their duplicate rules: the same normalized e-mail; the
// same E.164 phone and last name; the same first name, last name and
// company in the same postal code or city.
//
// Fuzzy matching (Matcher, Index) is the default. A record is compared
// only with the records that share a blocking key with it (e-mail, phone,
// phonetic name + place, company + place, configured keys), so the work
// grows with the rows, not with their square. Each comparison of a pair
// (e-mail, first and last name with initials, transliterations, Kölner
// Phonetik and Daitch-Mokotoff codes, company without legal form, phone,
// place, street, tax id, configured extra fields) adds a weight in the
// Fellegi-Sunter sense, a log2 Bayes factor; the sum decides: merged at or
// above merge_at, flagged as a possible duplicate from review_at. Guards
// (different tax ids; different personal e-mail addresses at one company
// domain; two different given names with nothing of the person's own in
// common) veto a merge whatever the sum. Explain lists every comparison of
// a pair with its values, similarity and weight.
//
// The rules come from the dedupe section of leadpipe.yaml (Load) over the
// built-in defaults (DefaultConfig). The package depends only on the
// domain model, the normalizers and the rule-file reader.
package dedupe
