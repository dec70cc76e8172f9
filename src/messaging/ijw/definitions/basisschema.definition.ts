// Generated from the official iJw 3.2 XSDs by generate-definitions.ts. Do not edit by hand.
import type { TypeTable } from '../definition';

export const BASISSCHEMA: TypeTable = {
  "simple": {
    "ijw:LDT_AanduidingWoonadres": {
      "base": "string",
      "enumeration": [
        "AB",
        "BY",
        "TO",
        "WW"
      ],
      "maxLength": 2
    },
    "ijw:LDT_AdresSoort": {
      "base": "string",
      "enumeration": [
        "01",
        "02",
        "03",
        "04"
      ],
      "maxLength": 2
    },
    "ijw:LDT_AgbCode": {
      "base": "string",
      "patterns": [
        "[0-9]{8}"
      ],
      "minLength": 1,
      "maxLength": 8
    },
    "ijw:LDT_Bedrag": {
      "base": "integer",
      "minInclusive": 0,
      "maxInclusive": 99999999
    },
    "ijw:LDT_BerichtCode": {
      "base": "string",
      "minLength": 1,
      "maxLength": 3
    },
    "ijw:LDT_BerichtSubversie": {
      "base": "integer",
      "minInclusive": 0,
      "maxInclusive": 99
    },
    "ijw:LDT_BerichtVersie": {
      "base": "integer",
      "minInclusive": 0,
      "maxInclusive": 99
    },
    "ijw:LDT_Budget": {
      "base": "integer",
      "minInclusive": 0,
      "maxInclusive": 99999999
    },
    "ijw:LDT_BurgerServicenummer": {
      "base": "string",
      "patterns": [
        "[0-9]{9}"
      ],
      "minLength": 1,
      "maxLength": 9
    },
    "ijw:LDT_Commentaar": {
      "base": "string",
      "patterns": [
        "([.\\s]*\\S+[.\\s]*)+"
      ],
      "minLength": 1
    },
    "ijw:LDT_Communicatievorm": {
      "base": "string",
      "enumeration": [
        "1",
        "2",
        "3"
      ],
      "maxLength": 1
    },
    "ijw:LDT_Datum": {
      "base": "date",
      "patterns": [
        "[^:Z]*"
      ]
    },
    "ijw:LDT_DatumGebruik": {
      "base": "string",
      "enumeration": [
        "1",
        "2",
        "3"
      ],
      "maxLength": 1
    },
    "ijw:LDT_DebetCredit": {
      "base": "string",
      "enumeration": [
        "C",
        "D"
      ],
      "maxLength": 1
    },
    "ijw:LDT_Eenheid": {
      "base": "string",
      "enumeration": [
        "01",
        "04",
        "14",
        "16",
        "82",
        "83",
        "84"
      ],
      "maxLength": 2
    },
    "ijw:LDT_Emailadres": {
      "base": "string",
      "patterns": [
        ".*[^\\s].*"
      ],
      "minLength": 1,
      "maxLength": 80
    },
    "ijw:LDT_Frequentie": {
      "base": "string",
      "enumeration": [
        "1",
        "2",
        "4",
        "6"
      ],
      "maxLength": 1
    },
    "ijw:LDT_Gemeente": {
      "base": "string",
      "patterns": [
        "[0-9]{4}"
      ],
      "minLength": 1
    },
    "ijw:LDT_Geslacht": {
      "base": "string",
      "enumeration": [
        "0",
        "1",
        "2"
      ],
      "maxLength": 1
    },
    "ijw:LDT_Huisletter": {
      "base": "string",
      "patterns": [
        ".*[^\\s].*"
      ],
      "minLength": 1,
      "maxLength": 1
    },
    "ijw:LDT_Huisnummer": {
      "base": "integer",
      "minInclusive": 0,
      "maxInclusive": 99999
    },
    "ijw:LDT_HuisnummerToevoeging": {
      "base": "string",
      "patterns": [
        ".*[^\\s].*"
      ],
      "minLength": 1,
      "maxLength": 4
    },
    "ijw:LDT_IdentificatieBericht": {
      "base": "string",
      "patterns": [
        ".*[^\\s].*"
      ],
      "minLength": 1,
      "maxLength": 12
    },
    "ijw:LDT_IdentificatieDeclaratie": {
      "base": "string",
      "minLength": 1,
      "maxLength": 12
    },
    "ijw:LDT_JaNee": {
      "base": "string",
      "enumeration": [
        "1",
        "2"
      ],
      "maxLength": 1
    },
    "ijw:LDT_JuridischeStatus": {
      "base": "string",
      "enumeration": [
        "01",
        "02",
        "03",
        "04",
        "05",
        "11",
        "12"
      ],
      "maxLength": 2
    },
    "ijw:LDT_LandCode": {
      "base": "string",
      "enumeration": [
        "AD",
        "AE",
        "AF",
        "AG",
        "AI",
        "AL",
        "AM",
        "AO",
        "AQ",
        "AR",
        "AS",
        "AT",
        "AU",
        "AW",
        "AX",
        "AZ",
        "BA",
        "BB",
        "BD",
        "BE",
        "BF",
        "BG",
        "BH",
        "BI",
        "BJ",
        "BL",
        "BM",
        "BN",
        "BO",
        "BQ",
        "BR",
        "BS",
        "BT",
        "BV",
        "BW",
        "BY",
        "BZ",
        "CA",
        "CC",
        "CD",
        "CF",
        "CG",
        "CH",
        "CI",
        "CK",
        "CL",
        "CM",
        "CN",
        "CO",
        "CR",
        "CU",
        "CV",
        "CW",
        "CX",
        "CY",
        "CZ",
        "DE",
        "DJ",
        "DK",
        "DM",
        "DO",
        "DZ",
        "EC",
        "EE",
        "EG",
        "EH",
        "ER",
        "ES",
        "ET",
        "FI",
        "FJ",
        "FK",
        "FM",
        "FO",
        "FR",
        "GA",
        "GB",
        "GD",
        "GE",
        "GF",
        "GG",
        "GH",
        "GI",
        "GL",
        "GM",
        "GN",
        "GP",
        "GQ",
        "GR",
        "GS",
        "GT",
        "GU",
        "GW",
        "GY",
        "HK",
        "HM",
        "HN",
        "HR",
        "HT",
        "HU",
        "ID",
        "IE",
        "IL",
        "IM",
        "IN",
        "IO",
        "IQ",
        "IR",
        "IS",
        "IT",
        "JE",
        "JM",
        "JO",
        "JP",
        "KE",
        "KG",
        "KH",
        "KI",
        "KM",
        "KN",
        "KP",
        "KR",
        "KW",
        "KY",
        "KZ",
        "LA",
        "LB",
        "LC",
        "LI",
        "LK",
        "LR",
        "LS",
        "LT",
        "LU",
        "LV",
        "LY",
        "MA",
        "MC",
        "MD",
        "ME",
        "MF",
        "MG",
        "MH",
        "MK",
        "ML",
        "MM",
        "MN",
        "MO",
        "MP",
        "MQ",
        "MR",
        "MS",
        "MT",
        "MU",
        "MV",
        "MW",
        "MX",
        "MY",
        "MZ",
        "NA",
        "NC",
        "NE",
        "NF",
        "NG",
        "NI",
        "NL",
        "NO",
        "NP",
        "NR",
        "NU",
        "NZ",
        "OM",
        "PA",
        "PE",
        "PF",
        "PG",
        "PH",
        "PK",
        "PL",
        "PM",
        "PN",
        "PR",
        "PS",
        "PT",
        "PW",
        "PY",
        "QA",
        "RE",
        "RO",
        "RS",
        "RU",
        "RW",
        "SA",
        "SB",
        "SC",
        "SD",
        "SE",
        "SG",
        "SH",
        "SI",
        "SJ",
        "SK",
        "SL",
        "SM",
        "SN",
        "SO",
        "SR",
        "SS",
        "ST",
        "SV",
        "SX",
        "SY",
        "SZ",
        "TC",
        "TD",
        "TF",
        "TG",
        "TH",
        "TJ",
        "TK",
        "TL",
        "TM",
        "TN",
        "TO",
        "TR",
        "TT",
        "TV",
        "TW",
        "TZ",
        "UA",
        "UG",
        "UM",
        "US",
        "UY",
        "UZ",
        "VA",
        "VC",
        "VE",
        "VG",
        "VI",
        "VN",
        "VU",
        "WF",
        "WS",
        "YE",
        "YT",
        "ZA",
        "ZM",
        "ZW"
      ],
      "maxLength": 2
    },
    "ijw:LDT_Landnummer": {
      "base": "string",
      "patterns": [
        ".*[^\\s].*"
      ],
      "minLength": 1,
      "maxLength": 4
    },
    "ijw:LDT_Naam": {
      "base": "string",
      "patterns": [
        ".*[^\\s].*"
      ],
      "minLength": 1,
      "maxLength": 200
    },
    "ijw:LDT_NaamGebruik": {
      "base": "string",
      "enumeration": [
        "1",
        "2",
        "3",
        "4",
        "5",
        "6"
      ],
      "maxLength": 1
    },
    "ijw:LDT_NaamVerwijzer": {
      "base": "string",
      "patterns": [
        ".*[^\\s].*"
      ],
      "minLength": 1,
      "maxLength": 64
    },
    "ijw:LDT_Nummer": {
      "base": "integer",
      "minInclusive": 0,
      "maxInclusive": 999999999
    },
    "ijw:LDT_Organisatienaam": {
      "base": "string",
      "patterns": [
        ".*[^\\s].*"
      ],
      "minLength": 1,
      "maxLength": 35
    },
    "ijw:LDT_Persoonsid": {
      "base": "string",
      "patterns": [
        ".*[^\\s].*"
      ],
      "minLength": 1,
      "maxLength": 20
    },
    "ijw:LDT_Plaatsnaam": {
      "base": "string",
      "patterns": [
        ".*[^\\s].*"
      ],
      "minLength": 1,
      "maxLength": 80
    },
    "ijw:LDT_Postcode": {
      "base": "string",
      "patterns": [
        ".*[^\\s].*"
      ],
      "minLength": 1,
      "maxLength": 8
    },
    "ijw:LDT_ProductCategorie": {
      "base": "string",
      "enumeration": [
        "31",
        "32",
        "33",
        "34",
        "35",
        "36",
        "37",
        "38",
        "40",
        "41",
        "42",
        "43",
        "44",
        "45",
        "46",
        "47",
        "48",
        "49",
        "50",
        "51",
        "52",
        "53",
        "54",
        "55"
      ],
      "maxLength": 2
    },
    "ijw:LDT_ProductCode": {
      "base": "string",
      "patterns": [
        ".*[^\\s].*"
      ],
      "minLength": 1,
      "maxLength": 5
    },
    "ijw:LDT_RedenAfwijzingVerzoek": {
      "base": "string",
      "enumeration": [
        "1",
        "2",
        "3",
        "4",
        "5",
        "6",
        "7",
        "8",
        "9"
      ],
      "maxLength": 2
    },
    "ijw:LDT_RedenBeeindiging": {
      "base": "string",
      "enumeration": [
        "02",
        "20",
        "31",
        "32",
        "33",
        "34",
        "35",
        "36",
        "37",
        "38",
        "39"
      ],
      "maxLength": 2
    },
    "ijw:LDT_RedenVerzoek": {
      "base": "string",
      "enumeration": [
        "1",
        "2"
      ],
      "maxLength": 1
    },
    "ijw:LDT_RedenWijziging": {
      "base": "string",
      "enumeration": [
        "01",
        "02",
        "03",
        "04",
        "05",
        "06",
        "07",
        "08",
        "09",
        "10",
        "11",
        "12",
        "13",
        "14"
      ],
      "maxLength": 2
    },
    "ijw:LDT_Referentie": {
      "base": "string",
      "patterns": [
        ".*[^\\s].*"
      ],
      "minLength": 1,
      "maxLength": 36
    },
    "ijw:LDT_ReferentieNummer": {
      "base": "string",
      "minLength": 1,
      "maxLength": 20
    },
    "ijw:LDT_RelatieVolgorde": {
      "base": "integer",
      "minInclusive": 0,
      "maxInclusive": 99
    },
    "ijw:LDT_RetourCode": {
      "base": "string",
      "enumeration": [
        "0001",
        "0200",
        "0233",
        "0611",
        "8001",
        "8017",
        "8021",
        "8187",
        "8214",
        "8848",
        "9019",
        "9056",
        "9063",
        "9069",
        "9071",
        "9074",
        "9307",
        "9308",
        "9319",
        "9321",
        "9322",
        "9326",
        "9332",
        "9333",
        "9338",
        "9339",
        "9340",
        "9341",
        "9346",
        "9347",
        "9349",
        "9350",
        "9351",
        "9355",
        "9357",
        "9359",
        "9360",
        "9361",
        "9365",
        "9366",
        "9367",
        "9369",
        "9373",
        "9374",
        "9375",
        "9379",
        "9384",
        "9385",
        "9387",
        "9388",
        "9389",
        "9390",
        "9411",
        "9412",
        "9413",
        "9414",
        "9415",
        "S300",
        "S329"
      ],
      "maxLength": 4
    },
    "ijw:LDT_SoortRelatie": {
      "base": "string",
      "enumeration": [
        "03",
        "04",
        "05",
        "06",
        "07",
        "08",
        "09",
        "10",
        "11",
        "12",
        "13",
        "14",
        "15",
        "16",
        "17",
        "18",
        "19",
        "20",
        "21",
        "22",
        "23",
        "24",
        "25"
      ],
      "maxLength": 2
    },
    "ijw:LDT_StatusAanlevering": {
      "base": "string",
      "enumeration": [
        "1",
        "2",
        "3",
        "9"
      ],
      "maxLength": 1
    },
    "ijw:LDT_Straatnaam": {
      "base": "string",
      "patterns": [
        ".*[^\\s].*"
      ],
      "minLength": 1,
      "maxLength": 24
    },
    "ijw:LDT_Taal": {
      "base": "string",
      "patterns": [
        ".*[^\\s].*"
      ],
      "minLength": 1,
      "maxLength": 25
    },
    "ijw:LDT_Telefoonnummer": {
      "base": "string",
      "patterns": [
        "[0-9]*"
      ],
      "minLength": 1,
      "maxLength": 15
    },
    "ijw:LDT_Tijd": {
      "base": "time",
      "patterns": [
        "[^Z+-]+"
      ]
    },
    "ijw:LDT_TotaalBedrag": {
      "base": "integer",
      "minInclusive": 0,
      "maxInclusive": 999999999999
    },
    "ijw:LDT_TypeVerwijzer": {
      "base": "string",
      "enumeration": [
        "01",
        "02",
        "03",
        "04",
        "05",
        "06",
        "08"
      ],
      "maxLength": 2
    },
    "ijw:LDT_Versie": {
      "base": "string",
      "patterns": [
        "(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)"
      ],
      "minLength": 1
    },
    "ijw:LDT_VerzoekAntwoord": {
      "base": "string",
      "enumeration": [
        "1",
        "2"
      ],
      "maxLength": 1
    },
    "ijw:LDT_Volume": {
      "base": "integer",
      "minInclusive": 0,
      "maxInclusive": 99999999
    },
    "ijw:LDT_Voorletters": {
      "base": "string",
      "patterns": [
        "([a-zA-ZÀ-ỳ])+"
      ],
      "minLength": 1,
      "maxLength": 6
    },
    "ijw:LDT_Voorvoegsel": {
      "base": "string",
      "patterns": [
        ".*[^\\s].*"
      ],
      "minLength": 1,
      "maxLength": 10
    },
    "ijw:LDT_WettelijkeVertegenwoordiging": {
      "base": "string",
      "enumeration": [
        "06",
        "07",
        "08",
        "09",
        "10"
      ],
      "maxLength": 2
    }
  },
  "complex": {
    "ijw:CDT_Achternaam": {
      "ns": "http://www.istandaarden.nl/ijw/3_2/basisschema/schema",
      "sequence": [
        {
          "name": "Achternaam",
          "type": "ijw:LDT_Naam",
          "min": 1,
          "max": 1
        },
        {
          "name": "Voorvoegsel",
          "type": "ijw:LDT_Voorvoegsel",
          "min": 0,
          "max": 1
        }
      ]
    },
    "ijw:CDT_Adres": {
      "ns": "http://www.istandaarden.nl/ijw/3_2/basisschema/schema",
      "sequence": [
        {
          "name": "Huis",
          "type": "ijw:CDT_Huis",
          "min": 0,
          "max": 1
        },
        {
          "name": "Postcode",
          "type": "ijw:LDT_Postcode",
          "min": 0,
          "max": 1
        },
        {
          "name": "Straatnaam",
          "type": "ijw:LDT_Straatnaam",
          "min": 0,
          "max": 1
        },
        {
          "name": "Plaatsnaam",
          "type": "ijw:LDT_Plaatsnaam",
          "min": 0,
          "max": 1
        },
        {
          "name": "LandCode",
          "type": "ijw:LDT_LandCode",
          "min": 0,
          "max": 1
        }
      ]
    },
    "ijw:CDT_BedragMetDC": {
      "ns": "http://www.istandaarden.nl/ijw/3_2/basisschema/schema",
      "sequence": [
        {
          "name": "Bedrag",
          "type": "ijw:LDT_Bedrag",
          "min": 1,
          "max": 1
        },
        {
          "name": "DebetCredit",
          "type": "ijw:LDT_DebetCredit",
          "min": 1,
          "max": 1
        }
      ]
    },
    "ijw:CDT_BerichtIdentificatie": {
      "ns": "http://www.istandaarden.nl/ijw/3_2/basisschema/schema",
      "sequence": [
        {
          "name": "Identificatie",
          "type": "ijw:LDT_IdentificatieBericht",
          "min": 1,
          "max": 1
        },
        {
          "name": "Dagtekening",
          "type": "ijw:LDT_Datum",
          "min": 1,
          "max": 1
        }
      ]
    },
    "ijw:CDT_Communicatie": {
      "ns": "http://www.istandaarden.nl/ijw/3_2/basisschema/schema",
      "sequence": [
        {
          "name": "Vorm",
          "type": "ijw:LDT_Communicatievorm",
          "min": 1,
          "max": 1
        },
        {
          "name": "Taal",
          "type": "ijw:LDT_Taal",
          "min": 0,
          "max": 1
        }
      ]
    },
    "ijw:CDT_Geboortedatum": {
      "ns": "http://www.istandaarden.nl/ijw/3_2/basisschema/schema",
      "sequence": [
        {
          "name": "Datum",
          "type": "ijw:LDT_Datum",
          "min": 1,
          "max": 1
        },
        {
          "name": "DatumGebruik",
          "type": "ijw:LDT_DatumGebruik",
          "min": 0,
          "max": 1
        }
      ]
    },
    "ijw:CDT_GeslotenPeriode": {
      "ns": "http://www.istandaarden.nl/ijw/3_2/basisschema/schema",
      "sequence": [
        {
          "name": "Begindatum",
          "type": "ijw:LDT_Datum",
          "min": 1,
          "max": 1
        },
        {
          "name": "Einddatum",
          "type": "ijw:LDT_Datum",
          "min": 1,
          "max": 1
        }
      ]
    },
    "ijw:CDT_Huis": {
      "ns": "http://www.istandaarden.nl/ijw/3_2/basisschema/schema",
      "sequence": [
        {
          "name": "Huisnummer",
          "type": "ijw:LDT_Huisnummer",
          "min": 1,
          "max": 1
        },
        {
          "name": "Huisletter",
          "type": "ijw:LDT_Huisletter",
          "min": 0,
          "max": 1
        },
        {
          "name": "HuisnummerToevoeging",
          "type": "ijw:LDT_HuisnummerToevoeging",
          "min": 0,
          "max": 1
        },
        {
          "name": "AanduidingWoonadres",
          "type": "ijw:LDT_AanduidingWoonadres",
          "min": 0,
          "max": 1
        }
      ]
    },
    "ijw:CDT_Omvang": {
      "ns": "http://www.istandaarden.nl/ijw/3_2/basisschema/schema",
      "sequence": [
        {
          "name": "Volume",
          "type": "ijw:LDT_Volume",
          "min": 1,
          "max": 1
        },
        {
          "name": "Eenheid",
          "type": "ijw:LDT_Eenheid",
          "min": 1,
          "max": 1
        },
        {
          "name": "Frequentie",
          "type": "ijw:LDT_Frequentie",
          "min": 1,
          "max": 1
        }
      ]
    },
    "ijw:CDT_OpenPeriode": {
      "ns": "http://www.istandaarden.nl/ijw/3_2/basisschema/schema",
      "sequence": [
        {
          "name": "Begindatum",
          "type": "ijw:LDT_Datum",
          "min": 0,
          "max": 1
        },
        {
          "name": "Einddatum",
          "type": "ijw:LDT_Datum",
          "min": 0,
          "max": 1
        }
      ]
    },
    "ijw:CDT_Product": {
      "ns": "http://www.istandaarden.nl/ijw/3_2/basisschema/schema",
      "sequence": [
        {
          "name": "Categorie",
          "type": "ijw:LDT_ProductCategorie",
          "min": 1,
          "max": 1
        },
        {
          "name": "Code",
          "type": "ijw:LDT_ProductCode",
          "min": 0,
          "max": 1
        }
      ]
    },
    "ijw:CDT_Referentie": {
      "ns": "http://www.istandaarden.nl/ijw/3_2/basisschema/schema",
      "sequence": [
        {
          "name": "ReferentieNummer",
          "type": "ijw:LDT_ReferentieNummer",
          "min": 1,
          "max": 1
        },
        {
          "name": "VorigReferentieNummer",
          "type": "ijw:LDT_ReferentieNummer",
          "min": 0,
          "max": 1
        }
      ]
    },
    "ijw:CDT_Telefoon": {
      "ns": "http://www.istandaarden.nl/ijw/3_2/basisschema/schema",
      "sequence": [
        {
          "name": "Telefoonnummer",
          "type": "ijw:LDT_Telefoonnummer",
          "min": 1,
          "max": 1
        },
        {
          "name": "Landnummer",
          "type": "ijw:LDT_Landnummer",
          "min": 1,
          "max": 1
        }
      ]
    },
    "ijw:CDT_Telefoonnummers": {
      "ns": "http://www.istandaarden.nl/ijw/3_2/basisschema/schema",
      "sequence": [
        {
          "name": "Telefoon01",
          "type": "ijw:CDT_Telefoon",
          "min": 1,
          "max": 1
        },
        {
          "name": "Telefoon02",
          "type": "ijw:CDT_Telefoon",
          "min": 0,
          "max": 1
        }
      ]
    },
    "ijw:CDT_TotaalBedragMetDC": {
      "ns": "http://www.istandaarden.nl/ijw/3_2/basisschema/schema",
      "sequence": [
        {
          "name": "TotaalBedrag",
          "type": "ijw:LDT_TotaalBedrag",
          "min": 1,
          "max": 1
        },
        {
          "name": "DebetCredit",
          "type": "ijw:LDT_DebetCredit",
          "min": 1,
          "max": 1
        }
      ]
    },
    "ijw:CDT_VerkorteNaam": {
      "ns": "http://www.istandaarden.nl/ijw/3_2/basisschema/schema",
      "sequence": [
        {
          "name": "Geslachtsnaam",
          "type": "ijw:CDT_Achternaam",
          "min": 1,
          "max": 1
        },
        {
          "name": "Voornamen",
          "type": "ijw:LDT_Naam",
          "min": 0,
          "max": 1
        },
        {
          "name": "Voorletters",
          "type": "ijw:LDT_Voorletters",
          "min": 0,
          "max": 1
        }
      ]
    },
    "ijw:CDT_Verwijzer": {
      "ns": "http://www.istandaarden.nl/ijw/3_2/basisschema/schema",
      "sequence": [
        {
          "name": "Type",
          "type": "ijw:LDT_TypeVerwijzer",
          "min": 1,
          "max": 1
        },
        {
          "name": "Naam",
          "type": "ijw:LDT_NaamVerwijzer",
          "min": 0,
          "max": 1
        },
        {
          "name": "ZorgverlenerCode",
          "type": "ijw:LDT_AgbCode",
          "min": 0,
          "max": 1
        }
      ]
    },
    "ijw:CDT_VolledigeNaam": {
      "ns": "http://www.istandaarden.nl/ijw/3_2/basisschema/schema",
      "sequence": [
        {
          "name": "Geslachtsnaam",
          "type": "ijw:CDT_Achternaam",
          "min": 1,
          "max": 1
        },
        {
          "name": "Partnernaam",
          "type": "ijw:CDT_Achternaam",
          "min": 0,
          "max": 1
        },
        {
          "name": "Voornamen",
          "type": "ijw:LDT_Naam",
          "min": 0,
          "max": 1
        },
        {
          "name": "Voorletters",
          "type": "ijw:LDT_Voorletters",
          "min": 0,
          "max": 1
        },
        {
          "name": "NaamGebruik",
          "type": "ijw:LDT_NaamGebruik",
          "min": 1,
          "max": 1
        }
      ]
    },
    "ijw:CDT_XsdVersie": {
      "ns": "http://www.istandaarden.nl/ijw/3_2/basisschema/schema",
      "sequence": [
        {
          "name": "BasisschemaXsdVersie",
          "type": "ijw:LDT_Versie",
          "min": 1,
          "max": 1
        },
        {
          "name": "BerichtXsdVersie",
          "type": "ijw:LDT_Versie",
          "min": 1,
          "max": 1
        }
      ]
    }
  }
};
