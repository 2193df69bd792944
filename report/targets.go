package report

import (
	"strings"
	"unicode"

	"github.com/leadpipe/leadpipe/crm"
)

// ExportTargets are the CRMs whose import tools an export can feed
// (leadpipe export --target). With a target, each object is written with
// the columns, header names and value formats that the CRM's importer maps
// by itself, so the file imports without remapping. The layouts are the
// tables in targetLayouts, one per target and object: a column is a header
// and a function of the record, so a column is added in one line.
//
// For all targets: UTF-8 CSV without a BOM, or XLSX; dates yyyy-MM-dd;
// booleans true/false; amounts plain decimals with a dot (number cells in
// XLSX); phones E.164 (+493012345678), a lead's or contact's with its
// extension as "+493012345678 ext. 12" (see phoneWithExt); countries by their English name
// (Germany, Poland: the names leadpipe's own country table reads back);
// formula triggers escaped with a ' as in every export (see Export). A
// required column that would be empty gets "[not provided]", the
// placeholder Salesforce itself puts into web leads without a company, so
// that no row fails for it.
//
// salesforce follows Data Loader and the Data Import Wizard: API field
// names, which Data Loader's auto-match and the wizard both map.
//
//   - Lead: FirstName, LastName, Salutation, Title, Company, Email, Phone,
//     MobilePhone, Street, City, PostalCode, Country, LeadSource, Status,
//     Rating, Description, LeadpipeId__c.
//   - Account: Name, Site, Type, Phone, Website, BillingStreet,
//     BillingCity, BillingPostalCode, BillingCountry, VAT_ID__c,
//     Verified__c, LeadpipeId__c. Site is the city: the wizard matches accounts by Name
//     and Site, so two "Müller GmbH" in different cities stay apart.
//     Website is the company's e-mail domain.
//   - Contact: Account.LeadpipeId__c, FirstName, LastName, Salutation,
//     Title, Email, Phone, MobilePhone, MailingStreet, MailingCity,
//     MailingPostalCode, MailingCountry, LeadSource, LeadpipeId__c.
//   - Opportunity: Name, StageName, CloseDate, Amount, CurrencyIsoCode,
//     LeadSource, Account.LeadpipeId__c, Pending_Verification__c,
//     LeadpipeId__c. The wizard does not import opportunities; Data Loader
//     does. CurrencyIsoCode is the budget's ISO 4217 code (EUR, PLN): a
//     multi-currency org reads the amount in it (the currency must be
//     active in the org); a single-currency org has no such field, Data
//     Loader leaves the column unmapped, and the amount is read in the
//     org's currency.
//
// Create two custom fields first: LeadpipeId__c (Text(10), External ID,
// Unique) on Lead, Account, Contact and Opportunity, VAT_ID__c (Text(20),
// External ID) and Verified__c (Checkbox) on Account, and
// Pending_Verification__c (Checkbox) on Opportunity: a new account stays
// unverified until `leadpipe accounts verify`, and its opportunities are
// pending verification until then. LeadpipeId__c holds the leadpipe id
// (L…, A…, C…, O…), so a second import can upsert on it instead of
// creating duplicates. A contact or an opportunity names its account by
// the account's leadpipe id in the column Account.LeadpipeId__c, because
// the account has no Salesforce id yet: Data Loader and the Bulk API
// resolve a "Relationship.ExternalIdField" header to the record with that
// external id. Import accounts first, then contacts and opportunities.
//
// Salesforce values: Status maps New → Open - Not Contacted; Working,
// Nurturing and Qualified → Working - Contacted; Disqualified → Closed -
// Not Converted; Converted → Closed - Converted (the default Lead Status
// picklist; leadpipe's own status and stage stay in Description). Rating:
// hot, warm, cold → Hot, Warm, Cold. Salutation: Herr, Mr, Pan, Monsieur,
// Signor, Señor → Mr.; Frau, Ms, Miss, Pani, Madame, Mademoiselle, Signora,
// Señora, Mevrouw → Ms.; Mrs → Mrs.; Mx → Mx.; a lead without one but with
// an academic title gets Prof. or Dr. LeadSource: as stored (add the values
// to the picklist first, or let Data Loader store them as inactive
// values). Type: Customer - Direct for a customer, Prospect otherwise.
// Country: the English name, which the State and Country/Territory
// Picklists accept for the standard countries; a few of Salesforce's names
// differ (Korea, Republic of for South Korea) and such a row fails with a
// field error until the name or the picklist's integration value is
// changed. A lead's Description holds what has no standard field: the
// leadpipe id, academic title, tax id, budget with currency, score and
// grade, status, stage and source.
//
// hubspot follows HubSpot's import tool (CRM > Import) with internal
// property names, which it maps without asking.
//
//   - leads and contacts, a contacts file: email, firstname, lastname,
//     salutation, jobtitle, phone, mobilephone, company, address, city,
//     zip, country, lifecyclestage, hs_lead_status, domain, leadpipe_id.
//   - accounts, a companies file: name, domain, phone, address, city, zip,
//     country, lifecyclestage, vat_id, verified, leadpipe_id.
//   - opportunities, a deals file: dealname, pipeline (default), dealstage,
//     amount, deal_currency_code, closedate, domain, pending_verification,
//     leadpipe_id. deal_currency_code is the budget's ISO 4217 code; HubSpot
//     accepts only the currencies set up in the portal (Settings ›
//     Currencies), and a deal without it is in the portal's company
//     currency.
//
// vat_id and leadpipe_id are custom properties (single-line text),
// verified (companies) and pending_verification (deals) single checkboxes:
// create
// them first, or in the import's mapping step; make leadpipe_id unique so
// that a second import updates instead of duplicating. domain is the
// company's domain (for a lead, its e-mail domain unless that is a
// freemail one): import contacts or deals together with companies, as two
// objects in one file, and HubSpot associates each contact or deal with
// the company of that domain, creating the company when there is none. In
// a one-object import, choose "Don't import column" for it.
// lifecyclestage follows the stage: Lead → lead, MQL →
// marketingqualifiedlead, SQL → salesqualifiedlead, Opportunity →
// opportunity, Customer → customer; a contact is customer when its account
// is one and salesqualifiedlead otherwise; a company is customer or left
// empty. hs_lead_status follows the status: New → NEW, Working →
// IN_PROGRESS, Nurturing → BAD_TIMING, Qualified → CONNECTED, Disqualified
// → UNQUALIFIED, Converted → OPEN_DEAL; a contact has none. Dates: choose
// the date format YYYY-MM-DD in the import. These are HubSpot's default
// internal values; a portal with its own pipeline stages or lead statuses
// needs the tables edited.
//
// dynamics follows the Import Data Wizard of Dynamics 365 Sales: the
// display names of the "Templates for Data Import", which Map
// Automatically matches. Name the file after the record type (Lead.csv,
// Account.csv, Contact.csv, Opportunity.csv) so the wizard picks it; an
// XLSX sheet is named after the record type.
//
//   - Lead: Topic (the company, or else the name or e-mail), Salutation,
//     First Name, Last Name, Company Name, Job Title, Email, Business
//     Phone, Mobile Phone, Street 1, City, ZIP/Postal Code, Country/Region,
//     Lead Source, Rating, Description.
//   - Account: Account Name, Account Number (the leadpipe id),
//     Relationship Type, Main Phone, Website, Street 1, City, ZIP/Postal
//     Code, Country/Region, Description (the VAT id and whether the
//     account is verified).
//   - Contact: First Name, Last Name, Salutation, Job Title, Email,
//     Business Phone, Mobile Phone, Company Name, Street 1, City,
//     ZIP/Postal Code, Country/Region, Description.
//   - Opportunity: Topic, Potential Customer, Est. Close Date, Est.
//     Revenue, Currency, Description (stage, currency, source, and
//     "pending" while the account is not verified). Currency is a lookup
//     of the Currency table (transactioncurrencyid); the file holds the
//     ISO code (EUR, PLN), so in the wizard's mapping step make the lookup
//     refer to the field Currency Code (by default it looks up the
//     currency's name). A currency the organization has not added fails
//     the row; an empty one takes the organization's base currency.
//
// Company Name and Potential Customer are lookups by account name: import
// accounts first; where two accounts share a name, make the lookup match
// Account Number in the wizard's mapping step. Lead Source holds a label
// of the default option set: a trade fair (messe, fair, expo, targi,
// booth, …) → Trade Show, webinar or seminar → Seminar, web or form →
// Web, partner → Partner, employee → Employee Referral, referral →
// External Referral, ad → Advertisement, press → Public Relations, word
// of mouth → Word of Mouth, anything else → Other; the stored source stays
// in Description. Rating: Hot, Warm, Cold. Relationship Type: Customer or
// Prospect. Dates are yyyy-MM-dd: the wizard reads dates in the importing
// user's format (Personal Options → Formats), and ISO dates are read in the
// common ones; in XLSX the amounts are number cells, which avoids the
// decimal comma question.
//
// Opportunity stages, from leadpipe to Salesforce StageName and HubSpot
// dealstage: a won opportunity → Closed Won, closedwon; Salesforce's
// default stage names (or HubSpot's default stage ids) map to each other:
// Prospecting ↔ appointmentscheduled, Qualification and Needs Analysis →
// qualifiedtobuy, Value Proposition → presentationscheduled, Id. Decision
// Makers and Perception Analysis → decisionmakerboughtin, Proposal/Price
// Quote and Negotiation/Review → contractsent, Closed Won ↔ closedwon,
// Closed Lost (or lost) ↔ closedlost; an empty stage, open or new →
// Prospecting, appointmentscheduled; any other stage is passed on as it
// is, for a pipeline that has it.
var ExportTargets = []string{"salesforce", "hubspot", "dynamics"}

// phoneWithExt is a phone number with its extension, "+493012345678 ext.
// 12": none of the targets has a column for an extension (Salesforce's
// Phone, HubSpot's phone and Dynamics' Business Phone are one text field
// each), and this is the form their users type and leadpipe's importer
// reads back. Without an extension the number stays E.164.
func phoneWithExt(phone, ext string) string {
	if phone == "" || ext == "" {
		return phone
	}
	return phone + " ext. " + ext
}

// notProvided fills a column the importer requires.
func notProvided(s string) string {
	if s == "" {
		return "[not provided]"
	}
	return s
}

// targetLayouts are the import layouts, by target (see ExportTargets).
var targetLayouts = map[string]*exportLayout{
	"salesforce": {
		sheets: map[string]string{"leads": "Lead", "accounts": "Account", "contacts": "Contact", "opportunities": "Opportunity"},
		leads: []exportColumn[*crm.Lead]{
			{header: "FirstName", value: func(l *crm.Lead) string { return l.FirstName }},
			{header: "LastName", value: func(l *crm.Lead) string { return notProvided(l.LastName) }},
			{header: "Salutation", value: func(l *crm.Lead) string { return sfSalutation(l.Salutation, l.AcademicTitle) }},
			{header: "Title", value: func(l *crm.Lead) string { return l.Title }},
			{header: "Company", value: func(l *crm.Lead) string { return notProvided(l.Company) }},
			{header: "Email", value: func(l *crm.Lead) string { return l.Email }},
			{header: "Phone", value: func(l *crm.Lead) string { return phoneWithExt(l.Phone, l.PhoneExt) }},
			{header: "MobilePhone", value: func(l *crm.Lead) string { return l.Mobile }},
			{header: "Street", value: func(l *crm.Lead) string { return l.Street }},
			{header: "City", value: func(l *crm.Lead) string { return l.City }},
			{header: "PostalCode", value: func(l *crm.Lead) string { return l.PostalCode }},
			{header: "Country", value: func(l *crm.Lead) string { return countryName(l.Country) }},
			{header: "LeadSource", value: func(l *crm.Lead) string { return l.Source }},
			{header: "Status", value: func(l *crm.Lead) string { return sfLeadStatus[l.Status] }},
			{header: "Rating", value: func(l *crm.Lead) string { return ratings[l.Grade] }},
			{header: "Description", value: leadNotes},
			{header: "LeadpipeId__c", value: func(l *crm.Lead) string { return l.ID.String() }},
		},
		accounts: []exportColumn[*crm.Account]{
			{header: "Name", value: func(a *crm.Account) string { return notProvided(a.Name) }},
			{header: "Site", value: func(a *crm.Account) string { return a.City }},
			{header: "Type", value: func(a *crm.Account) string { return pick(a.Customer, "Customer - Direct", "Prospect") }},
			{header: "Phone", value: func(a *crm.Account) string { return a.Phone }},
			{header: "Website", value: func(a *crm.Account) string { return a.Domain }},
			{header: "BillingStreet", value: func(a *crm.Account) string { return a.Street }},
			{header: "BillingCity", value: func(a *crm.Account) string { return a.City }},
			{header: "BillingPostalCode", value: func(a *crm.Account) string { return a.PostalCode }},
			{header: "BillingCountry", value: func(a *crm.Account) string { return countryName(a.Country) }},
			{header: "VAT_ID__c", value: func(a *crm.Account) string { return a.TaxID }},
			{header: "Verified__c", value: func(a *crm.Account) string { return pick(a.Verified, "true", "false") }},
			{header: "LeadpipeId__c", value: func(a *crm.Account) string { return a.ID.String() }},
		},
		contacts: []exportColumn[contactRow]{
			{header: "Account.LeadpipeId__c", value: func(c contactRow) string { return accountID(c.AccountID) }},
			{header: "FirstName", value: func(c contactRow) string { return c.FirstName }},
			{header: "LastName", value: func(c contactRow) string { return notProvided(c.LastName) }},
			{header: "Salutation", value: func(c contactRow) string { return sfSalutation(c.Salutation, c.AcademicTitle) }},
			{header: "Title", value: func(c contactRow) string { return c.Title }},
			{header: "Email", value: func(c contactRow) string { return c.Email }},
			{header: "Phone", value: func(c contactRow) string { return phoneWithExt(c.Phone, c.PhoneExt) }},
			{header: "MobilePhone", value: func(c contactRow) string { return c.Mobile }},
			{header: "MailingStreet", value: func(c contactRow) string { return c.Street }},
			{header: "MailingCity", value: func(c contactRow) string { return c.City }},
			{header: "MailingPostalCode", value: func(c contactRow) string { return c.PostalCode }},
			{header: "MailingCountry", value: func(c contactRow) string { return countryName(c.Country) }},
			{header: "LeadSource", value: func(c contactRow) string { return c.Source }},
			{header: "LeadpipeId__c", value: func(c contactRow) string { return c.ID.String() }},
		},
		opportunities: []exportColumn[opportunityRow]{
			{header: "Name", value: func(o opportunityRow) string { return notProvided(o.Name) }},
			{header: "StageName", value: func(o opportunityRow) string { return opportunityStage(o.Opportunity).salesforce }},
			{header: "CloseDate", value: func(o opportunityRow) string { return o.CloseDate }},
			{header: "Amount", value: func(o opportunityRow) string { return o.Amount }, number: true},
			{header: "CurrencyIsoCode", value: func(o opportunityRow) string { return o.Currency }},
			{header: "LeadSource", value: func(o opportunityRow) string { return o.Source }},
			{header: "Account.LeadpipeId__c", value: func(o opportunityRow) string { return accountID(o.AccountID) }},
			{header: "Pending_Verification__c", value: func(o opportunityRow) string { return pick(o.PendingVerification, "true", "false") }},
			{header: "LeadpipeId__c", value: func(o opportunityRow) string { return o.ID.String() }},
		},
	},
	"hubspot": {
		sheets: map[string]string{"leads": "Contacts", "accounts": "Companies", "contacts": "Contacts", "opportunities": "Deals"},
		leads: []exportColumn[*crm.Lead]{
			{header: "email", value: func(l *crm.Lead) string { return l.Email }},
			{header: "firstname", value: func(l *crm.Lead) string { return l.FirstName }},
			{header: "lastname", value: func(l *crm.Lead) string { return l.LastName }},
			{header: "salutation", value: func(l *crm.Lead) string { return joinNonEmpty(" ", l.Salutation, l.AcademicTitle) }},
			{header: "jobtitle", value: func(l *crm.Lead) string { return l.Title }},
			{header: "phone", value: func(l *crm.Lead) string { return phoneWithExt(l.Phone, l.PhoneExt) }},
			{header: "mobilephone", value: func(l *crm.Lead) string { return l.Mobile }},
			{header: "company", value: func(l *crm.Lead) string { return l.Company }},
			{header: "address", value: func(l *crm.Lead) string { return l.Street }},
			{header: "city", value: func(l *crm.Lead) string { return l.City }},
			{header: "zip", value: func(l *crm.Lead) string { return l.PostalCode }},
			{header: "country", value: func(l *crm.Lead) string { return countryName(l.Country) }},
			{header: "lifecyclestage", value: func(l *crm.Lead) string { return hsLifecycle[l.Stage] }},
			{header: "hs_lead_status", value: func(l *crm.Lead) string { return hsLeadStatus[l.Status] }},
			{header: "domain", value: companyDomain},
			{header: "leadpipe_id", value: func(l *crm.Lead) string { return l.ID.String() }},
		},
		contacts: []exportColumn[contactRow]{
			{header: "email", value: func(c contactRow) string { return c.Email }},
			{header: "firstname", value: func(c contactRow) string { return c.FirstName }},
			{header: "lastname", value: func(c contactRow) string { return c.LastName }},
			{header: "salutation", value: func(c contactRow) string { return joinNonEmpty(" ", c.Salutation, c.AcademicTitle) }},
			{header: "jobtitle", value: func(c contactRow) string { return c.Title }},
			{header: "phone", value: func(c contactRow) string { return phoneWithExt(c.Phone, c.PhoneExt) }},
			{header: "mobilephone", value: func(c contactRow) string { return c.Mobile }},
			{header: "company", value: func(c contactRow) string { return c.Account.Name }},
			{header: "address", value: func(c contactRow) string { return c.Street }},
			{header: "city", value: func(c contactRow) string { return c.City }},
			{header: "zip", value: func(c contactRow) string { return c.PostalCode }},
			{header: "country", value: func(c contactRow) string { return countryName(c.Country) }},
			{header: "lifecyclestage", value: func(c contactRow) string { return pick(c.Account.Customer, "customer", "salesqualifiedlead") }},
			{header: "hs_lead_status", value: func(contactRow) string { return "" }},
			{header: "domain", value: func(c contactRow) string { return c.Account.Domain }},
			{header: "leadpipe_id", value: func(c contactRow) string { return c.ID.String() }},
		},
		accounts: []exportColumn[*crm.Account]{
			{header: "name", value: func(a *crm.Account) string { return notProvided(a.Name) }},
			{header: "domain", value: func(a *crm.Account) string { return a.Domain }},
			{header: "phone", value: func(a *crm.Account) string { return a.Phone }},
			{header: "address", value: func(a *crm.Account) string { return a.Street }},
			{header: "city", value: func(a *crm.Account) string { return a.City }},
			{header: "zip", value: func(a *crm.Account) string { return a.PostalCode }},
			{header: "country", value: func(a *crm.Account) string { return countryName(a.Country) }},
			{header: "lifecyclestage", value: func(a *crm.Account) string { return pick(a.Customer, "customer", "") }},
			{header: "vat_id", value: func(a *crm.Account) string { return a.TaxID }},
			{header: "verified", value: func(a *crm.Account) string { return pick(a.Verified, "true", "false") }},
			{header: "leadpipe_id", value: func(a *crm.Account) string { return a.ID.String() }},
		},
		opportunities: []exportColumn[opportunityRow]{
			{header: "dealname", value: func(o opportunityRow) string { return notProvided(o.Name) }},
			{header: "pipeline", value: func(opportunityRow) string { return "default" }},
			{header: "dealstage", value: func(o opportunityRow) string { return opportunityStage(o.Opportunity).hubspot }},
			{header: "amount", value: func(o opportunityRow) string { return o.Amount }, number: true},
			{header: "deal_currency_code", value: func(o opportunityRow) string { return o.Currency }},
			{header: "closedate", value: func(o opportunityRow) string { return o.CloseDate }},
			{header: "domain", value: func(o opportunityRow) string { return o.Account.Domain }},
			{header: "pending_verification", value: func(o opportunityRow) string { return pick(o.PendingVerification, "true", "false") }},
			{header: "leadpipe_id", value: func(o opportunityRow) string { return o.ID.String() }},
		},
	},
	"dynamics": {
		sheets: map[string]string{"leads": "Lead", "accounts": "Account", "contacts": "Contact", "opportunities": "Opportunity"},
		leads: []exportColumn[*crm.Lead]{
			{header: "Topic", value: func(l *crm.Lead) string {
				return notProvided(firstNonEmpty(l.Company, joinNonEmpty(" ", l.FirstName, l.LastName), l.Email))
			}},
			{header: "Salutation", value: func(l *crm.Lead) string { return joinNonEmpty(" ", l.Salutation, l.AcademicTitle) }},
			{header: "First Name", value: func(l *crm.Lead) string { return l.FirstName }},
			{header: "Last Name", value: func(l *crm.Lead) string { return notProvided(l.LastName) }},
			{header: "Company Name", value: func(l *crm.Lead) string { return l.Company }},
			{header: "Job Title", value: func(l *crm.Lead) string { return l.Title }},
			{header: "Email", value: func(l *crm.Lead) string { return l.Email }},
			{header: "Business Phone", value: func(l *crm.Lead) string { return phoneWithExt(l.Phone, l.PhoneExt) }},
			{header: "Mobile Phone", value: func(l *crm.Lead) string { return l.Mobile }},
			{header: "Street 1", value: func(l *crm.Lead) string { return l.Street }},
			{header: "City", value: func(l *crm.Lead) string { return l.City }},
			{header: "ZIP/Postal Code", value: func(l *crm.Lead) string { return l.PostalCode }},
			{header: "Country/Region", value: func(l *crm.Lead) string { return countryName(l.Country) }},
			{header: "Lead Source", value: func(l *crm.Lead) string { return dynLeadSource(l.Source) }},
			{header: "Rating", value: func(l *crm.Lead) string { return ratings[l.Grade] }},
			{header: "Description", value: leadNotes},
		},
		accounts: []exportColumn[*crm.Account]{
			{header: "Account Name", value: func(a *crm.Account) string { return notProvided(a.Name) }},
			{header: "Account Number", value: func(a *crm.Account) string { return a.ID.String() }},
			{header: "Relationship Type", value: func(a *crm.Account) string { return pick(a.Customer, "Customer", "Prospect") }},
			{header: "Main Phone", value: func(a *crm.Account) string { return a.Phone }},
			{header: "Website", value: func(a *crm.Account) string { return a.Domain }},
			{header: "Street 1", value: func(a *crm.Account) string { return a.Street }},
			{header: "City", value: func(a *crm.Account) string { return a.City }},
			{header: "ZIP/Postal Code", value: func(a *crm.Account) string { return a.PostalCode }},
			{header: "Country/Region", value: func(a *crm.Account) string { return countryName(a.Country) }},
			{header: "Description", value: func(a *crm.Account) string {
				return notes("VAT ID", a.TaxID, "Verification", pick(a.Verified, "verified", "to verify"))
			}},
		},
		contacts: []exportColumn[contactRow]{
			{header: "First Name", value: func(c contactRow) string { return c.FirstName }},
			{header: "Last Name", value: func(c contactRow) string { return notProvided(c.LastName) }},
			{header: "Salutation", value: func(c contactRow) string { return joinNonEmpty(" ", c.Salutation, c.AcademicTitle) }},
			{header: "Job Title", value: func(c contactRow) string { return c.Title }},
			{header: "Email", value: func(c contactRow) string { return c.Email }},
			{header: "Business Phone", value: func(c contactRow) string { return phoneWithExt(c.Phone, c.PhoneExt) }},
			{header: "Mobile Phone", value: func(c contactRow) string { return c.Mobile }},
			{header: "Company Name", value: func(c contactRow) string { return c.Account.Name }},
			{header: "Street 1", value: func(c contactRow) string { return c.Street }},
			{header: "City", value: func(c contactRow) string { return c.City }},
			{header: "ZIP/Postal Code", value: func(c contactRow) string { return c.PostalCode }},
			{header: "Country/Region", value: func(c contactRow) string { return countryName(c.Country) }},
			{header: "Description", value: func(c contactRow) string {
				return notes("leadpipe", c.ID.String(), "Source", c.Source)
			}},
		},
		opportunities: []exportColumn[opportunityRow]{
			{header: "Topic", value: func(o opportunityRow) string { return notProvided(o.Name) }},
			{header: "Potential Customer", value: func(o opportunityRow) string { return o.Account.Name }},
			{header: "Est. Close Date", value: func(o opportunityRow) string { return o.CloseDate }},
			{header: "Est. Revenue", value: func(o opportunityRow) string { return o.Amount }, number: true},
			{header: "Currency", value: func(o opportunityRow) string { return o.Currency }},
			{header: "Description", value: func(o opportunityRow) string {
				return notes("leadpipe", o.ID.String(), "Stage", o.Stage, "Won", pick(o.Won, "yes", ""),
					"Currency", o.Currency, "Source", o.Source, "Verification", pick(o.PendingVerification, "pending: the account is not verified", ""))
			}},
		},
	},
}

// sfLeadStatus maps a status to Salesforce's default Lead Status values.
var sfLeadStatus = map[crm.Status]string{
	crm.StatusNew:          "Open - Not Contacted",
	crm.StatusWorking:      "Working - Contacted",
	crm.StatusNurturing:    "Working - Contacted",
	crm.StatusQualified:    "Working - Contacted",
	crm.StatusDisqualified: "Closed - Not Converted",
	crm.StatusConverted:    "Closed - Converted",
}

// hsLeadStatus maps a status to HubSpot's default hs_lead_status values.
var hsLeadStatus = map[crm.Status]string{
	crm.StatusNew:          "NEW",
	crm.StatusWorking:      "IN_PROGRESS",
	crm.StatusNurturing:    "BAD_TIMING",
	crm.StatusQualified:    "CONNECTED",
	crm.StatusDisqualified: "UNQUALIFIED",
	crm.StatusConverted:    "OPEN_DEAL",
}

// hsLifecycle maps a stage to HubSpot's lifecyclestage values.
var hsLifecycle = map[crm.Stage]string{
	crm.StageLead:        "lead",
	crm.StageMQL:         "marketingqualifiedlead",
	crm.StageSQL:         "salesqualifiedlead",
	crm.StageOpportunity: "opportunity",
	crm.StageCustomer:    "customer",
}

// ratings maps a grade to the Rating picklist of Salesforce and Dynamics.
var ratings = map[crm.Grade]string{crm.GradeHot: "Hot", crm.GradeWarm: "Warm", crm.GradeCold: "Cold"}

// sfSalutations maps leadpipe's canonical salutations (see
// normalize.Salutation) to Salesforce's default Salutation picklist.
var sfSalutations = map[string]string{
	"Herr": "Mr.", "Mr": "Mr.", "Pan": "Mr.", "Monsieur": "Mr.", "Signor": "Mr.", "Señor": "Mr.",
	"Frau": "Ms.", "Ms": "Ms.", "Miss": "Ms.", "Pani": "Ms.", "Madame": "Ms.", "Mademoiselle": "Ms.",
	"Signora": "Ms.", "Señora": "Ms.", "Mevrouw": "Ms.",
	"Mrs": "Mrs.", "Mx": "Mx.",
}

func sfSalutation(salutation, academicTitle string) string {
	if s, ok := sfSalutations[salutation]; ok {
		return s
	}
	t := strings.ToLower(academicTitle)
	switch {
	case strings.HasPrefix(t, "prof"):
		return "Prof."
	case strings.HasPrefix(t, "dr"):
		return "Dr."
	}
	return ""
}

// stageNames is an opportunity stage in both CRMs' default pipelines.
type stageNames struct{ salesforce, hubspot string }

// opportunityStages are Salesforce's default opportunity stages, in order,
// with the nearest stage of HubSpot's default deal pipeline. A stored stage
// matches either name, case and punctuation ignored.
var opportunityStages = []stageNames{
	{"Prospecting", "appointmentscheduled"},
	{"Qualification", "qualifiedtobuy"},
	{"Needs Analysis", "qualifiedtobuy"},
	{"Value Proposition", "presentationscheduled"},
	{"Id. Decision Makers", "decisionmakerboughtin"},
	{"Perception Analysis", "decisionmakerboughtin"},
	{"Proposal/Price Quote", "contractsent"},
	{"Negotiation/Review", "contractsent"},
	{"Closed Won", "closedwon"},
	{"Closed Lost", "closedlost"},
}

// stageAliases are further stored stages that name a default stage.
var stageAliases = map[string]int{"": 0, "open": 0, "new": 0, "won": 8, "lost": 9}

func opportunityStage(o *crm.Opportunity) stageNames {
	if o.Won {
		return opportunityStages[8]
	}
	k := stageKey(o.Stage)
	if i, ok := stageAliases[k]; ok {
		return opportunityStages[i]
	}
	for _, s := range opportunityStages {
		if k == stageKey(s.salesforce) || k == s.hubspot {
			return s
		}
	}
	return stageNames{o.Stage, o.Stage} // a stage of the user's own pipeline
}

// stageKey folds a stage name to lower-case letters and digits.
func stageKey(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.ToLower(r)
		}
		return -1
	}, s)
}

// dynLeadSources map words of a stored source to the labels of Dynamics'
// default Lead Source option set, first match wins; see dynLeadSource.
var dynLeadSources = []struct {
	label string
	words []string
}{
	{"Trade Show", []string{"messe", "fair", "tradeshow", "trade show", "expo", "exhibition", "targi", "booth", "stand", "badge", "scanner"}},
	{"Seminar", []string{"webinar", "seminar", "workshop", "conference", "konferenz", "konferencja", "event", "veranstaltung"}},
	{"Web", []string{"web", "website", "webseite", "homepage", "webform", "form", "formular", "kontaktformular", "landingpage", "landing", "online", "internet", "www",
		"organic search", "organic", "seo", "strona", "wyszukiwarka"}},
	{"Partner", []string{"partner", "reseller", "händler"}},
	{"Employee Referral", []string{"employee", "mitarbeiter", "pracownik"}},
	{"External Referral", []string{"referral", "referrals", "empfehlung", "empfehlungen", "polecenie", "rekomendacja"}},
	{"Advertisement", []string{"ad", "ads", "advert", "advertisement", "anzeige", "werbung", "reklama", "ogłoszenie",
		"paid", "paid social", "paid search", "ppc", "sea", "adwords", "kampagne", "campaign", "kampania"}},
	{"Public Relations", []string{"pr", "press", "presse", "prasa"}},
	{"Word of Mouth", []string{"word of mouth", "mundpropaganda"}},
}

// dynLeadSource picks the Lead Source label for a stored source by its
// words ("Messe München 2026" → Trade Show); a source no word matches is
// Other, and no source stays empty.
func dynLeadSource(source string) string {
	s := strings.ToLower(source)
	if strings.TrimSpace(s) == "" {
		return ""
	}
	words := strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	joined := " " + strings.Join(words, " ") + " "
	for _, ls := range dynLeadSources {
		for _, w := range ls.words {
			if strings.Contains(joined, " "+w+" ") {
				return ls.label
			}
		}
	}
	return "Other"
}

// leadNotes is a lead's Description: what has no column of its own.
func leadNotes(l *crm.Lead) string {
	score := ""
	if l.Grade != "" {
		score = scoreColumn(l) + " (" + string(l.Grade) + ")"
	}
	return notes("leadpipe", l.ID.String(), "Academic title", l.AcademicTitle, "Tax ID", l.TaxID,
		"Budget", joinNonEmpty(" ", l.Budget, l.Currency), "Score", score,
		"Status", string(l.Status), "Stage", string(l.Stage), "Source", l.Source)
}

// notes joins "name: value" pairs with "; ", leaving out empty values; the
// pair named leadpipe is written "leadpipe L0000001".
func notes(pairs ...string) string {
	var b strings.Builder
	for i := 0; i+1 < len(pairs); i += 2 {
		name, v := pairs[i], pairs[i+1]
		if v == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteString("; ")
		}
		b.WriteString(name)
		if name == "leadpipe" {
			b.WriteString(" ")
		} else {
			b.WriteString(": ")
		}
		b.WriteString(v)
	}
	return b.String()
}

// companyDomain is a lead's company domain: its e-mail domain, unless
// that is a freemail one (which names no company).
func companyDomain(l *crm.Lead) string {
	if l.EmailFreemail {
		return ""
	}
	_, domain, ok := strings.Cut(l.Email, "@")
	if !ok {
		return ""
	}
	return domain
}

func pick(cond bool, yes, no string) string {
	if cond {
		return yes
	}
	return no
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

func joinNonEmpty(sep string, s ...string) string {
	var parts []string
	for _, v := range s {
		if v != "" {
			parts = append(parts, v)
		}
	}
	return strings.Join(parts, sep)
}

// countryName is the English name of an ISO 3166-1 alpha-2 code; an
// unknown code is written as it is.
func countryName(code string) string {
	if name, ok := countryNames[code]; ok {
		return name
	}
	return code
}

// countryNames holds the English names of normalize's country table (its
// third column), which normalize.Country reads back to the same code.
// TestCountryNamesReadBack keeps the two in step; once normalize exports
// its names, this copy goes.
var countryNames = func() map[string]string {
	m := make(map[string]string, 250)
	for line := range strings.Lines(countryNameTable) {
		code, name, ok := strings.Cut(strings.TrimSpace(line), "|")
		if ok {
			m[code] = name
		}
	}
	return m
}()

const countryNameTable = `
AD|Andorra
AE|United Arab Emirates
AF|Afghanistan
AG|Antigua and Barbuda
AI|Anguilla
AL|Albania
AM|Armenia
AO|Angola
AQ|Antarctica
AR|Argentina
AS|American Samoa
AT|Austria
AU|Australia
AW|Aruba
AX|Åland Islands
AZ|Azerbaijan
BA|Bosnia and Herzegovina
BB|Barbados
BD|Bangladesh
BE|Belgium
BF|Burkina Faso
BG|Bulgaria
BH|Bahrain
BI|Burundi
BJ|Benin
BL|Saint Barthélemy
BM|Bermuda
BN|Brunei
BO|Bolivia
BQ|Bonaire, Sint Eustatius and Saba
BR|Brazil
BS|Bahamas
BT|Bhutan
BV|Bouvet Island
BW|Botswana
BY|Belarus
BZ|Belize
CA|Canada
CC|Cocos (Keeling) Islands
CD|Democratic Republic of the Congo
CF|Central African Republic
CG|Republic of the Congo
CH|Switzerland
CI|Côte d'Ivoire
CK|Cook Islands
CL|Chile
CM|Cameroon
CN|China
CO|Colombia
CR|Costa Rica
CU|Cuba
CV|Cabo Verde
CW|Curaçao
CX|Christmas Island
CY|Cyprus
CZ|Czechia
DE|Germany
DJ|Djibouti
DK|Denmark
DM|Dominica
DO|Dominican Republic
DZ|Algeria
EC|Ecuador
EE|Estonia
EG|Egypt
EH|Western Sahara
ER|Eritrea
ES|Spain
ET|Ethiopia
FI|Finland
FJ|Fiji
FK|Falkland Islands
FM|Micronesia
FO|Faroe Islands
FR|France
GA|Gabon
GB|United Kingdom
GD|Grenada
GE|Georgia
GF|French Guiana
GG|Guernsey
GH|Ghana
GI|Gibraltar
GL|Greenland
GM|Gambia
GN|Guinea
GP|Guadeloupe
GQ|Equatorial Guinea
GR|Greece
GS|South Georgia and the South Sandwich Islands
GT|Guatemala
GU|Guam
GW|Guinea-Bissau
GY|Guyana
HK|Hong Kong
HM|Heard Island and McDonald Islands
HN|Honduras
HR|Croatia
HT|Haiti
HU|Hungary
ID|Indonesia
IE|Ireland
IL|Israel
IM|Isle of Man
IN|India
IO|British Indian Ocean Territory
IQ|Iraq
IR|Iran
IS|Iceland
IT|Italy
JE|Jersey
JM|Jamaica
JO|Jordan
JP|Japan
KE|Kenya
KG|Kyrgyzstan
KH|Cambodia
KI|Kiribati
KM|Comoros
KN|Saint Kitts and Nevis
KP|North Korea
KR|South Korea
KW|Kuwait
KY|Cayman Islands
KZ|Kazakhstan
LA|Laos
LB|Lebanon
LC|Saint Lucia
LI|Liechtenstein
LK|Sri Lanka
LR|Liberia
LS|Lesotho
LT|Lithuania
LU|Luxembourg
LV|Latvia
LY|Libya
MA|Morocco
MC|Monaco
MD|Moldova
ME|Montenegro
MF|Saint Martin
MG|Madagascar
MH|Marshall Islands
MK|North Macedonia
ML|Mali
MM|Myanmar
MN|Mongolia
MO|Macao
MP|Northern Mariana Islands
MQ|Martinique
MR|Mauritania
MS|Montserrat
MT|Malta
MU|Mauritius
MV|Maldives
MW|Malawi
MX|Mexico
MY|Malaysia
MZ|Mozambique
NA|Namibia
NC|New Caledonia
NE|Niger
NF|Norfolk Island
NG|Nigeria
NI|Nicaragua
NL|Netherlands
NO|Norway
NP|Nepal
NR|Nauru
NU|Niue
NZ|New Zealand
OM|Oman
PA|Panama
PE|Peru
PF|French Polynesia
PG|Papua New Guinea
PH|Philippines
PK|Pakistan
PL|Poland
PM|Saint Pierre and Miquelon
PN|Pitcairn
PR|Puerto Rico
PS|Palestine
PT|Portugal
PW|Palau
PY|Paraguay
QA|Qatar
RE|Réunion
RO|Romania
RS|Serbia
RU|Russia
RW|Rwanda
SA|Saudi Arabia
SB|Solomon Islands
SC|Seychelles
SD|Sudan
SE|Sweden
SG|Singapore
SH|Saint Helena, Ascension and Tristan da Cunha
SI|Slovenia
SJ|Svalbard and Jan Mayen
SK|Slovakia
SL|Sierra Leone
SM|San Marino
SN|Senegal
SO|Somalia
SR|Suriname
SS|South Sudan
ST|Sao Tome and Principe
SV|El Salvador
SX|Sint Maarten
SY|Syria
SZ|Eswatini
TC|Turks and Caicos Islands
TD|Chad
TF|French Southern Territories
TG|Togo
TH|Thailand
TJ|Tajikistan
TK|Tokelau
TL|Timor-Leste
TM|Turkmenistan
TN|Tunisia
TO|Tonga
TR|Türkiye
TT|Trinidad and Tobago
TV|Tuvalu
TW|Taiwan
TZ|Tanzania
UA|Ukraine
UG|Uganda
UM|United States Minor Outlying Islands
US|United States
UY|Uruguay
UZ|Uzbekistan
VA|Holy See
VC|Saint Vincent and the Grenadines
VE|Venezuela
VG|British Virgin Islands
VI|United States Virgin Islands
VN|Vietnam
VU|Vanuatu
WF|Wallis and Futuna
WS|Samoa
XK|Kosovo
YE|Yemen
YT|Mayotte
ZA|South Africa
ZM|Zambia
ZW|Zimbabwe
`
