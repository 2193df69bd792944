package dedupe

import "testing"

// A second, independent judgement set (rev47), built like realistic46
// (buildReal, realDecide, runRealCases) from new pairs: first the places
// where the rules changed for realistic46 meet data they were not made
// from (postal codes with and without a country in CH/AT/GB/NL formats,
// the two forms of a Polish surname and a woman's name written
// uninflected abroad, two forms of one given name at one home, addresses
// that differ as the names do, a first name's onset, other e-mail
// columns), then the everyday duplicates of web forms, badge scans and
// CRM exports, and pairs that are clearly two people. The expectations
// are a careful human's; `known` says what the matcher does instead, and
// why, from its explanation.

func TestRealistic47(t *testing.T) {
	runRealCases(t, realistic47Cases)
}

var realistic47Cases = []realCase{
	// ---------------------------------------------------------------
	// Postal codes with and without a country.
	// ---------------------------------------------------------------
	{
		name: "CH: 8004 from a list without country vs CH-8004, same private person",
		a:    realRow{"region", "CH", "first_name", "Beat", "last_name", "Brunner", "street", "Badenerstrasse 120", "postal_code", "8004", "city", "Zürich"},
		b:    realRow{"region", "CH", "first_name", "Beat", "last_name", "Brunner", "street", "Badenerstr. 120", "postal_code", "CH-8004", "city", "Zürich", "email", "beat.brunner@bluewin.ch"},
		want: Merge,
		why:  "same name at the same house; CH- is the country written in front",
	},
	{
		name: "AT 1010 Wien vs 1010 Lausanne from a list without country, namesakes",
		a:    realRow{"region", "AT", "first_name", "Martin", "last_name", "Huber", "street", "Kärntner Straße 12", "postal_code", "1010", "city", "Wien", "country", "AT"},
		b:    realRow{"region", "CH", "first_name", "Martin", "last_name", "Huber", "street", "Rue de Bourg 8", "postal_code", "1010", "city", "Lausanne"},
		want: New,
		why:  "1010 is Vienna's first district and a Lausanne quarter; other street, other town, other country",
	},
	{
		name: "GB: web form postcode sw1p4qp vs CRM SW1P 4QP with country, same house",
		a:    realRow{"region", "GB", "first_name", "Oliver", "last_name", "Bennett", "street", "14 Horseferry Road", "postal_code", "SW1P 4QP", "city", "London", "country", "GB"},
		b:    realRow{"region", "GB", "first_name", "Oliver", "last_name", "Bennett", "street", "14 Horseferry Rd", "postal_code", "sw1p4qp", "city", "London"},
		want: Merge,
		why:  "the same postcode typed without space and capitals; same name at the same house",
	},
	{
		name: "NL: 1012AB without country vs 1012 AB, same name at the same B.V.",
		a:    realRow{"region", "NL", "first_name", "Pieter", "last_name", "de Vries", "company", "Jansen Logistiek B.V.", "postal_code", "1012AB", "city", "Amsterdam"},
		b:    realRow{"region", "NL", "first_name", "Pieter", "last_name", "de Vries", "company", "Jansen Logistiek BV", "postal_code", "1012 AB", "city", "Amsterdam", "country", "NL"},
		want: Merge,
		why:  "one postal code written two ways; same name at the same firm",
	},
	{
		name: "PL: 31-019 without country vs PL 31-019, Kraków, same firm",
		a:    realRow{"region", "PL", "first_name", "Tomasz", "last_name", "Mazur", "company", "Mazur Instalacje Sp. z o.o.", "postal_code", "31-019", "city", "Kraków"},
		b:    realRow{"region", "PL", "first_name", "Tomasz", "last_name", "Mazur", "company", "MAZUR INSTALACJE SP. Z O.O.", "postal_code", "31-019", "city", "Krakow", "country", "PL"},
		want: Merge,
		why:  "same name, firm and postal code; the country column is missing in one export",
	},

	// ---------------------------------------------------------------
	// Polish surnames: male and female form.
	// ---------------------------------------------------------------
	{
		name: "Magdalena Wiśniewski (German records) vs Magdalena Wiśniewska, same mobile",
		a:    realRow{"first_name", "Magdalena", "last_name", "Wiśniewski", "company", "Klinikum Görlitz", "mobile", "0152 28765432"},
		b:    realRow{"region", "PL", "first_name", "Magdalena", "last_name", "Wiśniewska", "mobile", "+49 152 28765432", "email", "magda.wisniewska@wp.pl"},
		want: Merge,
		why:  "a woman's surname written uninflected in Germany; same first name and mobile",
	},
	{
		name: "Frau Karin Nowicki vs Karin Nowicka, same mobile",
		a:    realRow{"salutation", "Frau", "first_name", "Karin", "last_name", "Nowicki", "company", "Nowicki Reisen GmbH", "mobile", "0170 5512345", "city", "Frankfurt (Oder)"},
		b:    realRow{"region", "PL", "first_name", "Karin", "last_name", "Nowicka", "mobile", "+49 170 5512345", "city", "Frankfurt (Oder)"},
		want: Merge,
		why:  "Karin is a woman's name; the surname uninflected in the German record, same mobile",
	},
	{
		name: "Pani Beatrycze Nowicka vs Beatrycze Nowicki (fair abroad), same e-mail",
		a:    realRow{"region", "PL", "salutation", "Pani", "first_name", "Beatrycze", "last_name", "Nowicka", "email", "beatrycze.nowicka@onet.pl"},
		b:    realRow{"first_name", "Beatrycze", "last_name", "Nowicki", "email", "beatrycze.nowicka@onet.pl"},
		want: Merge,
		why:  "the same personal mailbox; Beatrycze is a Polish woman's name without -a",
	},
	{
		name: "K. Nowicki vs K. Nowicka, one address k.nowicka@ at the firm",
		a:    realRow{"region", "PL", "first_name", "K.", "last_name", "Nowicki", "company", "Budimex S.A.", "email", "k.nowicka@budimex.pl"},
		b:    realRow{"region", "PL", "first_name", "K.", "last_name", "Nowicka", "company", "Budimex SA", "email", "k.nowicka@budimex.pl"},
		want: Merge,
		why:  "one personal mailbox; the -ki is a slip, the address says -ka",
	},
	{
		name: "Petr Novotný / Petra Novotná at one Czech firm, one number",
		a:    realRow{"region", "CZ", "first_name", "Petr", "last_name", "Novotný", "company", "Novotný Stavby s.r.o.", "phone", "+420 222 333 444", "postal_code", "110 00", "country", "CZ"},
		b:    realRow{"region", "CZ", "first_name", "Petra", "last_name", "Novotná", "company", "Novotný Stavby s.r.o.", "phone", "+420 222 333 444", "postal_code", "110 00", "country", "CZ"},
		want: New,
		why:  "Petr and Petra, -ý and -á: husband and wife (or father and daughter) in the family firm",
	},

	// ---------------------------------------------------------------
	// Two forms of one given name at one home.
	// ---------------------------------------------------------------
	{
		name: "Alex vs Alexander Berger at one house, same mobile",
		a:    realRow{"first_name", "Alex", "last_name", "Berger", "street", "Gartenstraße 5", "postal_code", "79098", "city", "Freiburg", "mobile", "0176 44455566"},
		b:    realRow{"first_name", "Alexander", "last_name", "Berger", "street", "Gartenstr. 5", "postal_code", "79098", "city", "Freiburg", "mobile", "+49 176 44455566"},
		want: Merge,
		why:  "a mobile is one person's, unlike a landline; Alex is Alexander",
	},
	{
		name: "Kuba vs Jakub Wójcik at one flat, same mobile",
		a:    realRow{"region", "PL", "first_name", "Kuba", "last_name", "Wójcik", "street", "ul. Mokotowska 12/4", "postal_code", "00-640", "city", "Warszawa", "mobile", "+48 512 345 678"},
		b:    realRow{"region", "PL", "first_name", "Jakub", "last_name", "Wojcik", "street", "Mokotowska 12 m. 4", "postal_code", "00-640", "city", "Warszawa", "mobile", "512 345 678"},
		want: Merge,
		why:  "Kuba is what every Jakub is called; one mobile",
	},
	{
		name: "Max and Maximilian Hoffmann at one house, one landline",
		a:    realRow{"first_name", "Max", "last_name", "Hoffmann", "street", "Lindenweg 3", "postal_code", "34117", "city", "Kassel", "phone", "0561 7654321"},
		b:    realRow{"first_name", "Maximilian", "last_name", "Hoffmann", "street", "Lindenweg 3", "postal_code", "34117", "city", "Kassel", "phone", "+49 561 7654321"},
		want: Review,
		why:  "Max may be Maximilian, or his son: a home's landline is the family's",
	},
	{
		name:  "Jan and Janneke de Vries at one house, one landline",
		a:     realRow{"region", "NL", "first_name", "Jan", "last_name", "de Vries", "street", "Prinsengracht 263", "postal_code", "1016 GV", "city", "Amsterdam", "country", "NL", "phone", "020 555 1234"},
		b:     realRow{"region", "NL", "first_name", "Janneke", "last_name", "de Vries", "street", "Prinsengracht 263", "postal_code", "1016 GV", "city", "Amsterdam", "country", "NL", "phone", "+31 20 555 1234"},
		want:  New,
		why:   "Janneke is a woman's name, not a form of Jan: husband and wife",
		known: "got review at 17 (was merge before 5367598): Jan starts Janneke, so they count as two forms of one given name at one home and are flagged, not told apart as a man and a woman",
	},
	{
		name: "Marc and Marcel Weber at one house, one landline",
		a:    realRow{"first_name", "Marc", "last_name", "Weber", "street", "Ahornweg 7", "postal_code", "53117", "city", "Bonn", "phone", "0228 3344556"},
		b:    realRow{"first_name", "Marcel", "last_name", "Weber", "street", "Ahornweg 7", "postal_code", "53117", "city", "Bonn", "phone", "+49 228 3344556"},
		want: Review,
		why:  "Marc and Marcel are two names a father and son may bear; at one home only a human can tell",
	},
	{
		name: "Janusz and Jan Kowalczyk in their family firm, one office number",
		a:    realRow{"region", "PL", "first_name", "Janusz", "last_name", "Kowalczyk", "company", "Kowalczyk Transport", "phone", "+48 61 852 44 55", "postal_code", "60-101", "city", "Poznań"},
		b:    realRow{"region", "PL", "first_name", "Jan", "last_name", "Kowalczyk", "company", "Kowalczyk Transport", "phone", "61 852 44 55", "postal_code", "60-101", "city", "Poznań"},
		want: Review,
		why:  "father Janusz and son Jan run Polish family firms as often as one man writes his name two ways",
	},

	// ---------------------------------------------------------------
	// Addresses that differ as the names do; one domain.
	// ---------------------------------------------------------------
	{
		name:  "Martin Müller / Martin Möller at one firm, m.mueller@ and m.moeller@",
		a:     realRow{"first_name", "Martin", "last_name", "Müller", "company", "Bosch Rexroth AG", "email", "m.mueller@boschrexroth.de", "city", "Lohr am Main"},
		b:     realRow{"first_name", "Martin", "last_name", "Möller", "company", "Bosch Rexroth AG", "email", "m.moeller@boschrexroth.de", "city", "Lohr am Main"},
		want:  New,
		why:   "Müller and Möller are two surnames, each with its own mailbox at one firm",
		known: "got review at 12 (merge before 9159eef): the addresses differ as the names do at one company domain, so VetoMirroredAddresses flags the pair from review_at; it does not tell two colleagues from a name mistyped into its address",
	},
	{
		name:  "Anna and Hanna Nowak at one firm, anna.nowak@ and hanna.nowak@",
		a:     realRow{"region", "PL", "first_name", "Anna", "last_name", "Nowak", "company", "Orlen S.A.", "email", "anna.nowak@orlen.pl", "city", "Płock"},
		b:     realRow{"region", "PL", "first_name", "Hanna", "last_name", "Nowak", "company", "Orlen S.A.", "email", "hanna.nowak@orlen.pl", "city", "Płock"},
		want:  New,
		why:   "two given names, two mailboxes at one employer",
		known: "got review at 13.5 (merge before 9159eef): Hanna is a listed nickname of Anna (+2.5), and the addresses differ as the names do at one company domain, so VetoMirroredAddresses flags the pair from review_at rather than keeping it apart",
	},
	{
		name: "Jörg Schäfer: joerg.schaefer@ vs jorg.schafer@ typed on a fair's tablet",
		a:    realRow{"first_name", "Jörg", "last_name", "Schäfer", "company", "Schäfer Kältetechnik GmbH", "email", "joerg.schaefer@schaefer-kaelte.de", "postal_code", "45127", "city", "Essen"},
		b:    realRow{"first_name", "Jorg", "last_name", "Schafer", "company", "Schäfer Kältetechnik", "email", "jorg.schafer@schaefer-kaelte.de", "postal_code", "45127"},
		want: Merge,
		why:  "umlauts dropped in name and address alike; same firm and postal code",
	},
	{
		name: "e-mail one letter transposed at one firm, same name and postal code",
		a:    realRow{"first_name", "Sabine", "last_name", "Lorenz", "company", "Lorenz Druck GmbH", "email", "sabine.lorenz@lorenz-druck.de", "postal_code", "04109", "city", "Leipzig"},
		b:    realRow{"first_name", "Sabine", "last_name", "Lorenz", "company", "Lorenz Druck", "email", "sabine.lroenz@lorenz-druck.de", "postal_code", "04109"},
		want: Merge,
		why:  "a typing slip in the web form; name, firm and place agree",
	},

	// ---------------------------------------------------------------
	// A first name's onset.
	// ---------------------------------------------------------------
	{
		name:  "Jewgeni (German papers) vs Evgeny (English badge) Schmidt, same mobile",
		a:     realRow{"first_name", "Jewgeni", "last_name", "Schmidt", "mobile", "0157 31234567", "city", "Bielefeld"},
		b:     realRow{"first_name", "Evgeny", "last_name", "Schmidt", "company", "Gazprom Germania GmbH", "mobile", "+49 157 31234567"},
		want:  Merge,
		why:   "one Russian name in German and English transliteration; one mobile",
		known: "got review at 12 (first-name veto): j and e are two onsets; taking je for e (tried in d702cf0) made Jens and Enzo sound alike",
	},
	{
		name: "Juri Iwanow vs Yuri Ivanov, same mobile",
		a:    realRow{"first_name", "Juri", "last_name", "Iwanow", "mobile", "0151 22233344"},
		b:    realRow{"first_name", "Yuri", "last_name", "Ivanov", "mobile", "+49 151 22233344", "email", "yuri.ivanov@gmail.com"},
		want: Merge,
		why:  "German and English transliteration of one name; one mobile",
	},
	{
		name: "Filip vs Philipp Nowak, same mobile",
		a:    realRow{"region", "PL", "first_name", "Filip", "last_name", "Nowak", "mobile", "+48 600 700 800"},
		b:    realRow{"first_name", "Philipp", "last_name", "Nowak", "company", "Nowak IT GmbH", "mobile", "0048 600 700 800"},
		want: Merge,
		why:  "Polish and German spelling of one name; one mobile",
	},
	{
		name: "Catherine vs Kathryn Hughes, same mobile",
		a:    realRow{"region", "GB", "first_name", "Catherine", "last_name", "Hughes", "mobile", "07911 123456", "city", "Cardiff"},
		b:    realRow{"region", "GB", "first_name", "Kathryn", "last_name", "Hughes", "company", "Hughes & Co Ltd", "mobile", "+44 7911 123456"},
		want: Merge,
		why:  "the badge scanner's spelling of her name; one mobile",
	},
	{
		name:  "sisters Jana and Anna Nowak at one flat, one landline",
		a:     realRow{"region", "PL", "first_name", "Jana", "last_name", "Nowak", "street", "ul. Lipowa 8/3", "postal_code", "20-020", "city", "Lublin", "phone", "81 532 11 22"},
		b:     realRow{"region", "PL", "first_name", "Anna", "last_name", "Nowak", "street", "ul. Lipowa 8 m. 3", "postal_code", "20-020", "city", "Lublin", "phone", "+48 81 532 11 22"},
		want:  New,
		why:   "Jana and Anna are two names: two women of one household",
		known: "got merge at 24 (30.5 before 3447886): Jana/Anna now disagree (-4) but are two edits apart, not \"another name\", so no guard; landline +10 and private address +9",
	},

	// ---------------------------------------------------------------
	// Other e-mail columns.
	// ---------------------------------------------------------------
	{
		name: "Outlook contact with private E-mail 2 vs web form with that address",
		a:    realRow{"first_name", "Ralf", "last_name", "Kühn", "company", "Kühn Elektrotechnik GmbH", "email", "r.kuehn@kuehn-elektro.de", "email2", "ralf.kuehn@gmx.de", "postal_code", "30159"},
		b:    realRow{"first_name", "Ralf", "last_name", "Kuehn", "email", "Ralf.Kuehn@gmx.de", "city", "Hannover"},
		want: Merge,
		why:  "his private address is in the contact's second e-mail column",
	},
	{
		name:  "Hans-Joachim vs Hajo Schneider, private hajo.schneider@ as E-mail 2",
		a:     realRow{"first_name", "Hans-Joachim", "last_name", "Schneider", "company", "Schneider Fenster GmbH", "email", "h.schneider@schneider-fenster.de", "email2", "hajo.schneider@t-online.de"},
		b:     realRow{"first_name", "Hajo", "last_name", "Schneider", "email", "hajo.schneider@t-online.de"},
		want:  Merge,
		why:   "Hajo is the usual short form of Hans-Joachim, and the private mailbox is named so",
		known: "got review (first-name veto): an other address named after the last name lifts no guard, since a spouse's looks the same (tried in 61b38f9, review48)",
	},
	{
		name: "two managers list their assistant's address as E-mail 2",
		a:    realRow{"first_name", "Thomas", "last_name", "Brandt", "company", "Lindner Bau GmbH", "email", "t.brandt@lindner-bau.de", "email2", "m.krause@lindner-bau.de", "postal_code", "93047"},
		b:    realRow{"first_name", "Stefan", "last_name", "Lehmann", "company", "Lindner Bau GmbH", "email", "s.lehmann@lindner-bau.de", "email2", "m.krause@lindner-bau.de", "postal_code", "93047"},
		want: New,
		why:  "two people; the shared address is Ms Krause's",
	},

	// ---------------------------------------------------------------
	// Male and female forms of a given name; names a letter apart.
	// ---------------------------------------------------------------
	{
		name: "Manuel and Manuela Schäfer at one firm, switchboard",
		a:    realRow{"first_name", "Manuel", "last_name", "Schäfer", "company", "Schäfer Gartenbau GmbH", "phone", "06221 4455-0", "postal_code", "69115"},
		b:    realRow{"first_name", "Manuela", "last_name", "Schäfer", "company", "Schäfer Gartenbau GmbH", "phone", "06221 4455-0", "postal_code", "69115"},
		want: New,
		why:  "male and female form: brother and sister in the family firm",
	},
	{
		name:  "Patrick and Patricia Murphy at one firm, one office number",
		a:     realRow{"region", "GB", "first_name", "Patrick", "last_name", "Murphy", "company", "Murphy Builders Ltd", "phone", "0161 496 0000", "postal_code", "M1 1AE", "country", "GB"},
		b:     realRow{"region", "GB", "first_name", "Patricia", "last_name", "Murphy", "company", "Murphy Builders Limited", "phone", "+44 161 496 0000", "postal_code", "M1 1AE", "country", "GB"},
		want:  New,
		why:   "a man and a woman of one family firm",
		known: "got review at 19 (was merge at 25.5): Patrick and Patricia are a listed male and female form now, vetoed by the first-name guard; over merge_at, so flagged",
	},
	{
		name:  "Michel and Michèle Dupont behind the firm's contact@ address",
		a:     realRow{"region", "FR", "first_name", "Michel", "last_name", "Dupont", "company", "Dupont Emballages SARL", "email", "contact@dupont-emballages.fr", "postal_code", "69002", "country", "FR"},
		b:     realRow{"region", "FR", "first_name", "Michèle", "last_name", "Dupont", "company", "Dupont Emballages S.A.R.L.", "email", "contact@dupont-emballages.fr", "postal_code", "69002", "country", "FR"},
		want:  New,
		why:   "Michel and Michèle: husband and wife behind the firm's contact address",
		known: "got review at 13 (was merge at 19.5): Michel is a listed male name now, so Michèle is his female form and the first-name guard vetoes; over merge_at, so flagged",
	},
	{
		name:  "sisters Lena and Lea Fischer at one house, one landline",
		a:     realRow{"first_name", "Lena", "last_name", "Fischer", "street", "Birkenweg 9", "postal_code", "24103", "city", "Kiel", "phone", "0431 998877"},
		b:     realRow{"first_name", "Lea", "last_name", "Fischer", "street", "Birkenweg 9", "postal_code", "24103", "city", "Kiel", "phone", "+49 431 998877"},
		want:  Review,
		why:   "Lena and Lea are two common names, a letter apart: sisters at their parents' home or a slip; look",
		known: "got merge at 30.5: Lena/Lea are close by Jaro-Winkler (0.93, +2.5), and names one letter apart are never two names to the guard; landline +10, private address +9",
	},

	// ---------------------------------------------------------------
	// Flats and houses.
	// ---------------------------------------------------------------
	{
		name: "ul. Długa 5 lok. 7 vs Długa 5/7, same name",
		a:    realRow{"region", "PL", "first_name", "Ewa", "last_name", "Lis", "street", "ul. Długa 5 lok. 7", "postal_code", "00-238", "city", "Warszawa"},
		b:    realRow{"region", "PL", "first_name", "Ewa", "last_name", "Lis", "street", "Długa 5/7", "postal_code", "00-238", "city", "Warszawa", "country", "PL"},
		want: Merge,
		why:  "lok. 7 and /7 are one flat",
	},
	{
		name: "Vienna: Mariahilfer Straße 10/3/15 vs Mariahilfer Str. 10/3/15",
		a:    realRow{"region", "AT", "first_name", "Sandra", "last_name", "Pichler", "street", "Mariahilfer Straße 10/3/15", "postal_code", "1060", "city", "Wien", "country", "AT"},
		b:    realRow{"region", "AT", "first_name", "Sandra", "last_name", "Pichler", "street", "Mariahilfer Str. 10/3/15", "postal_code", "A-1060", "city", "Wien"},
		want: Merge,
		why:  "same flat (house/stair/door) in two spellings",
	},
	{
		name: "two flats in one block: Anna Nowak 5/7 vs Anna Nowak 5/12",
		a:    realRow{"region", "PL", "first_name", "Anna", "last_name", "Nowak", "street", "ul. Grochowska 5/7", "postal_code", "04-186", "city", "Warszawa"},
		b:    realRow{"region", "PL", "first_name", "Anna", "last_name", "Nowak", "street", "ul. Grochowska 5/12", "postal_code", "04-186", "city", "Warszawa"},
		want: Review,
		why:  "the commonest Polish name in two flats of one block: a typo or two neighbours",
	},
	{
		name: "Hauptstr. 5, 2. OG vs Hauptstraße 5, same private person",
		a:    realRow{"first_name", "Günther", "last_name", "Groß", "street", "Hauptstr. 5, 2. OG", "postal_code", "97070", "city", "Würzburg"},
		b:    realRow{"first_name", "Gunther", "last_name", "Gross", "street", "Hauptstraße 5", "postal_code", "97070", "city", "Wuerzburg"},
		want: Merge,
		why:  "the floor added; umlaut and ß dropped; same house",
	},

	// ---------------------------------------------------------------
	// Everyday duplicates of web form, badge scan and CRM export.
	// ---------------------------------------------------------------
	{
		name: "web form vs badge scan vs CRM: Dr. title, job title and e-mail case",
		a:    realRow{"academic_title", "Dr.", "first_name", "Claudia", "last_name", "Roth", "company", "Evonik Industries AG", "title", "Leiterin Einkauf", "email", "claudia.roth@evonik.com", "phone", "0201 177-3344"},
		b:    realRow{"first_name", "CLAUDIA", "last_name", "ROTH", "company", "EVONIK", "title", "Head of Procurement", "email", "Claudia.Roth@Evonik.com"},
		want: Merge,
		why:  "same mailbox; the title changed and the scanner writes in capitals",
	},
	{
		name: "job change inside the firm: same e-mail, new phone and site",
		a:    realRow{"first_name", "Markus", "last_name", "Lange", "company", "ZF Friedrichshafen AG", "title", "Einkäufer", "email", "markus.lange@zf.com", "phone", "07541 77-1234", "postal_code", "88046", "city", "Friedrichshafen"},
		b:    realRow{"first_name", "Markus", "last_name", "Lange", "company", "ZF Friedrichshafen AG", "title", "Teamleiter Einkauf", "email", "markus.lange@zf.com", "phone", "0911 2345-678", "postal_code", "90441", "city", "Nürnberg"},
		want: Merge,
		why:  "one mailbox; moved to another site with a promotion",
	},
	{
		name: "Aktiengesellschaft spelt out vs AG, same direct line",
		a:    realRow{"first_name", "Holger", "last_name", "Franke", "company", "Krones Aktiengesellschaft", "phone", "09401 70-2345", "postal_code", "93073", "city", "Neutraubling"},
		b:    realRow{"first_name", "Holger", "last_name", "Franke", "company", "Krones AG", "phone", "+49 9401 702345"},
		want: Merge,
		why:  "legal form spelt out; same name, firm and direct dial",
	},
	{
		name: "Swiss mobile 079 vs +41 79, AG vs without legal form",
		a:    realRow{"region", "CH", "first_name", "Corinne", "last_name", "Meier", "company", "Meier Treuhand AG", "mobile", "079 123 45 67"},
		b:    realRow{"region", "CH", "first_name", "Corinne", "last_name", "Meier", "company", "Meier Treuhand", "mobile", "+41 79 123 45 67", "postal_code", "6003", "city", "Luzern", "country", "CH"},
		want: Merge,
		why:  "one mobile in two formats; same name and firm",
	},
	{
		name: "Austrian mobile 0664 vs 0043 664, Ges.m.b.H.",
		a:    realRow{"region", "AT", "first_name", "Florian", "last_name", "Wimmer", "company", "Wimmer Holzbau Ges.m.b.H.", "mobile", "0664 1234567"},
		b:    realRow{"region", "AT", "first_name", "Florian", "last_name", "Wimmer", "company", "Wimmer Holzbau GmbH", "mobile", "0043 664 1234567", "city", "Linz"},
		want: Merge,
		why:  "one mobile; the legal form written two ways",
	},
	{
		name: "Dutch mobile 06- vs +31 6, B.V.",
		a:    realRow{"region", "NL", "first_name", "Sanne", "last_name", "Bakker", "company", "Bakker Installatietechniek B.V.", "mobile", "06-12345678"},
		b:    realRow{"region", "NL", "first_name", "Sanne", "last_name", "Bakker", "company", "Bakker Installatietechniek", "mobile", "+31 6 12345678", "email", "sanne@bakker-installatie.nl"},
		want: Merge,
		why:  "one mobile; same name and firm",
	},
	{
		name: "Gmail address with and without the dot",
		a:    realRow{"first_name", "Laura", "last_name", "Engel", "email", "laura.engel@gmail.com", "city", "Mainz"},
		b:    realRow{"first_name", "Laura", "last_name", "Engel", "email", "lauraengel@gmail.com", "city", "Mainz"},
		want: Merge,
		why:  "Gmail ignores dots: one mailbox; same name and town",
	},
	{
		name: "Hans-Peter Vogt (CRM) vs Peter Vogt (badge), same e-mail",
		a:    realRow{"first_name", "Hans-Peter", "last_name", "Vogt", "company", "Vogt Metallbau GmbH", "email", "hp.vogt@vogt-metallbau.de"},
		b:    realRow{"first_name", "Peter", "last_name", "Vogt", "company", "Vogt Metallbau", "email", "hp.vogt@vogt-metallbau.de"},
		want: Merge,
		why:  "same mailbox; the badge prints the call name only",
	},
	{
		name: "Anna Schmidt-Hansen vs Anna Schmidt, same mobile and firm",
		a:    realRow{"first_name", "Anna", "last_name", "Schmidt-Hansen", "company", "Nordsee Logistik GmbH", "mobile", "0160 7654321"},
		b:    realRow{"first_name", "Anna", "last_name", "Schmidt", "company", "Nordsee Logistik", "mobile", "+49 160 7654321"},
		want: Merge,
		why:  "the double name shortened on one side; same mobile and firm",
	},
	{
		name: "Karl-Heinz vs Karlheinz Böhm, same direct line",
		a:    realRow{"first_name", "Karl-Heinz", "last_name", "Böhm", "company", "Böhm Sanitär GmbH", "phone", "0911 5566778"},
		b:    realRow{"first_name", "Karlheinz", "last_name", "Boehm", "company", "Böhm Sanitär", "phone", "+49 911 5566778"},
		want: Merge,
		why:  "one name with and without hyphen; same direct number",
	},

	// ---------------------------------------------------------------
	// Clearly two people.
	// ---------------------------------------------------------------
	{
		name:  "two Stefans at one firm, switchboard and address",
		a:     realRow{"first_name", "Stefan", "last_name", "Koch", "company", "Koch & Partner Steuerberater", "phone", "0621 12345-0", "street", "Augustaanlage 32", "postal_code", "68165", "city", "Mannheim"},
		b:     realRow{"first_name", "Stefan", "last_name", "Wolff", "company", "Koch & Partner Steuerberater", "phone", "0621 12345-0", "street", "Augustaanlage 32", "postal_code", "68165", "city", "Mannheim"},
		want:  New,
		why:   "one first name, two surnames: two partners of the firm",
		known: "got review at 8: first name +4, company +4, postal code +3, street +2 outweigh the other surname (-5); the switchboard counts 0",
	},
	{
		name: "namesakes Anna Kowalska in Warsaw and Kraków, own mobiles",
		a:    realRow{"region", "PL", "first_name", "Anna", "last_name", "Kowalska", "mobile", "+48 501 111 222", "postal_code", "02-495", "city", "Warszawa"},
		b:    realRow{"region", "PL", "first_name", "Anna", "last_name", "Kowalska", "mobile", "+48 601 333 444", "postal_code", "30-001", "city", "Kraków"},
		want: New,
		why:  "the commonest name in two cities with two mobiles",
	},
	{
		name: "UK namesakes David Jones, Cardiff and Swansea, own mobiles",
		a:    realRow{"region", "GB", "first_name", "David", "last_name", "Jones", "mobile", "07911 234567", "postal_code", "CF10 1EP", "city", "Cardiff", "country", "GB"},
		b:    realRow{"region", "GB", "first_name", "David", "last_name", "Jones", "mobile", "07845 123456", "postal_code", "SA1 1NW", "city", "Swansea", "country", "GB"},
		want: New,
		why:  "a very common Welsh name in two towns",
	},
	{
		name:  "husband and wife, own mobiles, one house, no salutation",
		a:     realRow{"first_name", "Thomas", "last_name", "Krämer", "street", "Rosenstraße 14", "postal_code", "86150", "city", "Augsburg", "mobile", "0171 1112223"},
		b:     realRow{"first_name", "Claudia", "last_name", "Krämer", "street", "Rosenstr. 14", "postal_code", "86150", "city", "Augsburg", "mobile", "0172 3334445"},
		want:  New,
		why:   "two given names, two mobiles at one home",
		known: "got review at 13 (first-name veto): the private address (+9) and postal code lift the vetoed pair over merge_at, so it is flagged",
	},
	{
		name: "two Polish firms with one first word, same town",
		a:    realRow{"region", "PL", "company", "Budmat Sp. z o.o.", "phone", "+48 24 366 11 22", "street", "ul. Przemysłowa 4", "postal_code", "09-400", "city", "Płock"},
		b:    realRow{"region", "PL", "company", "Budmax S.A.", "phone", "+48 24 366 77 88", "street", "ul. Zielona 19", "postal_code", "09-400", "city", "Płock"},
		want: New,
		why:  "two firms: other names, numbers and streets",
	},
}
