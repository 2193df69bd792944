package rules

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/expr-lang/expr/vm"
	"github.com/leadpipe/leadpipe/crm"
)

// vars is what an expression sees. expr reads the tagged fields through
// reflection, so the type stays unexported and only Env is API. Keep the
// tags in step with fieldNames and doc.go.
type vars struct {
	ID            string    `expr:"id"`
	Salutation    string    `expr:"salutation"`
	AcademicTitle string    `expr:"academic_title"`
	FirstName     string    `expr:"first_name"`
	LastName      string    `expr:"last_name"`
	Company       string    `expr:"company"`
	Title         string    `expr:"title"`
	Email         string    `expr:"email"`
	Phone         string    `expr:"phone"`
	Mobile        string    `expr:"mobile"`
	Street        string    `expr:"street"`
	PostalCode    string    `expr:"postal_code"`
	City          string    `expr:"city"`
	Country       string    `expr:"country"`
	TaxID         string    `expr:"tax_id"`
	Source        string    `expr:"source"`
	Budget        float64   `expr:"budget"`
	Currency      string    `expr:"currency"`
	CreatedAt     time.Time `expr:"created_at"`
	Status        string    `expr:"status"`
	Stage         string    `expr:"stage"`
	Score         int       `expr:"score"`
	Grade         string    `expr:"grade"`
	LegalForm     string    `expr:"legal_form"`
	EmailDomain   string    `expr:"email_domain"`
	EmailFreemail bool      `expr:"email_freemail"`
	EmailRole     bool      `expr:"email_role"`
	Freemail      bool      `expr:"freemail"`
	RoleAddress   bool      `expr:"role_address"`
	DaysCreated   float64   `expr:"days_since_created"`

	lead  *crm.Lead
	now   time.Time
	cache *cache
}

// cache remembers results of the slow helpers per environment: lead
// fields repeat (job titles, e-mail domains), so a title that matched a
// rule's pattern once is not matched again. Each map is cleared when it
// reaches cacheSize entries, which bounds memory.
type cache struct {
	re       map[*regexp.Regexp]map[string]bool
	freemail map[string]bool
}

const (
	cacheSize    = 4096
	cacheMaxText = 256 // longer texts are not cached
)

func (c *cache) match(re *regexp.Regexp, s string) bool {
	if len(s) > cacheMaxText {
		return re.MatchString(s)
	}
	m := c.re[re]
	if m == nil {
		if c.re == nil {
			c.re = map[*regexp.Regexp]map[string]bool{}
		}
		m = make(map[string]bool)
		c.re[re] = m
	}
	if v, ok := m[s]; ok {
		return v
	}
	if len(m) >= cacheSize {
		clear(m)
	}
	v := re.MatchString(s)
	m[s] = v
	return v
}

func (c *cache) isFreemail(email string) bool {
	at := strings.LastIndexByte(email, '@')
	if at < 0 {
		return false
	}
	domain := email[at+1:]
	if v, ok := c.freemail[domain]; ok {
		return v
	}
	if c.freemail == nil || len(c.freemail) >= cacheSize {
		c.freemail = map[string]bool{}
	}
	v := isFreemail(email)
	if len(domain) <= cacheMaxText {
		c.freemail[domain] = v
	}
	return v
}

// Env is the environment of one evaluation: the current lead and the run's
// clock. Make one per goroutine with NewEnv and Reset it for every lead;
// resetting copies a few string headers and computes the derived variables
// (ResetFor: only those the programs read); it does not allocate beyond
// the lead id's text.
type Env struct {
	v     vars
	vm    vm.VM
	cache cache
}

// NewEnv returns an empty environment (no lead, zero clock).
func NewEnv() *Env {
	e := &Env{}
	e.vm.MemoryBudget = MemoryBudget
	return e
}

// Reset points the environment at lead l, evaluated at time now. The
// environment reads l until the next Reset; do not change l meanwhile.
func (e *Env) Reset(l *crm.Lead, now time.Time) { e.ResetFor(l, now, NeedAll) }

// ResetFor is Reset computing only the derived variables in needs (see
// Needs): the others read as zero, so only programs whose Needs are within
// needs may run on the environment until the next Reset.
func (e *Env) ResetFor(l *crm.Lead, now time.Time, needs Needs) {
	v := &e.v
	*v = vars{
		Salutation:    l.Salutation,
		AcademicTitle: l.AcademicTitle,
		FirstName:     l.FirstName,
		LastName:      l.LastName,
		Company:       l.Company,
		Title:         l.Title,
		Email:         l.Email,
		Phone:         l.Phone,
		Mobile:        l.Mobile,
		Street:        l.Street,
		PostalCode:    l.PostalCode,
		City:          l.City,
		Country:       l.Country,
		TaxID:         l.TaxID,
		Source:        l.Source,
		Currency:      l.Currency,
		CreatedAt:     l.CreatedAt,
		Status:        string(l.Status),
		Stage:         string(l.Stage),
		Score:         l.Score,
		Grade:         string(l.Grade),
		LegalForm:     l.LegalForm,
		EmailFreemail: l.EmailFreemail,
		EmailRole:     l.EmailRole,
		Freemail:      l.EmailFreemail,
		RoleAddress:   l.EmailRole,
		lead:          l,
		now:           now,
		cache:         &e.cache,
	}
	if needs&NeedID != 0 {
		v.ID = formatID(l.ID)
	}
	if needs&NeedBudget != 0 {
		v.Budget = ParseBudget(l.Budget)
	}
	if needs&NeedEmailDomain != 0 {
		v.EmailDomain = emailDomain(l.Email)
	}
	if needs&NeedDaysCreated != 0 {
		v.DaysCreated = daysBetween(l.CreatedAt, now)
	}
}

// Lead returns the lead of the last Reset (nil before the first).
func (e *Env) Lead() *crm.Lead { return e.v.lead }

// Now returns the clock of the last Reset.
func (e *Env) Now() time.Time { return e.v.now }

// Present reports whether the field has a value: a core field name as in
// present("budget"), or else the name of a custom column. It is what the
// expression function present does, and what lifecycle's required fields
// use.
func (e *Env) Present(name string) bool { return e.v.present(name) }

func (v *vars) present(name string) bool {
	l := v.lead
	if l == nil {
		return false
	}
	if f, ok := fieldByName[name]; ok {
		return f.present(l)
	}
	return hasText(l.Custom[name])
}

func (v *vars) custom(name string) string {
	if v.lead == nil {
		return ""
	}
	return v.lead.Custom[name]
}

// ParseBudget reads a lead's budget, a plain decimal string such as
// "83500.00". Empty or unreadable text is 0.
func ParseBudget(s string) float64 {
	if s == "" {
		return 0
	}
	if len(s) <= 15 {
		// Whole numbers, most budgets, without ParseFloat: exact, as up
		// to 15 digits are in a float64.
		var v uint64
		i := 0
		for ; i < len(s) && '0' <= s[i] && s[i] <= '9'; i++ {
			v = v*10 + uint64(s[i]-'0')
		}
		if i == len(s) {
			return float64(v)
		}
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0
	}
	return f
}

// daysBetween returns the whole days from t to now (floored, never below
// 0), or NaN when t is zero.
func daysBetween(t, now time.Time) float64 {
	if t.IsZero() {
		return math.NaN()
	}
	d := now.Sub(t)
	if d <= 0 {
		return 0
	}
	return math.Floor(d.Hours() / 24)
}

func emailDomain(s string) string {
	if i := strings.LastIndexByte(s, '@'); i >= 0 {
		return s[i+1:]
	}
	return ""
}

func hasText(s string) bool { return strings.TrimSpace(s) != "" }

// formatID is crm.ID.String without fmt: "L0000042".
func formatID(id crm.ID) string {
	if id == 0 {
		return ""
	}
	var buf [24]byte
	b := strconv.AppendUint(buf[:0], uint64(id), 10)
	if len(b) >= 7 {
		return "L" + string(b)
	}
	var out [8]byte
	out[0] = 'L'
	pad := 7 - len(b)
	for i := 1; i <= pad; i++ {
		out[i] = '0'
	}
	copy(out[1+pad:], b)
	return string(out[:])
}
