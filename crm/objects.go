package crm

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// AccountID, ContactID and OpportunityID identify the objects a lead is
// converted into. Each kind is numbered on its own and shown with its own
// letter: A0000001, C0000001, O0000001.
type (
	AccountID     uint64
	ContactID     uint64
	OpportunityID uint64
)

func (id AccountID) String() string     { return fmt.Sprintf("A%07d", uint64(id)) }
func (id ContactID) String() string     { return fmt.Sprintf("C%07d", uint64(id)) }
func (id OpportunityID) String() string { return fmt.Sprintf("O%07d", uint64(id)) }

// MarshalText writes the id as users see it.
func (id AccountID) MarshalText() ([]byte, error)     { return []byte(id.String()), nil }
func (id ContactID) MarshalText() ([]byte, error)     { return []byte(id.String()), nil }
func (id OpportunityID) MarshalText() ([]byte, error) { return []byte(id.String()), nil }

// UnmarshalText reads what MarshalText writes (and a plain number).
func (id *AccountID) UnmarshalText(b []byte) error {
	n, err := parseObjectID(string(b), 'A', "account")
	*id = AccountID(n)
	return err
}

// UnmarshalText reads what MarshalText writes (and a plain number).
func (id *ContactID) UnmarshalText(b []byte) error {
	n, err := parseObjectID(string(b), 'C', "contact")
	*id = ContactID(n)
	return err
}

// UnmarshalText reads what MarshalText writes (and a plain number).
func (id *OpportunityID) UnmarshalText(b []byte) error {
	n, err := parseObjectID(string(b), 'O', "opportunity")
	*id = OpportunityID(n)
	return err
}

// ParseAccountID accepts "A0000042", "a42" or "42".
func ParseAccountID(s string) (AccountID, error) {
	n, err := parseObjectID(s, 'A', "account")
	return AccountID(n), err
}

func parseObjectID(s string, letter byte, kind string) (uint64, error) {
	t := strings.TrimSpace(s)
	if len(t) > 0 && (t[0] == letter || t[0] == letter+'a'-'A') {
		t = t[1:]
	}
	if t != "" && strings.Trim(t, "0") == "" && len(s) > 1 && s[0] == letter {
		return 0, nil // "C0000000", what MarshalText writes for no link
	}
	n, err := strconv.ParseUint(t, 10, 64)
	if err != nil || n == 0 {
		return 0, fmt.Errorf("invalid %s id %q: want %c followed by digits, e.g. %c0000042", kind, s, letter, letter)
	}
	return n, nil
}

// Account is a company a lead was converted into. It is never duplicated:
// conversion matches existing accounts by tax id, name plus place, and
// company e-mail domain before creating one.
type Account struct {
	ID         AccountID `json:"id"`
	Name       string    `json:"name"`
	NameKey    string    `json:"name_key,omitempty"` // name without legal form, folded: matching
	LegalForm  string    `json:"legal_form,omitempty"`
	TaxID      string    `json:"tax_id,omitempty"`
	Domain     string    `json:"domain,omitempty"` // company e-mail domain; never a freemail one
	Street     string    `json:"street,omitempty"`
	PostalCode string    `json:"postal_code,omitempty"`
	City       string    `json:"city,omitempty"`
	Country    string    `json:"country,omitempty"`
	Phone      string    `json:"phone,omitempty"`
	// Verified is set by `leadpipe accounts verify`: the team that owns
	// account data has checked the company. Accounts created by conversion
	// start unverified.
	Verified bool `json:"verified"`
	// Customer marks a company that buys already (set on import of
	// accounts, or by a won opportunity).
	Customer  bool      `json:"customer"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
	// Leads lists the leads converted into this account.
	Leads   []ID     `json:"leads,omitempty"`
	History []Change `json:"history,omitempty"`
}

// Contact is the person a lead was converted into.
type Contact struct {
	ID            ContactID `json:"id"`
	AccountID     AccountID `json:"account_id"`
	Salutation    string    `json:"salutation,omitempty"`
	AcademicTitle string    `json:"academic_title,omitempty"`
	FirstName     string    `json:"first_name,omitempty"`
	LastName      string    `json:"last_name"`
	Title         string    `json:"title,omitempty"`
	Email         string    `json:"email,omitempty"`
	Phone         string    `json:"phone,omitempty"`
	// PhoneExt is the extension of Phone (digits), as the lead had it.
	PhoneExt   string    `json:"phone_ext,omitempty"`
	Mobile     string    `json:"mobile,omitempty"`
	Street     string    `json:"street,omitempty"`
	PostalCode string    `json:"postal_code,omitempty"`
	City       string    `json:"city,omitempty"`
	Country    string    `json:"country,omitempty"`
	Source     string    `json:"source,omitempty"`
	CreatedAt  time.Time `json:"created_at"`
	Leads      []ID      `json:"leads,omitempty"`
}

// Opportunity is a concrete sale created when a lead is converted.
type Opportunity struct {
	ID        OpportunityID `json:"id"`
	AccountID AccountID     `json:"account_id"`
	ContactID ContactID     `json:"contact_id"`
	LeadID    ID            `json:"lead_id"`
	Name      string        `json:"name"`
	Amount    string        `json:"amount,omitempty"` // plain decimal, "83500.00"
	Currency  string        `json:"currency,omitempty"`
	Stage     string        `json:"stage"`
	CloseDate string        `json:"close_date"` // YYYY-MM-DD
	Source    string        `json:"source,omitempty"`
	Won       bool          `json:"won"`
	// PendingVerification is set while the account is not verified:
	// nobody should invoice a company the account team has not checked.
	PendingVerification bool      `json:"pending_verification"`
	CreatedAt           time.Time `json:"created_at"`
}
