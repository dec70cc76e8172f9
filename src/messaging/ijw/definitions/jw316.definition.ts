// Generated from the official iJw 3.2 XSDs by generate-definitions.ts. Do not edit by hand.
import type { MessageDefinition } from '../definition';

export const JW316: MessageDefinition = {
  "type": "JW316",
  "berichtCode": "447",
  "namespace": "http://www.istandaarden.nl/ijw/3_2/jw316/schema",
  "root": "jw316:Root",
  "types": {
    "simple": {
      "jw316:Header_BerichtCode_0": {
        "base": "string",
        "minLength": 1,
        "maxLength": 3,
        "patterns": [
          "447"
        ]
      },
      "jw316:Header_BerichtVersie_1": {
        "base": "integer",
        "minInclusive": 0,
        "maxInclusive": 99,
        "patterns": [
          "3"
        ]
      },
      "jw316:Header_BerichtSubversie_2": {
        "base": "integer",
        "minInclusive": 0,
        "maxInclusive": 99,
        "patterns": [
          "2"
        ]
      }
    },
    "complex": {
      "jw316:Root": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw316/schema",
        "sequence": [
          {
            "name": "Header",
            "type": "jw316:Header",
            "min": 1,
            "max": 1
          },
          {
            "name": "Client",
            "type": "jw316:Client",
            "min": 0,
            "max": 1
          }
        ]
      },
      "jw316:Header": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw316/schema",
        "sequence": [
          {
            "name": "BerichtCode",
            "type": "jw316:Header_BerichtCode_0",
            "min": 1,
            "max": 1
          },
          {
            "name": "BerichtVersie",
            "type": "jw316:Header_BerichtVersie_1",
            "min": 1,
            "max": 1
          },
          {
            "name": "BerichtSubversie",
            "type": "jw316:Header_BerichtSubversie_2",
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
            "type": "jw316:RetourCodes",
            "min": 0,
            "max": 1
          }
        ]
      },
      "jw316:RetourCodes": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw316/schema",
        "sequence": [
          {
            "name": "RetourCode",
            "type": "ijw:LDT_RetourCode",
            "min": 1,
            "max": Infinity
          }
        ]
      },
      "jw316:Client": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw316/schema",
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
            "name": "GezagsdragerBekend",
            "type": "ijw:LDT_JaNee",
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
            "name": "AangevraagdeProducten",
            "type": "jw316:AangevraagdeProducten",
            "min": 1,
            "max": 1
          },
          {
            "name": "RetourCodes",
            "type": "jw316:RetourCodes",
            "min": 1,
            "max": 1
          }
        ]
      },
      "jw316:AangevraagdeProducten": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw316/schema",
        "sequence": [
          {
            "name": "AangevraagdProduct",
            "type": "jw316:AangevraagdProduct",
            "min": 1,
            "max": Infinity
          }
        ]
      },
      "jw316:AangevraagdProduct": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw316/schema",
        "sequence": [
          {
            "name": "ReferentieAanbieder",
            "type": "ijw:LDT_Referentie",
            "min": 1,
            "max": 1
          },
          {
            "name": "BeschikkingNummer",
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
            "name": "BeschikkingIngangsdatum",
            "type": "ijw:LDT_Datum",
            "min": 0,
            "max": 1
          },
          {
            "name": "ToewijzingIngangsdatum",
            "type": "ijw:LDT_Datum",
            "min": 1,
            "max": 1
          },
          {
            "name": "ToewijzingEinddatum",
            "type": "ijw:LDT_Datum",
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
            "name": "Verwijzer",
            "type": "ijw:CDT_Verwijzer",
            "min": 1,
            "max": 1
          },
          {
            "name": "Raamcontract",
            "type": "ijw:LDT_JaNee",
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
            "name": "RetourCodes",
            "type": "jw316:RetourCodes",
            "min": 1,
            "max": 1
          }
        ]
      }
    }
  }
};
