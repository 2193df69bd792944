package dedupe

import (
	"strings"

	"github.com/leadpipe/leadpipe/normalize"
)

// A man and a woman of one family or one firm often have the male and
// the female form of one name ("Daniel" and "Daniela", "Jan" and
// "Janina", "Peter" and "Petra"), which look like one name with a typo
// or a short form. Their salutations ("Herr", "Frau") and, in Polish,
// their surnames ("Kowalski", "Kowalska") say the same.

// Genders of a record, from its salutation.
const (
	genderUnknown byte = iota
	genderMale
	genderFemale
)

// salutationGenders maps the canonical salutations (normalize.Salutation)
// to a gender; "Mx" and unknown ones have none.
var salutationGenders = map[string]byte{
	"Herr": genderMale, "Mr": genderMale, "Pan": genderMale, "Monsieur": genderMale,
	"Signor": genderMale, "Señor": genderMale,
	"Frau": genderFemale, "Mrs": genderFemale, "Ms": genderFemale, "Miss": genderFemale,
	"Pani": genderFemale, "Madame": genderFemale, "Mademoiselle": genderFemale,
	"Signora": genderFemale, "Señora": genderFemale, "Mevrouw": genderFemale,
}

// salutationGender is the gender a salutation names, genderUnknown if none.
func salutationGender(s string) byte {
	if s == "" {
		return genderUnknown
	}
	if g, ok := salutationGenders[s]; ok {
		return g
	}
	if c, ok := normalize.Salutation(s); ok {
		return salutationGenders[c]
	}
	return genderUnknown
}

// feminineEndings turn a male given name into a female one: "daniel" /
// "daniela", "christian" / "christiane", "jan" / "janina", "paul" /
// "pauline", "stefan" / "stefanie", "anton" / "antonia".
var feminineEndings = []string{"a", "e", "ina", "ine", "ie", "ia"}

// maleNames are the male given names whose female forms the ending rules
// make ("daniel" / "daniela"). The rules apply to these only: a name cut
// short by a typo ("matild" for "matilda", "kirr" for "kirra") is no
// male name.
var maleNames = func() map[string]bool {
	m := map[string]bool{}
	for n := range strings.FieldsSeq(`daniel michael michal jan paul karl carl emil gabriel samuel manuel emanuel
		marcel martin valentin justin augustin christian kristian julian adrian sebastian stefan stephan
		florian fabian damian marian roman bogdan dominik henrik hendrik erik eric frederik friedrich leon
		simon louis denis ivan johann josef joseph jozef gerd bernhard mario antonio carlo paolo bruno
		franco roberto alessandro anton viktor wiktor georg robert albert herbert norbert wilhelm ernst
		stanislaw wladyslaw boleslaw miroslaw jaroslaw radoslaw bronislaw czeslaw wieslaw zdzislaw
		slawomir bogumil ludwik ludwig henryk alojzy dariusz lukas lukasz marek mariusz olaf oskar
		janusz patrik patryk konrad ignacy wiktorian klaudiusz kamil ryszard leopold rudolf harald
		gerald reinhold berthold theodor teodor aleksander alexander nikola nikolaj mikolaj piotr
		benedikt benedykt vincent wincenty fryderyk edmund edward eduard august julius juliusz
		claudius markus marcus marco marc mark max maximilian david dawid noah elias jonas luis
		andreas andrea andre andrej andrzej krystian ulrich heinrich franz peter pawel nicolas nikolaus
		gerhard ole jens sven torsten thorsten kurt walter werner horst uwe petr michel pavel`) {
		// Folded as Record's names are ("manuel" is "manul").
		m[key(n)] = true
	}
	return m
}()

// genderPairs are male and female forms of a name that no ending rule
// covers.
var genderPairs = func() map[string]string {
	m := map[string]string{}
	for male, female := range map[string]string{
		"peter": "petra", "piotr": "petra", "andreas": "andrea", "alexander": "alexandra",
		"aleksander": "aleksandra", "christian": "christina", "kristian": "kristina",
		"krystian": "krystyna", "ulrich": "ulrike", "friedrich": "friederike",
		"heinrich": "henrike", "franz": "franziska", "julius": "julia", "julian": "juliane",
		"pawel": "paulina", "michal": "michalina", "nikolaus": "nicole", "nicolas": "nicole",
		"nikolai": "nikola", "gerhard": "gerda", "josef": "josephine", "joseph": "josephine",
		"patrick": "patricia", "patryk": "patrycja", "francois": "francoise", "jean": "jeanne",
	} {
		m[key(male)] = key(female) // folded as Record's names are
	}
	return m
}()

// genderForms reports whether two folded given names (single words or
// whole names) are the male and the female form of one name, and no
// nickname group lists them together: a listed pair, or a male name
// (maleNames) with a feminine ending, or "o" and "a" at its end.
func genderForms(a, b string) bool {
	if a == b || a == "" || b == "" {
		return false
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	if genderPairs[a] == b || genderPairs[b] == a {
		return !nicknames(a, b)
	}
	if len(a) < 3 || !maleNames[a] && !maleNames[b] {
		return false
	}
	match := false
	if rest, ok := strings.CutPrefix(b, a); ok {
		for _, e := range feminineEndings {
			if rest == e {
				match = true
				break
			}
		}
	}
	// "mario" / "maria", "paolo" / "paola".
	if !match && len(a) == len(b) && a[:len(a)-1] == b[:len(b)-1] &&
		(a[len(a)-1] == 'o' && b[len(b)-1] == 'a' || a[len(a)-1] == 'a' && b[len(b)-1] == 'o') {
		match = true
	}
	return match && !nicknames(a, b)
}

// maleInA are given names ending in "a" that are male ("kuba", "luca").
var maleInA = map[string]bool{
	"kuba": true, "barnaba": true, "bonawentura": true, "kosma": true, "jarema": true,
	"luca": true, "luka": true, "andrea": true, "nikita": true, "sascha": true, "sasha": true,
	"mika": true, "jona": true, "elia": true, "noa": true, "ilja": true, "misha": true,
	"mischa": true, "joshua": true, "costa": true, "attila": true, "akira": true,
}

// nameGender guesses the gender of a folded given name the way Polish
// (and most of German) has it: a name ending in "a" is female but for a
// few; initials have none.
func nameGender(first string) byte {
	w := firstWord(first)
	if len(w) < 2 {
		return genderUnknown
	}
	if w[len(w)-1] == 'a' && !maleInA[w] {
		return genderFemale
	}
	return genderMale
}

// gendersDiffer reports whether two records are of different gender:
// by their salutations when both have one, else by their first names.
func gendersDiffer(a, b *Record) bool {
	if a.Gender != genderUnknown && b.Gender != genderUnknown {
		return a.Gender != b.Gender
	}
	if genderForms(a.First, b.First) {
		return true
	}
	ga, gb := nameGender(a.First), nameGender(b.First)
	return ga != genderUnknown && gb != genderUnknown && ga != gb
}

// surnameGenders reports whether two folded last names are the male and
// the female form of one Polish (or Czech, Slovak) surname: "kowalski" /
// "kowalska", "zielinski" / "zielinska", "wesoly" / "wesola".
func surnameGenders(a, b string) bool {
	if len(a) != len(b) || len(a) < 4 || a == b {
		return false
	}
	n := len(a)
	if a[:n-1] != b[:n-1] {
		return false
	}
	x, y := a[n-1], b[n-1]
	if x == 'a' {
		x, y = y, x
	}
	return y == 'a' && (x == 'i' && a[n-2] == 'k' || x == 'y')
}

// Generation suffixes tell a father from his son of the same name:
// "Hans Müller sen." and "Hans Müller jun.", "John Smith Sr." and "John
// Smith Jr.", "Müller d. Ä." and "Müller d. J.", "Smith II" and "Smith
// III".
const (
	genNone byte = iota
	genSenior
	genJunior
	genI
	genII
	genIII
	genIV
)

// generationWords maps the last word (or the last two: "d a") of a
// folded last name to its generation.
var generationWords = map[string]byte{
	"sen": genSenior, "senior": genSenior, "sr": genSenior, "d a": genSenior, "d ae": genSenior,
	"der altere": genSenior, "der aeltere": genSenior, "starszy": genSenior,
	"jun": genJunior, "junior": genJunior, "jr": genJunior, "d j": genJunior,
	"der jungere": genJunior, "der juengere": genJunior, "mlodszy": genJunior,
	"i": genI, "ii": genII, "iii": genIII, "iv": genIV,
}

// sameRank reports whether two different generation suffixes both name
// the second bearer of a name ("Jr." and "II") or the first ("Sr." and
// "I"): not a father and his son, but one man's suffix written two ways
// as often as two men (a nephew named after his uncle is a "II" too), so
// the generation guard flags such a pair as it does a suffix on one
// side only.
func sameRank(a, b byte) bool {
	rank := func(g byte) byte {
		switch g {
		case genJunior:
			return genII
		case genSenior:
			return genI
		}
		return g
	}
	return a != b && rank(a) == rank(b)
}

// splitGeneration takes a generation suffix off a folded last name:
// "muller sen" is "muller", genSenior. A name of one word keeps it.
func splitGeneration(last string) (string, byte) {
	for _, n := range [2]int{2, 1} {
		i := len(last)
		for k := 0; k < n && i > 0; k++ {
			i = strings.LastIndexByte(last[:i], ' ')
			if i < 0 {
				break
			}
		}
		if i <= 0 {
			continue
		}
		if g, ok := generationWords[last[i+1:]]; ok {
			return last[:i], g
		}
	}
	return last, genNone
}
