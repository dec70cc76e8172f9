/** Shapes of demo and fixture data loaded by `seed()`. */
export type DemoUitvoeringsvariant = 'inspanningsgericht' | 'outputgericht' | 'taakgericht';
export type DemoProcedure = 'openhouse' | 'aanbesteding';
export interface DemoGemeente { code: string; naam: string; inwoners: number; geldigVanaf: string; geldigTot?: string }
export interface DemoAanbieder { agb: string; naam: string; kvk: string }
export interface DemoProduct { categorie: string; code: string; omschrijving: string; eenheid: string; uitvoeringsvariant: DemoUitvoeringsvariant }
export interface DemoArrangement { naam: string; omschrijving: string; onderdelen: { productCode: string; volume: number; frequentie: string }[] }
export interface DemoContractProduct { productCode: string; tariefCenten: number }
export interface DemoContract {
  nummer: string;
  aanbiederAgb: string;
  perceel: string;
  procedure: DemoProcedure;
  begindatum: string;
  einddatum: string;
  verlengingen: number;
  hoofdcontractNummer?: string;
  gemeenten: string[];
  budgetplafondPerJaarCenten?: number;
  producten: DemoContractProduct[];
  /** The clauses a rejection or flag names; absent: those of the procedure's model agreement (DEMO_ARTIKELEN). */
  artikelen?: DemoArtikelen;
}
/** Clause references of a contract per kind of condition. */
export interface DemoArtikelen { looptijd: string; perceel: string; tarief: string; plafond: string }
export interface DemoBudgetlijn {
  naam: string;
  bedragCenten: number;
  jaar: number;
  /** iJw Productcategorie codes whose claims the line is charged with (all when omitted). */
  productcategorieen?: string[];
}
export interface DemoRegio {
  code: string;
  naam: string;
  gemeenten: DemoGemeente[];
  aanbieders: DemoAanbieder[];
  producten: DemoProduct[];
  arrangementen: DemoArrangement[];
  contracten: DemoContract[];
  budgetlijnen: DemoBudgetlijn[];
  indexatie: { jaar: number; methode: 'percentage' | 'jeugdformule'; percentage?: number; ova?: number; ppc?: number; gewichtOva?: number; gewichtPpc?: number };
}
