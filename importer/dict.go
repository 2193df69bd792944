package importer

import (
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/leadpipe/leadpipe/crm"
)

// Mapping targets beyond the core data fields. A column maps to exactly one
// target: a core data field (crm.DataFields), crm.FieldCreatedAt, one of the
// roles below, or FieldCustom.
const (
	// FieldFullName is a single name column ("Name", "Imię i nazwisko",
	// "Name, Vorname") that is split into salutation, academic title, first
	// and last name when the row has no separate first or last name.
	FieldFullName = "full_name"
	// FieldStreet2 and FieldStreet3 are further street lines, appended to
	// the street of the same address group with ", ".
	FieldStreet2 = "street2"
	FieldStreet3 = "street3"
	// FieldHouseNumber is appended to the street of the same address group
	// with a space.
	FieldHouseNumber = "house_number"
	// FieldCustom keeps the column as a custom field under its header.
	FieldCustom = "custom"
	// FieldIgnore marks leadpipe's own annotation columns of a rejects
	// file (leadpipe_file, leadpipe_row, leadpipe_reason), and the derived
	// and bookkeeping columns of its own lead export (score, grade,
	// legal_form, email_freemail, email_role; id, status, stage,
	// updated_at): when such a file is imported again they are not data
	// (an import derives the derived ones again, and the importing store
	// keeps its own bookkeeping) and are dropped.
	// It is the only target that drops a value, so it is not offered to
	// mapping files.
	FieldIgnore = "ignore"
)

// target is the internal form of a mapping target. The first values follow
// crm.DataFields, so a target below tFullName indexes that list.
type target uint8

const (
	tSalutation target = iota
	tAcademicTitle
	tFirstName
	tLastName
	tCompany
	tTitle
	tEmail
	tPhone
	tMobile
	tStreet
	tPostalCode
	tCity
	tCountry
	tTaxID
	tSource
	tBudget
	tFullName
	tCreatedAt
	tStreet2
	tStreet3
	tHouseNumber
	tPhoneExt
	tCurrency
	tCustom
	tIgnore
	numTargets
)

var targetNames = [numTargets]string{
	crm.FieldSalutation, crm.FieldAcademicTitle, crm.FieldFirstName, crm.FieldLastName,
	crm.FieldCompany, crm.FieldTitle, crm.FieldEmail, crm.FieldPhone, crm.FieldMobile,
	crm.FieldStreet, crm.FieldPostalCode, crm.FieldCity, crm.FieldCountry, crm.FieldTaxID,
	crm.FieldSource, crm.FieldBudget,
	FieldFullName, crm.FieldCreatedAt, FieldStreet2, FieldStreet3, FieldHouseNumber,
	crm.FieldPhoneExt, crm.FieldCurrency, FieldCustom,
	FieldIgnore,
}

func (t target) String() string {
	if t < numTargets {
		return targetNames[t]
	}
	return "target(" + strconv.Itoa(int(t)) + ")"
}

// targetByName maps a target name to its internal form.
func targetByName(name string) (target, bool) {
	for i, n := range targetNames {
		if n == name {
			return target(i), true
		}
	}
	return 0, false
}

// Targets lists every name a mapping file can map a column to, in the order
// of crm.DataFields followed by the roles (FieldIgnore is not among them).
func Targets() []string {
	return append([]string(nil), targetNames[:tIgnore]...)
}

// Address groups. A file may carry several addresses per person (Outlook:
// business, home, other); a row takes all its address parts from the first
// group, by rank, that has any non-empty address cell. Columns of no group
// (plain "Straße", "PLZ", "Ort") fill whatever the chosen group lacks.
func groupRank(group string) int {
	switch group {
	case "":
		return 0
	case "business", "work", "billing", "mailing":
		return 1
	case "home", "shipping":
		return 2
	case "other":
		return 3
	}
	if n, ok := strings.CutPrefix(group, "address "); ok {
		if i, err := strconv.Atoi(n); err == nil && i > 0 {
			return i
		}
	}
	return 9
}

// dictEntry maps one header text to a target.
type dictEntry struct {
	header string
	target target
	prio   int    // lower is preferred among columns of the same target and group
	group  string // address group, "" for none
}

// dictTable is the header vocabulary of one export family or language.
type dictTable struct {
	name    string
	entries []dictEntry
	// Indexes by header key, built once: exact folded key, key with
	// accents stripped, and key with accents stripped after German umlaut
	// expansion (ä -> ae), so "Strasse", "Imie" and "Telefon geschaeftlich"
	// find "Straße", "Imię" and "Telefon geschäftlich".
	exact, strip, stripAE map[string]*dictEntry
}

// The dictionaries. Order matters twice: a file's header is scored against
// every table and the best one is tried first (ties go to the earlier
// table); headers it does not know are then looked up in the other tables
// in this order, so the plain-word tables come before the vendor tables and
// give ambiguous words ("Title", "Ort", "Name") their everyday meaning.
var dictTables = buildDict(dictSource())

// dictSource returns the tables; the helpers are local so that their short
// names stay out of the package namespace.
func dictSource() []*dictTable {
	e := func(h string, t target) dictEntry { return dictEntry{header: h, target: t} }
	alt := func(h string, t target, prio int) dictEntry { return dictEntry{header: h, target: t, prio: prio} }
	ad := func(group, h string, t target) dictEntry { return dictEntry{header: h, target: t, group: group} }
	custom := func(headers ...string) []dictEntry {
		out := make([]dictEntry, len(headers))
		for i, h := range headers {
			out[i] = e(h, tCustom)
		}
		return out
	}
	cat := func(parts ...[]dictEntry) []dictEntry {
		var out []dictEntry
		for _, p := range parts {
			out = append(out, p...)
		}
		return out
	}
	// numbered expands a pattern with "%d" for n = 1..max: the n-th column
	// gets priority n-1, or address group "address n" when group is set.
	numbered := func(pattern string, t target, max int, group bool) []dictEntry {
		out := make([]dictEntry, 0, max)
		for n := 1; n <= max; n++ {
			d := dictEntry{header: strings.Replace(pattern, "%d", strconv.Itoa(n), 1), target: t, prio: n - 1}
			if group {
				d.group = "address " + strconv.Itoa(n)
				d.prio = 0
			}
			out = append(out, d)
		}
		return out
	}
	return []*dictTable{
		{name: "leadpipe", entries: cat(
			// leadpipe's own export header and the benchmark generator's
			// (lead_id,first_name,last_name,company,job_title,email,phone,
			// street,zip,city,country,source,budget,created_at,notes).
			[]dictEntry{
				e("salutation", tSalutation), e("academic_title", tAcademicTitle),
				e("first_name", tFirstName), e("last_name", tLastName), e("company", tCompany),
				e("title", tTitle), e("job_title", tTitle), e("email", tEmail),
				e("phone", tPhone), e("mobile", tMobile), e("street", tStreet),
				e("postal_code", tPostalCode), e("zip", tPostalCode), e("city", tCity),
				e("country", tCountry), e("tax_id", tTaxID), e("source", tSource),
				e("budget", tBudget), e("created_at", tCreatedAt), e("full_name", tFullName),
				e("street2", tStreet2), e("street3", tStreet3), e("house_number", tHouseNumber),
				e("phone_ext", tPhoneExt), e("currency", tCurrency),
			},
			custom("id", "lead_id", "notes", "status", "stage", "updated_at"),
			// The annotation columns of a rejects file (package report).
			[]dictEntry{e(annotationFile, tIgnore), e(annotationRow, tIgnore), e(annotationReason, tIgnore)},
		)},
		{name: "common (en)", entries: cat(
			[]dictEntry{
				e("Salutation", tSalutation), e("Prefix", tSalutation), e("Name Prefix", tSalutation),
				e("Honorific", tSalutation), e("Mr/Mrs", tSalutation),
				e("Academic Title", tAcademicTitle), e("Academic Degree", tAcademicTitle),
				e("First Name", tFirstName), e("Firstname", tFirstName), e("Given Name", tFirstName),
				e("Forename", tFirstName),
				e("Last Name", tLastName), e("Lastname", tLastName), e("Surname", tLastName),
				e("Family Name", tLastName),
				e("Name", tFullName), e("Full Name", tFullName), e("Fullname", tFullName),
				e("Contact Name", tFullName), e("Contact Person", tFullName),
				e("Display Name", tFullName),
				e("Company", tCompany), e("Company Name", tCompany), e("Organization", tCompany),
				e("Organisation", tCompany), e("Organization Name", tCompany), e("Account Name", tCompany),
				e("Employer", tCompany), e("Firm", tCompany),
				e("Title", tTitle), e("Job Title", tTitle), e("Jobtitle", tTitle), e("Position", tTitle),
				e("Job", tTitle), e("Job Position", tTitle), e("Role", tTitle), e("Function", tTitle),
				e("Designation", tTitle),
				alt("Email", tEmail, 0), alt("E-mail", tEmail, 0), alt("Email Address", tEmail, 0),
				alt("E-mail Address", tEmail, 0), alt("Mail", tEmail, 0), alt("Work Email", tEmail, 0),
				alt("Business Email", tEmail, 0), alt("Primary Email", tEmail, 0),
				alt("Email 1", tEmail, 0), alt("Email 2", tEmail, 1), alt("Secondary Email", tEmail, 1),
				alt("Personal Email", tEmail, 2), alt("Private Email", tEmail, 2), alt("Other Email", tEmail, 3),
				alt("Phone", tPhone, 0), alt("Phone Number", tPhone, 0), alt("Telephone", tPhone, 0),
				alt("Telephone Number", tPhone, 0), alt("Tel", tPhone, 0), alt("Work Phone", tPhone, 0),
				alt("Business Phone", tPhone, 0), alt("Office Phone", tPhone, 0), alt("Direct Phone", tPhone, 0),
				alt("Phone 1", tPhone, 0), alt("Phone1", tPhone, 0), alt("Phone 2", tPhone, 1),
				alt("Phone2", tPhone, 1), alt("Main Phone", tPhone, 1), alt("Home Phone", tPhone, 2),
				alt("Other Phone", tPhone, 3),
				alt("Mobile", tMobile, 0), alt("Mobile Phone", tMobile, 0), alt("Mobile Number", tMobile, 0),
				alt("Cell", tMobile, 0), alt("Cell Phone", tMobile, 0), alt("Cellphone", tMobile, 0),
				e("Street", tStreet), e("Street Address", tStreet), e("Address", tStreet),
				e("Address Line 1", tStreet), e("Address 1", tStreet), e("Street 1", tStreet),
				e("Address Line 2", tStreet2), e("Address 2", tStreet2), e("Street 2", tStreet2),
				e("Address Line 3", tStreet3), e("Address 3", tStreet3), e("Street 3", tStreet3),
				e("House Number", tHouseNumber), e("House No", tHouseNumber), e("Street Number", tHouseNumber),
				e("Postal Code", tPostalCode), e("Postcode", tPostalCode), e("Post Code", tPostalCode),
				e("Postal", tPostalCode), e("Zip", tPostalCode), e("Zip Code", tPostalCode), e("Zipcode", tPostalCode),
				e("ZIP/Postal Code", tPostalCode),
				e("City", tCity), e("Town", tCity), e("Town/City", tCity), e("Locality", tCity),
				e("Country", tCountry), e("Country/Region", tCountry), e("Country Code", tCountry),
				e("Country Name", tCountry),
				e("VAT", tTaxID), e("VAT ID", tTaxID), e("VAT Number", tTaxID), e("VAT No", tTaxID),
				e("VAT Reg No", tTaxID), e("VAT Registration Number", tTaxID), e("Tax ID", tTaxID),
				e("Tax Number", tTaxID), e("TIN", tTaxID), e("EU VAT ID", tTaxID),
				e("Source", tSource), e("Lead Source", tSource), e("Origin", tSource), e("Channel", tSource),
				e("Budget", tBudget), e("Budget Amount", tBudget),
				e("Phone Extension", tPhoneExt), e("Extension", tPhoneExt),
				e("Created", tCreatedAt), e("Created At", tCreatedAt), e("Created Date", tCreatedAt),
				e("Created On", tCreatedAt), e("Date Created", tCreatedAt), e("Creation Date", tCreatedAt),
				e("Date Added", tCreatedAt), e("Create Date", tCreatedAt),
				e("Scan Date", tCreatedAt), e("Scanned At", tCreatedAt), // trade-fair scanners
			},
			custom("Notes", "Note", "Comment", "Comments", "Website", "Web", "State", "County", "Region", "Middle Name", "Fax"),
		)},
		{name: "common (de)", entries: cat(
			[]dictEntry{
				e("Anrede", tSalutation),
				e("Titel", tAcademicTitle), e("Akad. Titel", tAcademicTitle), e("Akademischer Titel", tAcademicTitle),
				e("Akad. Grad", tAcademicTitle),
				e("Vorname", tFirstName), e("Rufname", tFirstName),
				e("Nachname", tLastName), e("Familienname", tLastName), e("Zuname", tLastName),
				e("Name, Vorname", tFullName), e("Nachname, Vorname", tFullName), e("Vor- und Nachname", tFullName), e("Vollständiger Name", tFullName),
				e("Ansprechpartner", tFullName), e("Kontaktperson", tFullName),
				e("Firma", tCompany), e("Firmenname", tCompany), e("Unternehmen", tCompany),
				e("Unternehmensname", tCompany), e("Name der Firma", tCompany), e("Organisation", tCompany),
				e("Unternehmen/Organisation", tCompany), e("Firma/Institution", tCompany), e("Firma/Organisation", tCompany),
				e("Institution", tCompany),
				e("Firma 1", tCompany), e("Name1", tCompany),
				e("Position", tTitle), e("Funktion", tTitle), e("Berufsbezeichnung", tTitle),
				e("Jobtitel", tTitle), e("Stellenbezeichnung", tTitle), e("Tätigkeit", tTitle),
				alt("E-Mail", tEmail, 0), alt("E-Mail-Adresse", tEmail, 0), alt("Email-Adresse", tEmail, 0),
				alt("E-Mail Adresse", tEmail, 0), alt("E-Mail geschäftlich", tEmail, 0),
				alt("E-Mail-Adresse geschäftlich", tEmail, 0), alt("Primäre E-Mail-Adresse", tEmail, 0),
				alt("E-Mail 1", tEmail, 0), alt("E-Mail 2", tEmail, 1), alt("E-Mail privat", tEmail, 2),
				alt("E-Mail-Adresse privat", tEmail, 2), alt("Mailadresse", tEmail, 0),
				alt("Telefon", tPhone, 0), alt("Tel.", tPhone, 0), alt("Telefonnummer", tPhone, 0),
				alt("Telefon geschäftlich", tPhone, 0), alt("Tel. geschäftlich", tPhone, 0),
				alt("Festnetz", tPhone, 0), alt("Telefon Firma", tPhone, 1), alt("Durchwahl", tPhone, 1),
				alt("Telefon 2", tPhone, 2), alt("Telefon privat", tPhone, 3), alt("Tel. privat", tPhone, 3),
				alt("Mobil", tMobile, 0), alt("Handy", tMobile, 0), alt("Mobiltelefon", tMobile, 0),
				alt("Mobilnummer", tMobile, 0), alt("Handynummer", tMobile, 0), alt("Mobilfunk", tMobile, 0),
				alt("Mobil geschäftlich", tMobile, 0), alt("Mobil privat", tMobile, 1),
				alt("Mobiltelefon geschäftlich", tMobile, 0), alt("Mobiltelefon privat", tMobile, 1),
				alt("Telefon mobil", tMobile, 0), alt("Tel. mobil", tMobile, 0), alt("Telefon Handy", tMobile, 0),
				alt("Telefon Festnetz", tPhone, 0),
				e("Straße", tStreet), e("Str.", tStreet), e("Straße und Hausnummer", tStreet),
				e("Straße/Hausnr.", tStreet), e("Straße + Hausnummer", tStreet), e("Anschrift", tStreet),
				e("Adresse", tStreet), e("Adresszusatz", tStreet2), e("Zusatz", tStreet2),
				e("Hausnummer", tHouseNumber), e("Hausnr.", tHouseNumber), e("Hnr.", tHouseNumber),
				e("PLZ", tPostalCode), e("Postleitzahl", tPostalCode), e("Postleitzahl (PLZ)", tPostalCode),
				// One column for both; Build splits "80331 München".
				e("PLZ Ort", tCity), e("PLZ/Ort", tCity), e("PLZ / Ort", tCity), e("PLZ, Ort", tCity),
				e("PLZ und Ort", tCity), e("PLZ u. Ort", tCity),
				e("Ort", tCity), e("Stadt", tCity), e("Wohnort", tCity), e("Ortschaft", tCity),
				e("Land", tCountry), e("Land/Region", tCountry), e("Staat", tCountry), e("Länderkennzeichen", tCountry),
				e("USt-IdNr.", tTaxID), e("UStID", tTaxID), e("USt-ID", tTaxID), e("USt-Id-Nr.", tTaxID),
				e("Umsatzsteuer-ID", tTaxID), e("Umsatzsteuer-Identifikationsnummer", tTaxID),
				e("Umsatzsteuer-IdNr.", tTaxID), e("UID-Nummer", tTaxID), e("UID-Nr.", tTaxID),
				e("NIP/USt-IdNr.", tTaxID), e("USt-IdNr./NIP", tTaxID), // German-Polish lists
				e("Quelle", tSource), e("Lead-Quelle", tSource), e("Herkunft", tSource), e("Kanal", tSource),
				e("Budget", tBudget), e("Etat", tBudget), e("Währung", tCurrency),
				e("Erstellt am", tCreatedAt), e("Erstellt", tCreatedAt), e("Erstellungsdatum", tCreatedAt),
				e("Angelegt am", tCreatedAt), e("Anlagedatum", tCreatedAt), e("Erfasst am", tCreatedAt),
				e("Erfassungsdatum", tCreatedAt), e("Eingang", tCreatedAt), e("Eingangsdatum", tCreatedAt), e("Eingegangen am", tCreatedAt),
				// Trade-fair scanners: when the badge was scanned.
				e("Scan-Zeitpunkt", tCreatedAt), e("Scan-Datum", tCreatedAt), e("Gescannt am", tCreatedAt),
			},
			custom("Notizen", "Notiz", "Bemerkung", "Bemerkungen", "Kommentar", "Webseite", "Bundesland",
				"Abteilung", "Kundennummer", "Kundennr.", "Steuernummer", "Fax", "Geburtstag"),
			// The letter salutation ("Sehr geehrte Frau Prof. Schmidt,") is
			// no salutation: the row's "Anrede" is.
			custom("Briefanrede"),
		)},
		{name: "common (pl)", entries: cat(
			[]dictEntry{
				e("Zwrot grzecznościowy", tSalutation), e("Zwrot", tSalutation), e("Forma grzecznościowa", tSalutation),
				e("Tytuł", tAcademicTitle), e("Tytuł naukowy", tAcademicTitle),
				e("Imię", tFirstName), e("Nazwisko", tLastName),
				e("Imię i nazwisko", tFullName), e("Nazwisko i imię", tFullName), e("Osoba kontaktowa", tFullName),
				e("Firma", tCompany), e("Nazwa firmy", tCompany), e("Przedsiębiorstwo", tCompany),
				e("Nazwa przedsiębiorstwa", tCompany), e("Pracodawca", tCompany),
				e("Stanowisko", tTitle), e("Funkcja", tTitle),
				alt("Adres e-mail", tEmail, 0), alt("E-mail", tEmail, 0), alt("Adres email", tEmail, 0),
				alt("Poczta e-mail", tEmail, 0), alt("Adres e-mail 2", tEmail, 1),
				alt("Telefon", tPhone, 0), alt("Nr telefonu", tPhone, 0), alt("Numer telefonu", tPhone, 0),
				alt("Tel.", tPhone, 0), alt("Telefon służbowy", tPhone, 0), alt("Telefon stacjonarny", tPhone, 0),
				alt("Telefon domowy", tPhone, 2),
				alt("Telefon komórkowy", tMobile, 0), alt("Komórka", tMobile, 0), alt("Tel. kom.", tMobile, 0),
				alt("Telefon kom.", tMobile, 0), alt("Nr telefonu komórkowego", tMobile, 0), alt("Komórkowy", tMobile, 0),
				alt("Tel. komórkowy", tMobile, 0), alt("Telefon komórkowy służbowy", tMobile, 0),
				e("Ulica", tStreet), e("Adres", tStreet), e("Ulica i numer", tStreet),
				e("Nr domu", tHouseNumber), e("Numer domu", tHouseNumber), e("Nr budynku", tHouseNumber),
				e("Kod pocztowy", tPostalCode), e("Kod i miejscowość", tCity),
				e("Kod pocztowy i miejscowość", tCity),
				e("Miejscowość", tCity), e("Miasto", tCity), e("Poczta", tCity),
				e("Kraj", tCountry), e("Kraj/region", tCountry), e("Państwo", tCountry),
				e("NIP", tTaxID), e("NIP UE", tTaxID), e("Numer NIP", tTaxID), e("VAT UE", tTaxID),
				e("NIP/VAT", tTaxID), e("VAT/NIP", tTaxID),
				e("Źródło", tSource), e("Źródło leada", tSource), e("Pochodzenie", tSource),
				e("Budżet", tBudget), e("Waluta", tCurrency),
				e("Data utworzenia", tCreatedAt), e("Data dodania", tCreatedAt), e("Utworzono", tCreatedAt),
				e("Data wprowadzenia", tCreatedAt),
				e("Data skanu", tCreatedAt), e("Data skanowania", tCreatedAt), // trade-fair scanners
			},
			custom("Uwagi", "Notatki", "Notatka", "Województwo", "Powiat", "Gmina", "Nr lokalu", "REGON", "KRS",
				"Strona www", "Dział"),
		)},
		{name: "Outlook (en)", entries: cat(
			// crm-formats.md 4.1 (classic desktop) and 4.2 (Outlook.com); the
			// Horde sample writes "Business Country" without "/Region".
			[]dictEntry{
				e("Title", tSalutation), e("First Name", tFirstName), e("Last Name", tLastName),
				e("Company", tCompany), e("Job Title", tTitle), e("Name", tFullName),
				ad("business", "Business Street", tStreet), ad("business", "Business Street 2", tStreet2),
				ad("business", "Business Street 3", tStreet3), ad("business", "Business City", tCity),
				ad("business", "Business Postal Code", tPostalCode),
				ad("business", "Business Country/Region", tCountry), ad("business", "Business Country", tCountry),
				ad("home", "Home Street", tStreet), ad("home", "Home Street 2", tStreet2),
				ad("home", "Home Street 3", tStreet3), ad("home", "Home City", tCity),
				ad("home", "Home Postal Code", tPostalCode),
				ad("home", "Home Country/Region", tCountry), ad("home", "Home Country", tCountry),
				ad("other", "Other Street", tStreet), ad("other", "Other Street 2", tStreet2),
				ad("other", "Other Street 3", tStreet3), ad("other", "Other City", tCity),
				ad("other", "Other Postal Code", tPostalCode),
				ad("other", "Other Country/Region", tCountry), ad("other", "Other Country", tCountry),
				alt("Business Phone", tPhone, 0), alt("Company Main Phone", tPhone, 1),
				alt("Primary Phone", tPhone, 2), alt("Business Phone 2", tPhone, 3),
				alt("Home Phone", tPhone, 4), alt("Home Phone 2", tPhone, 5), alt("Other Phone", tPhone, 6),
				alt("Mobile Phone", tMobile, 0), alt("Car Phone", tMobile, 1),
				alt("E-mail Address", tEmail, 0), alt("E-mail 2 Address", tEmail, 1),
				alt("E-mail 3 Address", tEmail, 2),
			},
			custom("Middle Name", "Suffix", "Nickname", "Given Yomi", "Surname Yomi", "Department",
				"Business State", "Home State", "Other State", "Assistant's Phone", "Business Fax",
				"Callback", "Home Fax", "ISDN", "Other Fax", "Pager", "Radio Phone", "TTY/TDD Phone", "Telex",
				"IMAddress", "Office Location", "Manager's Name", "Assistant's Name", "Company Yomi",
				"Personal Web Page", "Spouse", "Schools", "Hobby", "Location", "Web Page", "Birthday",
				"Anniversary", "Notes", "Account", "Billing Information", "Business Address PO Box",
				"Categories", "Children", "Directory Server", "E-mail Type", "E-mail Display Name",
				"E-mail 2 Type", "E-mail 2 Display Name", "E-mail 3 Type", "E-mail 3 Display Name", "Gender",
				"Government ID Number", "Home Address PO Box", "Initials", "Internet Free Busy", "Keywords",
				"Language", "Mileage", "Organizational ID Number", "Other Address PO Box", "Priority", "Private",
				"Profession", "Referred By", "Sensitivity", "User 1", "User 2", "User 3", "User 4",
				"Business Web Page"),
		)},
		{name: "Outlook (de)", entries: cat(
			// crm-formats.md 4.4. "Ort" here is Outlook's "Location" (the
			// alphabetical block at the end), not the city.
			[]dictEntry{
				e("Anrede", tSalutation), e("Titel", tAcademicTitle), e("Vorname", tFirstName),
				e("Nachname", tLastName), e("Firma", tCompany), e("Position", tTitle),
				ad("business", "Straße geschäftlich", tStreet), ad("business", "Straße geschäftlich 2", tStreet2),
				ad("business", "Straße geschäftlich 3", tStreet3), ad("business", "Ort geschäftlich", tCity),
				ad("business", "Postleitzahl geschäftlich", tPostalCode), ad("business", "PLZ geschäftlich", tPostalCode),
				ad("business", "Land/Region geschäftlich", tCountry), ad("business", "Land geschäftlich", tCountry),
				ad("home", "Straße privat", tStreet), ad("home", "Straße privat 2", tStreet2),
				ad("home", "Straße privat 3", tStreet3), ad("home", "Ort privat", tCity),
				ad("home", "Postleitzahl privat", tPostalCode), ad("home", "PLZ privat", tPostalCode),
				ad("home", "Land/Region privat", tCountry), ad("home", "Land privat", tCountry),
				ad("other", "Weitere Straße", tStreet), ad("other", "Weitere Straße 2", tStreet2),
				ad("other", "Weitere Straße 3", tStreet3), ad("other", "Weiterer Ort", tCity),
				ad("other", "Weitere Postleitzahl", tPostalCode), ad("other", "Weiteres/e Land/Region", tCountry),
				alt("Telefon geschäftlich", tPhone, 0), alt("Telefon Firma", tPhone, 1),
				alt("Haupttelefon", tPhone, 2), alt("Telefon geschäftlich 2", tPhone, 3),
				alt("Telefon privat", tPhone, 4), alt("Telefon privat 2", tPhone, 5),
				alt("Weiteres Telefon", tPhone, 6),
				alt("Mobiltelefon", tMobile, 0), alt("Mobiltelefon 2", tMobile, 1), alt("Autotelefon", tMobile, 2),
				alt("E-Mail-Adresse", tEmail, 0), alt("E-Mail 2: Adresse", tEmail, 1), alt("E-Mail 3: Adresse", tEmail, 2),
			},
			custom("Ort", "Weitere Vornamen", "Suffix", "Abteilung", "Region geschäftlich",
				"Bundesland/Kanton privat", "Weiteres/r Bundesland/Kanton", "Telefon Assistent",
				"Fax geschäftlich", "Rückmeldung", "Fax privat", "ISDN", "Weiteres Fax", "Pager",
				"Telefon für Hörbehinderte", "Telex", "Abrechnungsinformation", "Benutzer 1", "Benutzer 2",
				"Benutzer 3", "Benutzer 4", "Beruf", "Büro", "E-Mail-Typ", "E-Mail: Angezeigter Name",
				"E-Mail 2: Typ", "E-Mail 2: Angezeigter Name", "E-Mail 3: Typ", "E-Mail 3: Angezeigter Name",
				"Empfohlen von", "Geburtstag", "Geschlecht", "Hobby", "Initialen", "Internet Frei/Gebucht",
				"Jahrestag", "Kategorien", "Kinder", "Konto", "Name Assistent", "Name des/r Vorgesetzten",
				"Notizen", "Organisationsnr.", "Partner", "Postfach geschäftlich", "Postfach privat",
				"Priorität", "Privat", "Regierungsnr.", "Reisekilometer", "Sprache", "Stichwörter",
				"Vertraulichkeit", "Verzeichnisserver", "Webseite", "Weiteres Postfach"),
		)},
		{name: "Outlook (pl)", entries: cat(
			// crm-formats.md 4.5, unverified against a real Polish Outlook.
			[]dictEntry{
				e("Tytuł", tSalutation), e("Imię", tFirstName), e("Nazwisko", tLastName),
				e("Firma", tCompany), e("Stanowisko", tTitle),
				ad("business", "Adres służbowy - ulica", tStreet), ad("business", "Adres służbowy - ulica 2", tStreet2),
				ad("business", "Adres służbowy - ulica 3", tStreet3),
				ad("business", "Adres służbowy - miejscowość", tCity),
				ad("business", "Adres służbowy - kod pocztowy", tPostalCode),
				ad("business", "Adres służbowy - kraj", tCountry),
				ad("home", "Adres domowy - ulica", tStreet), ad("home", "Adres domowy - ulica (2)", tStreet2),
				ad("home", "Adres domowy - ulica (3)", tStreet3), ad("home", "Adres domowy - miejscowość", tCity),
				ad("home", "Adres domowy - kod pocztowy", tPostalCode), ad("home", "Adres domowy - kraj", tCountry),
				ad("other", "Inny adres - ulica", tStreet), ad("other", "Inny adres - ulica 2", tStreet2),
				ad("other", "Inny adres - ulica 3", tStreet3), ad("other", "Inny adres - miejscowość", tCity),
				ad("other", "Inny adres - kod pocztowy", tPostalCode), ad("other", "Inny adres - kraj", tCountry),
				alt("Telefon służbowy", tPhone, 0), alt("Główny telefon do firmy", tPhone, 1),
				alt("Telefon podstawowy", tPhone, 2), alt("Telefon służbowy 2", tPhone, 3),
				alt("Telefon domowy", tPhone, 4), alt("Telefon domowy 2", tPhone, 5), alt("Inny telefon", tPhone, 6),
				alt("Telefon komórkowy", tMobile, 0), alt("Telefon w samochodzie", tMobile, 1),
				alt("Adres e-mail", tEmail, 0), alt("Adres e-mail 2", tEmail, 1), alt("Adres e-mail 3", tEmail, 2),
			},
			custom("Drugie imię", "Sufiks", "Dział", "Adres służbowy - województwo", "Adres domowy - województwo",
				"Inny adres - województwo", "Telefon asystenta", "Faks służbowy", "Wywołanie zwrotne",
				"Faks domowy", "ISDN", "Inny faks", "Pager", "Radiotelefon", "Telefon TTY/TDD", "Teleks",
				"Typ e-mail", "Wyświetlana nazwa e-mail", "Rodzaj e-mail 2", "Wyświetlana nazwa e-mail 2",
				"Rodzaj e-mail 3", "Wyświetlana nazwa e-mail 3", "Charakter", "Domowa skrzynka pocztowa",
				"Dzieci", "Hobby", "Imię i nazwisko asystenta", "Informacje rozliczeniowe", "Inicjały",
				"Inna skrzynka pocztowa", "Internetowe informacje wolny/zajęty", "Język", "Kategorie", "Konto",
				"Lokalizacja", "Lokalizacja biura", "Menedżer", "Notatki", "Numer ewidencyjny w organizacji",
				"Osoba polecająca", "PESEL", "Płeć", "Priorytet", "Prywatne", "Przebieg", "Rocznica",
				"Serwer adresowy", "Słowa kluczowe", "Służbowa skrzynka pocztowa", "Strona sieci Web",
				"Urodziny", "Użytkownik 1", "Użytkownik 2", "Użytkownik 3", "Użytkownik 4", "Współmałżonek",
				"Zawód"),
		)},
		{name: "Google Contacts", entries: cat(
			// crm-formats.md 4.3, current export; E-mail/Phone/Address groups
			// grow with the data.
			[]dictEntry{
				e("First Name", tFirstName), e("Last Name", tLastName), e("Name Prefix", tSalutation),
				e("Organization Name", tCompany), e("Organization Title", tTitle),
			},
			numbered("E-mail %d - Value", tEmail, 9, false),
			numbered("Phone %d - Value", tPhone, 9, false),
			numbered("Address %d - Street", tStreet, 5, true),
			numbered("Address %d - Extended Address", tStreet2, 5, true),
			numbered("Address %d - City", tCity, 5, true),
			numbered("Address %d - Postal Code", tPostalCode, 5, true),
			numbered("Address %d - Country", tCountry, 5, true),
			custom("Middle Name", "Phonetic First Name", "Phonetic Middle Name", "Phonetic Last Name",
				"Name Suffix", "Nickname", "File As", "Organization Department", "Birthday", "Notes", "Photo",
				"Labels", "E-mail 1 - Label", "E-mail 2 - Label", "Phone 1 - Label", "Phone 2 - Label",
				"Address 1 - Label", "Address 1 - Formatted", "Address 1 - PO Box", "Address 1 - Region",
				"Website 1 - Label", "Website 1 - Value", "Event 1 - Label", "Event 1 - Value",
				"Custom Field 1 - Label", "Custom Field 1 - Value"),
		)},
		{name: "Google Contacts (legacy)", entries: cat(
			[]dictEntry{
				e("Name", tFullName), e("Given Name", tFirstName), e("Family Name", tLastName),
				e("Name Prefix", tSalutation), e("Organization 1 - Name", tCompany),
				e("Organization 1 - Title", tTitle),
			},
			numbered("E-mail %d - Value", tEmail, 9, false),
			numbered("Phone %d - Value", tPhone, 9, false),
			numbered("Address %d - Street", tStreet, 5, true),
			numbered("Address %d - Extended Address", tStreet2, 5, true),
			numbered("Address %d - City", tCity, 5, true),
			numbered("Address %d - Postal Code", tPostalCode, 5, true),
			numbered("Address %d - Country", tCountry, 5, true),
			// The old Gmail CSV (Horde sample): one "E-mail" column plus
			// "Section n - ..." blocks.
			[]dictEntry{
				alt("E-mail", tEmail, 0), alt("Section 1 - Email", tEmail, 1), alt("Section 1 - Phone", tPhone, 0),
				alt("Section 1 - Mobile", tMobile, 0), e("Section 1 - Company", tCompany),
				e("Section 1 - Title", tTitle),
			},
			custom("Additional Name", "Yomi Name", "Given Name Yomi", "Additional Name Yomi", "Family Name Yomi",
				"Name Suffix", "Initials", "Nickname", "Short Name", "Maiden Name", "Birthday", "Gender",
				"Location", "Billing Information", "Directory Server", "Mileage", "Occupation", "Hobby",
				"Sensitivity", "Priority", "Subject", "Notes", "Group Membership", "E-mail 1 - Type",
				"Phone 1 - Type", "Address 1 - Type", "Address 1 - Formatted", "Organization 1 - Type",
				"Organization 1 - Department", "Website 1 - Type", "Website 1 - Value"),
		)},
		{name: "Salesforce", entries: cat(
			// Lead and Contact: API names (Data Loader) and labels (wizard,
			// reports), crm-formats.md 3.1.
			[]dictEntry{
				e("Salutation", tSalutation), e("FirstName", tFirstName), e("LastName", tLastName),
				e("First Name", tFirstName), e("Last Name", tLastName), e("Title", tTitle),
				e("Company", tCompany), e("Account Name", tCompany), e("Account.Name", tCompany),
				e("Company / Account", tCompany), // lead reports

				alt("Email", tEmail, 0), alt("Phone", tPhone, 0), alt("MobilePhone", tMobile, 0),
				alt("Mobile", tMobile, 0), alt("HomePhone", tPhone, 1), alt("OtherPhone", tPhone, 2),
				e("Street", tStreet), e("City", tCity), e("PostalCode", tPostalCode),
				e("Zip/Postal Code", tPostalCode), e("Zip", tPostalCode), e("Country", tCountry),
				ad("mailing", "MailingStreet", tStreet), ad("mailing", "MailingCity", tCity),
				ad("mailing", "MailingPostalCode", tPostalCode), ad("mailing", "MailingCountry", tCountry),
				ad("mailing", "Mailing Street", tStreet), ad("mailing", "Mailing City", tCity),
				ad("mailing", "Mailing Zip/Postal Code", tPostalCode), ad("mailing", "Mailing Country", tCountry),
				ad("other", "OtherStreet", tStreet), ad("other", "OtherCity", tCity),
				ad("other", "OtherPostalCode", tPostalCode), ad("other", "OtherCountry", tCountry),
				e("LeadSource", tSource), e("Lead Source", tSource),
				e("CreatedDate", tCreatedAt), e("Created Date", tCreatedAt),
			},
			custom("Id", "Lead ID", "Contact ID", "Fax", "Website", "State", "State/Province", "MailingState",
				"OtherState", "Industry", "AnnualRevenue", "Annual Revenue", "NumberOfEmployees", "No. of Employees",
				"Status", "Lead Status", "Rating", "Description", "OwnerId", "Lead Owner", "HasOptedOutOfEmail",
				"Email Opt Out", "DoNotCall", "Do Not Call", "CompanyDunsNumber", "Department", "Birthdate",
				"AccountId", "IsDeleted", "MasterRecordId", "CreatedById", "LastModifiedDate", "LastModifiedById",
				"SystemModstamp", "LastActivityDate", "IsConverted", "ConvertedDate"),
		)},
		{name: "Salesforce (account)", entries: cat(
			// Account exports (Data Loader samples): "Name" is the company.
			[]dictEntry{
				e("Name", tCompany), e("Account Name", tCompany), alt("Phone", tPhone, 0),
				ad("billing", "BillingStreet", tStreet), ad("billing", "BillingCity", tCity),
				ad("billing", "BillingPostalCode", tPostalCode), ad("billing", "BillingCountry", tCountry),
				ad("billing", "Billing Street", tStreet), ad("billing", "Billing City", tCity),
				ad("billing", "Billing Zip/Postal Code", tPostalCode), ad("billing", "Billing Country", tCountry),
				ad("shipping", "ShippingStreet", tStreet), ad("shipping", "ShippingCity", tCity),
				ad("shipping", "ShippingPostalCode", tPostalCode), ad("shipping", "ShippingCountry", tCountry),
				ad("shipping", "Shipping Street", tStreet), ad("shipping", "Shipping City", tCity),
				ad("shipping", "Shipping Zip/Postal Code", tPostalCode), ad("shipping", "Shipping Country", tCountry),
				e("AccountSource", tSource), e("Account Source", tSource), e("LeadSource", tSource),
				e("CreatedDate", tCreatedAt), e("Created Date", tCreatedAt),
			},
			custom("Id", "IsDeleted", "MasterRecordId", "Type", "ParentId", "BillingState", "ShippingState",
				"Fax", "AccountNumber", "Website", "Sic", "Industry", "AnnualRevenue", "NumberOfEmployees",
				"Ownership", "TickerSymbol", "Description", "Rating", "Site", "OwnerId", "CreatedById",
				"LastModifiedDate", "LastModifiedById", "SystemModstamp", "LastActivityDate", "Account Number",
				"Account Site", "Account Type", "Account Owner"),
		)},
		{name: "Salesforce (de)", entries: cat(
			// Report and list-view labels of a user with German locale, the
			// ones common (de) does not know ("Anrede", "Vorname", "E-Mail",
			// "Lead-Quelle", "Erstellt am" are there). A table of only its
			// own words: with the plain ones it would, being the smaller
			// table, win the family of every plain German list they tie on.
			[]dictEntry{
				e("Firma/Account", tCompany), e("Account-Name", tCompany),
				e("Erstelldatum", tCreatedAt),
			},
			custom("Lead-Inhaber", "Lead-Status", "Kontaktinhaber", "Account-Inhaber",
				"Bundesland/Provinz", "Branche", "Jahresumsatz"),
		)},
		{name: "HubSpot", entries: cat(
			// Internal names and English labels, crm-formats.md 3.2.
			[]dictEntry{
				e("firstname", tFirstName), e("lastname", tLastName), alt("email", tEmail, 0),
				// The contact's secondary addresses, ";"-separated
				// (hs_additional_emails, developers.hubspot.com).
				alt("hs_additional_emails", tEmail, 1), alt("Additional email addresses", tEmail, 1),
				alt("phone", tPhone, 0), alt("mobilephone", tMobile, 0), e("jobtitle", tTitle),
				e("company", tCompany), e("address", tStreet), e("city", tCity), e("zip", tPostalCode),
				e("country", tCountry), e("salutation", tSalutation), e("createdate", tCreatedAt),
				e("hs_analytics_source", tSource), e("hs_latest_source", tSource),
				e("First Name", tFirstName), e("Last Name", tLastName), alt("Email", tEmail, 0),
				alt("Phone Number", tPhone, 0), alt("Mobile Phone Number", tMobile, 0), e("Job Title", tTitle),
				e("Company Name", tCompany), e("Street Address", tStreet), e("City", tCity),
				e("Postal Code", tPostalCode), e("Country/Region", tCountry), e("Create Date", tCreatedAt),
				e("Original Source", tSource), e("Latest Source", tSource),
			},
			custom("hs_lead_status", "lifecyclestage", "website", "state", "hubspot_owner_id", "hs_object_id",
				"Lead Status", "Lifecycle Stage", "Contact owner", "Record ID", "Website URL",
				"State/Region", "Last Activity Date", "Associated Company"),
		)},
		{name: "Pipedrive", entries: cat(
			// Export of people, organizations, deals or leads: "Object -
			// Field" titles.
			[]dictEntry{
				e("Person - Name", tFullName), e("Person - First name", tFirstName), e("Person - Last name", tLastName),
				e("Person - Job title", tTitle), e("Organization - Name", tCompany), e("Person - Organization", tCompany),
				alt("Person - Email", tEmail, 0), alt("Person - Email - Work", tEmail, 0), alt("Person - Email - Home", tEmail, 1),
				alt("Person - Email - Other", tEmail, 2),
				alt("Person - Phone", tPhone, 0), alt("Person - Phone - Work", tPhone, 0), alt("Person - Phone - Home", tPhone, 1),
				alt("Person - Phone - Mobile", tMobile, 0), alt("Person - Phone - Other", tPhone, 2),
				e("Organization - Address", tStreet), e("Person - Postal address", tStreet),
				e("Person - Add time", tCreatedAt), e("Lead - Source", tSource), e("Deal - Source", tSource),
			},
			custom("Person - Owner", "Organization - Owner", "Deal - Title", "Deal - Value", "Deal - Currency",
				"Lead - Title", "Person - Label", "Person - Notes"),
		)},
		{name: "SugarCRM / SuiteCRM", entries: cat(
			// Only its own titles: the common ones ("First Name", "Title")
			// come from the other tables, so that this small table does not
			// win the family of a plain English or an Outlook file.
			[]dictEntry{
				alt("Non Primary E-mails", tEmail, 1), alt("Office Phone", tPhone, 0),
				ad("primary", "Primary Address Street", tStreet), ad("primary", "Primary Address City", tCity),
				ad("primary", "Primary Address Postal Code", tPostalCode), ad("primary", "Primary Address Postalcode", tPostalCode),
				ad("primary", "Primary Address Country", tCountry),
				ad("alt", "Alt Address Street", tStreet), ad("alt", "Alt Address City", tCity),
				ad("alt", "Alt Address Postal Code", tPostalCode), ad("alt", "Alt Address Postalcode", tPostalCode),
				ad("alt", "Alt Address Country", tCountry),
			},
			custom("Primary Address State", "Alt Address State"),
		)},
		{name: "Dynamics 365", entries: cat(
			// Logical names and display names, crm-formats.md 3.3.
			[]dictEntry{
				e("salutation", tSalutation), e("firstname", tFirstName), e("lastname", tLastName),
				e("fullname", tFullName), e("companyname", tCompany), e("jobtitle", tTitle),
				alt("emailaddress1", tEmail, 0), alt("emailaddress2", tEmail, 1), alt("emailaddress3", tEmail, 2),
				alt("telephone1", tPhone, 0), alt("telephone2", tPhone, 1), alt("telephone3", tPhone, 2),
				alt("mobilephone", tMobile, 0),
				ad("address 1", "address1_line1", tStreet), ad("address 1", "address1_line2", tStreet2),
				ad("address 1", "address1_line3", tStreet3), ad("address 1", "address1_city", tCity),
				ad("address 1", "address1_postalcode", tPostalCode), ad("address 1", "address1_country", tCountry),
				ad("address 2", "address2_line1", tStreet), ad("address 2", "address2_line2", tStreet2),
				ad("address 2", "address2_line3", tStreet3), ad("address 2", "address2_city", tCity),
				ad("address 2", "address2_postalcode", tPostalCode), ad("address 2", "address2_country", tCountry),
				e("leadsourcecode", tSource), e("budgetamount", tBudget), e("createdon", tCreatedAt),
				e("First Name", tFirstName), e("Last Name", tLastName), e("Full Name", tFullName),
				e("Company Name", tCompany), e("Job Title", tTitle), alt("Email", tEmail, 0),
				alt("Email Address 2", tEmail, 1), alt("Email Address 3", tEmail, 2),
				alt("Business Phone", tPhone, 0), alt("Home Phone", tPhone, 1), alt("Other Phone", tPhone, 2),
				alt("Main Phone", tPhone, 0), alt("Mobile Phone", tMobile, 0),
				ad("address 1", "Street 1", tStreet), ad("address 1", "Street 2", tStreet2),
				ad("address 1", "Street 3", tStreet3), ad("address 1", "City", tCity),
				ad("address 1", "ZIP/Postal Code", tPostalCode), ad("address 1", "Country/Region", tCountry),
				ad("address 1", "Address 1: Street 1", tStreet), ad("address 1", "Address 1: Street 2", tStreet2),
				ad("address 1", "Address 1: Street 3", tStreet3), ad("address 1", "Address 1: City", tCity),
				ad("address 1", "Address 1: ZIP/Postal Code", tPostalCode),
				ad("address 1", "Address 1: Country/Region", tCountry),
				e("Lead Source", tSource), e("Budget Amount", tBudget), e("Created On", tCreatedAt),
			},
			custom("subject", "Topic", "websiteurl", "Website", "description", "Description",
				"address1_stateorprovince", "address2_stateorprovince", "State/Province", "leadid", "statuscode",
				"statecode", "Status Reason", "Status", "Rating", "Owner", "industrycode", "Industry", "revenue",
				"Annual Revenue", "numberofemployees", "No. of Employees"),
		)},
		{name: "LinkedIn", entries: cat(
			// Connections.csv.
			[]dictEntry{
				e("First Name", tFirstName), e("Last Name", tLastName), alt("Email Address", tEmail, 0),
				e("Company", tCompany), e("Position", tTitle), e("Connected On", tCreatedAt),
			},
			custom("URL", "Profile URL"),
		)},
		{name: "talque", entries: []dictEntry{
			e("First Name", tFirstName), e("Last Name", tLastName), alt("Email", tEmail, 0),
			e("Company Name", tCompany), e("Job title", tTitle), e("Origin", tSource), e("Country", tCountry),
		}},
		{name: "pretix", entries: cat(
			// pretixSCAN exhibitor lead export (German and English UI).
			[]dictEntry{
				e("Name", tFullName), alt("E-Mail", tEmail, 0), alt("Email", tEmail, 0), e("Firma", tCompany),
				e("Company", tCompany), e("Funktion", tTitle), e("Function", tTitle), e("Land", tCountry),
				e("Country", tCountry), e("Erster Scan", tCreatedAt), e("First scan", tCreatedAt),
			},
			custom("Notiz", "Note", "Bewertung", "Rating", "Klassifizierung", "Tags", "Gesprächspartner",
				"Dialogue partner", "Gerät", "Device", "Attendee", "Teilnehmer"),
		)},
		{name: "Thunderbird", entries: cat(
			[]dictEntry{
				e("First Name", tFirstName), e("Last Name", tLastName), e("Display Name", tFullName),
				alt("Primary Email", tEmail, 0), alt("Secondary Email", tEmail, 1),
				alt("Work Phone", tPhone, 0), alt("Home Phone", tPhone, 1), alt("Mobile Number", tMobile, 0),
				ad("work", "Work Address", tStreet), ad("work", "Work Address 2", tStreet2),
				ad("work", "Work City", tCity), ad("work", "Work ZipCode", tPostalCode),
				ad("work", "Work Country", tCountry),
				ad("home", "Home Address", tStreet), ad("home", "Home Address 2", tStreet2),
				ad("home", "Home City", tCity), ad("home", "Home ZipCode", tPostalCode),
				ad("home", "Home Country", tCountry),
				e("Job Title", tTitle), e("Organization", tCompany),
			},
			custom("Nickname", "Screen Name", "Fax Number", "Pager Number", "Home State", "Work State",
				"Department", "Web Page 1", "Web Page 2", "Birth Year", "Birth Month", "Birth Day",
				"Custom 1", "Custom 2", "Custom 3", "Custom 4", "Notes"),
		)},
		{name: "Thunderbird (de)", entries: cat(
			// The same export in the German UI, column for column
			// (Thunderbird 115). Its plain words ("Vorname", "Organisation",
			// "Notizen") mean what they mean in common (de).
			[]dictEntry{
				e("Vorname", tFirstName), e("Nachname", tLastName), e("Anzeigename", tFullName),
				alt("Primäre E-Mail-Adresse", tEmail, 0), alt("Sekundäre E-Mail-Adresse", tEmail, 1),
				alt("Tel. dienstlich", tPhone, 0), alt("Tel. privat", tPhone, 1), alt("Mobil-Tel.-Nr.", tMobile, 0),
				ad("work", "Dienstlich: Adresse", tStreet), ad("work", "Dienstlich: Adresse 2", tStreet2),
				ad("work", "Dienstlich: Ort", tCity), ad("work", "Dienstlich: PLZ", tPostalCode),
				ad("work", "Dienstlich: Land", tCountry),
				ad("home", "Privat: Adresse", tStreet), ad("home", "Privat: Adresse 2", tStreet2),
				ad("home", "Privat: Ort", tCity), ad("home", "Privat: PLZ", tPostalCode),
				ad("home", "Privat: Land", tCountry),
				e("Arbeitstitel", tTitle), e("Organisation", tCompany),
			},
			custom("Spitzname", "Messenger-Name", "Fax-Nummer", "Pager-Nummer", "Privat: Bundesland",
				"Dienstlich: Bundesland", "Abteilung", "Webseite 1", "Webseite 2", "Geburtsjahr", "Geburtsmonat",
				"Geburtstag", "Benutzerdef. 1", "Benutzerdef. 2", "Benutzerdef. 3", "Benutzerdef. 4", "Notizen"),
		)},
		{name: "Yahoo", entries: cat(
			[]dictEntry{
				e("First", tFirstName), e("Last", tLastName), alt("Email", tEmail, 0),
				alt("Alternate Email 1", tEmail, 1), alt("Alternate Email 2", tEmail, 2),
				alt("Work", tPhone, 0), alt("Home", tPhone, 1), alt("Other", tPhone, 2), alt("Mobile", tMobile, 0),
				e("Title", tTitle), e("Company", tCompany),
				ad("work", "Work Address", tStreet), ad("work", "Work City", tCity),
				ad("work", "Work Post Code", tPostalCode), ad("work", "Work Country", tCountry),
				ad("home", "Home Address", tStreet), ad("home", "Home Town", tCity),
				ad("home", "Home Post Code", tPostalCode), ad("home", "Home Country", tCountry),
			},
			custom("Middle", "Nickname", "Category", "Distribution Lists", "Yahoo! ID", "Pager", "Fax",
				"Yahoo! Phone", "Primary", "Personal Website", "Business Website", "Work County",
				"Home County", "Birthday", "Anniversary", "Custom 1", "Custom 2", "Custom 3", "Custom 4",
				"Comments"),
		)},
		{name: "common (uk-500)", entries: cat(
			// Generated-people sample lists (uk-500, us-500): lower-case snake
			// case with numbered phones.
			[]dictEntry{
				e("first_name", tFirstName), e("last_name", tLastName), e("company_name", tCompany),
				e("address", tStreet), e("city", tCity), e("postal", tPostalCode), e("zip", tPostalCode),
				alt("phone1", tPhone, 0), alt("phone2", tPhone, 1), alt("email", tEmail, 0),
			},
			custom("county", "state", "web"),
		)},
	}
}

func buildDict(tables []*dictTable) []*dictTable {
	for _, t := range tables {
		t.exact = make(map[string]*dictEntry, len(t.entries))
		t.strip = make(map[string]*dictEntry, len(t.entries))
		t.stripAE = make(map[string]*dictEntry, len(t.entries))
		for i := range t.entries {
			d := &t.entries[i]
			k := headerKey(d.header)
			if _, dup := t.exact[k]; !dup {
				t.exact[k] = d
			}
			if k := strippedKey(d.header, false); t.strip[k] == nil {
				t.strip[k] = d
			}
			if k := strippedKey(d.header, true); t.stripAE[k] == nil {
				t.stripAE[k] = d
			}
		}
	}
	return tables
}

// headerKey folds a header for dictionary lookup: NFC, lower case, and only
// letters and digits kept, so that "E-Mail-Adresse", "e-mail adresse",
// "E_MAIL_ADRESSE" and "EMailAdresse" are one key. BOM, zero-width
// characters, spaces and every kind of punctuation disappear. Accents stay.
func headerKey(s string) string {
	s = norm.NFC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// strippedKey is headerKey with accents removed (ł -> l, ß -> ss, ...) and,
// when ae is set, the German umlauts expanded first (ä -> ae). It is only
// consulted when no table knows the exact key; TestDictStrippedKeys checks
// that stripping creates no conflicting entries within a table.
func strippedKey(s string, ae bool) string {
	s = norm.NFD.String(norm.NFC.String(s))
	var b strings.Builder
	b.Grow(len(s))
	var prev rune
	for _, r := range s {
		if unicode.Is(unicode.Mn, r) {
			if ae && r == '\u0308' && (prev == 'a' || prev == 'o' || prev == 'u' || prev == 'A' || prev == 'O' || prev == 'U') {
				b.WriteByte('e')
			}
			continue
		}
		prev = r
		switch r {
		case 'ł', 'Ł':
			b.WriteByte('l')
		case 'ß', 'ẞ':
			b.WriteString("ss")
		case 'ø', 'Ø':
			b.WriteByte('o')
		case 'æ', 'Æ':
			b.WriteString("ae")
		case 'œ', 'Œ':
			b.WriteString("oe")
		case 'đ', 'Đ':
			b.WriteByte('d')
		default:
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				b.WriteRune(unicode.ToLower(r))
			}
		}
	}
	return b.String()
}

// dictMatch is the result of a dictionary lookup.
type dictMatch struct {
	entry *dictEntry
	table *dictTable
}

// headerKeys are the lookup keys of one header cell.
type headerKeys struct{ exact, strip, stripAE string }

// headerKeysOf returns the lookup keys of each header cell, trimmed and
// its unit left out.
func headerKeysOf(header []string) []headerKeys {
	ks := make([]headerKeys, len(header))
	for i, h := range header {
		h = withoutUnit(strings.TrimSpace(h))
		ks[i] = headerKeys{headerKey(h), strippedKey(h, false), strippedKey(h, true)}
	}
	return ks
}

// exactHeaders counts the cells of a header that some dictionary knows
// letter for letter (case aside), accents included: it tells which
// decoding of a header's bytes is the right one ("Imię", not "Imiê").
func exactHeaders(header []string) int {
	n := 0
	for _, k := range headerKeysOf(header) {
		for _, t := range dictTables {
			if k.exact != "" && t.exact[k.exact] != nil {
				n++
				break
			}
		}
	}
	return n
}

// detectFamily scores every table by the header keys it knows and returns
// the best one (nil when none knows any). A key mapped to a field counts
// twice as much as one the table only knows as custom, and an exact key
// twice as much as an accent-stripped one, so that a lone "Ort" is the
// city of a plain German list, not Outlook's "Location". Ties go to the
// smaller table, the more specific vocabulary (talque's seven columns are
// all common English words too), then to the earlier one.
func detectFamily(ks []headerKeys) *dictTable {
	var best *dictTable
	bestScore := 0
	for _, t := range dictTables {
		score := 0
		for _, k := range ks {
			if k.exact == "" {
				continue
			}
			w, d := 4, t.exact[k.exact]
			if d == nil {
				w, d = 2, t.strip[k.strip]
				if d == nil {
					d = t.stripAE[k.stripAE]
				}
			}
			if d == nil {
				continue
			}
			if d.target == tCustom {
				w /= 2
			}
			score += w
		}
		if score > bestScore || (score == bestScore && score > 0 && len(t.entries) < len(best.entries)) {
			best, bestScore = t, score
		}
	}
	return best
}

// lookupHeader finds a header's entry: the detected family first, then
// every table in order; exact keys before accent-stripped ones.
func lookupHeader(family *dictTable, key, strip, stripAE string) (dictMatch, bool) {
	if key == "" {
		return dictMatch{}, false
	}
	order := func(yield func(*dictTable) bool) {
		if family != nil && !yield(family) {
			return
		}
		for _, t := range dictTables {
			if t != family && !yield(t) {
				return
			}
		}
	}
	for t := range order {
		if d := t.exact[key]; d != nil {
			return dictMatch{d, t}, true
		}
	}
	for t := range order {
		if d := t.strip[strip]; d != nil {
			return dictMatch{d, t}, true
		}
	}
	for t := range order {
		if d := t.stripAE[stripAE]; d != nil {
			return dictMatch{d, t}, true
		}
	}
	return dictMatch{}, false
}
