package dedupe

import (
	"slices"
	"strings"
)

// Two people of one family share a last name, a household its address and
// phone, the staff of a firm its name, address and switchboard number: all
// the evidence but the given name says "one person". A given name that is
// clearly another one ("Werner" and "Sabine") is therefore more than an
// ordinary disagreement, which also covers a name typed twice wrong: the
// first_name guard vetoes the merge unless something of the person's own
// agrees (Matcher.compare).

// differentThreshold is the Jaro-Winkler similarity below which two first
// names three edits or more apart are two names rather than one mistyped
// ("thomas" and "tobias": 0.80; "elanor" and "nleaor", a typing accident
// of the linkage sets: 0.82).
const differentThreshold = 0.85

// clearlyDifferent reports whether two folded first names that
// compareName found to disagree are two different given names, not one
// written another way: initials that start no word of the other name
// ("w" and "sabine"), or, written out, names with no word in common
// ("hans peter" and "peter" have one), neither a short form of the other
// at its start or end ("alex" and "alexander", "hannes" and "johannes"),
// not a known nickname of the other ("bill" and "william", "kasia" and
// "katarzyna"), and too far apart for a typo or two: three edits or more
// and a Jaro-Winkler similarity below differentThreshold, or two edits
// between names of three letters at most ("eva" and "ina").
//
// The male and the female form of one name ("daniel" and "daniela",
// "jan" and "janina", "peter" and "petra": genderForms) are two names
// even though one starts the other or they are a typo apart.
func clearlyDifferent(a, b string) bool {
	if a == "" || b == "" || a == b {
		return false
	}
	if genderForms(a, b) {
		// "daniel" and "daniela", "peter" and "petra".
		return true
	}
	wa, wb := strings.Fields(a), strings.Fields(b)
	if initials(a) || initials(b) {
		// "W." is not Sabine; "H. P." may be Peter.
		for _, x := range wa {
			for _, y := range wb {
				if x[0] == y[0] {
					return false
				}
			}
		}
		return true
	}
	for _, x := range wa {
		for _, y := range wb {
			if len(x) > 1 && len(y) > 1 && (x == y || !genderForms(x, y) && (shortForm(x, y) || shortForm(y, x) || nicknames(x, y))) {
				return false
			}
		}
	}
	if shortForm(strings.ReplaceAll(a, " ", ""), strings.ReplaceAll(b, " ", "")) ||
		shortForm(strings.ReplaceAll(b, " ", ""), strings.ReplaceAll(a, " ", "")) {
		return false
	}
	d := osaWithin(a, b, 2)
	switch {
	case d >= 3:
		return jw(a, b) < differentThreshold
	case d == 2:
		return max(len(a), len(b)) <= 3
	}
	return false
}

// initials reports whether a folded name is made of initials only ("j",
// "h p").
func initials(s string) bool {
	for w := range strings.FieldsSeq(s) {
		if len(w) > 1 {
			return false
		}
	}
	return true
}

// shortForm reports whether s, of two letters or more, begins or (of
// three letters or more) ends the longer name n: "alex" and "alexander",
// "flo" and "florian", "lena" and "magdalena", "klaus" and "nikolaus".
func shortForm(s, n string) bool {
	if len(s) < 2 || len(s) >= len(n) {
		return false
	}
	return strings.HasPrefix(n, s) || len(s) >= 3 && strings.HasSuffix(n, s)
}

// nicknames reports whether two folded names are one given name and one
// of its usual short forms, or two of its forms, in the nicknameGroups.
func nicknames(a, b string) bool {
	ga, gb := nicknameIndex[a], nicknameIndex[b]
	for _, x := range ga {
		for _, y := range gb {
			if x == y {
				return true
			}
		}
	}
	return false
}

// nicknameOf reports whether one of two folded names is a listed form of
// the other, the name a group of nicknameGroups starts with: "kasia" and
// "katarzyna", "sepp" and "josef", "bill" and "william". Two forms of one
// group that are both not its head ("jan" and "jens", both from
// "johannes") are often two people's names: they may be one name
// (nicknames, for the first_name guard) but do not compare close.
func nicknameOf(a, b string) bool {
	for _, x := range nicknameIndex[a] {
		if (nicknameHeads[x] == a || nicknameHeads[x] == b) && slices.Contains(nicknameIndex[b], x) {
			return true
		}
	}
	return false
}

// nicknameHeads holds the first name of each group of nicknameGroups.
var nicknameHeads = func() []string {
	h := make([]string, len(nicknameGroups))
	for i, g := range nicknameGroups {
		h[i] = key(firstWord(g))
	}
	return h
}()

// nicknameGroups lists given names with their usual short and pet forms
// and translations, one group a line, where no form begins or ends
// another (shortForm covers "alex" for "alexander"). A name may be in
// several groups ("chris"): two names are variants when they share one.
// Listing too much only gives back the ordinary disagreement weight;
// missing a pair makes a merge of one person's rows need more evidence.
var nicknameGroups = []string{
	// German
	"johannes johann hans hannes jan jens john jean juan giovanni ivan jo hansi jochen",
	"johanna hanna hanne jana jo joanna asia",
	"friedrich fritz friedel fred frieder",
	"wilhelm willi willy wim willem william bill billy will liam",
	"heinrich heinz heiner hinrich henry harry hank heniek henryk hendrik henk",
	"josef joseph sepp seppl jupp joe joey beppo jozef jozek",
	"margarete margarethe margret grete gretel greta margot marga meta margaret margaretha maggie peggy meg gosia malgorzata malgosia",
	"elisabeth elisabet elizabeth elsbeth lisa liesel lies liese lise elise else elsa ilse betty beth bettina liz lizzy sisi elzbieta ela",
	"katharina katarina katrin kathrin katja kathi kati kathe kate katie kathy catherine katherine kathleen katarzyna kasia kaska karin",
	"barbara babsi barbel babs basia",
	"christian chris krystian",
	"christoph christopher kristof krzysztof krzys krzysiek chris kit",
	"christine christina christin kristin kristina krystyna krysia tina chris stine",
	"caroline carolin carolina karolina karoline",
	"jasmin jasmine yasmin",
	"nadine nadin",
	"janine janin",
	"sabine sabina",
	"ulrich uli ulli utz",
	"ulrike uli ulli rike",
	"wolfgang wolf wolfi",
	"bernhard bernd berni bernie benno bernard",
	"gerhard gerd gert gerard gerardus gerry",
	"reinhard reiner rainer reinhold",
	"rudolf rudi rolf ruud dolf",
	"manfred manni fred",
	"alfred fred freddy alf",
	"siegfried siggi sigi",
	"sebastian basti wastl",
	"maximilian maxi",
	"benjamin benni benny",
	"matthias mathias matze hias thias matthew matt mateusz mati",
	"michael micha michi mike mick mickey mischa michal michalek miguel michel",
	"nikolaus niklas nicolas nicholas niko nico nick nicky mikolaj",
	"stefanie stephanie steffi",
	"stefan stephan steffen steven stephen steve szczepan",
	"susanne susanna susan susi suse sanne sue suzanne zuzanna",
	"cornelia conny nele",
	"cornelis kees",
	"gabriele gabriela gabi gaby",
	"birgit biggi birgitta brigitte gitta",
	"anton toni tony antonius anthony antoni toon",
	"andreas andi andy andrew andrzej jedrzej jedrek andre",
	"alexander sascha sasha olek aleksander alek",
	"alexandra sascha sandra ola aleksandra",
	"theresa therese resi tessa teresa",
	"veronika veronica vroni",
	"franziska franzi fanny frances fran francesca",
	"franz franziskus frank francis franciszek franek francois",
	"magdalena lena leni magda",
	"helena helene lena leni elena",
	"dorothea dora thea dorota",
	"karl carl charles charlie chuck kalle karol karli",
	"georg george jorge jerzy jurek schorsch",
	"jakob jacob jakub kuba jacobus jaap koos jake james jim jimmy jamie kobi",
	"ursula uschi ulla ursel urszula ula",
	"sarah sara sally sadie",
	"gertrud gertrude trudi trude traudl",
	"antonina antonia tosia tonia",
	"eduard edward ed eddie ted teddy ned edmund",
	"richard dick rick ricky rich ryszard rysiek",
	"robert bob bobby rob robbie bert",
	"thomas tom tommy tomasz tomek",
	"daniel dan danny danek",
	"david dave davey dawid",
	"patrick pat paddy",
	"patricia pat patty tricia trish",
	"peter pete piet petrus piotr piotrek pierre pedro pietro",
	"paul pawel pablo paolo",
	"samuel sam sammy",
	"timothy timo tim timmy",
	"jennifer jenny jen",
	"rebecca becky becca",
	"deborah debbie debby",
	"victoria vicky tori wiktoria",
	"jacqueline jackie",
	"lawrence laurence larry",
	"leonard leonhard lenny leo",
	"ronald ron ronnie",
	"donald don donnie",
	"raymond ray",
	"kenneth ken kenny",
	"gregory greg grzegorz grzesiek",
	"jeffrey geoffrey jeff geoff",
	"jonathan jon jonny",
	"joshua josh",
	"zachary zach zack",
	"abigail abby",
	"anna ann ania anka annie anne hanna hannah anke",
	"maria marie marysia mary mieke marieke ria mimi mitzi",
	"zofia zosia sophie sofia",
	"jadwiga jadzia hedwig",
	"stanislaw staszek stach stanley stan",
	"wojciech wojtek",
	"bartlomiej bartek bartholomew",
	"przemyslaw przemek",
	"miroslaw mirek",
	"jaroslaw jarek",
	"slawomir slawek",
	"radoslaw radek",
	"zbigniew zbyszek",
	"wladyslaw wladek",
	"mieczyslaw mietek",
	"kazimierz kazik",
	"tadeusz tadek",
	"dariusz darek",
	"jan janek jasiek jas",
	"katarzyna kasia kaska kasienka",
	"william bill billy will liam",
	"elizabeth liz lizzy beth betty",
	"margaret maggie peggy meg",
	"katherine kate katie kathy",
	"catherine kate katie cathy",
	"john jack johnny",
	"james jim jimmy jamie",
	"edward ed eddie ted ned",
	"charles charlie chuck",
	"joseph joe joey",
	"malgorzata gosia malgosia",
	"elzbieta ela",
	// The English forms Poles in the UK and the US go by: "Chris" for
	// Krzysztof, as "Paul" for Paweł and "Peter" for Piotr above.
	"krzysztof krzys krzysiek chris",
	"jozef jozek joseph joe",
	"grzegorz grzesiek greg",
	"jerzy jurek george",
	"andrzej jedrek andrew andy",
	"jakub kuba jacob jake",
	"agnieszka aga agnes",
	"ewa ewka eva evi",
	"hendrik henk",
	"adrianus adriaan adrie",
	"theodorus theodor theo",
}

// nicknameIndex maps each folded form in nicknameGroups to its groups.
var nicknameIndex = func() map[string][]int {
	idx := map[string][]int{}
	for i, g := range nicknameGroups {
		for _, n := range strings.Fields(g) {
			k := key(n)
			idx[k] = append(idx[k], i)
		}
	}
	return idx
}()
