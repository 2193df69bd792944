package store

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/leadpipe/leadpipe/crm"
)

var (
	codecAccount = &crm.Account{ID: 7, Name: "Müller GmbH & Co. KG", NameKey: "muller", LegalForm: "GmbH & Co. KG",
		TaxID: "DE123456789", Domain: "mueller.de", Street: "Hauptstraße 5", PostalCode: "10115", City: "Berlin",
		Country: "DE", Phone: "+49301234567", Verified: true, Customer: false,
		CreatedAt: time.Date(2026, 3, 2, 9, 30, 0, 123, time.UTC), UpdatedAt: time.Date(2026, 3, 3, 10, 0, 0, 0, time.UTC),
		Leads: []crm.ID{1, 42}, History: []crm.Change{{At: time.Date(2026, 3, 3, 10, 0, 0, 0, time.UTC), By: "accounts verify", Field: "verified", Old: "false", New: "true"}, {}}}
	codecContact = &crm.Contact{ID: 3, AccountID: 7, Salutation: "Frau", AcademicTitle: "Dr.", FirstName: "Małgorzata",
		LastName: "Wójcik", Title: "CEO", Email: "m.wojcik@example.pl", Phone: "+48221234567", Mobile: "+48601234567",
		Street: "ul. Długa 5", PostalCode: "00-238", City: "Warszawa", Country: "PL", Source: "targi",
		CreatedAt: time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC), Leads: []crm.ID{42}}
	codecContactExt  = func() *crm.Contact { c := *codecContact; c.PhoneExt = "12"; return &c }()
	codecOpportunity = &crm.Opportunity{ID: 9, AccountID: 7, ContactID: 3, LeadID: 42, Name: "Müller – Messe", Amount: "-1200.50",
		Currency: "EUR", Stage: "Qualification", CloseDate: "2026-06-01", Source: "messe", Won: false, PendingVerification: true,
		CreatedAt: time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)}
)

// TestObjectCodec: each object round-trips through the binary codec and,
// as stores written before it hold, through JSON; every truncation and a
// trailing byte fail cleanly.
func TestObjectCodec(t *testing.T) {
	for _, tc := range []struct {
		in  any
		enc []byte
		out func() any
	}{
		{codecAccount, appendAccount(nil, codecAccount), func() any { return &crm.Account{} }},
		{codecContact, appendContact(nil, codecContact), func() any { return &crm.Contact{} }},
		{codecOpportunity, appendOpportunity(nil, codecOpportunity), func() any { return &crm.Opportunity{} }},
		{&crm.Account{ID: 1}, appendAccount(nil, &crm.Account{ID: 1}), func() any { return &crm.Account{} }},
		{codecContactExt, appendContact(nil, codecContactExt), func() any { return &crm.Contact{} }},
	} {
		got := tc.out()
		if err := decodeObject(tc.enc, got); err != nil || !reflect.DeepEqual(got, tc.in) {
			t.Errorf("binary round trip of %T: %+v, %v\nwant %+v", tc.in, got, err, tc.in)
		}
		js, err := json.Marshal(tc.in)
		if err != nil {
			t.Fatal(err)
		}
		got = tc.out()
		if err := decodeObject(js, got); err != nil || !reflect.DeepEqual(got, tc.in) {
			t.Errorf("JSON (older stores) of %T: %+v, %v", tc.in, got, err)
		}
		for n := range len(tc.enc) {
			if err := decodeObject(tc.enc[:n], tc.out()); err == nil {
				t.Errorf("%T truncated to %d of %d bytes: no error", tc.in, n, len(tc.enc))
			}
		}
		if err := decodeObject(append(tc.enc, 0), tc.out()); err == nil {
			t.Errorf("%T with a trailing byte: no error", tc.in)
		}
	}
}

// FuzzDecodeObject: arbitrary bytes decode to an object or an error, never
// a panic; what decodes encodes to bytes that decode to the same object.
// Run: go test ./store -run '^$' -fuzz FuzzDecodeObject -fuzztime 60s
func FuzzDecodeObject(f *testing.F) {
	f.Add(appendAccount(nil, codecAccount), byte(0))
	f.Add(appendContact(nil, codecContact), byte(1))
	f.Add(appendOpportunity(nil, codecOpportunity), byte(2))
	f.Add(appendContact(nil, codecContactExt), byte(1))
	f.Add([]byte(`{"id":"A0000001","name":"x"}`), byte(0))
	f.Add([]byte{objCodecV1}, byte(1))
	f.Fuzz(func(t *testing.T, data []byte, kind byte) {
		switch kind % 3 {
		case 0:
			var a crm.Account
			if decodeObject(data, &a) == nil && data[0] == objCodecV1 {
				var b crm.Account
				if err := decodeObject(appendAccount(nil, &a), &b); err != nil || !reflect.DeepEqual(a, b) {
					t.Fatalf("account %+v does not round-trip: %v", a, err)
				}
			}
		case 1:
			var c crm.Contact
			if decodeObject(data, &c) == nil && (data[0] == objCodecV1 || data[0] == objCodecV2) {
				var d crm.Contact
				if err := decodeObject(appendContact(nil, &c), &d); err != nil || !reflect.DeepEqual(c, d) {
					t.Fatalf("contact %+v does not round-trip: %v", c, err)
				}
			}
		default:
			var o crm.Opportunity
			if decodeObject(data, &o) == nil && data[0] == objCodecV1 {
				var p crm.Opportunity
				if err := decodeObject(appendOpportunity(nil, &o), &p); err != nil || !reflect.DeepEqual(o, p) {
					t.Fatalf("opportunity %+v does not round-trip: %v", o, err)
				}
			}
		}
	})
}

// TestObjectCodecVersions: a contact without an extension is written in
// v1, as before, so stores without extensions stay readable by older
// versions; v2 is a contact's version only.
func TestObjectCodecVersions(t *testing.T) {
	if v := appendContact(nil, codecContact)[0]; v != objCodecV1 {
		t.Errorf("contact without extension in version %d, want %d", v, objCodecV1)
	}
	enc := appendContact(nil, codecContactExt)
	if enc[0] != objCodecV2 {
		t.Errorf("contact with extension in version %d, want %d", enc[0], objCodecV2)
	}
	acc := appendAccount(nil, codecAccount)
	acc[0] = objCodecV2
	if err := decodeObject(acc, &crm.Account{}); err == nil {
		t.Error("an account in version 2 decoded")
	}
}
