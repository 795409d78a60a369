/// A place a plan covers, or includes while roaming.
package enum Place: Hashable, Sendable {
    /// A country or territory, by ISO 3166-1 alpha-2 code (`US`, `MX`).
    case country(String)
    /// A named region (`Europe`, `Global`).
    case region(Region)
    /// "140+ countries": a count the text gives without naming them.
    case countries(Int)

    /// A named group of countries as plan text uses it.
    package enum Region: String, Hashable, Sendable, CaseIterable, Codable {
        case global, europe, europeanUnion = "european-union", asia, asiaPacific = "asia-pacific"
        case northAmerica = "north-america", latinAmerica = "latin-america", southAmerica = "south-america"
        case centralAmerica = "central-america", caribbean, middleEast = "middle-east", africa, oceania
        case balkans, nordics

        package var name: String {
            switch self {
            case .global: "Global"
            case .europe: "Europe"
            case .europeanUnion: "European Union"
            case .asia: "Asia"
            case .asiaPacific: "Asia-Pacific"
            case .northAmerica: "North America"
            case .latinAmerica: "Latin America"
            case .southAmerica: "South America"
            case .centralAmerica: "Central America"
            case .caribbean: "Caribbean"
            case .middleEast: "Middle East"
            case .africa: "Africa"
            case .oceania: "Oceania"
            case .balkans: "Balkans"
            case .nordics: "Nordics"
            }
        }
    }

    /// `United States`, `Europe`, `140 countries`.
    package var name: String {
        switch self {
        case .country(let code): Places.countryName(code) ?? code
        case .region(let region): region.name
        case .countries(let count): "\(count) countries"
        }
    }

    /// `US`, `europe`, `140-countries`: the stable form in JSON.
    package var code: String {
        switch self {
        case .country(let code): code
        case .region(let region): region.rawValue
        case .countries(let count): "\(count)-countries"
        }
    }
}

/// Country and region names as plan text writes them.
///
/// Country names are the English short names of ISO 3166-1 (as CLDR gives them), plus the
/// other names shops use (`USA`, `UK`, `Korea`, `Turkey`, `Czech Republic`).
enum Places {
    static let countries: [(String, String)] = [
        ("AD", "Andorra"), ("AE", "United Arab Emirates"), ("AF", "Afghanistan"), ("AG", "Antigua & Barbuda"),
        ("AI", "Anguilla"), ("AL", "Albania"), ("AM", "Armenia"), ("AO", "Angola"), ("AR", "Argentina"),
        ("AS", "American Samoa"), ("AT", "Austria"), ("AU", "Australia"), ("AW", "Aruba"), ("AX", "Åland Islands"),
        ("AZ", "Azerbaijan"), ("BA", "Bosnia & Herzegovina"), ("BB", "Barbados"), ("BD", "Bangladesh"),
        ("BE", "Belgium"), ("BF", "Burkina Faso"), ("BG", "Bulgaria"), ("BH", "Bahrain"), ("BI", "Burundi"),
        ("BJ", "Benin"), ("BL", "St. Barthélemy"), ("BM", "Bermuda"), ("BN", "Brunei"), ("BO", "Bolivia"),
        ("BQ", "Caribbean Netherlands"), ("BR", "Brazil"), ("BS", "Bahamas"), ("BT", "Bhutan"), ("BW", "Botswana"),
        ("BY", "Belarus"), ("BZ", "Belize"), ("CA", "Canada"), ("CC", "Cocos (Keeling) Islands"),
        ("CD", "Congo - Kinshasa"), ("CF", "Central African Republic"), ("CG", "Congo - Brazzaville"),
        ("CH", "Switzerland"), ("CI", "Côte d’Ivoire"), ("CK", "Cook Islands"), ("CL", "Chile"), ("CM", "Cameroon"),
        ("CN", "China mainland"), ("CO", "Colombia"), ("CR", "Costa Rica"), ("CU", "Cuba"), ("CV", "Cape Verde"),
        ("CW", "Curaçao"), ("CX", "Christmas Island"), ("CY", "Cyprus"), ("CZ", "Czechia"), ("DE", "Germany"),
        ("DJ", "Djibouti"), ("DK", "Denmark"), ("DM", "Dominica"), ("DO", "Dominican Republic"), ("DZ", "Algeria"),
        ("EC", "Ecuador"), ("EE", "Estonia"), ("EG", "Egypt"), ("EH", "Western Sahara"), ("ER", "Eritrea"),
        ("ES", "Spain"), ("ET", "Ethiopia"), ("FI", "Finland"), ("FJ", "Fiji"), ("FK", "Falkland Islands"),
        ("FM", "Micronesia"), ("FO", "Faroe Islands"), ("FR", "France"), ("GA", "Gabon"), ("GB", "United Kingdom"),
        ("GD", "Grenada"), ("GE", "Georgia"), ("GF", "French Guiana"), ("GG", "Guernsey"), ("GH", "Ghana"),
        ("GI", "Gibraltar"), ("GL", "Greenland"), ("GM", "Gambia"), ("GN", "Guinea"), ("GP", "Guadeloupe"),
        ("GQ", "Equatorial Guinea"), ("GR", "Greece"), ("GS", "So. Georgia & So. Sandwich Isl."),
        ("GT", "Guatemala"), ("GU", "Guam"), ("GW", "Guinea-Bissau"), ("GY", "Guyana"), ("HK", "Hong Kong"),
        ("HN", "Honduras"), ("HR", "Croatia"), ("HT", "Haiti"), ("HU", "Hungary"), ("ID", "Indonesia"),
        ("IE", "Ireland"), ("IL", "Israel"), ("IM", "Isle of Man"), ("IN", "India"), ("IO", "Chagos Archipelago"),
        ("IQ", "Iraq"), ("IR", "Iran"), ("IS", "Iceland"), ("IT", "Italy"), ("JE", "Jersey"), ("JM", "Jamaica"),
        ("JO", "Jordan"), ("JP", "Japan"), ("KE", "Kenya"), ("KG", "Kyrgyzstan"), ("KH", "Cambodia"),
        ("KI", "Kiribati"), ("KM", "Comoros"), ("KN", "St. Kitts & Nevis"), ("KP", "North Korea"),
        ("KR", "South Korea"), ("KW", "Kuwait"), ("KY", "Cayman Islands"), ("KZ", "Kazakhstan"), ("LA", "Laos"),
        ("LB", "Lebanon"), ("LC", "St. Lucia"), ("LI", "Liechtenstein"), ("LK", "Sri Lanka"), ("LR", "Liberia"),
        ("LS", "Lesotho"), ("LT", "Lithuania"), ("LU", "Luxembourg"), ("LV", "Latvia"), ("LY", "Libya"),
        ("MA", "Morocco"), ("MC", "Monaco"), ("MD", "Moldova"), ("ME", "Montenegro"), ("MF", "St. Martin"),
        ("MG", "Madagascar"), ("MH", "Marshall Islands"), ("MK", "North Macedonia"), ("ML", "Mali"),
        ("MM", "Myanmar (Burma)"), ("MN", "Mongolia"), ("MO", "Macao"), ("MP", "Northern Mariana Islands"),
        ("MQ", "Martinique"), ("MR", "Mauritania"), ("MS", "Montserrat"), ("MT", "Malta"), ("MU", "Mauritius"),
        ("MV", "Maldives"), ("MW", "Malawi"), ("MX", "Mexico"), ("MY", "Malaysia"), ("MZ", "Mozambique"),
        ("NA", "Namibia"), ("NC", "New Caledonia"), ("NE", "Niger"), ("NF", "Norfolk Island"), ("NG", "Nigeria"),
        ("NI", "Nicaragua"), ("NL", "Netherlands"), ("NO", "Norway"), ("NP", "Nepal"), ("NR", "Nauru"),
        ("NU", "Niue"), ("NZ", "New Zealand"), ("OM", "Oman"), ("PA", "Panama"), ("PE", "Peru"),
        ("PF", "French Polynesia"), ("PG", "Papua New Guinea"), ("PH", "Philippines"), ("PK", "Pakistan"),
        ("PL", "Poland"), ("PM", "St. Pierre & Miquelon"), ("PN", "Pitcairn Islands"), ("PR", "Puerto Rico"),
        ("PS", "Palestinian Territories"), ("PT", "Portugal"), ("PW", "Palau"), ("PY", "Paraguay"), ("QA", "Qatar"),
        ("RE", "Réunion"), ("RO", "Romania"), ("RS", "Serbia"), ("RU", "Russia"), ("RW", "Rwanda"),
        ("SA", "Saudi Arabia"), ("SB", "Solomon Islands"), ("SC", "Seychelles"), ("SD", "Sudan"), ("SE", "Sweden"),
        ("SG", "Singapore"), ("SH", "St. Helena"), ("SI", "Slovenia"), ("SJ", "Svalbard & Jan Mayen"),
        ("SK", "Slovakia"), ("SL", "Sierra Leone"), ("SM", "San Marino"), ("SN", "Senegal"), ("SO", "Somalia"),
        ("SR", "Suriname"), ("SS", "South Sudan"), ("ST", "São Tomé & Príncipe"), ("SV", "El Salvador"),
        ("SX", "Sint Maarten"), ("SY", "Syria"), ("SZ", "Eswatini"), ("TC", "Turks & Caicos Islands"),
        ("TD", "Chad"), ("TG", "Togo"), ("TH", "Thailand"), ("TJ", "Tajikistan"), ("TK", "Tokelau"),
        ("TL", "Timor-Leste"), ("TM", "Turkmenistan"), ("TN", "Tunisia"), ("TO", "Tonga"), ("TR", "Türkiye"),
        ("TT", "Trinidad & Tobago"), ("TV", "Tuvalu"), ("TW", "Taiwan"), ("TZ", "Tanzania"), ("UA", "Ukraine"),
        ("UG", "Uganda"), ("US", "United States"), ("UY", "Uruguay"), ("UZ", "Uzbekistan"), ("VA", "Vatican City"),
        ("VC", "St. Vincent & Grenadines"), ("VE", "Venezuela"), ("VG", "British Virgin Islands"),
        ("VI", "U.S. Virgin Islands"), ("VN", "Vietnam"), ("VU", "Vanuatu"), ("WF", "Wallis & Futuna"),
        ("WS", "Samoa"), ("YE", "Yemen"), ("YT", "Mayotte"), ("ZA", "South Africa"), ("ZM", "Zambia"),
        ("ZW", "Zimbabwe"),
    ]

    /// Other names for countries. Names here are matched without case, except the
    /// upper-case abbreviations in ``upperCaseAliases`` (`US` is also a pronoun).
    static let aliases: [(String, String)] = [
        ("United States of America", "US"), ("America", "US"), ("Great Britain", "GB"), ("Britain", "GB"),
        ("England", "GB"), ("Scotland", "GB"), ("Wales", "GB"), ("Northern Ireland", "GB"), ("Korea", "KR"),
        ("Republic of Korea", "KR"), ("Czech Republic", "CZ"), ("Turkey", "TR"), ("Turkiye", "TR"), ("Viet Nam", "VN"),
        ("Macau", "MO"), ("Ivory Coast", "CI"), ("Cote d'Ivoire", "CI"), ("Holland", "NL"), ("Russian Federation", "RU"),
        ("Mainland China", "CN"), ("Swaziland", "SZ"), ("Macedonia", "MK"), ("Burma", "MM"), ("Myanmar", "MM"),
        ("Palestine", "PS"), ("Bosnia", "BA"), ("Bosnia and Herzegovina", "BA"), ("Trinidad and Tobago", "TT"),
        ("Antigua and Barbuda", "AG"), ("Saint Lucia", "LC"), ("Saint Kitts and Nevis", "KN"),
        ("Saint Vincent and the Grenadines", "VC"), ("Saint Martin", "MF"), ("Sint Maarten", "SX"),
        ("Republic of the Congo", "CG"), ("Congo", "CG"), ("DR Congo", "CD"), ("DRC", "CD"),
        ("Democratic Republic of the Congo", "CD"), ("Hong Kong SAR", "HK"), ("Macao SAR", "MO"),
        ("Vatican", "VA"), ("East Timor", "TL"), ("Cape Verde", "CV"), ("Faroe Islands", "FO"),
        ("US Virgin Islands", "VI"), ("U.S. Virgin Islands", "VI"), ("British Virgin Islands", "VG"),
    ]

    static let upperCaseAliases: [(String, String)] = [
        ("US", "US"), ("USA", "US"), ("U.S.", "US"), ("U.S.A.", "US"), ("UK", "GB"), ("U.K.", "GB"), ("UAE", "AE"),
    ]

    static let regions: [(String, Place.Region)] = [
        ("global", .global), ("worldwide", .global), ("world", .global), ("world wide", .global),
        ("europe", .europe), ("european", .europe), ("european union", .europeanUnion),
        ("asia", .asia), ("asian", .asia), ("asia pacific", .asiaPacific), ("asia-pacific", .asiaPacific), ("apac", .asiaPacific),
        ("north america", .northAmerica), ("north american", .northAmerica), ("latin america", .latinAmerica),
        ("latam", .latinAmerica), ("south america", .southAmerica), ("central america", .centralAmerica),
        ("caribbean", .caribbean), ("caribbean islands", .caribbean), ("middle east", .middleEast),
        ("mena", .middleEast), ("africa", .africa), ("african", .africa), ("oceania", .oceania),
        ("balkans", .balkans), ("nordics", .nordics), ("nordic", .nordics), ("scandinavia", .nordics),
    ]

    static let upperCaseRegions: [(String, Place.Region)] = [("EU", .europeanUnion)]

    static func countryName(_ code: String) -> String? {
        nameByCode[code]
    }

    private static let nameByCode: [String: String] = {
        var table: [String: String] = [:]
        for (code, name) in countries { table[code] = name }
        return table
    }()
}
