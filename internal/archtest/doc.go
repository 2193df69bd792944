// Package archtest holds no code: its test checks, with `go list`, that
// leadpipe's packages depend on each other in one direction only
// (commands → pipeline → stages → domain model), the way Tailscale's
// deptest does.
package archtest
