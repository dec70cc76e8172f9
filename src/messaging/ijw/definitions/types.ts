// Generated from the official iJw 3.2 XSDs by generate-definitions.ts. Do not edit by hand.
// The typed model of the messages the codec reads and writes (see src/messaging/ijw/model.ts).

export type IjwCDTAchternaam = {
  Achternaam: string;
  Voorvoegsel?: string;
};

export type IjwCDTAdres = {
  Huis?: IjwCDTHuis;
  Postcode?: string;
  Straatnaam?: string;
  Plaatsnaam?: string;
  LandCode?: string;
};

export type IjwCDTBedragMetDC = {
  Bedrag: number;
  DebetCredit: "C" | "D";
};

export type IjwCDTBerichtIdentificatie = {
  Identificatie: string;
  Dagtekening: string;
};

export type IjwCDTCommunicatie = {
  Vorm: "1" | "2" | "3";
  Taal?: string;
};

export type IjwCDTGeboortedatum = {
  Datum: string;
  DatumGebruik?: "1" | "2" | "3";
};

export type IjwCDTGeslotenPeriode = {
  Begindatum: string;
  Einddatum: string;
};

export type IjwCDTHuis = {
  Huisnummer: number;
  Huisletter?: string;
  HuisnummerToevoeging?: string;
  AanduidingWoonadres?: "AB" | "BY" | "TO" | "WW";
};

export type IjwCDTOmvang = {
  Volume: number;
  Eenheid: "01" | "04" | "14" | "16" | "82" | "83" | "84";
  Frequentie: "1" | "2" | "4" | "6";
};

export type IjwCDTOpenPeriode = {
  Begindatum?: string;
  Einddatum?: string;
};

export type IjwCDTProduct = {
  Categorie: "31" | "32" | "33" | "34" | "35" | "36" | "37" | "38" | "40" | "41" | "42" | "43" | "44" | "45" | "46" | "47" | "48" | "49" | "50" | "51" | "52" | "53" | "54" | "55";
  Code?: string;
};

export type IjwCDTReferentie = {
  ReferentieNummer: string;
  VorigReferentieNummer?: string;
};

export type IjwCDTTelefoon = {
  Telefoonnummer: string;
  Landnummer: string;
};

export type IjwCDTTelefoonnummers = {
  Telefoon01: IjwCDTTelefoon;
  Telefoon02?: IjwCDTTelefoon;
};

export type IjwCDTTotaalBedragMetDC = {
  TotaalBedrag: number;
  DebetCredit: "C" | "D";
};

export type IjwCDTVerkorteNaam = {
  Geslachtsnaam: IjwCDTAchternaam;
  Voornamen?: string;
  Voorletters?: string;
};

export type IjwCDTVerwijzer = {
  Type: "01" | "02" | "03" | "04" | "05" | "06" | "08";
  Naam?: string;
  ZorgverlenerCode?: string;
};

export type IjwCDTVolledigeNaam = {
  Geslachtsnaam: IjwCDTAchternaam;
  Partnernaam?: IjwCDTAchternaam;
  Voornamen?: string;
  Voorletters?: string;
  NaamGebruik: "1" | "2" | "3" | "4" | "5" | "6";
};

export type IjwCDTXsdVersie = {
  BasisschemaXsdVersie: string;
  BerichtXsdVersie: string;
};

export type Jw301Client = {
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
};

export type Jw301Contact = {
  Soort: "01" | "02" | "03" | "04";
  Adres?: IjwCDTAdres;
  Organisatie?: string;
  Telefoon?: IjwCDTTelefoonnummers;
  Emailadres?: string;
  Periode?: IjwCDTOpenPeriode;
};

export type Jw301Contactgegevens = {
  Contact: Jw301Contact[];
};

export type Jw301Header = {
  BerichtCode: string;
  BerichtVersie: number;
  BerichtSubversie: number;
  Afzender: string;
  Ontvanger: string;
  BerichtIdentificatie: IjwCDTBerichtIdentificatie;
  XsdVersie: IjwCDTXsdVersie;
};

export type Jw301Relatie = {
  Nummer: string;
  Volgorde?: number;
  Soort: "03" | "04" | "05" | "06" | "07" | "08" | "09" | "10" | "11" | "12" | "13" | "14" | "15" | "16" | "17" | "18" | "19" | "20" | "21" | "22" | "23" | "24" | "25";
  Geboortedatum?: IjwCDTGeboortedatum;
  Geslacht?: "0" | "1" | "2";
  Naam: IjwCDTVolledigeNaam;
  Contact: Jw301Contact;
};

export type Jw301Relaties = {
  Relatie: Jw301Relatie[];
};

export type Jw301Root = {
  Header: Jw301Header;
  Client: Jw301Client;
};

export type Jw301ToegewezenProduct = {
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
};

export type Jw301ToegewezenProducten = {
  ToegewezenProduct: Jw301ToegewezenProduct[];
};

export type Jw302Client = {
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
};

export type Jw302Contact = {
  Soort: "01" | "02" | "03" | "04";
  Adres?: IjwCDTAdres;
  Organisatie?: string;
  Telefoon?: IjwCDTTelefoonnummers;
  Emailadres?: string;
  Periode?: IjwCDTOpenPeriode;
  RetourCodes: Jw302RetourCodes;
};

export type Jw302Contactgegevens = {
  Contact: Jw302Contact[];
};

export type Jw302Header = {
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
};

export type Jw302Relatie = {
  Nummer: string;
  Volgorde?: number;
  Soort: "03" | "04" | "05" | "06" | "07" | "08" | "09" | "10" | "11" | "12" | "13" | "14" | "15" | "16" | "17" | "18" | "19" | "20" | "21" | "22" | "23" | "24" | "25";
  Geboortedatum?: IjwCDTGeboortedatum;
  Geslacht?: "0" | "1" | "2";
  Naam: IjwCDTVolledigeNaam;
  Contact: Jw302Contact;
  RetourCodes: Jw302RetourCodes;
};

export type Jw302Relaties = {
  Relatie: Jw302Relatie[];
};

export type Jw302RetourCodes = {
  RetourCode: ("0001" | "0200" | "0233" | "0611" | "8001" | "8017" | "8021" | "8187" | "8214" | "8848" | "9019" | "9056" | "9063" | "9069" | "9071" | "9074" | "9307" | "9308" | "9319" | "9321" | "9322" | "9326" | "9332" | "9333" | "9338" | "9339" | "9340" | "9341" | "9346" | "9347" | "9349" | "9350" | "9351" | "9355" | "9357" | "9359" | "9360" | "9361" | "9365" | "9366" | "9367" | "9369" | "9373" | "9374" | "9375" | "9379" | "9384" | "9385" | "9387" | "9388" | "9389" | "9390" | "9411" | "9412" | "9413" | "9414" | "9415" | "S300" | "S329")[];
};

export type Jw302Root = {
  Header: Jw302Header;
  Client?: Jw302Client;
};

export type Jw302ToegewezenProduct = {
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
};

export type Jw302ToegewezenProducten = {
  ToegewezenProduct: Jw302ToegewezenProduct[];
};

export type Jw305Client = {
  Bsn: string;
  Geboortedatum: IjwCDTGeboortedatum;
  Geslacht: "0" | "1" | "2";
  Naam: IjwCDTVerkorteNaam;
  StartProducten: Jw305StartProducten;
};

export type Jw305Header = {
  BerichtCode: string;
  BerichtVersie: number;
  BerichtSubversie: number;
  Afzender: string;
  Ontvanger: string;
  BerichtIdentificatie: IjwCDTBerichtIdentificatie;
  XsdVersie: IjwCDTXsdVersie;
};

export type Jw305Root = {
  Header: Jw305Header;
  Client: Jw305Client;
};

export type Jw305StartProduct = {
  ToewijzingNummer?: number;
  Product?: IjwCDTProduct;
  ToewijzingIngangsdatum?: string;
  Begindatum: string;
  StatusAanlevering: "1" | "2" | "3" | "9";
};

export type Jw305StartProducten = {
  StartProduct: Jw305StartProduct[];
};

export type Jw306Client = {
  Bsn: string;
  Geboortedatum: IjwCDTGeboortedatum;
  Geslacht: "0" | "1" | "2";
  Naam: IjwCDTVerkorteNaam;
  StartProducten: Jw306StartProducten;
  RetourCodes: Jw306RetourCodes;
};

export type Jw306Header = {
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
};

export type Jw306RetourCodes = {
  RetourCode: ("0001" | "0200" | "0233" | "0611" | "8001" | "8017" | "8021" | "8187" | "8214" | "8848" | "9019" | "9056" | "9063" | "9069" | "9071" | "9074" | "9307" | "9308" | "9319" | "9321" | "9322" | "9326" | "9332" | "9333" | "9338" | "9339" | "9340" | "9341" | "9346" | "9347" | "9349" | "9350" | "9351" | "9355" | "9357" | "9359" | "9360" | "9361" | "9365" | "9366" | "9367" | "9369" | "9373" | "9374" | "9375" | "9379" | "9384" | "9385" | "9387" | "9388" | "9389" | "9390" | "9411" | "9412" | "9413" | "9414" | "9415" | "S300" | "S329")[];
};

export type Jw306Root = {
  Header: Jw306Header;
  Client?: Jw306Client;
};

export type Jw306StartProduct = {
  ToewijzingNummer?: number;
  Product?: IjwCDTProduct;
  ToewijzingIngangsdatum?: string;
  Begindatum: string;
  StatusAanlevering: "1" | "2" | "3" | "9";
  RetourCodes: Jw306RetourCodes;
};

export type Jw306StartProducten = {
  StartProduct: Jw306StartProduct[];
};

export type Jw307Client = {
  Bsn: string;
  Geboortedatum: IjwCDTGeboortedatum;
  Geslacht: "0" | "1" | "2";
  Naam: IjwCDTVerkorteNaam;
  StopProducten: Jw307StopProducten;
};

export type Jw307Header = {
  BerichtCode: string;
  BerichtVersie: number;
  BerichtSubversie: number;
  Afzender: string;
  Ontvanger: string;
  BerichtIdentificatie: IjwCDTBerichtIdentificatie;
  XsdVersie: IjwCDTXsdVersie;
};

export type Jw307Root = {
  Header: Jw307Header;
  Client: Jw307Client;
};

export type Jw307StopProduct = {
  ToewijzingNummer?: number;
  Product?: IjwCDTProduct;
  ToewijzingIngangsdatum?: string;
  Begindatum: string;
  RedenBeeindiging: "02" | "20" | "31" | "32" | "33" | "34" | "35" | "36" | "37" | "38" | "39";
  Einddatum: string;
  StatusAanlevering: "1" | "2" | "3" | "9";
};

export type Jw307StopProducten = {
  StopProduct: Jw307StopProduct[];
};

export type Jw308Client = {
  Bsn: string;
  Geboortedatum: IjwCDTGeboortedatum;
  Geslacht: "0" | "1" | "2";
  Naam: IjwCDTVerkorteNaam;
  StopProducten: Jw308StopProducten;
  RetourCodes: Jw308RetourCodes;
};

export type Jw308Header = {
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
};

export type Jw308RetourCodes = {
  RetourCode: ("0001" | "0200" | "0233" | "0611" | "8001" | "8017" | "8021" | "8187" | "8214" | "8848" | "9019" | "9056" | "9063" | "9069" | "9071" | "9074" | "9307" | "9308" | "9319" | "9321" | "9322" | "9326" | "9332" | "9333" | "9338" | "9339" | "9340" | "9341" | "9346" | "9347" | "9349" | "9350" | "9351" | "9355" | "9357" | "9359" | "9360" | "9361" | "9365" | "9366" | "9367" | "9369" | "9373" | "9374" | "9375" | "9379" | "9384" | "9385" | "9387" | "9388" | "9389" | "9390" | "9411" | "9412" | "9413" | "9414" | "9415" | "S300" | "S329")[];
};

export type Jw308Root = {
  Header: Jw308Header;
  Client?: Jw308Client;
};

export type Jw308StopProduct = {
  ToewijzingNummer?: number;
  Product?: IjwCDTProduct;
  ToewijzingIngangsdatum?: string;
  Begindatum: string;
  RedenBeeindiging: "02" | "20" | "31" | "32" | "33" | "34" | "35" | "36" | "37" | "38" | "39";
  Einddatum: string;
  StatusAanlevering: "1" | "2" | "3" | "9";
  RetourCodes: Jw308RetourCodes;
};

export type Jw308StopProducten = {
  StopProduct: Jw308StopProduct[];
};

export type Jw315AangevraagdProduct = {
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
};

export type Jw315AangevraagdeProducten = {
  AangevraagdProduct: Jw315AangevraagdProduct[];
};

export type Jw315Client = {
  Bsn: string;
  Geboortedatum: IjwCDTGeboortedatum;
  Geslacht: "0" | "1" | "2";
  Naam: IjwCDTVerkorteNaam;
  GezagsdragerBekend?: "1" | "2";
  Commentaar?: string;
  AangevraagdeProducten: Jw315AangevraagdeProducten;
};

export type Jw315Header = {
  BerichtCode: string;
  BerichtVersie: number;
  BerichtSubversie: number;
  Afzender: string;
  Ontvanger: string;
  BerichtIdentificatie: IjwCDTBerichtIdentificatie;
  XsdVersie: IjwCDTXsdVersie;
};

export type Jw315Root = {
  Header: Jw315Header;
  Client: Jw315Client;
};

export type Jw316AangevraagdProduct = {
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
};

export type Jw316AangevraagdeProducten = {
  AangevraagdProduct: Jw316AangevraagdProduct[];
};

export type Jw316Client = {
  Bsn: string;
  Geboortedatum: IjwCDTGeboortedatum;
  Geslacht: "0" | "1" | "2";
  Naam: IjwCDTVerkorteNaam;
  GezagsdragerBekend?: "1" | "2";
  Commentaar?: string;
  AangevraagdeProducten: Jw316AangevraagdeProducten;
  RetourCodes: Jw316RetourCodes;
};

export type Jw316Header = {
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
};

export type Jw316RetourCodes = {
  RetourCode: ("0001" | "0200" | "0233" | "0611" | "8001" | "8017" | "8021" | "8187" | "8214" | "8848" | "9019" | "9056" | "9063" | "9069" | "9071" | "9074" | "9307" | "9308" | "9319" | "9321" | "9322" | "9326" | "9332" | "9333" | "9338" | "9339" | "9340" | "9341" | "9346" | "9347" | "9349" | "9350" | "9351" | "9355" | "9357" | "9359" | "9360" | "9361" | "9365" | "9366" | "9367" | "9369" | "9373" | "9374" | "9375" | "9379" | "9384" | "9385" | "9387" | "9388" | "9389" | "9390" | "9411" | "9412" | "9413" | "9414" | "9415" | "S300" | "S329")[];
};

export type Jw316Root = {
  Header: Jw316Header;
  Client?: Jw316Client;
};

export type Jw317Client = {
  Bsn: string;
  Verzoek: Jw317Verzoek;
};

export type Jw317Header = {
  BerichtCode: string;
  BerichtVersie: number;
  BerichtSubversie: number;
  Afzender: string;
  Ontvanger: string;
  BerichtIdentificatie: IjwCDTBerichtIdentificatie;
  XsdVersie: IjwCDTXsdVersie;
};

export type Jw317NieuwProduct = {
  Product?: IjwCDTProduct;
  GewensteIngangsdatum: string;
  Einddatum?: string;
  Omvang?: IjwCDTOmvang;
  Budget?: number;
};

export type Jw317NieuweProducten = {
  NieuwProduct: Jw317NieuwProduct[];
};

export type Jw317OngewijzigdProduct = {
  ToewijzingNummer: number;
};

export type Jw317OngewijzigdeProducten = {
  OngewijzigdProduct: Jw317OngewijzigdProduct[];
};

export type Jw317Root = {
  Header: Jw317Header;
  Client: Jw317Client;
};

export type Jw317TeWijzigenProduct = {
  ToewijzingNummer: number;
  GewensteIngangsdatum: string;
  Einddatum?: string;
  Omvang?: IjwCDTOmvang;
  Budget?: number;
};

export type Jw317TeWijzigenProducten = {
  TeWijzigenProduct: Jw317TeWijzigenProduct[];
};

export type Jw317Verzoek = {
  ReferentieAanbieder: string;
  RedenVerzoek: "1" | "2";
  OngewijzigdeProducten?: Jw317OngewijzigdeProducten;
  TeWijzigenProducten?: Jw317TeWijzigenProducten;
  NieuweProducten?: Jw317NieuweProducten;
};

export type Jw318Client = {
  Bsn: string;
  Verzoek: Jw318Verzoek;
  RetourCodes: Jw318RetourCodes;
};

export type Jw318Header = {
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
};

export type Jw318NieuwProduct = {
  Product?: IjwCDTProduct;
  GewensteIngangsdatum: string;
  Einddatum?: string;
  Omvang?: IjwCDTOmvang;
  Budget?: number;
  RetourCodes: Jw318RetourCodes;
};

export type Jw318NieuweProducten = {
  NieuwProduct: Jw318NieuwProduct[];
};

export type Jw318OngewijzigdProduct = {
  ToewijzingNummer: number;
  RetourCodes: Jw318RetourCodes;
};

export type Jw318OngewijzigdeProducten = {
  OngewijzigdProduct: Jw318OngewijzigdProduct[];
};

export type Jw318RetourCodes = {
  RetourCode: ("0001" | "0200" | "0233" | "0611" | "8001" | "8017" | "8021" | "8187" | "8214" | "8848" | "9019" | "9056" | "9063" | "9069" | "9071" | "9074" | "9307" | "9308" | "9319" | "9321" | "9322" | "9326" | "9332" | "9333" | "9338" | "9339" | "9340" | "9341" | "9346" | "9347" | "9349" | "9350" | "9351" | "9355" | "9357" | "9359" | "9360" | "9361" | "9365" | "9366" | "9367" | "9369" | "9373" | "9374" | "9375" | "9379" | "9384" | "9385" | "9387" | "9388" | "9389" | "9390" | "9411" | "9412" | "9413" | "9414" | "9415" | "S300" | "S329")[];
};

export type Jw318Root = {
  Header: Jw318Header;
  Client?: Jw318Client;
};

export type Jw318TeWijzigenProduct = {
  ToewijzingNummer: number;
  GewensteIngangsdatum: string;
  Einddatum?: string;
  Omvang?: IjwCDTOmvang;
  Budget?: number;
  RetourCodes: Jw318RetourCodes;
};

export type Jw318TeWijzigenProducten = {
  TeWijzigenProduct: Jw318TeWijzigenProduct[];
};

export type Jw318Verzoek = {
  ReferentieAanbieder: string;
  RedenVerzoek: "1" | "2";
  OngewijzigdeProducten?: Jw318OngewijzigdeProducten;
  TeWijzigenProducten?: Jw318TeWijzigenProducten;
  NieuweProducten?: Jw318NieuweProducten;
  RetourCodes: Jw318RetourCodes;
};

export type Jw319Antwoord = {
  ReferentieAanbieder: string;
  VerzoekAntwoord: "1" | "2";
  RedenAfwijzingVerzoek?: "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9";
  Woonplaatsbeginsel?: Jw319Woonplaatsbeginsel;
};

export type Jw319Header = {
  BerichtCode: string;
  BerichtVersie: number;
  BerichtSubversie: number;
  Afzender: string;
  Ontvanger: string;
  BerichtIdentificatie: IjwCDTBerichtIdentificatie;
  XsdVersie: IjwCDTXsdVersie;
};

export type Jw319Root = {
  Header: Jw319Header;
  Antwoord: Jw319Antwoord;
};

export type Jw319Woonplaatsbeginsel = {
  Gemeente: string;
};

export type Jw320Antwoord = {
  ReferentieAanbieder: string;
  VerzoekAntwoord: "1" | "2";
  RedenAfwijzingVerzoek?: "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9";
  Woonplaatsbeginsel?: Jw320Woonplaatsbeginsel;
  RetourCodes: Jw320RetourCodes;
};

export type Jw320Header = {
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
};

export type Jw320RetourCodes = {
  RetourCode: ("0001" | "0200" | "0233" | "0611" | "8001" | "8017" | "8021" | "8187" | "8214" | "8848" | "9019" | "9056" | "9063" | "9069" | "9071" | "9074" | "9307" | "9308" | "9319" | "9321" | "9322" | "9326" | "9332" | "9333" | "9338" | "9339" | "9340" | "9341" | "9346" | "9347" | "9349" | "9350" | "9351" | "9355" | "9357" | "9359" | "9360" | "9361" | "9365" | "9366" | "9367" | "9369" | "9373" | "9374" | "9375" | "9379" | "9384" | "9385" | "9387" | "9388" | "9389" | "9390" | "9411" | "9412" | "9413" | "9414" | "9415" | "S300" | "S329")[];
};

export type Jw320Root = {
  Header: Jw320Header;
  Antwoord?: Jw320Antwoord;
};

export type Jw320Woonplaatsbeginsel = {
  Gemeente: string;
  RetourCodes: Jw320RetourCodes;
};

export type Jw323Client = {
  Bsn: string;
  Prestaties: Jw323Prestaties;
};

export type Jw323Clienten = {
  Client: Jw323Client[];
};

export type Jw323Declaratie = {
  DeclaratieNummer: string;
  DeclaratiePeriode: IjwCDTGeslotenPeriode;
  DeclaratieDagtekening: string;
  TotaalIngediendBedrag: IjwCDTTotaalBedragMetDC;
  Clienten: Jw323Clienten;
};

export type Jw323Header = {
  BerichtCode: string;
  BerichtVersie: number;
  BerichtSubversie: number;
  Afzender: string;
  Ontvanger: string;
  BerichtIdentificatie: IjwCDTBerichtIdentificatie;
  XsdVersie: IjwCDTXsdVersie;
};

export type Jw323Prestatie = {
  ProductReferentie: IjwCDTReferentie;
  ToewijzingNummer: number;
  ProductCategorie: "31" | "32" | "33" | "34" | "35" | "36" | "37" | "38" | "40" | "41" | "42" | "43" | "44" | "45" | "46" | "47" | "48" | "49" | "50" | "51" | "52" | "53" | "54" | "55";
  ProductCode: string;
  ProductPeriode: IjwCDTGeslotenPeriode;
  GeleverdVolume: number;
  Eenheid: "01" | "04" | "14" | "16" | "82" | "83" | "84";
  ProductTarief?: number;
  IngediendBedrag: IjwCDTBedragMetDC;
};

export type Jw323Prestaties = {
  Prestatie: Jw323Prestatie[];
};

export type Jw323Root = {
  Header: Jw323Header;
  Declaratie: Jw323Declaratie;
};

export type Jw325Client = {
  Bsn: string;
  Prestaties: Jw325Prestaties;
  RetourCodes: Jw325RetourCodes;
};

export type Jw325Clienten = {
  Client: Jw325Client[];
};

export type Jw325DeclaratieAntwoord = {
  DeclaratieNummer: string;
  TotaalIngediendBedrag: IjwCDTTotaalBedragMetDC;
  TotaalToegekendBedrag: IjwCDTTotaalBedragMetDC;
  Clienten?: Jw325Clienten;
  RetourCodes: Jw325RetourCodes;
};

export type Jw325Header = {
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
};

export type Jw325Prestatie = {
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
};

export type Jw325Prestaties = {
  Prestatie: Jw325Prestatie[];
};

export type Jw325RetourCodes = {
  RetourCode: ("0001" | "0200" | "0233" | "0611" | "8001" | "8017" | "8021" | "8187" | "8214" | "8848" | "9019" | "9056" | "9063" | "9069" | "9071" | "9074" | "9307" | "9308" | "9319" | "9321" | "9322" | "9326" | "9332" | "9333" | "9338" | "9339" | "9340" | "9341" | "9346" | "9347" | "9349" | "9350" | "9351" | "9355" | "9357" | "9359" | "9360" | "9361" | "9365" | "9366" | "9367" | "9369" | "9373" | "9374" | "9375" | "9379" | "9384" | "9385" | "9387" | "9388" | "9389" | "9390" | "9411" | "9412" | "9413" | "9414" | "9415" | "S300" | "S329")[];
};

export type Jw325Root = {
  Header: Jw325Header;
  DeclaratieAntwoord?: Jw325DeclaratieAntwoord;
};

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
