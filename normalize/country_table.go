package normalize

// countryTable lists every ISO 3166-1 country: alpha-2, alpha-3, then names
// (English first, then German, Polish, native names and common variants),
// separated by '|'. Names are compared folded and without spaces or
// punctuation, so accents, case and "U.S.A."/"USA" do not matter.
const countryTable = `
AD|AND|Andorra|Andora
AE|ARE|United Arab Emirates|Vereinigte Arabische Emirate|Zjednoczone Emiraty Arabskie|UAE|Emirates
AF|AFG|Afghanistan|Afganistan
AG|ATG|Antigua and Barbuda|Antigua und Barbuda|Antigua i Barbuda
AI|AIA|Anguilla
AL|ALB|Albania|Albanien|Shqipëria|Shqiperia
AM|ARM|Armenia|Armenien|Armenia
AO|AGO|Angola
AQ|ATA|Antarctica|Antarktis|Antarktyda
AR|ARG|Argentina|Argentinien|Argentyna
AS|ASM|American Samoa|Amerikanisch-Samoa|Samoa Amerykańskie
AT|AUT|Austria|Österreich|Oesterreich|Austria|Republik Österreich
AU|AUS|Australia|Australien|Australia
AW|ABW|Aruba
AX|ALA|Åland Islands|Åland|Aland|Alandinseln|Wyspy Alandzkie
AZ|AZE|Azerbaijan|Aserbaidschan|Azerbejdżan
BA|BIH|Bosnia and Herzegovina|Bosnien und Herzegowina|Bośnia i Hercegowina|Bosna i Hercegovina|Bosnia|Bosnien
BB|BRB|Barbados
BD|BGD|Bangladesh|Bangladesch|Bangladesz
BE|BEL|Belgium|Belgien|Belgia|België|Belgique|Belgie
BF|BFA|Burkina Faso
BG|BGR|Bulgaria|Bulgarien|Bułgaria|България|Balgariya
BH|BHR|Bahrain|Bahrajn
BI|BDI|Burundi
BJ|BEN|Benin
BL|BLM|Saint Barthélemy|Saint-Barthélemy
BM|BMU|Bermuda|Bermudy
BN|BRN|Brunei|Brunei Darussalam|Brunei
BO|BOL|Bolivia|Bolivien|Boliwia
BQ|BES|Bonaire, Sint Eustatius and Saba|Caribbean Netherlands|Bonaire
BR|BRA|Brazil|Brasilien|Brazylia|Brasil
BS|BHS|Bahamas|Bahamy|The Bahamas
BT|BTN|Bhutan
BV|BVT|Bouvet Island|Bouvetinsel
BW|BWA|Botswana|Botswana
BY|BLR|Belarus|Weißrussland|Weissrussland|Białoruś|Беларусь|Belarus
BZ|BLZ|Belize
CA|CAN|Canada|Kanada|Kanada
CC|CCK|Cocos (Keeling) Islands|Kokosinseln|Cocos Islands
CD|COD|Democratic Republic of the Congo|Demokratische Republik Kongo|Demokratyczna Republika Konga|DR Congo|Congo-Kinshasa|DRC
CF|CAF|Central African Republic|Zentralafrikanische Republik|Republika Środkowoafrykańska
CG|COG|Republic of the Congo|Kongo|Kongo|Congo|Congo-Brazzaville
CH|CHE|Switzerland|Schweiz|Szwajcaria|Suisse|Svizzera|Svizra|Confoederatio Helvetica|Helvetia
CI|CIV|Côte d'Ivoire|Elfenbeinküste|Wybrzeże Kości Słoniowej|Ivory Coast
CK|COK|Cook Islands|Cookinseln|Wyspy Cooka
CL|CHL|Chile|Chile|Chile
CM|CMR|Cameroon|Kamerun|Kamerun
CN|CHN|China|China|Chiny|中国|People's Republic of China|PRC|Volksrepublik China
CO|COL|Colombia|Kolumbien|Kolumbia
CR|CRI|Costa Rica|Kostaryka
CU|CUB|Cuba|Kuba|Kuba
CV|CPV|Cabo Verde|Cape Verde|Kap Verde|Republika Zielonego Przylądka
CW|CUW|Curaçao|Curacao
CX|CXR|Christmas Island|Weihnachtsinsel
CY|CYP|Cyprus|Zypern|Cypr|Κύπρος|Kıbrıs
CZ|CZE|Czechia|Tschechien|Czechy|Česko|Czech Republic|Tschechische Republik|Česká republika|Republika Czeska
DE|DEU|Germany|Deutschland|Niemcy|Bundesrepublik Deutschland|BRD|Federal Republic of Germany|Allemagne|Germania|Alemania|Niemcy RFN
DJ|DJI|Djibouti|Dschibuti|Dżibuti
DK|DNK|Denmark|Dänemark|Dania|Danmark
DM|DMA|Dominica|Dominika
DO|DOM|Dominican Republic|Dominikanische Republik|Dominikana|República Dominicana
DZ|DZA|Algeria|Algerien|Algieria
EC|ECU|Ecuador|Ekwador
EE|EST|Estonia|Estland|Estonia|Eesti
EG|EGY|Egypt|Ägypten|Egipt
EH|ESH|Western Sahara|Westsahara|Sahara Zachodnia
ER|ERI|Eritrea|Erytrea
ES|ESP|Spain|Spanien|Hiszpania|España|Espana|Espagne
ET|ETH|Ethiopia|Äthiopien|Etiopia
FI|FIN|Finland|Finnland|Finlandia|Suomi
FJ|FJI|Fiji|Fidschi|Fidżi
FK|FLK|Falkland Islands|Falklandinseln|Falklandy|Malvinas
FM|FSM|Micronesia|Mikronesien|Mikronezja|Federated States of Micronesia
FO|FRO|Faroe Islands|Färöer|Wyspy Owcze|Føroyar
FR|FRA|France|Frankreich|Francja|République française|Francia
GA|GAB|Gabon|Gabun
GB|GBR|United Kingdom|Vereinigtes Königreich|Wielka Brytania|UK|U.K.|Great Britain|Großbritannien|Grossbritannien|England|Scotland|Wales|Northern Ireland|Schottland|Szkocja|Anglia|Britain|United Kingdom of Great Britain and Northern Ireland|Zjednoczone Królestwo
GD|GRD|Grenada
GE|GEO|Georgia|Georgien|Gruzja|საქართველო|Sakartvelo
GF|GUF|French Guiana|Französisch-Guayana|Gujana Francuska
GG|GGY|Guernsey
GH|GHA|Ghana
GI|GIB|Gibraltar|Gibraltar
GL|GRL|Greenland|Grönland|Grenlandia|Kalaallit Nunaat
GM|GMB|Gambia|Gambia|The Gambia
GN|GIN|Guinea|Gwinea
GP|GLP|Guadeloupe|Gwadelupa
GQ|GNQ|Equatorial Guinea|Äquatorialguinea|Gwinea Równikowa
GR|GRC|Greece|Griechenland|Grecja|Ελλάδα|Ellada|Hellas|Hellenic Republic
GS|SGS|South Georgia and the South Sandwich Islands|South Georgia
GT|GTM|Guatemala|Gwatemala
GU|GUM|Guam
GW|GNB|Guinea-Bissau|Gwinea Bissau
GY|GUY|Guyana|Gujana
HK|HKG|Hong Kong|Hongkong|香港
HM|HMD|Heard Island and McDonald Islands
HN|HND|Honduras
HR|HRV|Croatia|Kroatien|Chorwacja|Hrvatska
HT|HTI|Haiti
HU|HUN|Hungary|Ungarn|Węgry|Magyarország|Magyarorszag
ID|IDN|Indonesia|Indonesien|Indonezja
IE|IRL|Ireland|Irland|Irlandia|Éire|Eire|Republic of Ireland
IL|ISR|Israel|Izrael|ישראל
IM|IMN|Isle of Man|Insel Man|Wyspa Man
IN|IND|India|Indien|Indie|Bharat|भारत
IO|IOT|British Indian Ocean Territory
IQ|IRQ|Iraq|Irak|Irak
IR|IRN|Iran|Iran|Iran|Islamic Republic of Iran
IS|ISL|Iceland|Island|Islandia|Ísland
IT|ITA|Italy|Italien|Włochy|Italia|Italie
JE|JEY|Jersey
JM|JAM|Jamaica|Jamaika|Jamajka
JO|JOR|Jordan|Jordanien|Jordania
JP|JPN|Japan|Japan|Japonia|日本|Nippon|Nihon
KE|KEN|Kenya|Kenia|Kenia
KG|KGZ|Kyrgyzstan|Kirgisistan|Kirgistan
KH|KHM|Cambodia|Kambodscha|Kambodża
KI|KIR|Kiribati
KM|COM|Comoros|Komoren|Komory
KN|KNA|Saint Kitts and Nevis|St. Kitts und Nevis|Saint Kitts i Nevis
KP|PRK|North Korea|Nordkorea|Korea Północna|Democratic People's Republic of Korea|DPRK
KR|KOR|South Korea|Südkorea|Korea Południowa|Republic of Korea|Korea|대한민국
KW|KWT|Kuwait|Kuwejt
KY|CYM|Cayman Islands|Kaimaninseln|Kajmany
KZ|KAZ|Kazakhstan|Kasachstan|Kazachstan|Қазақстан
LA|LAO|Laos|Laos|Laos|Lao People's Democratic Republic
LB|LBN|Lebanon|Libanon|Liban
LC|LCA|Saint Lucia|St. Lucia|Saint Lucia
LI|LIE|Liechtenstein|Liechtenstein|Liechtenstein|Fürstentum Liechtenstein
LK|LKA|Sri Lanka|Sri Lanka
LR|LBR|Liberia
LS|LSO|Lesotho
LT|LTU|Lithuania|Litauen|Litwa|Lietuva
LU|LUX|Luxembourg|Luxemburg|Luksemburg|Lëtzebuerg
LV|LVA|Latvia|Lettland|Łotwa|Latvija
LY|LBY|Libya|Libyen|Libia
MA|MAR|Morocco|Marokko|Maroko|Maroc
MC|MCO|Monaco|Monako
MD|MDA|Moldova|Moldau|Mołdawia|Republic of Moldova|Moldawien
ME|MNE|Montenegro|Montenegro|Czarnogóra|Crna Gora|Црна Гора
MF|MAF|Saint Martin|Saint-Martin
MG|MDG|Madagascar|Madagaskar|Madagaskar
MH|MHL|Marshall Islands|Marshallinseln|Wyspy Marshalla
MK|MKD|North Macedonia|Nordmazedonien|Macedonia Północna|Северна Македонија|Severna Makedonija|Macedonia|Mazedonien
ML|MLI|Mali
MM|MMR|Myanmar|Myanmar|Mjanma|Burma|Birma
MN|MNG|Mongolia|Mongolei|Mongolia
MO|MAC|Macao|Macau|Makau|澳門
MP|MNP|Northern Mariana Islands|Nördliche Marianen|Mariany Północne
MQ|MTQ|Martinique|Martynika
MR|MRT|Mauritania|Mauretanien|Mauretania
MS|MSR|Montserrat
MT|MLT|Malta|Malta|Malta
MU|MUS|Mauritius|Mauritius|Mauritius
MV|MDV|Maldives|Malediven|Malediwy
MW|MWI|Malawi
MX|MEX|Mexico|Mexiko|Meksyk|México
MY|MYS|Malaysia|Malaysia|Malezja
MZ|MOZ|Mozambique|Mosambik|Mozambik
NA|NAM|Namibia|Namibia|Namibia
NC|NCL|New Caledonia|Neukaledonien|Nowa Kaledonia
NE|NER|Niger
NF|NFK|Norfolk Island|Norfolkinsel
NG|NGA|Nigeria
NI|NIC|Nicaragua|Nikaragua
NL|NLD|Netherlands|Niederlande|Holandia|Nederland|Holland|The Netherlands|Niderlandy|Pays-Bas
NO|NOR|Norway|Norwegen|Norwegia|Norge|Noreg
NP|NPL|Nepal
NR|NRU|Nauru
NU|NIU|Niue
NZ|NZL|New Zealand|Neuseeland|Nowa Zelandia|Aotearoa
OM|OMN|Oman
PA|PAN|Panama|Panama|Panama
PE|PER|Peru|Peru|Peru
PF|PYF|French Polynesia|Französisch-Polynesien|Polinezja Francuska
PG|PNG|Papua New Guinea|Papua-Neuguinea|Papua-Nowa Gwinea
PH|PHL|Philippines|Philippinen|Filipiny|Pilipinas
PK|PAK|Pakistan|Pakistan|Pakistan
PL|POL|Poland|Polen|Polska|Rzeczpospolita Polska|Republic of Poland|Pologne|Polonia
PM|SPM|Saint Pierre and Miquelon|Saint-Pierre und Miquelon
PN|PCN|Pitcairn|Pitcairninseln|Pitcairn Islands
PR|PRI|Puerto Rico|Portoryko
PS|PSE|Palestine|Palästina|Palestyna|State of Palestine
PT|PRT|Portugal|Portugal|Portugalia
PW|PLW|Palau
PY|PRY|Paraguay|Paragwaj
QA|QAT|Qatar|Katar|Katar
RE|REU|Réunion|Reunion|Reunion
RO|ROU|Romania|Rumänien|Rumunia|România
RS|SRB|Serbia|Serbien|Serbia|Србија|Srbija
RU|RUS|Russia|Russland|Rosja|Россия|Rossiya|Russian Federation|Russische Föderation|Federacja Rosyjska
RW|RWA|Rwanda|Ruanda|Rwanda
SA|SAU|Saudi Arabia|Saudi-Arabien|Arabia Saudyjska
SB|SLB|Solomon Islands|Salomonen|Wyspy Salomona
SC|SYC|Seychelles|Seychellen|Seszele
SD|SDN|Sudan|Sudan|Sudan
SE|SWE|Sweden|Schweden|Szwecja|Sverige
SG|SGP|Singapore|Singapur|Singapur
SH|SHN|Saint Helena, Ascension and Tristan da Cunha|Saint Helena|St. Helena
SI|SVN|Slovenia|Slowenien|Słowenia|Slovenija
SJ|SJM|Svalbard and Jan Mayen|Svalbard
SK|SVK|Slovakia|Slowakei|Słowacja|Slovensko|Slovak Republic
SL|SLE|Sierra Leone
SM|SMR|San Marino
SN|SEN|Senegal
SO|SOM|Somalia|Somalia|Somalia
SR|SUR|Suriname|Surinam
SS|SSD|South Sudan|Südsudan|Sudan Południowy
ST|STP|Sao Tome and Principe|São Tomé und Príncipe|Wyspy Świętego Tomasza i Książęca
SV|SLV|El Salvador|Salwador
SX|SXM|Sint Maarten
SY|SYR|Syria|Syrien|Syria|Syrian Arab Republic
SZ|SWZ|Eswatini|Eswatini|Eswatini|Swaziland|Suasiland|Suazi
TC|TCA|Turks and Caicos Islands|Turks- und Caicosinseln|Turks i Caicos
TD|TCD|Chad|Tschad|Czad
TF|ATF|French Southern Territories|Französische Süd- und Antarktisgebiete
TG|TGO|Togo
TH|THA|Thailand|Thailand|Tajlandia|ประเทศไทย
TJ|TJK|Tajikistan|Tadschikistan|Tadżykistan
TK|TKL|Tokelau
TL|TLS|Timor-Leste|Osttimor|Timor Wschodni|East Timor
TM|TKM|Turkmenistan|Turkmenistan|Turkmenistan
TN|TUN|Tunisia|Tunesien|Tunezja
TO|TON|Tonga
TR|TUR|Türkiye|Türkei|Turcja|Turkey|Turkiye|Tuerkei
TT|TTO|Trinidad and Tobago|Trinidad und Tobago|Trynidad i Tobago
TV|TUV|Tuvalu
TW|TWN|Taiwan|Taiwan|Tajwan|臺灣|台灣|Republic of China
TZ|TZA|Tanzania|Tansania|Tanzania|United Republic of Tanzania
UA|UKR|Ukraine|Ukraine|Ukraina|Україна|Ukrayina
UG|UGA|Uganda
UM|UMI|United States Minor Outlying Islands
US|USA|United States|Vereinigte Staaten|Stany Zjednoczone|United States of America|Vereinigte Staaten von Amerika|Stany Zjednoczone Ameryki|USA|U.S.A.|U.S.|US|America|Amerika|Ameryka|Estados Unidos|États-Unis
UY|URY|Uruguay|Urugwaj
UZ|UZB|Uzbekistan|Usbekistan|Uzbekistan
VA|VAT|Holy See|Vatikanstadt|Watykan|Vatican|Vatican City|Vatikan
VC|VCT|Saint Vincent and the Grenadines|St. Vincent und die Grenadinen|Saint Vincent i Grenadyny
VE|VEN|Venezuela|Wenezuela
VG|VGB|British Virgin Islands|Britische Jungferninseln|Brytyjskie Wyspy Dziewicze|Virgin Islands (British)
VI|VIR|United States Virgin Islands|Amerikanische Jungferninseln|Wyspy Dziewicze Stanów Zjednoczonych|Virgin Islands (U.S.)|US Virgin Islands
VN|VNM|Vietnam|Vietnam|Wietnam|Viet Nam|Việt Nam
VU|VUT|Vanuatu
WF|WLF|Wallis and Futuna|Wallis und Futuna
WS|WSM|Samoa
XK|XKX|Kosovo|Kosovo|Kosowo|Kosova
YE|YEM|Yemen|Jemen|Jemen
YT|MYT|Mayotte|Majotta
ZA|ZAF|South Africa|Südafrika|Republika Południowej Afryki|RSA|RPA|Suid-Afrika
ZM|ZMB|Zambia|Sambia|Zambia
ZW|ZWE|Zimbabwe|Simbabwe|Zimbabwe
`
