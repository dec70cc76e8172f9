// Generated from the official iJw 3.2 XSDs by generate-definitions.ts. Do not edit by hand.
import type { MessageDefinition } from '../definition';

export const JW308: MessageDefinition = {
  "type": "JW308",
  "berichtCode": "441",
  "namespace": "http://www.istandaarden.nl/ijw/3_2/jw308/schema",
  "root": "jw308:Root",
  "types": {
    "simple": {
      "jw308:Header_BerichtCode_0": {
        "base": "string",
        "minLength": 1,
        "maxLength": 3,
        "patterns": [
          "441"
        ]
      },
      "jw308:Header_BerichtVersie_1": {
        "base": "integer",
        "minInclusive": 0,
        "maxInclusive": 99,
        "patterns": [
          "3"
        ]
      },
      "jw308:Header_BerichtSubversie_2": {
        "base": "integer",
        "minInclusive": 0,
        "maxInclusive": 99,
        "patterns": [
          "2"
        ]
      }
    },
    "complex": {
      "jw308:Root": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw308/schema",
        "sequence": [
          {
            "name": "Header",
            "type": "jw308:Header",
            "min": 1,
            "max": 1
          },
          {
            "name": "Client",
            "type": "jw308:Client",
            "min": 0,
            "max": 1
          }
        ]
      },
      "jw308:Header": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw308/schema",
        "sequence": [
          {
            "name": "BerichtCode",
            "type": "jw308:Header_BerichtCode_0",
            "min": 1,
            "max": 1
          },
          {
            "name": "BerichtVersie",
            "type": "jw308:Header_BerichtVersie_1",
            "min": 1,
            "max": 1
          },
          {
            "name": "BerichtSubversie",
            "type": "jw308:Header_BerichtSubversie_2",
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
            "type": "jw308:RetourCodes",
            "min": 0,
            "max": 1
          }
        ]
      },
      "jw308:RetourCodes": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw308/schema",
        "sequence": [
          {
            "name": "RetourCode",
            "type": "ijw:LDT_RetourCode",
            "min": 1,
            "max": Infinity
          }
        ]
      },
      "jw308:Client": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw308/schema",
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
            "type": "jw308:StopProducten",
            "min": 1,
            "max": 1
          },
          {
            "name": "RetourCodes",
            "type": "jw308:RetourCodes",
            "min": 1,
            "max": 1
          }
        ]
      },
      "jw308:StopProducten": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw308/schema",
        "sequence": [
          {
            "name": "StopProduct",
            "type": "jw308:StopProduct",
            "min": 1,
            "max": Infinity
          }
        ]
      },
      "jw308:StopProduct": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw308/schema",
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
          },
          {
            "name": "RetourCodes",
            "type": "jw308:RetourCodes",
            "min": 1,
            "max": 1
          }
        ]
      }
    }
  }
};
