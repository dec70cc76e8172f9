// Generated from the official iJw 3.2 XSDs by generate-definitions.ts. Do not edit by hand.
import type { MessageDefinition } from '../definition';

export const JW307: MessageDefinition = {
  "type": "JW307",
  "berichtCode": "440",
  "namespace": "http://www.istandaarden.nl/ijw/3_2/jw307/schema",
  "root": "jw307:Root",
  "types": {
    "simple": {
      "jw307:Header_BerichtCode_0": {
        "base": "string",
        "minLength": 1,
        "maxLength": 3,
        "patterns": [
          "440"
        ]
      },
      "jw307:Header_BerichtVersie_1": {
        "base": "integer",
        "minInclusive": 0,
        "maxInclusive": 99,
        "patterns": [
          "3"
        ]
      },
      "jw307:Header_BerichtSubversie_2": {
        "base": "integer",
        "minInclusive": 0,
        "maxInclusive": 99,
        "patterns": [
          "2"
        ]
      }
    },
    "complex": {
      "jw307:Root": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw307/schema",
        "sequence": [
          {
            "name": "Header",
            "type": "jw307:Header",
            "min": 1,
            "max": 1
          },
          {
            "name": "Client",
            "type": "jw307:Client",
            "min": 1,
            "max": 1
          }
        ]
      },
      "jw307:Header": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw307/schema",
        "sequence": [
          {
            "name": "BerichtCode",
            "type": "jw307:Header_BerichtCode_0",
            "min": 1,
            "max": 1
          },
          {
            "name": "BerichtVersie",
            "type": "jw307:Header_BerichtVersie_1",
            "min": 1,
            "max": 1
          },
          {
            "name": "BerichtSubversie",
            "type": "jw307:Header_BerichtSubversie_2",
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
      "jw307:Client": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw307/schema",
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
            "type": "ijw:CDT_VerkorteNaam",
            "min": 1,
            "max": 1
          },
          {
            "name": "StopProducten",
            "type": "jw307:StopProducten",
            "min": 1,
            "max": 1
          }
        ]
      },
      "jw307:StopProducten": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw307/schema",
        "sequence": [
          {
            "name": "StopProduct",
            "type": "jw307:StopProduct",
            "min": 1,
            "max": Infinity
          }
        ]
      },
      "jw307:StopProduct": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw307/schema",
        "sequence": [
          {
            "name": "ToewijzingNummer",
            "type": "ijw:LDT_Nummer",
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
            "name": "ToewijzingIngangsdatum",
            "type": "ijw:LDT_Datum",
            "min": 0,
            "max": 1
          },
          {
            "name": "Begindatum",
            "type": "ijw:LDT_Datum",
            "min": 1,
            "max": 1
          },
          {
            "name": "RedenBeeindiging",
            "type": "ijw:LDT_RedenBeeindiging",
            "min": 1,
            "max": 1
          },
          {
            "name": "Einddatum",
            "type": "ijw:LDT_Datum",
            "min": 1,
            "max": 1
          },
          {
            "name": "StatusAanlevering",
            "type": "ijw:LDT_StatusAanlevering",
            "min": 1,
            "max": 1
          }
        ]
      }
    }
  }
};
