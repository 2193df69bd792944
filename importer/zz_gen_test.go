package importer

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
)

func genLeadCSV(rows int, delim byte) []byte {
	rnd := rand.New(rand.NewPCG(1, 2))
	first := []string{"Anna", "Jürgen", "Łukasz", "Małgorzata", "Sören", "Zofia", "Thomas", "Agnieszka", "Björn", "Paweł"}
	last := []string{"Müller", "Schmidt", "Kowalski", "Wiśniewska", "Großmann", "Nowak", "Böhm", "Żak", "Weiß", "Dąbrowski"}
	firms := []string{"Müller GmbH", "Schmidt & Söhne KG", "Kowalski Sp. z o.o.", "\"Nord\" Logistik AG", "Becker, Wolf & Partner", "Przedsiębiorstwo Łódź S.A."}
	cities := []string{"Berlin", "München", "Köln", "Łódź", "Kraków", "Gdańsk", "Düsseldorf", "Wrocław"}
	var b bytes.Buffer
	d := string(delim)
	b.WriteString(strings.Join([]string{"Vorname", "Nachname", "Firma", "E-Mail", "Telefon", "Mobil", "Straße", "PLZ", "Ort", "Land", "Position", "Website", "Quelle", "Datum", "Notiz"}, d))
	b.WriteString("\r\n")
	q := func(s string) string {
		if strings.ContainsAny(s, "\",;\n\t|") {
			return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
		}
		return s
	}
	for i := 0; i < rows; i++ {
		fn, ln := first[rnd.IntN(len(first))], last[rnd.IntN(len(last))]
		note := ""
		if rnd.IntN(10) == 0 {
			note = "Rückruf erwünscht, \"dringend\"\nTermin auf der Messe"
		}
		f := []string{fn, ln, firms[rnd.IntN(len(firms))],
			fmt.Sprintf("%s.%s%d@example.com", strings.ToLower(fn), strings.ToLower(ln), i),
			fmt.Sprintf("+49 30 %07d", rnd.IntN(10000000)), fmt.Sprintf("0171 %07d", rnd.IntN(10000000)),
			fmt.Sprintf("Hauptstraße %d", rnd.IntN(200)+1), fmt.Sprintf("%05d", rnd.IntN(99999)), cities[rnd.IntN(len(cities))],
			"DE", "Einkaufsleiter", "https://www.example.de", "Messe XY 2026", fmt.Sprintf("2026-0%d-%02d", rnd.IntN(9)+1, rnd.IntN(28)+1), note}
		for j := range f {
			f[j] = q(f[j])
		}
		b.WriteString(strings.Join(f, d))
		b.WriteString("\r\n")
	}
	return b.Bytes()
}
