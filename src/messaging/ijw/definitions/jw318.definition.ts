// Generated from the official iJw 3.2 XSDs by generate-definitions.ts. Do not edit by hand.
import type { MessageDefinition } from '../definition';

export const JW318: MessageDefinition = {
  "type": "JW318",
  "berichtCode": "487",
  "namespace": "http://www.istandaarden.nl/ijw/3_2/jw318/schema",
  "root": "jw318:Root",
  "types": {
    "simple": {
      "jw318:Header_BerichtCode_0": {
        "base": "string",
        "minLength": 1,
        "maxLength": 3,
        "patterns": [
          "487"
        ]
      },
      "jw318:Header_BerichtVersie_1": {
        "base": "integer",
        "minInclusive": 0,
        "maxInclusive": 99,
        "patterns": [
          "3"
        ]
      },
      "jw318:Header_BerichtSubversie_2": {
        "base": "integer",
        "minInclusive": 0,
        "maxInclusive": 99,
        "patterns": [
          "2"
        ]
      }
    },
    "complex": {
      "jw318:Root": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw318/schema",
        "sequence": [
          {
            "name": "Header",
            "type": "jw318:Header",
            "min": 1,
            "max": 1
          },
          {
            "name": "Client",
            "type": "jw318:Client",
            "min": 0,
            "max": 1
          }
        ]
      },
      "jw318:Header": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw318/schema",
        "sequence": [
          {
            "name": "BerichtCode",
            "type": "jw318:Header_BerichtCode_0",
            "min": 1,
            "max": 1
          },
          {
            "name": "BerichtVersie",
            "type": "jw318:Header_BerichtVersie_1",
            "min": 1,
            "max": 1
          },
          {
            "name": "BerichtSubversie",
            "type": "jw318:Header_BerichtSubversie_2",
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
            "type": "jw318:RetourCodes",
            "min": 0,
            "max": 1
          }
        ]
      },
      "jw318:RetourCodes": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw318/schema",
        "sequence": [
          {
            "name": "RetourCode",
            "type": "ijw:LDT_RetourCode",
            "min": 1,
            "max": Infinity
          }
        ]
      },
      "jw318:Client": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw318/schema",
        "sequence": [
          {
            "name": "Bsn",
            "type": "ijw:LDT_BurgerServicenummer",
            "min": 1,
            "max": 1
          },
          {
            "name": "Verzoek",
            "type": "jw318:Verzoek",
            "min": 1,
            "max": 1
          },
          {
            "name": "RetourCodes",
            "type": "jw318:RetourCodes",
            "min": 1,
            "max": 1
          }
        ]
      },
      "jw318:Verzoek": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw318/schema",
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
            "type": "jw318:OngewijzigdeProducten",
            "min": 0,
            "max": 1
          },
          {
            "name": "TeWijzigenProducten",
            "type": "jw318:TeWijzigenProducten",
            "min": 0,
            "max": 1
          },
          {
            "name": "NieuweProducten",
            "type": "jw318:NieuweProducten",
            "min": 0,
            "max": 1
          },
          {
            "name": "RetourCodes",
            "type": "jw318:RetourCodes",
            "min": 1,
            "max": 1
          }
        ]
      },
      "jw318:OngewijzigdeProducten": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw318/schema",
        "sequence": [
          {
            "name": "OngewijzigdProduct",
            "type": "jw318:OngewijzigdProduct",
            "min": 1,
            "max": Infinity
          }
        ]
      },
      "jw318:OngewijzigdProduct": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw318/schema",
        "sequence": [
          {
            "name": "ToewijzingNummer",
            "type": "ijw:LDT_Nummer",
            "min": 1,
            "max": 1
          },
          {
            "name": "RetourCodes",
            "type": "jw318:RetourCodes",
            "min": 1,
            "max": 1
          }
        ]
      },
      "jw318:TeWijzigenProducten": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw318/schema",
        "sequence": [
          {
            "name": "TeWijzigenProduct",
            "type": "jw318:TeWijzigenProduct",
            "min": 1,
            "max": Infinity
          }
        ]
      },
      "jw318:TeWijzigenProduct": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw318/schema",
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
          },
          {
            "name": "RetourCodes",
            "type": "jw318:RetourCodes",
            "min": 1,
            "max": 1
          }
        ]
      },
      "jw318:NieuweProducten": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw318/schema",
        "sequence": [
          {
            "name": "NieuwProduct",
            "type": "jw318:NieuwProduct",
            "min": 1,
            "max": Infinity
          }
        ]
      },
      "jw318:NieuwProduct": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw318/schema",
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
          },
          {
            "name": "RetourCodes",
            "type": "jw318:RetourCodes",
            "min": 1,
            "max": 1
          }
        ]
      }
    }
  }
};
