// Package rules is the expression language of leadpipe: the conditions of
// scoring rules, lifecycle gates and sync rules, and the --where filters of
// `leads list`, `status set` and `convert`. It wraps
// github.com/expr-lang/expr with a fixed, typed environment that names a
// lead's fields as the export header does.
//
// An expression is compiled once per run (Compile) and evaluated per lead
// against an Env that is reset for each lead (Env.Reset). Evaluation takes
// well under a microsecond for a typical rule and allocates little; an Env
// is not safe for concurrent use, a Program is.
//
// # Names
//
// Text fields (empty string when not set):
//
//	id salutation academic_title first_name last_name company title email
//	phone mobile street postal_code city country tax_id source currency
//	status stage grade legal_form email_domain
//
// country is the ISO 3166-1 alpha-2 code ("DE"), status one of New,
// Working, Nurturing, Qualified, Disqualified, Converted, stage one of Lead,
// MQL, SQL, Opportunity, Customer, grade "hot", "warm", "cold" or "" when the
// lead was never scored.
//
// Numbers: budget (0 when not given; use present("budget") to tell),
// score, days_since_created (whole days from created_at to the run's clock).
//
// Times: created_at.
//
// Booleans: freemail (also email_freemail), role_address (also email_role).
//
// Custom columns: custom("Column Name") returns the value of a custom column,
// "" when the lead has none. Columns whose name is a valid identifier can be
// used as bare names when declared with the CustomFields option.
//
// # Functions
//
//	present("field")      the field (core name or custom column) has a value
//	empty("field")        the opposite of present
//	custom("Column")      the text of a custom column
//	is_freemail(s)        s is an e-mail address at a freemail provider
//	is_role_address(s)    s is a role address such as info@ or vertrieb@
//	days_since(t)         whole days from t (a time, or text such as
//	                      "2026-01-31") to the run's clock; NaN when t is
//	                      empty or not a date, so every comparison is false
//	country_in("DE", ...) country is one of the codes
//	date("2026-01-31")    a time from text (YYYY-MM-DD or RFC 3339)
//	num(s)                a number from text ("1234.5", "1 234,50"); NaN if none
//	now()                 the run's clock (injected, so runs are repeatable)
//
// expr's operators and builtins work as documented at expr-lang.org:
// matches (title matches "(?i)ceo"), contains, startsWith, endsWith, in
// (country in ["DE", "AT"]), lower, upper, trim, len, abs and so on.
// Builtins that read the real clock, load time zones, or can build huge
// strings (now, date, timezone, repeat) are replaced or disabled, as are
// the JSON and base64 codecs.
//
// # Limits
//
// An expression is at most MaxSource bytes and MaxNodes syntax nodes, and
// one evaluation may use at most MemoryBudget units of expr's memory
// accounting. Unknown names are compile errors with a position
// ("unknown name emial (1:1); did you mean email?").
//
// # Speed
//
// A typical rule takes 100–200 ns per lead (BenchmarkEval). Each Env caches
// the results of `text matches "constant"` and is_freemail by text, since
// titles and e-mail domains repeat from lead to lead; the caches are
// bounded.
//
// # Privacy
//
// Errors name positions, fields and functions, never a lead's values: an
// evaluation error keeps only its kind and position.
package rules
