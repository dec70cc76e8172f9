// Generated from the official iJw 3.2 XSDs by generate-definitions.ts. Do not edit by hand.
import type { MessageDefinition } from '../definition';

export const JW306: MessageDefinition = {
  "type": "JW306",
  "berichtCode": "439",
  "namespace": "http://www.istandaarden.nl/ijw/3_2/jw306/schema",
  "root": "jw306:Root",
  "types": {
    "simple": {
      "jw306:Header_BerichtCode_0": {
        "base": "string",
        "minLength": 1,
        "maxLength": 3,
        "patterns": [
          "439"
        ]
      },
      "jw306:Header_BerichtVersie_1": {
        "base": "integer",
        "minInclusive": 0,
        "maxInclusive": 99,
        "patterns": [
          "3"
        ]
      },
      "jw306:Header_BerichtSubversie_2": {
        "base": "integer",
        "minInclusive": 0,
        "maxInclusive": 99,
        "patterns": [
          "2"
        ]
      }
    },
    "complex": {
      "jw306:Root": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw306/schema",
        "sequence": [
          {
            "name": "Header",
            "type": "jw306:Header",
            "min": 1,
            "max": 1
          },
          {
            "name": "Client",
            "type": "jw306:Client",
            "min": 0,
            "max": 1
          }
        ]
      },
      "jw306:Header": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw306/schema",
        "sequence": [
          {
            "name": "BerichtCode",
            "type": "jw306:Header_BerichtCode_0",
            "min": 1,
            "max": 1
          },
          {
            "name": "BerichtVersie",
            "type": "jw306:Header_BerichtVersie_1",
            "min": 1,
            "max": 1
          },
          {
            "name": "BerichtSubversie",
            "type": "jw306:Header_BerichtSubversie_2",
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
          },
          {
            "name": "IdentificatieRetour",
            "type": "ijw:LDT_IdentificatieBericht",
            "min": 1,
            "max": 1
          },
          {
            "name": "DagtekeningRetour",
            "type": "ijw:LDT_Datum",
            "min": 1,
            "max": 1
          },
          {
            "name": "XsltVersie",
            "type": "ijw:LDT_Versie",
            "min": 0,
            "max": 1
          },
          {
            "name": "XsdVersieRetour",
            "type": "ijw:CDT_XsdVersie",
            "min": 1,
            "max": 1
          },
          {
            "name": "RetourCodes",
            "type": "jw306:RetourCodes",
            "min": 0,
            "max": 1
          }
        ]
      },
      "jw306:RetourCodes": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw306/schema",
        "sequence": [
          {
            "name": "RetourCode",
            "type": "ijw:LDT_RetourCode",
            "min": 1,
            "max": Infinity
          }
        ]
      },
      "jw306:Client": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw306/schema",
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
            "type": "jw306:StartProducten",
            "min": 1,
            "max": 1
          },
          {
            "name": "RetourCodes",
            "type": "jw306:RetourCodes",
            "min": 1,
            "max": 1
          }
        ]
      },
      "jw306:StartProducten": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw306/schema",
        "sequence": [
          {
            "name": "StartProduct",
            "type": "jw306:StartProduct",
            "min": 1,
            "max": Infinity
          }
        ]
      },
      "jw306:StartProduct": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw306/schema",
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
          },
          {
            "name": "RetourCodes",
            "type": "jw306:RetourCodes",
            "min": 1,
            "max": 1
          }
        ]
      }
    }
  }
};
