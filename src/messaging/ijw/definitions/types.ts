// Generated from the official iJw 3.2 XSDs by generate-definitions.ts. Do not edit by hand.
// The typed model of the messages the codec reads and writes (see src/messaging/ijw/model.ts).

export interface IjwCDTAchternaam {
  Achternaam: string;
  Voorvoegsel?: string;
}

export interface IjwCDTAdres {
  Huis?: IjwCDTHuis;
  Postcode?: string;
  Straatnaam?: string;
  Plaatsnaam?: string;
  LandCode?: string;
}

export interface IjwCDTBedragMetDC {
  Bedrag: number;
  DebetCredit: "C" | "D";
}

export interface IjwCDTBerichtIdentificatie {
  Identificatie: string;
  Dagtekening: string;
}

export interface IjwCDTCommunicatie {
  Vorm: "1" | "2" | "3";
  Taal?: string;
}

export interface IjwCDTGeboortedatum {
  Datum: string;
  DatumGebruik?: "1" | "2" | "3";
}

export interface IjwCDTGeslotenPeriode {
  Begindatum: string;
  Einddatum: string;
}

export interface IjwCDTHuis {
  Huisnummer: number;
  Huisletter?: string;
  HuisnummerToevoeging?: string;
  AanduidingWoonadres?: "AB" | "BY" | "TO" | "WW";
}

export interface IjwCDTOmvang {
  Volume: number;
  Eenheid: "01" | "04" | "14" | "16" | "82" | "83" | "84";
  Frequentie: "1" | "2" | "4" | "6";
}

export interface IjwCDTOpenPeriode {
  Begindatum?: string;
  Einddatum?: string;
}

export interface IjwCDTProduct {
  Categorie: "31" | "32" | "33" | "34" | "35" | "36" | "37" | "38" | "40" | "41" | "42" | "43" | "44" | "45" | "46" | "47" | "48" | "49" | "50" | "51" | "52" | "53" | "54" | "55";
  Code?: string;
}

export interface IjwCDTReferentie {
  ReferentieNummer: string;
  VorigReferentieNummer?: string;
}

export interface IjwCDTTelefoon {
  Telefoonnummer: string;
  Landnummer: string;
}

export interface IjwCDTTelefoonnummers {
  Telefoon01: IjwCDTTelefoon;
  Telefoon02?: IjwCDTTelefoon;
}

export interface IjwCDTTotaalBedragMetDC {
  TotaalBedrag: number;
  DebetCredit: "C" | "D";
}

export interface IjwCDTVerkorteNaam {
  Geslachtsnaam: IjwCDTAchternaam;
  Voornamen?: string;
  Voorletters?: string;
}

export interface IjwCDTVerwijzer {
  Type: "01" | "02" | "03" | "04" | "05" | "06" | "08";
  Naam?: string;
  ZorgverlenerCode?: string;
}

export interface IjwCDTVolledigeNaam {
  Geslachtsnaam: IjwCDTAchternaam;
  Partnernaam?: IjwCDTAchternaam;
  Voornamen?: string;
  Voorletters?: string;
  NaamGebruik: "1" | "2" | "3" | "4" | "5" | "6";
}

export interface IjwCDTXsdVersie {
  BasisschemaXsdVersie: string;
  BerichtXsdVersie: string;
}

export interface Jw301Client {
  Bsn: string;
  Geboortedatum: IjwCDTGeboortedatum;
  Geslacht: "0" | "1" | "2";
  Naam: IjwCDTVolledigeNaam;
  Communicatie?: IjwCDTCommunicatie;
  JuridischeStatus?: "01" | "02" | "03" | "04" | "05" | "11" | "12";
  WettelijkeVertegenwoordiging?: "06" | "07" | "08" | "09" | "10";
  Commentaar?: string;
  Relaties?: Jw301Relaties;
  Contactgegevens: Jw301Contactgegevens;
  ToegewezenProducten: Jw301ToegewezenProducten;
}

export interface Jw301Contact {
  Soort: "01" | "02" | "03" | "04";
  Adres?: IjwCDTAdres;
  Organisatie?: string;
  Telefoon?: IjwCDTTelefoonnummers;
  Emailadres?: string;
  Periode?: IjwCDTOpenPeriode;
}

export interface Jw301Contactgegevens {
  Contact: Jw301Contact[];
}

export interface Jw301Header {
  BerichtCode: string;
  BerichtVersie: number;
  BerichtSubversie: number;
  Afzender: string;
  Ontvanger: string;
  BerichtIdentificatie: IjwCDTBerichtIdentificatie;
  XsdVersie: IjwCDTXsdVersie;
}

export interface Jw301Relatie {
  Nummer: string;
  Volgorde?: number;
  Soort: "03" | "04" | "05" | "06" | "07" | "08" | "09" | "10" | "11" | "12" | "13" | "14" | "15" | "16" | "17" | "18" | "19" | "20" | "21" | "22" | "23" | "24" | "25";
  Geboortedatum?: IjwCDTGeboortedatum;
  Geslacht?: "0" | "1" | "2";
  Naam: IjwCDTVolledigeNaam;
  Contact: Jw301Contact;
}

export interface Jw301Relaties {
  Relatie: Jw301Relatie[];
}

export interface Jw301Root {
  Header: Jw301Header;
  Client: Jw301Client;
}

export interface Jw301ToegewezenProduct {
  ToewijzingNummer: number;
  ReferentieAanbieder?: string;
  Product?: IjwCDTProduct;
  Toewijzingsdatum: string;
  Toewijzingstijd: string;
  Ingangsdatum: string;
  Einddatum?: string;
  RedenWijziging?: "01" | "02" | "03" | "04" | "05" | "06" | "07" | "08" | "09" | "10" | "11" | "12" | "13" | "14";
  Omvang?: IjwCDTOmvang;
  Budget?: number;
  Commentaar?: string;
}

export interface Jw301ToegewezenProducten {
  ToegewezenProduct: Jw301ToegewezenProduct[];
}

export interface Jw302Client {
  Bsn: string;
  Geboortedatum: IjwCDTGeboortedatum;
  Geslacht: "0" | "1" | "2";
  Naam: IjwCDTVolledigeNaam;
  Communicatie?: IjwCDTCommunicatie;
  JuridischeStatus?: "01" | "02" | "03" | "04" | "05" | "11" | "12";
  WettelijkeVertegenwoordiging?: "06" | "07" | "08" | "09" | "10";
  Commentaar?: string;
  Relaties?: Jw302Relaties;
  Contactgegevens: Jw302Contactgegevens;
  ToegewezenProducten: Jw302ToegewezenProducten;
  RetourCodes: Jw302RetourCodes;
}

export interface Jw302Contact {
  Soort: "01" | "02" | "03" | "04";
  Adres?: IjwCDTAdres;
  Organisatie?: string;
  Telefoon?: IjwCDTTelefoonnummers;
  Emailadres?: string;
  Periode?: IjwCDTOpenPeriode;
  RetourCodes: Jw302RetourCodes;
}

export interface Jw302Contactgegevens {
  Contact: Jw302Contact[];
}

export interface Jw302Header {
  BerichtCode: string;
  BerichtVersie: number;
  BerichtSubversie: number;
  Afzender: string;
  Ontvanger: string;
  BerichtIdentificatie: IjwCDTBerichtIdentificatie;
  XsdVersie: IjwCDTXsdVersie;
  IdentificatieRetour: string;
  DagtekeningRetour: string;
  XsltVersie?: string;
  XsdVersieRetour: IjwCDTXsdVersie;
  RetourCodes?: Jw302RetourCodes;
}

export interface Jw302Relatie {
  Nummer: string;
  Volgorde?: number;
  Soort: "03" | "04" | "05" | "06" | "07" | "08" | "09" | "10" | "11" | "12" | "13" | "14" | "15" | "16" | "17" | "18" | "19" | "20" | "21" | "22" | "23" | "24" | "25";
  Geboortedatum?: IjwCDTGeboortedatum;
  Geslacht?: "0" | "1" | "2";
  Naam: IjwCDTVolledigeNaam;
  Contact: Jw302Contact;
  RetourCodes: Jw302RetourCodes;
}

export interface Jw302Relaties {
  Relatie: Jw302Relatie[];
}

export interface Jw302RetourCodes {
  RetourCode: ("0001" | "0200" | "0233" | "0611" | "8001" | "8017" | "8021" | "8187" | "8214" | "8848" | "9019" | "9056" | "9063" | "9069" | "9071" | "9074" | "9307" | "9308" | "9319" | "9321" | "9322" | "9326" | "9332" | "9333" | "9338" | "9339" | "9340" | "9341" | "9346" | "9347" | "9349" | "9350" | "9351" | "9355" | "9357" | "9359" | "9360" | "9361" | "9365" | "9366" | "9367" | "9369" | "9373" | "9374" | "9375" | "9379" | "9384" | "9385" | "9387" | "9388" | "9389" | "9390" | "9411" | "9412" | "9413" | "9414" | "9415" | "S300" | "S329")[];
}

export interface Jw302Root {
  Header: Jw302Header;
  Client?: Jw302Client;
}

export interface Jw302ToegewezenProduct {
  ToewijzingNummer: number;
  ReferentieAanbieder?: string;
  Product?: IjwCDTProduct;
  Toewijzingsdatum: string;
  Toewijzingstijd: string;
  Ingangsdatum: string;
  Einddatum?: string;
  RedenWijziging?: "01" | "02" | "03" | "04" | "05" | "06" | "07" | "08" | "09" | "10" | "11" | "12" | "13" | "14";
  Omvang?: IjwCDTOmvang;
  Budget?: number;
  Commentaar?: string;
  RetourCodes: Jw302RetourCodes;
}

export interface Jw302ToegewezenProducten {
  ToegewezenProduct: Jw302ToegewezenProduct[];
}

export interface Jw305Client {
  Bsn: string;
  Geboortedatum: IjwCDTGeboortedatum;
  Geslacht: "0" | "1" | "2";
  Naam: IjwCDTVerkorteNaam;
  StartProducten: Jw305StartProducten;
}

export interface Jw305Header {
  BerichtCode: string;
  BerichtVersie: number;
  BerichtSubversie: number;
  Afzender: string;
  Ontvanger: string;
  BerichtIdentificatie: IjwCDTBerichtIdentificatie;
  XsdVersie: IjwCDTXsdVersie;
}

export interface Jw305Root {
  Header: Jw305Header;
  Client: Jw305Client;
}

export interface Jw305StartProduct {
  ToewijzingNummer?: number;
  Product?: IjwCDTProduct;
  ToewijzingIngangsdatum?: string;
  Begindatum: string;
  StatusAanlevering: "1" | "2" | "3" | "9";
}

export interface Jw305StartProducten {
  StartProduct: Jw305StartProduct[];
}

export interface Jw306Client {
  Bsn: string;
  Geboortedatum: IjwCDTGeboortedatum;
  Geslacht: "0" | "1" | "2";
  Naam: IjwCDTVerkorteNaam;
  StartProducten: Jw306StartProducten;
  RetourCodes: Jw306RetourCodes;
}

export interface Jw306Header {
  BerichtCode: string;
  BerichtVersie: number;
  BerichtSubversie: number;
  Afzender: string;
  Ontvanger: string;
  BerichtIdentificatie: IjwCDTBerichtIdentificatie;
  XsdVersie: IjwCDTXsdVersie;
  IdentificatieRetour: string;
  DagtekeningRetour: string;
  XsltVersie?: string;
  XsdVersieRetour: IjwCDTXsdVersie;
  RetourCodes?: Jw306RetourCodes;
}

export interface Jw306RetourCodes {
  RetourCode: ("0001" | "0200" | "0233" | "0611" | "8001" | "8017" | "8021" | "8187" | "8214" | "8848" | "9019" | "9056" | "9063" | "9069" | "9071" | "9074" | "9307" | "9308" | "9319" | "9321" | "9322" | "9326" | "9332" | "9333" | "9338" | "9339" | "9340" | "9341" | "9346" | "9347" | "9349" | "9350" | "9351" | "9355" | "9357" | "9359" | "9360" | "9361" | "9365" | "9366" | "9367" | "9369" | "9373" | "9374" | "9375" | "9379" | "9384" | "9385" | "9387" | "9388" | "9389" | "9390" | "9411" | "9412" | "9413" | "9414" | "9415" | "S300" | "S329")[];
}

export interface Jw306Root {
  Header: Jw306Header;
  Client?: Jw306Client;
}

export interface Jw306StartProduct {
  ToewijzingNummer?: number;
  Product?: IjwCDTProduct;
  ToewijzingIngangsdatum?: string;
  Begindatum: string;
  StatusAanlevering: "1" | "2" | "3" | "9";
  RetourCodes: Jw306RetourCodes;
}

export interface Jw306StartProducten {
  StartProduct: Jw306StartProduct[];
}

export interface Jw307Client {
  Bsn: string;
  Geboortedatum: IjwCDTGeboortedatum;
  Geslacht: "0" | "1" | "2";
  Naam: IjwCDTVerkorteNaam;
  StopProducten: Jw307StopProducten;
}

export interface Jw307Header {
  BerichtCode: string;
  BerichtVersie: number;
  BerichtSubversie: number;
  Afzender: string;
  Ontvanger: string;
  BerichtIdentificatie: IjwCDTBerichtIdentificatie;
  XsdVersie: IjwCDTXsdVersie;
}

export interface Jw307Root {
  Header: Jw307Header;
  Client: Jw307Client;
}

export interface Jw307StopProduct {
  ToewijzingNummer?: number;
  Product?: IjwCDTProduct;
  ToewijzingIngangsdatum?: string;
  Begindatum: string;
  RedenBeeindiging: "02" | "20" | "31" | "32" | "33" | "34" | "35" | "36" | "37" | "38" | "39";
  Einddatum: string;
  StatusAanlevering: "1" | "2" | "3" | "9";
}

export interface Jw307StopProducten {
  StopProduct: Jw307StopProduct[];
}

export interface Jw308Client {
  Bsn: string;
  Geboortedatum: IjwCDTGeboortedatum;
  Geslacht: "0" | "1" | "2";
  Naam: IjwCDTVerkorteNaam;
  StopProducten: Jw308StopProducten;
  RetourCodes: Jw308RetourCodes;
}

export interface Jw308Header {
  BerichtCode: string;
  BerichtVersie: number;
  BerichtSubversie: number;
  Afzender: string;
  Ontvanger: string;
  BerichtIdentificatie: IjwCDTBerichtIdentificatie;
  XsdVersie: IjwCDTXsdVersie;
  IdentificatieRetour: string;
  DagtekeningRetour: string;
  XsltVersie?: string;
  XsdVersieRetour: IjwCDTXsdVersie;
  RetourCodes?: Jw308RetourCodes;
}

export interface Jw308RetourCodes {
  RetourCode: ("0001" | "0200" | "0233" | "0611" | "8001" | "8017" | "8021" | "8187" | "8214" | "8848" | "9019" | "9056" | "9063" | "9069" | "9071" | "9074" | "9307" | "9308" | "9319" | "9321" | "9322" | "9326" | "9332" | "9333" | "9338" | "9339" | "9340" | "9341" | "9346" | "9347" | "9349" | "9350" | "9351" | "9355" | "9357" | "9359" | "9360" | "9361" | "9365" | "9366" | "9367" | "9369" | "9373" | "9374" | "9375" | "9379" | "9384" | "9385" | "9387" | "9388" | "9389" | "9390" | "9411" | "9412" | "9413" | "9414" | "9415" | "S300" | "S329")[];
}

export interface Jw308Root {
  Header: Jw308Header;
  Client?: Jw308Client;
}

export interface Jw308StopProduct {
  ToewijzingNummer?: number;
  Product?: IjwCDTProduct;
  ToewijzingIngangsdatum?: string;
  Begindatum: string;
  RedenBeeindiging: "02" | "20" | "31" | "32" | "33" | "34" | "35" | "36" | "37" | "38" | "39";
  Einddatum: string;
  StatusAanlevering: "1" | "2" | "3" | "9";
  RetourCodes: Jw308RetourCodes;
}

export interface Jw308StopProducten {
  StopProduct: Jw308StopProduct[];
}

export interface Jw315AangevraagdProduct {
  ReferentieAanbieder: string;
  BeschikkingNummer?: number;
  Product?: IjwCDTProduct;
  BeschikkingIngangsdatum?: string;
  ToewijzingIngangsdatum: string;
  ToewijzingEinddatum?: string;
  Omvang?: IjwCDTOmvang;
  Budget?: number;
  Verwijzer: IjwCDTVerwijzer;
  Raamcontract?: "1" | "2";
  Commentaar?: string;
}

export interface Jw315AangevraagdeProducten {
  AangevraagdProduct: Jw315AangevraagdProduct[];
}

export interface Jw315Client {
  Bsn: string;
  Geboortedatum: IjwCDTGeboortedatum;
  Geslacht: "0" | "1" | "2";
  Naam: IjwCDTVerkorteNaam;
  GezagsdragerBekend?: "1" | "2";
  Commentaar?: string;
  AangevraagdeProducten: Jw315AangevraagdeProducten;
}

export interface Jw315Header {
  BerichtCode: string;
  BerichtVersie: number;
  BerichtSubversie: number;
  Afzender: string;
  Ontvanger: string;
  BerichtIdentificatie: IjwCDTBerichtIdentificatie;
  XsdVersie: IjwCDTXsdVersie;
}

export interface Jw315Root {
  Header: Jw315Header;
  Client: Jw315Client;
}

export interface Jw316AangevraagdProduct {
  ReferentieAanbieder: string;
  BeschikkingNummer?: number;
  Product?: IjwCDTProduct;
  BeschikkingIngangsdatum?: string;
  ToewijzingIngangsdatum: string;
  ToewijzingEinddatum?: string;
  Omvang?: IjwCDTOmvang;
  Budget?: number;
  Verwijzer: IjwCDTVerwijzer;
  Raamcontract?: "1" | "2";
  Commentaar?: string;
  RetourCodes: Jw316RetourCodes;
}

export interface Jw316AangevraagdeProducten {
  AangevraagdProduct: Jw316AangevraagdProduct[];
}

export interface Jw316Client {
  Bsn: string;
  Geboortedatum: IjwCDTGeboortedatum;
  Geslacht: "0" | "1" | "2";
  Naam: IjwCDTVerkorteNaam;
  GezagsdragerBekend?: "1" | "2";
  Commentaar?: string;
  AangevraagdeProducten: Jw316AangevraagdeProducten;
  RetourCodes: Jw316RetourCodes;
}

export interface Jw316Header {
  BerichtCode: string;
  BerichtVersie: number;
  BerichtSubversie: number;
  Afzender: string;
  Ontvanger: string;
  BerichtIdentificatie: IjwCDTBerichtIdentificatie;
  XsdVersie: IjwCDTXsdVersie;
  IdentificatieRetour: string;
  DagtekeningRetour: string;
  XsltVersie?: string;
  XsdVersieRetour: IjwCDTXsdVersie;
  RetourCodes?: Jw316RetourCodes;
}

export interface Jw316RetourCodes {
  RetourCode: ("0001" | "0200" | "0233" | "0611" | "8001" | "8017" | "8021" | "8187" | "8214" | "8848" | "9019" | "9056" | "9063" | "9069" | "9071" | "9074" | "9307" | "9308" | "9319" | "9321" | "9322" | "9326" | "9332" | "9333" | "9338" | "9339" | "9340" | "9341" | "9346" | "9347" | "9349" | "9350" | "9351" | "9355" | "9357" | "9359" | "9360" | "9361" | "9365" | "9366" | "9367" | "9369" | "9373" | "9374" | "9375" | "9379" | "9384" | "9385" | "9387" | "9388" | "9389" | "9390" | "9411" | "9412" | "9413" | "9414" | "9415" | "S300" | "S329")[];
}

export interface Jw316Root {
  Header: Jw316Header;
  Client?: Jw316Client;
}

export interface Jw317Client {
  Bsn: string;
  Verzoek: Jw317Verzoek;
}

export interface Jw317Header {
  BerichtCode: string;
  BerichtVersie: number;
  BerichtSubversie: number;
  Afzender: string;
  Ontvanger: string;
  BerichtIdentificatie: IjwCDTBerichtIdentificatie;
  XsdVersie: IjwCDTXsdVersie;
}

export interface Jw317NieuwProduct {
  Product?: IjwCDTProduct;
  GewensteIngangsdatum: string;
  Einddatum?: string;
  Omvang?: IjwCDTOmvang;
  Budget?: number;
}

export interface Jw317NieuweProducten {
  NieuwProduct: Jw317NieuwProduct[];
}

export interface Jw317OngewijzigdProduct {
  ToewijzingNummer: number;
}

export interface Jw317OngewijzigdeProducten {
  OngewijzigdProduct: Jw317OngewijzigdProduct[];
}

export interface Jw317Root {
  Header: Jw317Header;
  Client: Jw317Client;
}

export interface Jw317TeWijzigenProduct {
  ToewijzingNummer: number;
  GewensteIngangsdatum: string;
  Einddatum?: string;
  Omvang?: IjwCDTOmvang;
  Budget?: number;
}

export interface Jw317TeWijzigenProducten {
  TeWijzigenProduct: Jw317TeWijzigenProduct[];
}

export interface Jw317Verzoek {
  ReferentieAanbieder: string;
  RedenVerzoek: "1" | "2";
  OngewijzigdeProducten?: Jw317OngewijzigdeProducten;
  TeWijzigenProducten?: Jw317TeWijzigenProducten;
  NieuweProducten?: Jw317NieuweProducten;
}

export interface Jw318Client {
  Bsn: string;
  Verzoek: Jw318Verzoek;
  RetourCodes: Jw318RetourCodes;
}

export interface Jw318Header {
  BerichtCode: string;
  BerichtVersie: number;
  BerichtSubversie: number;
  Afzender: string;
  Ontvanger: string;
  BerichtIdentificatie: IjwCDTBerichtIdentificatie;
  XsdVersie: IjwCDTXsdVersie;
  IdentificatieRetour: string;
  DagtekeningRetour: string;
  XsltVersie?: string;
  XsdVersieRetour: IjwCDTXsdVersie;
  RetourCodes?: Jw318RetourCodes;
}

export interface Jw318NieuwProduct {
  Product?: IjwCDTProduct;
  GewensteIngangsdatum: string;
  Einddatum?: string;
  Omvang?: IjwCDTOmvang;
  Budget?: number;
  RetourCodes: Jw318RetourCodes;
}

export interface Jw318NieuweProducten {
  NieuwProduct: Jw318NieuwProduct[];
}

export interface Jw318OngewijzigdProduct {
  ToewijzingNummer: number;
  RetourCodes: Jw318RetourCodes;
}

export interface Jw318OngewijzigdeProducten {
  OngewijzigdProduct: Jw318OngewijzigdProduct[];
}

export interface Jw318RetourCodes {
  RetourCode: ("0001" | "0200" | "0233" | "0611" | "8001" | "8017" | "8021" | "8187" | "8214" | "8848" | "9019" | "9056" | "9063" | "9069" | "9071" | "9074" | "9307" | "9308" | "9319" | "9321" | "9322" | "9326" | "9332" | "9333" | "9338" | "9339" | "9340" | "9341" | "9346" | "9347" | "9349" | "9350" | "9351" | "9355" | "9357" | "9359" | "9360" | "9361" | "9365" | "9366" | "9367" | "9369" | "9373" | "9374" | "9375" | "9379" | "9384" | "9385" | "9387" | "9388" | "9389" | "9390" | "9411" | "9412" | "9413" | "9414" | "9415" | "S300" | "S329")[];
}

export interface Jw318Root {
  Header: Jw318Header;
  Client?: Jw318Client;
}

export interface Jw318TeWijzigenProduct {
  ToewijzingNummer: number;
  GewensteIngangsdatum: string;
  Einddatum?: string;
  Omvang?: IjwCDTOmvang;
  Budget?: number;
  RetourCodes: Jw318RetourCodes;
}

export interface Jw318TeWijzigenProducten {
  TeWijzigenProduct: Jw318TeWijzigenProduct[];
}

export interface Jw318Verzoek {
  ReferentieAanbieder: string;
  RedenVerzoek: "1" | "2";
  OngewijzigdeProducten?: Jw318OngewijzigdeProducten;
  TeWijzigenProducten?: Jw318TeWijzigenProducten;
  NieuweProducten?: Jw318NieuweProducten;
  RetourCodes: Jw318RetourCodes;
}

export interface Jw319Antwoord {
  ReferentieAanbieder: string;
  VerzoekAntwoord: "1" | "2";
  RedenAfwijzingVerzoek?: "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9";
  Woonplaatsbeginsel?: Jw319Woonplaatsbeginsel;
}

export interface Jw319Header {
  BerichtCode: string;
  BerichtVersie: number;
  BerichtSubversie: number;
  Afzender: string;
  Ontvanger: string;
  BerichtIdentificatie: IjwCDTBerichtIdentificatie;
  XsdVersie: IjwCDTXsdVersie;
}

export interface Jw319Root {
  Header: Jw319Header;
  Antwoord: Jw319Antwoord;
}

export interface Jw319Woonplaatsbeginsel {
  Gemeente: string;
}

export interface Jw320Antwoord {
  ReferentieAanbieder: string;
  VerzoekAntwoord: "1" | "2";
  RedenAfwijzingVerzoek?: "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9";
  Woonplaatsbeginsel?: Jw320Woonplaatsbeginsel;
  RetourCodes: Jw320RetourCodes;
}

export interface Jw320Header {
  BerichtCode: string;
  BerichtVersie: number;
  BerichtSubversie: number;
  Afzender: string;
  Ontvanger: string;
  BerichtIdentificatie: IjwCDTBerichtIdentificatie;
  XsdVersie: IjwCDTXsdVersie;
  IdentificatieRetour: string;
  DagtekeningRetour: string;
  XsltVersie?: string;
  XsdVersieRetour: IjwCDTXsdVersie;
  RetourCodes?: Jw320RetourCodes;
}

export interface Jw320RetourCodes {
  RetourCode: ("0001" | "0200" | "0233" | "0611" | "8001" | "8017" | "8021" | "8187" | "8214" | "8848" | "9019" | "9056" | "9063" | "9069" | "9071" | "9074" | "9307" | "9308" | "9319" | "9321" | "9322" | "9326" | "9332" | "9333" | "9338" | "9339" | "9340" | "9341" | "9346" | "9347" | "9349" | "9350" | "9351" | "9355" | "9357" | "9359" | "9360" | "9361" | "9365" | "9366" | "9367" | "9369" | "9373" | "9374" | "9375" | "9379" | "9384" | "9385" | "9387" | "9388" | "9389" | "9390" | "9411" | "9412" | "9413" | "9414" | "9415" | "S300" | "S329")[];
}

export interface Jw320Root {
  Header: Jw320Header;
  Antwoord?: Jw320Antwoord;
}

export interface Jw320Woonplaatsbeginsel {
  Gemeente: string;
  RetourCodes: Jw320RetourCodes;
}

export interface Jw323Client {
  Bsn: string;
  Prestaties: Jw323Prestaties;
}

export interface Jw323Clienten {
  Client: Jw323Client[];
}

export interface Jw323Declaratie {
  DeclaratieNummer: string;
  DeclaratiePeriode: IjwCDTGeslotenPeriode;
  DeclaratieDagtekening: string;
  TotaalIngediendBedrag: IjwCDTTotaalBedragMetDC;
  Clienten: Jw323Clienten;
}

export interface Jw323Header {
  BerichtCode: string;
  BerichtVersie: number;
  BerichtSubversie: number;
  Afzender: string;
  Ontvanger: string;
  BerichtIdentificatie: IjwCDTBerichtIdentificatie;
  XsdVersie: IjwCDTXsdVersie;
}

export interface Jw323Prestatie {
  ProductReferentie: IjwCDTReferentie;
  ToewijzingNummer: number;
  ProductCategorie: "31" | "32" | "33" | "34" | "35" | "36" | "37" | "38" | "40" | "41" | "42" | "43" | "44" | "45" | "46" | "47" | "48" | "49" | "50" | "51" | "52" | "53" | "54" | "55";
  ProductCode: string;
  ProductPeriode: IjwCDTGeslotenPeriode;
  GeleverdVolume: number;
  Eenheid: "01" | "04" | "14" | "16" | "82" | "83" | "84";
  ProductTarief?: number;
  IngediendBedrag: IjwCDTBedragMetDC;
}

export interface Jw323Prestaties {
  Prestatie: Jw323Prestatie[];
}

export interface Jw323Root {
  Header: Jw323Header;
  Declaratie: Jw323Declaratie;
}

export interface Jw325Client {
  Bsn: string;
  Prestaties: Jw325Prestaties;
  RetourCodes: Jw325RetourCodes;
}

export interface Jw325Clienten {
  Client: Jw325Client[];
}

export interface Jw325DeclaratieAntwoord {
  DeclaratieNummer: string;
  TotaalIngediendBedrag: IjwCDTTotaalBedragMetDC;
  TotaalToegekendBedrag: IjwCDTTotaalBedragMetDC;
  Clienten?: Jw325Clienten;
  RetourCodes: Jw325RetourCodes;
}

export interface Jw325Header {
  BerichtCode: string;
  BerichtVersie: number;
  BerichtSubversie: number;
  Afzender: string;
  Ontvanger: string;
  BerichtIdentificatie: IjwCDTBerichtIdentificatie;
  XsdVersie: IjwCDTXsdVersie;
  DeclaratieIdentificatie: IjwCDTBerichtIdentificatie;
  XsltVersie?: string;
  XsdVersieDeclaratie: IjwCDTXsdVersie;
  RetourCodes: Jw325RetourCodes;
}

export interface Jw325Prestatie {
  ProductReferentie: IjwCDTReferentie;
  ToewijzingNummer: number;
  ProductCategorie: "31" | "32" | "33" | "34" | "35" | "36" | "37" | "38" | "40" | "41" | "42" | "43" | "44" | "45" | "46" | "47" | "48" | "49" | "50" | "51" | "52" | "53" | "54" | "55";
  ProductCode: string;
  ProductPeriode: IjwCDTGeslotenPeriode;
  GeleverdVolume: number;
  Eenheid: "01" | "04" | "14" | "16" | "82" | "83" | "84";
  ProductTarief?: number;
  IngediendBedrag: IjwCDTBedragMetDC;
  RetourCodes: Jw325RetourCodes;
}

export interface Jw325Prestaties {
  Prestatie: Jw325Prestatie[];
}

export interface Jw325RetourCodes {
  RetourCode: ("0001" | "0200" | "0233" | "0611" | "8001" | "8017" | "8021" | "8187" | "8214" | "8848" | "9019" | "9056" | "9063" | "9069" | "9071" | "9074" | "9307" | "9308" | "9319" | "9321" | "9322" | "9326" | "9332" | "9333" | "9338" | "9339" | "9340" | "9341" | "9346" | "9347" | "9349" | "9350" | "9351" | "9355" | "9357" | "9359" | "9360" | "9361" | "9365" | "9366" | "9367" | "9369" | "9373" | "9374" | "9375" | "9379" | "9384" | "9385" | "9387" | "9388" | "9389" | "9390" | "9411" | "9412" | "9413" | "9414" | "9415" | "S300" | "S329")[];
}

export interface Jw325Root {
  Header: Jw325Header;
  DeclaratieAntwoord?: Jw325DeclaratieAntwoord;
}

/** The root of each message type. */
export interface Berichten {
  JW301: Jw301Root;
  JW302: Jw302Root;
  JW305: Jw305Root;
  JW306: Jw306Root;
  JW307: Jw307Root;
  JW308: Jw308Root;
  JW315: Jw315Root;
  JW316: Jw316Root;
  JW317: Jw317Root;
  JW318: Jw318Root;
  JW319: Jw319Root;
  JW320: Jw320Root;
  JW323: Jw323Root;
  JW325: Jw325Root;
}
