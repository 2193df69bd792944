package crm

import (
	"encoding/json"
	"reflect"
	"slices"
	"testing"
	"time"
)

func TestMerge(t *testing.T) {
	at := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		name        string
		old, in     Lead
		wantChanged []string
		wantLead    func(l *Lead) bool
		wantHistory int
	}{
		{
			name:        "empty field filled, no history",
			old:         Lead{Email: "a@x.de"},
			in:          Lead{Phone: "+4930123"},
			wantChanged: []string{FieldPhone},
			wantLead:    func(l *Lead) bool { return l.Phone == "+4930123" && l.Email == "a@x.de" },
		},
		{
			name:        "newer value wins, old one in history",
			old:         Lead{Phone: "+4930111"},
			in:          Lead{Phone: "+4930222"},
			wantChanged: []string{FieldPhone},
			wantLead:    func(l *Lead) bool { return l.Phone == "+4930222" && l.History[0].Old == "+4930111" },
			wantHistory: 1,
		},
		{
			name:     "empty value never erases",
			old:      Lead{Phone: "+4930111", City: "Berlin"},
			in:       Lead{},
			wantLead: func(l *Lead) bool { return l.Phone == "+4930111" && l.City == "Berlin" },
		},
		{
			name:     "case-only variant is no new value",
			old:      Lead{Company: "Müller GmbH"},
			in:       Lead{Company: "MÜLLER GMBH"},
			wantLead: func(l *Lead) bool { return l.Company == "Müller GmbH" },
		},
		{
			name:        "better-cased value replaces shouting",
			old:         Lead{LastName: "MÜLLER"},
			in:          Lead{LastName: "Müller"},
			wantChanged: []string{FieldLastName},
			wantLead:    func(l *Lead) bool { return l.LastName == "Müller" },
			wantHistory: 1,
		},
		{
			name:        "custom fields follow the same rules",
			old:         Lead{Custom: map[string]string{"Notiz": "alt"}},
			in:          Lead{Custom: map[string]string{"Notiz": "neu", "Messe": "Hannover"}},
			wantChanged: []string{"Messe", "Notiz"},
			wantLead:    func(l *Lead) bool { return l.Custom["Notiz"] == "neu" && l.Custom["Messe"] == "Hannover" },
			wantHistory: 1,
		},
		{
			name:        "derived facts follow their field",
			old:         Lead{Company: "Alt AG", CompanyKey: "alt", LegalForm: "AG"},
			in:          Lead{Company: "Neu GmbH", CompanyKey: "neu", LegalForm: "GmbH", Raw: RawFromMap(map[string]string{FieldCompany: "NEU GMBH "})},
			wantChanged: []string{FieldCompany},
			wantLead: func(l *Lead) bool {
				return l.CompanyKey == "neu" && l.LegalForm == "GmbH" && l.Raw.Value(FieldCompany) == "NEU GMBH "
			},
			wantHistory: 1,
		},
		{
			name:     "a shorter company name keeps the full one",
			old:      Lead{Company: "Müller Maschinenbau GmbH & Co. KG"},
			in:       Lead{Company: "Müller"},
			wantLead: func(l *Lead) bool { return l.Company == "Müller Maschinenbau GmbH & Co. KG" },
		},
		{
			name:     "a shouted shorter company name too",
			old:      Lead{Company: "Müller Maschinenbau GmbH & Co. KG"},
			in:       Lead{Company: "MÜLLER MASCHINENBAU"},
			wantLead: func(l *Lead) bool { return l.Company == "Müller Maschinenbau GmbH & Co. KG" },
		},
		{
			name:     "a shorter company name without umlauts too",
			old:      Lead{Company: "Schäfer Logistik GmbH"},
			in:       Lead{Company: "Schaefer Logistik"},
			wantLead: func(l *Lead) bool { return l.Company == "Schäfer Logistik GmbH" },
		},
		{
			name:     "and shouted without umlauts",
			old:      Lead{Company: "Weiß & Söhne AG"},
			in:       Lead{Company: "WEISS & SOEHNE"},
			wantLead: func(l *Lead) bool { return l.Company == "Weiß & Söhne AG" },
		},
		{
			name:     "an abbreviated street keeps the full spelling",
			old:      Lead{Street: "Karl-Liebknecht-Straße 10"},
			in:       Lead{Street: "Karl-Liebknecht-Str. 10"},
			wantLead: func(l *Lead) bool { return l.Street == "Karl-Liebknecht-Straße 10" },
		},
		{
			name:        "the full spelling replaces an abbreviated street",
			old:         Lead{Street: "Hauptstr. 5"},
			in:          Lead{Street: "Hauptstraße 5"},
			wantChanged: []string{FieldStreet},
			wantLead:    func(l *Lead) bool { return l.Street == "Hauptstraße 5" },
			wantHistory: 1,
		},
		{
			name:        "another house number replaces",
			old:         Lead{Street: "Hauptstraße 5"},
			in:          Lead{Street: "Hauptstr. 7"},
			wantChanged: []string{FieldStreet},
			wantLead:    func(l *Lead) bool { return l.Street == "Hauptstr. 7" },
			wantHistory: 1,
		},
		{
			name:     "a short form of the first name keeps the full one",
			old:      Lead{FirstName: "Alexander"},
			in:       Lead{FirstName: "Alex"},
			wantLead: func(l *Lead) bool { return l.FirstName == "Alexander" },
		},
		{
			name:     "a first name without the second keeps both",
			old:      Lead{FirstName: "Anna Maria"},
			in:       Lead{FirstName: "ANNA"},
			wantLead: func(l *Lead) bool { return l.FirstName == "Anna Maria" },
		},
		{
			name:        "the full first name replaces its short form",
			old:         Lead{FirstName: "Chris"},
			in:          Lead{FirstName: "Christian"},
			wantChanged: []string{FieldFirstName},
			wantLead:    func(l *Lead) bool { return l.FirstName == "Christian" },
			wantHistory: 1,
		},
		{
			name:     "one part of a double surname keeps the whole",
			old:      Lead{LastName: "Nowak-Kowalska"},
			in:       Lead{LastName: "Nowak"},
			wantLead: func(l *Lead) bool { return l.LastName == "Nowak-Kowalska" },
		},
		{
			name:        "a double surname replaces a single one (marriage)",
			old:         Lead{LastName: "Neumann"},
			in:          Lead{LastName: "Neumann-Berg"},
			wantChanged: []string{FieldLastName},
			wantLead:    func(l *Lead) bool { return l.LastName == "Neumann-Berg" },
			wantHistory: 1,
		},
		{
			name:        "a longer company name replaces a short one",
			old:         Lead{Company: "Müller"},
			in:          Lead{Company: "Müller Maschinenbau GmbH"},
			wantChanged: []string{FieldCompany},
			wantLead:    func(l *Lead) bool { return l.Company == "Müller Maschinenbau GmbH" },
			wantHistory: 1,
		},
		{
			name:        "another company replaces",
			old:         Lead{Company: "Müller Maschinenbau GmbH"},
			in:          Lead{Company: "Müller Logistik GmbH"},
			wantChanged: []string{FieldCompany},
			wantLead:    func(l *Lead) bool { return l.Company == "Müller Logistik GmbH" },
			wantHistory: 1,
		},
		{
			name:        "the same amount written with decimals is no new budget",
			old:         Lead{Budget: "229500"},
			in:          Lead{Budget: "229500.00", Currency: "EUR"},
			wantChanged: []string{FieldCurrency},
			wantLead:    func(l *Lead) bool { return l.Budget == "229500" && l.Currency == "EUR" },
		},
		{
			name:        "another amount is",
			old:         Lead{Budget: "229500", Currency: "EUR"},
			in:          Lead{Budget: "229500.50"},
			wantChanged: []string{FieldBudget, FieldCurrency},
			wantLead:    func(l *Lead) bool { return l.Budget == "229500.50" && l.Currency == "" },
			wantHistory: 2,
		},
		{
			name:        "same number, new extension",
			old:         Lead{Phone: "+4930111", PhoneExt: "12"},
			in:          Lead{Phone: "+4930111", PhoneExt: "14"},
			wantChanged: []string{FieldPhoneExt},
			wantLead:    func(l *Lead) bool { return l.PhoneExt == "14" && l.History[0].Old == "12" },
			wantHistory: 1,
		},
		{
			name:        "a new extension brings its cell's raw value",
			old:         Lead{Phone: "+4930111", PhoneExt: "12", Raw: RawFromMap(map[string]string{FieldPhone: "030 111 Durchwahl 12"})},
			in:          Lead{Phone: "+4930111", PhoneExt: "14", Raw: RawFromMap(map[string]string{FieldPhone: "030 111 Durchwahl 14"})},
			wantChanged: []string{FieldPhoneExt},
			wantLead:    func(l *Lead) bool { return l.Raw.Value(FieldPhone) == "030 111 Durchwahl 14" },
			wantHistory: 1,
		},
		{
			name:        "same number, extension filled",
			old:         Lead{Phone: "+4930111"},
			in:          Lead{Phone: "+4930111", PhoneExt: "14"},
			wantChanged: []string{FieldPhoneExt},
			wantLead:    func(l *Lead) bool { return l.PhoneExt == "14" },
		},
		{
			name:     "same number without extension keeps it",
			old:      Lead{Phone: "+4930111", PhoneExt: "12"},
			in:       Lead{Phone: "+4930111"},
			wantLead: func(l *Lead) bool { return l.PhoneExt == "12" },
		},
		{
			name:        "new number takes its extension, or none",
			old:         Lead{Phone: "+4930111", PhoneExt: "12"},
			in:          Lead{Phone: "+4930222"},
			wantChanged: []string{FieldPhone, FieldPhoneExt},
			wantLead:    func(l *Lead) bool { return l.Phone == "+4930222" && l.PhoneExt == "" && l.History[1].Old == "12" },
			wantHistory: 2,
		},
		{
			name:     "an extension without a number is not merged",
			old:      Lead{Phone: "+4930111", PhoneExt: "12"},
			in:       Lead{PhoneExt: "14"},
			wantLead: func(l *Lead) bool { return l.PhoneExt == "12" },
		},
		{
			name:        "same budget, other currency",
			old:         Lead{Budget: "50000.00", Currency: "EUR"},
			in:          Lead{Budget: "50000.00", Currency: "PLN"},
			wantChanged: []string{FieldCurrency},
			wantLead:    func(l *Lead) bool { return l.Currency == "PLN" && l.History[0].Old == "EUR" },
			wantHistory: 1,
		},
		{
			name:        "new budget takes its currency",
			old:         Lead{Budget: "50000.00", Currency: "EUR"},
			in:          Lead{Budget: "70000.00", Currency: "CHF"},
			wantChanged: []string{FieldBudget, FieldCurrency},
			wantLead:    func(l *Lead) bool { return l.Budget == "70000.00" && l.Currency == "CHF" },
			wantHistory: 2,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := tt.old.Clone()
			got := l.Merge(&tt.in, "imp1", at)
			if !reflect.DeepEqual(got, tt.wantChanged) {
				t.Errorf("changed = %v, want %v", got, tt.wantChanged)
			}
			if !tt.wantLead(l) {
				t.Errorf("lead after merge = %+v", l)
			}
			if len(l.History) != tt.wantHistory {
				t.Errorf("history = %+v, want %d entries", l.History, tt.wantHistory)
			}
			for _, h := range l.History {
				if h.ImportID != "imp1" || !h.At.Equal(at) {
					t.Errorf("history entry %+v lacks the import id or time", h)
				}
			}
			if got == nil && !reflect.DeepEqual(l, tt.old.Clone()) {
				t.Errorf("a merge that changed nothing modified the lead: %+v", l)
			}
		})
	}
}

func TestParseID(t *testing.T) {
	for _, s := range []string{"L0000042", "l42", "42", " L42 "} {
		if id, err := ParseID(s); err != nil || id != 42 {
			t.Errorf("ParseID(%q) = %v, %v", s, id, err)
		}
	}
	for _, s := range []string{"", "L", "L0", "X42", "L-1"} {
		if _, err := ParseID(s); err == nil {
			t.Errorf("ParseID(%q) accepted", s)
		}
	}
	if got := ID(42).String(); got != "L0000042" {
		t.Errorf("ID(42) = %q", got)
	}
}

func TestCountsBalanced(t *testing.T) {
	var c Counts
	for _, k := range []OutcomeKind{Created, Merged, Unchanged, Rejected, Created} {
		c.Add(k)
	}
	if !c.Balanced() || c.Rows != 5 || c.Created != 2 {
		t.Fatalf("counts = %+v", c)
	}
}

func TestIDJSON(t *testing.T) {
	b, err := json.Marshal(struct {
		ID ID `json:"id"`
	}{42})
	if err != nil || string(b) != `{"id":"L0000042"}` {
		t.Fatalf("marshal = %s, %v", b, err)
	}
	var v struct {
		ID ID `json:"id"`
	}
	if err := json.Unmarshal(b, &v); err != nil || v.ID != 42 {
		t.Fatalf("unmarshal = %v, %v", v.ID, err)
	}
	// No lead (an opportunity whose lead was erased) round-trips too.
	b, err = json.Marshal(struct {
		ID ID `json:"id"`
	}{0})
	if err != nil {
		t.Fatal(err)
	}
	v.ID = 7
	if err := json.Unmarshal(b, &v); err != nil || v.ID != 0 {
		t.Fatalf("unmarshal %s = %v, %v; want 0", b, v.ID, err)
	}
	for _, bad := range []string{`{"id":"L"}`, `{"id":"0"}`, `{"id":"Lx"}`} {
		if err := json.Unmarshal([]byte(bad), &v); err == nil {
			t.Errorf("unmarshal %s: no error", bad)
		}
	}
}

// TestMergeKeepsFullerSpelling: an initial, a spelling without umlauts or
// accents, or one in capitals brings nothing new, so the stored spelling
// stays; a real change still wins.
func TestMergeKeepsFullerSpelling(t *testing.T) {
	tests := []struct {
		field, old, nv string
		changed        bool
	}{
		{FieldFirstName, "Jürgen", "J.", false},
		{FieldFirstName, "Jürgen", "Jurgen", false},
		{FieldFirstName, "Jürgen", "Juergen", false},
		{FieldLastName, "Müller", "MULLER", false},
		{FieldLastName, "Wiśniewski", "Wisniewski", false},
		{FieldCompany, "Müller GmbH", "MUELLER GMBH", false},
		{FieldLastName, "Muller", "Müller", true}, // the fuller spelling replaces the plainer one
		{FieldLastName, "Müller", "Schmidt", true},
		{FieldFirstName, "J.", "Jürgen", true},
	}
	for _, tt := range tests {
		l := &Lead{}
		l.Set(tt.field, tt.old)
		in := &Lead{}
		in.Set(tt.field, tt.nv)
		changed := l.Merge(in, "imp", time.Now()) != nil
		if changed != tt.changed || (!changed && l.Get(tt.field) != tt.old) {
			t.Errorf("%s %q <- %q: changed %t (now %q), want changed %t", tt.field, tt.old, tt.nv, changed, l.Get(tt.field), tt.changed)
		}
	}
}

// TestDataField: the switch agrees with DataFields and Lead.Get.
func TestDataField(t *testing.T) {
	l := &Lead{}
	for i, f := range DataFields {
		l.Set(f, "value "+f+string(rune('a'+i)))
	}
	for want, f := range DataFields {
		i, p := l.DataField(f)
		if i != want || p == nil || *p != l.Get(f) {
			t.Errorf("DataField(%q) = %d, %v; want %d, %q", f, i, p, want, l.Get(f))
		}
	}
	for _, f := range []string{FieldID, FieldCreatedAt, FieldStatus, FieldStage, "Spalte 1", ""} {
		if i, p := l.DataField(f); i != -1 || p != nil {
			t.Errorf("DataField(%q) = %d, %v: a data field", f, i, p)
		}
	}
}

// TestMergeKeepsOwnAddress: a row that writes from one of the lead's
// other addresses (an E-mail 2 column) brings no new address: the lead
// keeps its own; any other new address wins as always.
func TestMergeKeepsOwnAddress(t *testing.T) {
	at := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	base := func() *Lead {
		return &Lead{Email: "sarah.mcdonald@highland-trading.co.uk",
			Custom:      map[string]string{"E-mail 2 Address": "Sarah <Sarah.McD@gmail.com>", "Notes": "sarah.mcd@gmail.com wrote"},
			EmailFields: []string{"E-mail 2 Address"}}
	}
	l := base()
	if got := l.Merge(&Lead{Email: "sarah.mcd@gmail.com", City: "Glasgow"}, "imp", at); !slices.Equal(got, []string{FieldCity}) {
		t.Errorf("changed %q, want the city only", got)
	}
	if l.Email != "sarah.mcdonald@highland-trading.co.uk" {
		t.Errorf("email = %q, want the lead's own kept", l.Email)
	}
	// Not an e-mail field: a note that mentions the address is none.
	l = base()
	l.EmailFields = nil
	if got := l.Merge(&Lead{Email: "sarah.mcd@gmail.com"}, "imp", at); !slices.Equal(got, []string{FieldEmail}) {
		t.Errorf("changed %q, want the email", got)
	}
	// Part of another address is not the address.
	l = base()
	if got := l.Merge(&Lead{Email: "mcd@gmail.com"}, "imp", at); !slices.Equal(got, []string{FieldEmail}) {
		t.Errorf("changed %q, want the email", got)
	}
}
