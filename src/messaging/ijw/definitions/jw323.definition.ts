// Generated from the official iJw 3.2 XSDs by generate-definitions.ts. Do not edit by hand.
import type { MessageDefinition } from '../definition';

export const JW323: MessageDefinition = {
  "type": "JW323",
  "berichtCode": "490",
  "namespace": "http://www.istandaarden.nl/ijw/3_2/jw323/schema",
  "root": "jw323:Root",
  "types": {
    "simple": {
      "jw323:Header_BerichtCode_0": {
        "base": "string",
        "minLength": 1,
        "maxLength": 3,
        "patterns": [
          "490"
        ]
      },
      "jw323:Header_BerichtVersie_1": {
        "base": "integer",
        "minInclusive": 0,
        "maxInclusive": 99,
        "patterns": [
          "3"
        ]
      },
      "jw323:Header_BerichtSubversie_2": {
        "base": "integer",
        "minInclusive": 0,
        "maxInclusive": 99,
        "patterns": [
          "2"
        ]
      },
      "jw323:Declaratie_DeclaratieNummer_3": {
        "base": "string",
        "minLength": 1,
        "maxLength": 12,
        "patterns": [
          "([a-zA-Z0-9])+"
        ]
      }
    },
    "complex": {
      "jw323:Root": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw323/schema",
        "sequence": [
          {
            "name": "Header",
            "type": "jw323:Header",
            "min": 1,
            "max": 1
          },
          {
            "name": "Declaratie",
            "type": "jw323:Declaratie",
            "min": 1,
            "max": 1
          }
        ]
      },
      "jw323:Header": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw323/schema",
        "sequence": [
          {
            "name": "BerichtCode",
            "type": "jw323:Header_BerichtCode_0",
            "min": 1,
            "max": 1
          },
          {
            "name": "BerichtVersie",
            "type": "jw323:Header_BerichtVersie_1",
            "min": 1,
            "max": 1
          },
          {
            "name": "BerichtSubversie",
            "type": "jw323:Header_BerichtSubversie_2",
            "min": 1,
            "max": 1
          },
          {
            "name": "Afzender",
            "type": "ijw:LDT_AgbCode",
            "min": 1,
            "max": 1
          },
          {
            "name": "Ontvanger",
            "type": "ijw:LDT_Gemeente",
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
      "jw323:Declaratie": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw323/schema",
        "sequence": [
          {
            "name": "DeclaratieNummer",
            "type": "jw323:Declaratie_DeclaratieNummer_3",
            "min": 1,
            "max": 1
          },
          {
            "name": "DeclaratiePeriode",
            "type": "ijw:CDT_GeslotenPeriode",
            "min": 1,
            "max": 1
          },
          {
            "name": "DeclaratieDagtekening",
            "type": "ijw:LDT_Datum",
            "min": 1,
            "max": 1
          },
          {
            "name": "TotaalIngediendBedrag",
            "type": "ijw:CDT_TotaalBedragMetDC",
            "min": 1,
            "max": 1
          },
          {
            "name": "Clienten",
            "type": "jw323:Clienten",
            "min": 1,
            "max": 1
          }
        ]
      },
      "jw323:Clienten": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw323/schema",
        "sequence": [
          {
            "name": "Client",
            "type": "jw323:Client",
            "min": 1,
            "max": Infinity
          }
        ]
      },
      "jw323:Client": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw323/schema",
        "sequence": [
          {
            "name": "Bsn",
            "type": "ijw:LDT_BurgerServicenummer",
            "min": 1,
            "max": 1
          },
          {
            "name": "Prestaties",
            "type": "jw323:Prestaties",
            "min": 1,
            "max": 1
          }
        ]
      },
      "jw323:Prestaties": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw323/schema",
        "sequence": [
          {
            "name": "Prestatie",
            "type": "jw323:Prestatie",
            "min": 1,
            "max": Infinity
          }
        ]
      },
      "jw323:Prestatie": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw323/schema",
        "sequence": [
          {
            "name": "ProductReferentie",
            "type": "ijw:CDT_Referentie",
            "min": 1,
            "max": 1
          },
          {
            "name": "ToewijzingNummer",
            "type": "ijw:LDT_Nummer",
            "min": 1,
            "max": 1
          },
          {
            "name": "ProductCategorie",
            "type": "ijw:LDT_ProductCategorie",
            "min": 1,
            "max": 1
          },
          {
            "name": "ProductCode",
            "type": "ijw:LDT_ProductCode",
            "min": 1,
            "max": 1
          },
          {
            "name": "ProductPeriode",
            "type": "ijw:CDT_GeslotenPeriode",
            "min": 1,
            "max": 1
          },
          {
            "name": "GeleverdVolume",
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
            "name": "ProductTarief",
            "type": "ijw:LDT_Bedrag",
            "min": 0,
            "max": 1
          },
          {
            "name": "IngediendBedrag",
            "type": "ijw:CDT_BedragMetDC",
            "min": 1,
            "max": 1
          }
        ]
      }
    }
  }
};
