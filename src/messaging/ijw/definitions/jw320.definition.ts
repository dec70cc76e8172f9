// Generated from the official iJw 3.2 XSDs by generate-definitions.ts. Do not edit by hand.
import type { MessageDefinition } from '../definition';

export const JW320: MessageDefinition = {
  "type": "JW320",
  "berichtCode": "489",
  "namespace": "http://www.istandaarden.nl/ijw/3_2/jw320/schema",
  "root": "jw320:Root",
  "types": {
    "simple": {
      "jw320:Header_BerichtCode_0": {
        "base": "string",
        "minLength": 1,
        "maxLength": 3,
        "patterns": [
          "489"
        ]
      },
      "jw320:Header_BerichtVersie_1": {
        "base": "integer",
        "minInclusive": 0,
        "maxInclusive": 99,
        "patterns": [
          "3"
        ]
      },
      "jw320:Header_BerichtSubversie_2": {
        "base": "integer",
        "minInclusive": 0,
        "maxInclusive": 99,
        "patterns": [
          "2"
        ]
      }
    },
    "complex": {
      "jw320:Root": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw320/schema",
        "sequence": [
          {
            "name": "Header",
            "type": "jw320:Header",
            "min": 1,
            "max": 1
          },
          {
            "name": "Antwoord",
            "type": "jw320:Antwoord",
            "min": 0,
            "max": 1
          }
        ]
      },
      "jw320:Header": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw320/schema",
        "sequence": [
          {
            "name": "BerichtCode",
            "type": "jw320:Header_BerichtCode_0",
            "min": 1,
            "max": 1
          },
          {
            "name": "BerichtVersie",
            "type": "jw320:Header_BerichtVersie_1",
            "min": 1,
            "max": 1
          },
          {
            "name": "BerichtSubversie",
            "type": "jw320:Header_BerichtSubversie_2",
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
            "type": "jw320:RetourCodes",
            "min": 0,
            "max": 1
          }
        ]
      },
      "jw320:RetourCodes": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw320/schema",
        "sequence": [
          {
            "name": "RetourCode",
            "type": "ijw:LDT_RetourCode",
            "min": 1,
            "max": Infinity
          }
        ]
      },
      "jw320:Antwoord": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw320/schema",
        "sequence": [
          {
            "name": "ReferentieAanbieder",
            "type": "ijw:LDT_Referentie",
            "min": 1,
            "max": 1
          },
          {
            "name": "VerzoekAntwoord",
            "type": "ijw:LDT_VerzoekAntwoord",
            "min": 1,
            "max": 1
          },
          {
            "name": "RedenAfwijzingVerzoek",
            "type": "ijw:LDT_RedenAfwijzingVerzoek",
            "min": 0,
            "max": 1
          },
          {
            "name": "Woonplaatsbeginsel",
            "type": "jw320:Woonplaatsbeginsel",
            "min": 0,
            "max": 1
          },
          {
            "name": "RetourCodes",
            "type": "jw320:RetourCodes",
            "min": 1,
            "max": 1
          }
        ]
      },
      "jw320:Woonplaatsbeginsel": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw320/schema",
        "sequence": [
          {
            "name": "Gemeente",
            "type": "ijw:LDT_Gemeente",
            "min": 1,
            "max": 1
          },
          {
            "name": "RetourCodes",
            "type": "jw320:RetourCodes",
            "min": 1,
            "max": 1
          }
        ]
      }
    }
  }
};
