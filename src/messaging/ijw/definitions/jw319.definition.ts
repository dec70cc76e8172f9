// Generated from the official iJw 3.2 XSDs by generate-definitions.ts. Do not edit by hand.
import type { MessageDefinition } from '../definition';

export const JW319: MessageDefinition = {
  "type": "JW319",
  "berichtCode": "488",
  "namespace": "http://www.istandaarden.nl/ijw/3_2/jw319/schema",
  "root": "jw319:Root",
  "types": {
    "simple": {
      "jw319:Header_BerichtCode_0": {
        "base": "string",
        "minLength": 1,
        "maxLength": 3,
        "patterns": [
          "488"
        ]
      },
      "jw319:Header_BerichtVersie_1": {
        "base": "integer",
        "minInclusive": 0,
        "maxInclusive": 99,
        "patterns": [
          "3"
        ]
      },
      "jw319:Header_BerichtSubversie_2": {
        "base": "integer",
        "minInclusive": 0,
        "maxInclusive": 99,
        "patterns": [
          "2"
        ]
      }
    },
    "complex": {
      "jw319:Root": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw319/schema",
        "sequence": [
          {
            "name": "Header",
            "type": "jw319:Header",
            "min": 1,
            "max": 1
          },
          {
            "name": "Antwoord",
            "type": "jw319:Antwoord",
            "min": 1,
            "max": 1
          }
        ]
      },
      "jw319:Header": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw319/schema",
        "sequence": [
          {
            "name": "BerichtCode",
            "type": "jw319:Header_BerichtCode_0",
            "min": 1,
            "max": 1
          },
          {
            "name": "BerichtVersie",
            "type": "jw319:Header_BerichtVersie_1",
            "min": 1,
            "max": 1
          },
          {
            "name": "BerichtSubversie",
            "type": "jw319:Header_BerichtSubversie_2",
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
      "jw319:Antwoord": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw319/schema",
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
            "type": "jw319:Woonplaatsbeginsel",
            "min": 0,
            "max": 1
          }
        ]
      },
      "jw319:Woonplaatsbeginsel": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw319/schema",
        "sequence": [
          {
            "name": "Gemeente",
            "type": "ijw:LDT_Gemeente",
            "min": 1,
            "max": 1
          }
        ]
      }
    }
  }
};
