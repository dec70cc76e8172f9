// Generated from the official iJw 3.2 XSDs by generate-definitions.ts. Do not edit by hand.
import type { MessageDefinition } from '../definition';

export const JW317: MessageDefinition = {
  "type": "JW317",
  "berichtCode": "486",
  "namespace": "http://www.istandaarden.nl/ijw/3_2/jw317/schema",
  "root": "jw317:Root",
  "types": {
    "simple": {
      "jw317:Header_BerichtCode_0": {
        "base": "string",
        "minLength": 1,
        "maxLength": 3,
        "patterns": [
          "486"
        ]
      },
      "jw317:Header_BerichtVersie_1": {
        "base": "integer",
        "minInclusive": 0,
        "maxInclusive": 99,
        "patterns": [
          "3"
        ]
      },
      "jw317:Header_BerichtSubversie_2": {
        "base": "integer",
        "minInclusive": 0,
        "maxInclusive": 99,
        "patterns": [
          "2"
        ]
      }
    },
    "complex": {
      "jw317:Root": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw317/schema",
        "sequence": [
          {
            "name": "Header",
            "type": "jw317:Header",
            "min": 1,
            "max": 1
          },
          {
            "name": "Client",
            "type": "jw317:Client",
            "min": 1,
            "max": 1
          }
        ]
      },
      "jw317:Header": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw317/schema",
        "sequence": [
          {
            "name": "BerichtCode",
            "type": "jw317:Header_BerichtCode_0",
            "min": 1,
            "max": 1
          },
          {
            "name": "BerichtVersie",
            "type": "jw317:Header_BerichtVersie_1",
            "min": 1,
            "max": 1
          },
          {
            "name": "BerichtSubversie",
            "type": "jw317:Header_BerichtSubversie_2",
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
      "jw317:Client": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw317/schema",
        "sequence": [
          {
            "name": "Bsn",
            "type": "ijw:LDT_BurgerServicenummer",
            "min": 1,
            "max": 1
          },
          {
            "name": "Verzoek",
            "type": "jw317:Verzoek",
            "min": 1,
            "max": 1
          }
        ]
      },
      "jw317:Verzoek": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw317/schema",
        "sequence": [
          {
            "name": "ReferentieAanbieder",
            "type": "ijw:LDT_Referentie",
            "min": 1,
            "max": 1
          },
          {
            "name": "RedenVerzoek",
            "type": "ijw:LDT_RedenVerzoek",
            "min": 1,
            "max": 1
          },
          {
            "name": "OngewijzigdeProducten",
            "type": "jw317:OngewijzigdeProducten",
            "min": 0,
            "max": 1
          },
          {
            "name": "TeWijzigenProducten",
            "type": "jw317:TeWijzigenProducten",
            "min": 0,
            "max": 1
          },
          {
            "name": "NieuweProducten",
            "type": "jw317:NieuweProducten",
            "min": 0,
            "max": 1
          }
        ]
      },
      "jw317:OngewijzigdeProducten": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw317/schema",
        "sequence": [
          {
            "name": "OngewijzigdProduct",
            "type": "jw317:OngewijzigdProduct",
            "min": 1,
            "max": Infinity
          }
        ]
      },
      "jw317:OngewijzigdProduct": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw317/schema",
        "sequence": [
          {
            "name": "ToewijzingNummer",
            "type": "ijw:LDT_Nummer",
            "min": 1,
            "max": 1
          }
        ]
      },
      "jw317:TeWijzigenProducten": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw317/schema",
        "sequence": [
          {
            "name": "TeWijzigenProduct",
            "type": "jw317:TeWijzigenProduct",
            "min": 1,
            "max": Infinity
          }
        ]
      },
      "jw317:TeWijzigenProduct": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw317/schema",
        "sequence": [
          {
            "name": "ToewijzingNummer",
            "type": "ijw:LDT_Nummer",
            "min": 1,
            "max": 1
          },
          {
            "name": "GewensteIngangsdatum",
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
          }
        ]
      },
      "jw317:NieuweProducten": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw317/schema",
        "sequence": [
          {
            "name": "NieuwProduct",
            "type": "jw317:NieuwProduct",
            "min": 1,
            "max": Infinity
          }
        ]
      },
      "jw317:NieuwProduct": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw317/schema",
        "sequence": [
          {
            "name": "Product",
            "type": "ijw:CDT_Product",
            "min": 0,
            "max": 1
          },
          {
            "name": "GewensteIngangsdatum",
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
          }
        ]
      }
    }
  }
};
