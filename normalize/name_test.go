package normalize

import "testing"

func TestNameCase(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"upper german", "JÜRGEN MÜLLER-LÜDENSCHEIDT", "Jürgen Müller-Lüdenscheidt"},
		{"lower", "jürgen müller", "Jürgen Müller"},
		{"mixed kept", "DeSantis", "DeSantis"},
		{"mixed van kept", "van Gogh", "van Gogh"},
		{"o'brien", "o'brien", "O'Brien"},
		{"d'angelo", "D'ANGELO", "D'Angelo"},
		{"mcdonald", "mcdonald", "McDonald"},
		{"mac stays", "MACDONALD", "Macdonald"},
		{"van der", "VAN DER BERG", "van der Berg"},
		{"de la", "de la cruz", "de la Cruz"},
		{"von der", "von der heide", "von der Heide"},
		{"particle last word", "HANS VON", "Hans Von"},
		{"single particle", "de", "De"},
		{"polish", "ŁUKASZ ŻÓŁĆ", "Łukasz Żółć"},
		{"polish lower", "małgorzata świątek-kowalska", "Małgorzata Świątek-Kowalska"},
		{"eszett upper", "STRAUSS", "Strauss"},
		{"eszett in upper", "GROß", "Groß"},
		{"initials", "J.R.R. TOLKIEN", "J.R.R. Tolkien"},
		{"cleans space", "  HANS   MEIER ", "Hans Meier"},
		{"no letters", "123", "123"},
		{"apostrophe not after one letter", "BA'ATH", "Ba'ath"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := NameCase(tt.in); got != tt.want {
				t.Errorf("NameCase(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestSalutation(t *testing.T) {
	tests := []struct {
		name, in, want string
		ok             bool
	}{
		{"herr", "Herr", "Herr", true},
		{"hr.", "Hr.", "Herr", true},
		{"herrn", "HERRN", "Herr", true},
		{"frau", "frau", "Frau", true},
		{"fr.", "Fr.", "Frau", true},
		{"mr.", "Mr.", "Mr", true},
		{"mister", "Mister", "Mr", true},
		{"mrs", "Mrs", "Mrs", true},
		{"ms.", "Ms.", "Ms", true},
		{"pan", "Pan", "Pan", true},
		{"pani", "PANI", "Pani", true},
		{"monsieur", "Monsieur", "Monsieur", true},
		{"mme", "Mme", "Madame", true},
		{"colon", "Herr:", "Herr", true},
		{"name", "Hans", "", false},
		{"empty", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := Salutation(tt.in)
			if got != tt.want || ok != tt.ok {
				t.Errorf("Salutation(%q) = %q, %v, want %q, %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestSplitPrefix(t *testing.T) {
	tests := []struct {
		name, in             string
		sal, title, restWant string
	}{
		{"dr anna", "Dr. Anna", "", "Dr.", "Anna"},
		{"herr dr", "Herr Dr. Hans", "Herr", "Dr.", "Hans"},
		{"prof dr", "Prof. Dr. Anna-Lena", "", "Prof. Dr.", "Anna-Lena"},
		{"glued", "Prof.Dr.Müller", "", "Prof. Dr.", "Müller"},
		{"dipl-ing", "Dipl.-Ing. Klaus", "", "Dipl.-Ing.", "Klaus"},
		{"dipl ing two words", "Dipl. Ing. Klaus", "", "Dipl.-Ing.", "Klaus"},
		{"dipl-ing fh", "Dipl.-Ing. (FH) Klaus", "", "Dipl.-Ing. (FH)", "Klaus"},
		{"dr med", "Dr. med. Eva", "", "Dr. med.", "Eva"},
		{"dr rer nat", "Dr. rer. nat. Eva", "", "Dr. rer. nat.", "Eva"},
		{"dr phil without dot is a name", "Dr. Phil", "", "Dr.", "Phil"},
		{"polish dr hab", "dr hab. Jan", "", "dr hab.", "Jan"},
		{"polish mgr inz", "Pan mgr inż. Piotr", "Pan", "mgr inż.", "Piotr"},
		{"polish prof dr hab", "prof. dr hab. inż. Anna", "", "prof. dr hab. inż.", "Anna"},
		{"mag", "Mag. Eva", "", "Mag.", "Eva"},
		{"none", "Anna", "", "", "Anna"},
		{"salutation only", "Frau", "Frau", "", ""},
		{"kommr", "KommR Franz", "", "KommR", "Franz"},
		{"di", "DI Franz", "", "DI", "Franz"},
		{"di particle", "DI MAIO", "", "", "DI MAIO"},
		// Without a region, a lower-case "mr." alone is the salutation
		// (an English form typed lower-case); before a title, or in
		// NL/BE data (TestSplitFullNameIn), the Dutch degree.
		{"mr lower without region", "mr. Anouk", "Mr", "", "Anouk"},
		{"mr", "Mr. Anouk", "Mr", "", "Anouk"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sal, title, rest := SplitPrefix(tt.in)
			if sal != tt.sal || title != tt.title || rest != tt.restWant {
				t.Errorf("SplitPrefix(%q) = %q, %q, %q, want %q, %q, %q", tt.in, sal, title, rest, tt.sal, tt.title, tt.restWant)
			}
		})
	}
}

func TestSplitFullName(t *testing.T) {
	tests := []struct {
		name, in string
		want     Name
	}{
		{"empty", "", Name{}},
		{"simple", "Jürgen Müller", Name{First: "Jürgen", Last: "Müller"}},
		{"department in brackets", "Jörg Schmidt (Vertrieb)", Name{First: "Jörg", Last: "Schmidt"}},
		{"nickname in brackets", "Jörg (Jo) Schmidt", Name{First: "Jörg", Last: "Schmidt"}},
		{"square brackets", "Schmidt, Jörg [GF]", Name{First: "Jörg", Last: "Schmidt"}},
		{"brackets only", "(Vertrieb)", Name{Last: "(Vertrieb)"}},
		// The school of a diploma is part of it, not a note to drop.
		{"diploma school", "Dipl.-Ing. (FH) Peter Schulz", Name{AcademicTitle: "Dipl.-Ing. (FH)", First: "Peter", Last: "Schulz"}},
		{"diploma school, last comma first", "Schulz, Dipl.-Kfm. (Univ.) Peter", Name{AcademicTitle: "Dipl.-Kfm. (Univ.)", First: "Peter", Last: "Schulz"}},
		{"diploma school and nickname", "Herr Dipl.-Ing. (FH) Jörg (Jo) Schmidt", Name{Salutation: "Herr", AcademicTitle: "Dipl.-Ing. (FH)", First: "Jörg", Last: "Schmidt"}},
		{"school without a diploma is a note", "Peter Schulz (FH)", Name{First: "Peter", Last: "Schulz"}},
		{"dr", "Dr. Jürgen Müller", Name{AcademicTitle: "Dr.", First: "Jürgen", Last: "Müller"}},
		{"last comma first", "Müller, Jürgen", Name{First: "Jürgen", Last: "Müller"}},
		{"last comma first upper", "MÜLLER, JÜRGEN", Name{First: "Jürgen", Last: "Müller"}},
		// A suffix after a comma ends the name (realistic53).
		{"suffix after comma", "William Porter, Jr.", Name{First: "William", Last: "Porter Jr."}},
		{"last comma first comma suffix", "Porter, William, Jr.", Name{First: "William", Last: "Porter Jr."}},
		{"last comma suffix", "Porter, Jr.", Name{Last: "Porter Jr."}},
		{"full german", "Frau Prof. Dr. Anna-Lena von der Heide", Name{Salutation: "Frau", AcademicTitle: "Prof. Dr.", First: "Anna-Lena", Last: "von der Heide"}},
		// A surname in capitals before the given name (PL, FR lists).
		{"upper surname first", "MÜLLER Jürgen", Name{First: "Jürgen", Last: "Müller"}},
		{"upper surname first polish", "KOWALSKI Jan", Name{First: "Jan", Last: "Kowalski"}},
		{"upper surname with particles", "VON DER HEIDE Anna-Lena", Name{First: "Anna-Lena", Last: "von der Heide"}},
		{"upper double surname", "NOWAK-KOWALSKA Anna Maria", Name{First: "Anna Maria", Last: "Nowak-Kowalska"}},
		{"upper surname after title", "Dr. KOWALSKI Jan", Name{AcademicTitle: "Dr.", First: "Jan", Last: "Kowalski"}},
		{"upper surname last stays", "Jan KOWALSKI", Name{First: "Jan", Last: "Kowalski"}},
		{"all upper not guessed", "JAN KOWALSKI", Name{First: "Jan", Last: "Kowalski"}},
		{"initial is no surname", "J. Kowalski", Name{First: "J.", Last: "Kowalski"}},
		// Capitals that are no surname (a review found "DI Hans Müller"
		// with the last name "Di").
		{"initials are no surname", "AJ Smith", Name{First: "Aj", Last: "Smith"}},
		{"austrian DI", "DI Hans Müller", Name{AcademicTitle: "DI", First: "Hans", Last: "Müller"}},
		{"italian DI in capitals", "DI MAIO Luigi", Name{First: "Luigi", Last: "di Maio"}},
		{"all capitals DI not guessed", "DI HANS MÜLLER", Name{First: "di Hans", Last: "Müller"}},
		{"mba first", "MBA Anna Roth", Name{First: "MBA Anna", Last: "Roth"}},
		{"ceo first", "CEO Jan Kowalski", Name{First: "CEO Jan", Last: "Kowalski"}},
		{"three-letter surname", "NOWAK Ewa", Name{First: "Ewa", Last: "Nowak"}},
		{"short surname", "LIS Anna", Name{First: "Anna", Last: "Lis"}},
		{"van", "Ludwig van Beethoven", Name{First: "Ludwig", Last: "van Beethoven"}},
		{"middle name", "Anna Maria Schmidt", Name{First: "Anna Maria", Last: "Schmidt"}},
		{"single token", "Müller", Name{Last: "Müller"}},
		{"salutation and last", "Herr Müller", Name{Salutation: "Herr", Last: "Müller"}},
		{"phd at end", "Anna Kowalska PhD", Name{AcademicTitle: "PhD", First: "Anna", Last: "Kowalska"}},
		{"dr and mba", "Dr. John Smith, MBA", Name{AcademicTitle: "Dr., MBA", First: "John", Last: "Smith"}},
		{"comma title part", "Müller, Jürgen, Dr.", Name{AcademicTitle: "Dr.", First: "Jürgen", Last: "Müller"}},
		{"title in first part", "Müller, Dr. Jürgen", Name{AcademicTitle: "Dr.", First: "Jürgen", Last: "Müller"}},
		{"title after the given name", "Mueller, Hans-Jürgen Dr.", Name{AcademicTitle: "Dr.", First: "Hans-Jürgen", Last: "Mueller"}},
		{"graf von", "Klaus-Dieter Graf von Schwerin", Name{First: "Klaus-Dieter", Last: "Graf von Schwerin"}},
		{"freiherr von", "Karl-Theodor Freiherr von und zu Guttenberg", Name{First: "Karl-Theodor", Last: "Freiherr von und zu Guttenberg"}},
		{"graf without particle", "Otto Graf Lambsdorff", Name{First: "Otto", Last: "Graf Lambsdorff"}},
		{"emoji", "Anna Krause 🚀", Name{First: "Anna", Last: "Krause"}},
		{"emoji with joiner", "👩‍💻 Eva Berg", Name{First: "Eva", Last: "Berg"}},
		{"univ prof", "Univ.-Prof. Dr. Jan Cox", Name{AcademicTitle: "Univ.-Prof. Dr.", First: "Jan", Last: "Cox"}},
		{"professor spelled out", "Professor Jan Kaj", Name{AcademicTitle: "Prof.", First: "Jan", Last: "Kaj"}},
		{"prof dr-ing", "Prof. Dr.-Ing. Udo Berg", Name{AcademicTitle: "Prof. Dr.-Ing.", First: "Udo", Last: "Berg"}},
		{"polish", "Pan dr inż. Łukasz Wiśniewski", Name{Salutation: "Pan", AcademicTitle: "dr inż.", First: "Łukasz", Last: "Wiśniewski"}},
		{"polish upper", "PANI MGR ANNA NOWAK-KOWALSKA", Name{Salutation: "Pani", AcademicTitle: "mgr", First: "Anna", Last: "Nowak-Kowalska"}},
		{"dr med", "Dr. med. Eva Braun", Name{AcademicTitle: "Dr. med.", First: "Eva", Last: "Braun"}},
		{"dipl-ing", "Dipl.-Ing. Klaus Weber", Name{AcademicTitle: "Dipl.-Ing.", First: "Klaus", Last: "Weber"}},
		{"mag austria", "Mag. Katharina Gruber", Name{AcademicTitle: "Mag.", First: "Katharina", Last: "Gruber"}},
		{"dr hab", "dr hab. Jan Kowalski", Name{AcademicTitle: "dr hab.", First: "Jan", Last: "Kowalski"}},
		{"mr jr", "Mr. John Smith Jr.", Name{Salutation: "Mr", First: "John", Last: "Smith Jr."}},
		{"lower", "jürgen müller", Name{First: "Jürgen", Last: "Müller"}},
		{"da silva", "Maria da Silva", Name{First: "Maria", Last: "da Silva"}},
		{"von at start of last", "Hans von der Heide", Name{First: "Hans", Last: "von der Heide"}},
		{"mcdonald lower", "ronald mcdonald", Name{First: "Ronald", Last: "McDonald"}},
		{"extra spaces", "  Jürgen   Müller  ", Name{First: "Jürgen", Last: "Müller"}},
		// Austrian, Dutch and Czech titles (a judgement set found
		// "KommR Ing." left in the first name).
		{"kommr ing", "KommR Ing. Franz Leitner", Name{AcademicTitle: "KommR Ing.", First: "Franz", Last: "Leitner"}},
		{"kr di", "KR DI Franz Leitner", Name{AcademicTitle: "KR DI", First: "Franz", Last: "Leitner"}},
		{"di fh", "DI (FH) Eva Huber", Name{AcademicTitle: "DI (FH)", First: "Eva", Last: "Huber"}},
		{"mmag", "MMag. Eva Huber", Name{AcademicTitle: "MMag.", First: "Eva", Last: "Huber"}},
		{"ddr", "DDr. Eva Huber", Name{AcademicTitle: "DDr.", First: "Eva", Last: "Huber"}},
		{"dr med univ", "Dr. med. univ. Eva Huber", Name{AcademicTitle: "Dr. med. univ.", First: "Eva", Last: "Huber"}},
		{"ostr mag", "OStR Mag. Franz Huber", Name{AcademicTitle: "OStR Mag.", First: "Franz", Last: "Huber"}},
		{"hofrat", "Hofrat Dr. Franz Huber", Name{AcademicTitle: "Hofrat Dr.", First: "Franz", Last: "Huber"}},
		{"bmstr", "Bmstr. Ing. Franz Huber", Name{AcademicTitle: "Bmstr. Ing.", First: "Franz", Last: "Huber"}},
		{"lic iur", "lic. iur. Hans Meier", Name{AcademicTitle: "lic. iur.", First: "Hans", Last: "Meier"}},
		{"dr h c spaced", "Dr. h. c. Hans Meier", Name{AcademicTitle: "Dr. h.c.", First: "Hans", Last: "Meier"}},
		{"dutch drs", "drs. Jan de Vries", Name{AcademicTitle: "drs.", First: "Jan", Last: "de Vries"}},
		{"dutch ir", "ir. Jan de Vries", Name{AcademicTitle: "ir.", First: "Jan", Last: "de Vries"}},
		{"ir needs its dot", "Ir Jan de Vries", Name{First: "Ir Jan", Last: "de Vries"}},
		{"czech mudr", "MUDr. Jan Novák", Name{AcademicTitle: "MUDr.", First: "Jan", Last: "Novák"}},
		{"czech bc", "Bc. Jana Nováková", Name{AcademicTitle: "Bc.", First: "Jana", Last: "Nováková"}},
		// The Dutch law degree mr. (meester) is no salutation.
		{"mr lower without region", "mr. Anouk de Boer", Name{Salutation: "Mr", First: "Anouk", Last: "de Boer"}},
		{"dutch mr after salutation", "Mevrouw mr. Anouk de Boer", Name{Salutation: "Mevrouw", AcademicTitle: "mr.", First: "Anouk", Last: "de Boer"}},
		{"dutch mr dr", "mr. dr. Jan Jansen", Name{AcademicTitle: "mr. dr", First: "Jan", Last: "Jansen"}},
		{"mr capitalised", "Mr. John Smith", Name{Salutation: "Mr", First: "John", Last: "Smith"}},
		{"mr all lower", "mr. john smith", Name{Salutation: "Mr", First: "John", Last: "Smith"}},
		// "Mr." capitalised before a title is the salutation: "Mr. Dr.
		// Hans Müller" in an English letter to a German doctor.
		{"mr capitalised before title", "Mr. Dr. Hans Müller", Name{Salutation: "Mr", AcademicTitle: "Dr.", First: "Hans", Last: "Müller"}},
		{"mr upper before title", "MR PROF. JOHN SMITH", Name{Salutation: "Mr", AcademicTitle: "Prof.", First: "John", Last: "Smith"}},
		{"mr alone", "mr. Smith", Name{Salutation: "Mr", Last: "Smith"}},
		// Dutch list order: the particles after the given names.
		{"particles after given name", "Meer, Jan van der", Name{First: "Jan", Last: "van der Meer"}},
		{"particles after surname", "Meer van der, Jan", Name{First: "Jan", Last: "van der Meer"}},
		{"particles after given name upper", "MEER, JAN VAN DER", Name{First: "Jan", Last: "van der Meer"}},
		{"particle te", "Velde, Anna te", Name{First: "Anna", Last: "te Velde"}},
		{"particle von der", "Heide, Anna-Lena von der", Name{First: "Anna-Lena", Last: "von der Heide"}},
		{"particle da", "Silva, Maria da", Name{First: "Maria", Last: "da Silva"}},
		{"particle with title", "Meer, Jan van der, Dr.", Name{AcademicTitle: "Dr.", First: "Jan", Last: "van der Meer"}},
		{"capitalised single particle stays", "Nguyen, Thi Van", Name{First: "Thi Van", Last: "Nguyen"}},
		{"particle alone stays", "Meer, van", Name{First: "Van", Last: "Meer"}},
		{"te before surname", "Anna te Velde", Name{First: "Anna", Last: "te Velde"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SplitFullName(tt.in); got != tt.want {
				t.Errorf("SplitFullName(%q) = %+v, want %+v", tt.in, got, tt.want)
			}
		})
	}
}

// TestSplitFullNameIn: in Dutch and Belgian data "mr" in any spelling is
// the law degree meester; elsewhere only "mr." written lower-case is.
func TestSplitFullNameIn(t *testing.T) {
	tests := []struct {
		name, in, region string
		want             Name
	}{
		{"nl capitalised", "Mr. Anouk de Boer", "NL", Name{AcademicTitle: "mr.", First: "Anouk", Last: "de Boer"}},
		{"be undotted", "Mr Koen Peeters", "be", Name{AcademicTitle: "mr.", First: "Koen", Last: "Peeters"}},
		{"nl all lower", "mr. anouk de boer", "NL", Name{AcademicTitle: "mr.", First: "Anouk", Last: "de Boer"}},
		{"nl comma part", "Boer, Anouk de, mr.", "NL", Name{AcademicTitle: "mr.", First: "Anouk", Last: "de Boer"}},
		{"nl mrs stays", "Mrs. Anouk de Boer", "NL", Name{Salutation: "Mrs", First: "Anouk", Last: "de Boer"}},
		{"gb", "Mr. John Smith", "GB", Name{Salutation: "Mr", First: "John", Last: "Smith"}},
		{"no region", "Mr John Smith", "", Name{Salutation: "Mr", First: "John", Last: "Smith"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SplitFullNameIn(tt.in, tt.region); got != tt.want {
				t.Errorf("SplitFullNameIn(%q, %q) = %+v, want %+v", tt.in, tt.region, got, tt.want)
			}
		})
	}
	if sal, title, rest := SplitPrefixIn("Mr. Anouk", "NL"); sal != "" || title != "mr." || rest != "Anouk" {
		t.Errorf("SplitPrefixIn(%q, NL) = %q, %q, %q, want \"\", \"mr.\", \"Anouk\"", "Mr. Anouk", sal, title, rest)
	}
}
