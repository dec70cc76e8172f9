// Generated from the official iJw 3.2 XSDs by generate-definitions.ts. Do not edit by hand.
import type { MessageDefinition } from '../definition';

export const JW305: MessageDefinition = {
  "type": "JW305",
  "berichtCode": "438",
  "namespace": "http://www.istandaarden.nl/ijw/3_2/jw305/schema",
  "root": "jw305:Root",
  "types": {
    "simple": {
      "jw305:Header_BerichtCode_0": {
        "base": "string",
        "minLength": 1,
        "maxLength": 3,
        "patterns": [
          "438"
        ]
      },
      "jw305:Header_BerichtVersie_1": {
        "base": "integer",
        "minInclusive": 0,
        "maxInclusive": 99,
        "patterns": [
          "3"
        ]
      },
      "jw305:Header_BerichtSubversie_2": {
        "base": "integer",
        "minInclusive": 0,
        "maxInclusive": 99,
        "patterns": [
          "2"
        ]
      }
    },
    "complex": {
      "jw305:Root": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw305/schema",
        "sequence": [
          {
            "name": "Header",
            "type": "jw305:Header",
            "min": 1,
            "max": 1
          },
          {
            "name": "Client",
            "type": "jw305:Client",
            "min": 1,
            "max": 1
          }
        ]
      },
      "jw305:Header": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw305/schema",
        "sequence": [
          {
            "name": "BerichtCode",
            "type": "jw305:Header_BerichtCode_0",
            "min": 1,
            "max": 1
          },
          {
            "name": "BerichtVersie",
            "type": "jw305:Header_BerichtVersie_1",
            "min": 1,
            "max": 1
          },
          {
            "name": "BerichtSubversie",
            "type": "jw305:Header_BerichtSubversie_2",
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
      "jw305:Client": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw305/schema",
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
            "name": "StartProducten",
            "type": "jw305:StartProducten",
            "min": 1,
            "max": 1
          }
        ]
      },
      "jw305:StartProducten": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw305/schema",
        "sequence": [
          {
            "name": "StartProduct",
            "type": "jw305:StartProduct",
            "min": 1,
            "max": Infinity
          }
        ]
      },
      "jw305:StartProduct": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw305/schema",
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
