package crm

import "time"

// Account is a company a lead was converted into. It is never duplicated:
// conversion matches existing accounts by tax id, name plus address, and
// e-mail domain before creating one.
type Account struct {
	ID         ID        `json:"id"`
	Name       string    `json:"name"`
	NameKey    string    `json:"name_key,omitempty"`
	LegalForm  string    `json:"legal_form,omitempty"`
	TaxID      string    `json:"tax_id,omitempty"`
	Domain     string    `json:"domain,omitempty"`
	Street     string    `json:"street,omitempty"`
	PostalCode string    `json:"postal_code,omitempty"`
	City       string    `json:"city,omitempty"`
	Country    string    `json:"country,omitempty"`
	Phone      string    `json:"phone,omitempty"`
	Verified   bool      `json:"verified"`
	Customer   bool      `json:"customer"`
	CreatedAt  time.Time `json:"created_at"`
}

// Contact is the person a lead was converted into.
type Contact struct {
	ID            ID        `json:"id"`
	AccountID     ID        `json:"account_id"`
	Salutation    string    `json:"salutation,omitempty"`
	AcademicTitle string    `json:"academic_title,omitempty"`
	FirstName     string    `json:"first_name,omitempty"`
	LastName      string    `json:"last_name"`
	Title         string    `json:"title,omitempty"`
	Email         string    `json:"email,omitempty"`
	Phone         string    `json:"phone,omitempty"`
	Mobile        string    `json:"mobile,omitempty"`
	CreatedAt     time.Time `json:"created_at"`
}

// Opportunity is a concrete sale created when a lead is converted.
type Opportunity struct {
	ID        ID        `json:"id"`
	AccountID ID        `json:"account_id"`
	ContactID ID        `json:"contact_id"`
	Name      string    `json:"name"`
	Amount    string    `json:"amount,omitempty"`
	Currency  string    `json:"currency,omitempty"`
	Stage     string    `json:"stage"`
	CloseDate string    `json:"close_date"` // YYYY-MM-DD
	Won       bool      `json:"won"`
	CreatedAt time.Time `json:"created_at"`
}
