// Generated from the official iJw 3.2 XSDs by generate-definitions.ts. Do not edit by hand.
import type { MessageDefinition } from '../definition';

export const JW325: MessageDefinition = {
  "type": "JW325",
  "berichtCode": "491",
  "namespace": "http://www.istandaarden.nl/ijw/3_2/jw325/schema",
  "root": "jw325:Root",
  "types": {
    "simple": {
      "jw325:Header_BerichtCode_0": {
        "base": "string",
        "minLength": 1,
        "maxLength": 3,
        "patterns": [
          "491"
        ]
      },
      "jw325:Header_BerichtVersie_1": {
        "base": "integer",
        "minInclusive": 0,
        "maxInclusive": 99,
        "patterns": [
          "3"
        ]
      },
      "jw325:Header_BerichtSubversie_2": {
        "base": "integer",
        "minInclusive": 0,
        "maxInclusive": 99,
        "patterns": [
          "2"
        ]
      }
    },
    "complex": {
      "jw325:Root": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw325/schema",
        "sequence": [
          {
            "name": "Header",
            "type": "jw325:Header",
            "min": 1,
            "max": 1
          },
          {
            "name": "DeclaratieAntwoord",
            "type": "jw325:DeclaratieAntwoord",
            "min": 0,
            "max": 1
          }
        ]
      },
      "jw325:Header": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw325/schema",
        "sequence": [
          {
            "name": "BerichtCode",
            "type": "jw325:Header_BerichtCode_0",
            "min": 1,
            "max": 1
          },
          {
            "name": "BerichtVersie",
            "type": "jw325:Header_BerichtVersie_1",
            "min": 1,
            "max": 1
          },
          {
            "name": "BerichtSubversie",
            "type": "jw325:Header_BerichtSubversie_2",
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
            "name": "DeclaratieIdentificatie",
            "type": "ijw:CDT_BerichtIdentificatie",
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
            "name": "XsdVersieDeclaratie",
            "type": "ijw:CDT_XsdVersie",
            "min": 1,
            "max": 1
          },
          {
            "name": "RetourCodes",
            "type": "jw325:RetourCodes",
            "min": 1,
            "max": 1
          }
        ]
      },
      "jw325:RetourCodes": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw325/schema",
        "sequence": [
          {
            "name": "RetourCode",
            "type": "ijw:LDT_RetourCode",
            "min": 1,
            "max": Infinity
          }
        ]
      },
      "jw325:DeclaratieAntwoord": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw325/schema",
        "sequence": [
          {
            "name": "DeclaratieNummer",
            "type": "ijw:LDT_IdentificatieDeclaratie",
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
            "name": "TotaalToegekendBedrag",
            "type": "ijw:CDT_TotaalBedragMetDC",
            "min": 1,
            "max": 1
          },
          {
            "name": "Clienten",
            "type": "jw325:Clienten",
            "min": 0,
            "max": 1
          },
          {
            "name": "RetourCodes",
            "type": "jw325:RetourCodes",
            "min": 1,
            "max": 1
          }
        ]
      },
      "jw325:Clienten": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw325/schema",
        "sequence": [
          {
            "name": "Client",
            "type": "jw325:Client",
            "min": 1,
            "max": Infinity
          }
        ]
      },
      "jw325:Client": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw325/schema",
        "sequence": [
          {
            "name": "Bsn",
            "type": "ijw:LDT_BurgerServicenummer",
            "min": 1,
            "max": 1
          },
          {
            "name": "Prestaties",
            "type": "jw325:Prestaties",
            "min": 1,
            "max": 1
          },
          {
            "name": "RetourCodes",
            "type": "jw325:RetourCodes",
            "min": 1,
            "max": 1
          }
        ]
      },
      "jw325:Prestaties": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw325/schema",
        "sequence": [
          {
            "name": "Prestatie",
            "type": "jw325:Prestatie",
            "min": 1,
            "max": Infinity
          }
        ]
      },
      "jw325:Prestatie": {
        "ns": "http://www.istandaarden.nl/ijw/3_2/jw325/schema",
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
          },
          {
            "name": "RetourCodes",
            "type": "jw325:RetourCodes",
            "min": 1,
            "max": 1
          }
        ]
      }
    }
  }
};
