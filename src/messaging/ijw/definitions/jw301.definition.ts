// Generated from the official iJw 3.2 XSDs by generate-definitions.ts. Do not edit by hand.
import type { MessageDefinition } from '../definition';

export const JW301: MessageDefinition = {
  "type": "JW301",
  "berichtCode": "436",
  "namespace": "http://www.istandaarden.nl/ijw/3_2/jw301/schema",
  "root": "jw301:Root",
  "types": {
    "simple": {
      "jw301:Header_BerichtCode_0": {
        "base": "string",
        "minLength": 1,
        "maxLength": 3,
        "patterns": [
          "436"
        ]
      },
      "jw301:Header_BerichtVersie_1": {
        "base": "integer",
        "minInclusive": 0,
        "maxInclusive": 99,
        "patterns": [
          "3"
        ]
      },
      "jw301:Header_BerichtSubversie_2": {
        "base": "integer",
        "minInclusive": 0,
        "maxInclusive": 99,
        "patterns": [
          "2"
        ]
      }
    },
    "complex": {
      "jw301:Root": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw301/schema",
        "sequence": [
          {
            "name": "Header",
            "type": "jw301:Header",
            "min": 1,
            "max": 1
          },
          {
            "name": "Client",
            "type": "jw301:Client",
            "min": 1,
            "max": 1
          }
        ]
      },
      "jw301:Header": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw301/schema",
        "sequence": [
          {
            "name": "BerichtCode",
            "type": "jw301:Header_BerichtCode_0",
            "min": 1,
            "max": 1
          },
          {
            "name": "BerichtVersie",
            "type": "jw301:Header_BerichtVersie_1",
            "min": 1,
            "max": 1
          },
          {
            "name": "BerichtSubversie",
            "type": "jw301:Header_BerichtSubversie_2",
            "min": 1,
            "max": 1
          },
          {
            "name": "Afzender",
            "type": "ijw:LDT_Gemeente",
            "min": 1,
            "max": 1
          },
          {
            "name": "Ontvanger",
            "type": "ijw:LDT_AgbCode",
            "min": 1,
            "max": 1
          },
          {
            "name": "BerichtIdentificatie",
            "type": "ijw:CDT_BerichtIdentificatie",
            "min": 1,
            "max": 1
          },
          {
            "name": "XsdVersie",
            "type": "ijw:CDT_XsdVersie",
            "min": 1,
            "max": 1
          }
        ]
      },
      "jw301:Client": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw301/schema",
        "sequence": [
          {
            "name": "Bsn",
            "type": "ijw:LDT_BurgerServicenummer",
            "min": 1,
            "max": 1
          },
          {
            "name": "Geboortedatum",
            "type": "ijw:CDT_Geboortedatum",
            "min": 1,
            "max": 1
          },
          {
            "name": "Geslacht",
            "type": "ijw:LDT_Geslacht",
            "min": 1,
            "max": 1
          },
          {
            "name": "Naam",
            "type": "ijw:CDT_VolledigeNaam",
            "min": 1,
            "max": 1
          },
          {
            "name": "Communicatie",
            "type": "ijw:CDT_Communicatie",
            "min": 0,
            "max": 1
          },
          {
            "name": "JuridischeStatus",
            "type": "ijw:LDT_JuridischeStatus",
            "min": 0,
            "max": 1
          },
          {
            "name": "WettelijkeVertegenwoordiging",
            "type": "ijw:LDT_WettelijkeVertegenwoordiging",
            "min": 0,
            "max": 1
          },
          {
            "name": "Commentaar",
            "type": "ijw:LDT_Commentaar",
            "min": 0,
            "max": 1
          },
          {
            "name": "Relaties",
            "type": "jw301:Relaties",
            "min": 0,
            "max": 1
          },
          {
            "name": "Contactgegevens",
            "type": "jw301:Contactgegevens",
            "min": 1,
            "max": 1
          },
          {
            "name": "ToegewezenProducten",
            "type": "jw301:ToegewezenProducten",
            "min": 1,
            "max": 1
          }
        ]
      },
      "jw301:Relaties": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw301/schema",
        "sequence": [
          {
            "name": "Relatie",
            "type": "jw301:Relatie",
            "min": 1,
            "max": Infinity
          }
        ]
      },
      "jw301:Relatie": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw301/schema",
        "sequence": [
          {
            "name": "Nummer",
            "type": "ijw:LDT_Persoonsid",
            "min": 1,
            "max": 1
          },
          {
            "name": "Volgorde",
            "type": "ijw:LDT_RelatieVolgorde",
            "min": 0,
            "max": 1
          },
          {
            "name": "Soort",
            "type": "ijw:LDT_SoortRelatie",
            "min": 1,
            "max": 1
          },
          {
            "name": "Geboortedatum",
            "type": "ijw:CDT_Geboortedatum",
            "min": 0,
            "max": 1
          },
          {
            "name": "Geslacht",
            "type": "ijw:LDT_Geslacht",
            "min": 0,
            "max": 1
          },
          {
            "name": "Naam",
            "type": "ijw:CDT_VolledigeNaam",
            "min": 1,
            "max": 1
          },
          {
            "name": "Contact",
            "type": "jw301:Contact",
            "min": 1,
            "max": 1
          }
        ]
      },
      "jw301:Contact": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw301/schema",
        "sequence": [
          {
            "name": "Soort",
            "type": "ijw:LDT_AdresSoort",
            "min": 1,
            "max": 1
          },
          {
            "name": "Adres",
            "type": "ijw:CDT_Adres",
            "min": 0,
            "max": 1
          },
          {
            "name": "Organisatie",
            "type": "ijw:LDT_Organisatienaam",
            "min": 0,
            "max": 1
          },
          {
            "name": "Telefoon",
            "type": "ijw:CDT_Telefoonnummers",
            "min": 0,
            "max": 1
          },
          {
            "name": "Emailadres",
            "type": "ijw:LDT_Emailadres",
            "min": 0,
            "max": 1
          },
          {
            "name": "Periode",
            "type": "ijw:CDT_OpenPeriode",
            "min": 0,
            "max": 1
          }
        ]
      },
      "jw301:Contactgegevens": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw301/schema",
        "sequence": [
          {
            "name": "Contact",
            "type": "jw301:Contact",
            "min": 1,
            "max": Infinity
          }
        ]
      },
      "jw301:ToegewezenProducten": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw301/schema",
        "sequence": [
          {
            "name": "ToegewezenProduct",
            "type": "jw301:ToegewezenProduct",
            "min": 1,
            "max": Infinity
          }
        ]
      },
      "jw301:ToegewezenProduct": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw301/schema",
        "sequence": [
          {
            "name": "ToewijzingNummer",
            "type": "ijw:LDT_Nummer",
            "min": 1,
            "max": 1
          },
          {
            "name": "ReferentieAanbieder",
            "type": "ijw:LDT_Referentie",
            "min": 0,
            "max": 1
          },
          {
            "name": "Product",
            "type": "ijw:CDT_Product",
            "min": 0,
            "max": 1
          },
          {
            "name": "Toewijzingsdatum",
            "type": "ijw:LDT_Datum",
            "min": 1,
            "max": 1
          },
          {
            "name": "Toewijzingstijd",
            "type": "ijw:LDT_Tijd",
            "min": 1,
            "max": 1
          },
          {
            "name": "Ingangsdatum",
            "type": "ijw:LDT_Datum",
            "min": 1,
            "max": 1
          },
          {
            "name": "Einddatum",
            "type": "ijw:LDT_Datum",
            "min": 0,
            "max": 1
          },
          {
            "name": "RedenWijziging",
            "type": "ijw:LDT_RedenWijziging",
            "min": 0,
            "max": 1
          },
          {
            "name": "Omvang",
            "type": "ijw:CDT_Omvang",
            "min": 0,
            "max": 1
          },
          {
            "name": "Budget",
            "type": "ijw:LDT_Budget",
            "min": 0,
            "max": 1
          },
          {
            "name": "Commentaar",
            "type": "ijw:LDT_Commentaar",
            "min": 0,
            "max": 1
          }
        ]
      }
    }
  }
};
