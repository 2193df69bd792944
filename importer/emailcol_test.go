package importer

import (
	"strings"
	"testing"
)

func TestEmailColumn(t *testing.T) {
	tests := []struct {
		name string
		want bool
	}{
		{"E-mail 2 Address", true}, // Outlook
		{"E-mail 3 Address", true}, // Outlook
		{"E-mail 2 - Value", true}, // Google Contacts
		{"emailaddress2", true},    // Dynamics
		{"Secondary Email", true},  // Thunderbird
		{"hs_additional_emails", true},
		{"Additional email addresses", true}, // HubSpot's label
		{"E-Mail 2", true},                   // German
		{"E-mail 1 - Value (more)", true},    // an e-mail cell's further addresses
		{"Email (2)", true},                  // a repeated header
		{"email (2)", true},                  // a repeated core field name
		{"E-mail Address (2)", true},
		{"E-Mail (Assistenz)", false}, // an assistant's address: not the person's
		{"Notes", false},
		{"Notes (2)", false},
		{"Phone 2", false},
		{"E-mail 1 - Label", false},
		{"Column 7", false},
		{"", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := EmailColumn(tt.name); got != tt.want {
				t.Errorf("EmailColumn(%q) = %v, want %v", tt.name, got, tt.want)
			}
		})
	}
}

// TestEmailColumnDictionaries: every header a dictionary knows is an
// e-mail column by its name alone exactly when its dictionary maps it to
// the e-mail field; a header that is e-mail in one dictionary and another
// field in another would make the answer depend on the file.
func TestEmailColumnDictionaries(t *testing.T) {
	for _, tb := range dictTables {
		for _, d := range tb.exact {
			if d.target == tIgnore {
				continue
			}
			if got, want := EmailColumn(d.header), d.target == tEmail; got != want {
				t.Errorf("%s: EmailColumn(%q) = %v, but the dictionary maps it to %v", tb.name, d.header, got, d.target)
			}
		}
	}
}

// TestEmailColumnBuild: the custom fields Build names among a lead's
// e-mail fields are the e-mail columns by name, and no other custom field
// is one.
func TestEmailColumnBuild(t *testing.T) {
	for _, tt := range []struct{ header, row string }{
		{"First Name,Last Name,E-mail Address,E-mail 2 Address,E-mail 3 Address,Notes",
			"Sarah,McDonald,sarah@highland.co.uk,sarah.mcd@gmail.com,s.mcd@outlook.com,met in Leeds"},
		{"Given Name,Family Name,E-mail 1 - Value,E-mail 2 - Value,E-mail 1 - Label",
			"Anna,Nowak,anna.nowak@transpol.pl ::: anka@wp.pl,a.nowak@gmail.com,* Work"},
		{"firstname,lastname,email,hs_additional_emails", "Jan,Kowalski,jan@kowalski.pl,jk@o2.pl jan.k@wp.pl"},
		{"First Name,Last Name,Email,Email,E-Mail (Assistenz)", "Jürgen,Müller,jm@mueller.de,juergen@gmx.de,office@mueller.de"},
	} {
		b, h := testBuilder(t, tt.header, BuildOptions{Now: fixedNow})
		l, err := b.Build(rec(t, h, tt.row))
		if err != nil {
			t.Fatal(err)
		}
		named := map[string]bool{}
		for _, f := range l.EmailFields {
			named[f] = true
		}
		if len(named) == 0 {
			t.Errorf("%s: no e-mail fields named", tt.header)
		}
		for name := range l.Custom {
			if got := EmailColumn(name); got != named[name] {
				t.Errorf("%s: custom field %q: EmailColumn = %v, named by Build: %v", strings.SplitN(tt.header, ",", 2)[0], name, got, named[name])
			}
		}
	}
}
