/**
 * Which contract condition stands behind a prestatie's rejection or flag (issue 14, item 2): the
 * iJw codes say what is wrong, not which agreement says so. A pure function of what the judgement
 * already knows; declaratie.verwerking.ts stores its result with the prestatie, in the same
 * statement, so the answer names the contract, lot and clause as they were when it was judged.
 *
 * Only conditions of the contract are named. TR369 (9369 against the toewijzing's own Budget),
 * TR340 against a specific toewijzing's code, volumes (TR321/TR322) and periods against the
 * toewijzing (TR307/TR308) are the allocation's conditions, not the contract's.
 */

/** The kinds of contract condition, each with its clause on the contract. */
export const CONTRACTVOORWAARDE_SOORTEN = ['looptijd', 'perceel', 'tarief', 'eenheid', 'plafond'] as const;
export type ContractvoorwaardeSoort = (typeof CONTRACTVOORWAARDE_SOORTEN)[number];

/** A contract condition behind a prestatie's outcome, as stored with the prestatie (column `contractvoorwaarden`). */
export interface Contractvoorwaarde {
  soort: ContractvoorwaardeSoort;
  /** The retour code it gave; null for a flag only (granted above the ceiling, policy `signaleren`). */
  code: string | null;
  contractId: string | null;
  contractNummer: string | null;
  perceel: string | null;
  artikel: string | null;
  /** In Dutch, for the provider and the back office. */
  omschrijving: string;
}

/** The contract as the judgement reads it (src/declaratie/declaratie.verwerking.ts). */
export interface VoorwaardeContract {
  id: string;
  nummer: string;
  perceel: string;
  begindatum: string;
  einddatum: string;
  artikel_looptijd: string;
  artikel_perceel: string;
  artikel_tarief: string;
  artikel_plafond: string;
}

/** What the judgement of one debit prestatie found that may come from its contract. */
export interface Verdenking {
  /** The codes the prestatie rules gave (the ceiling is `plafond`). */
  codes: string[];
  /** The contract it was priced by, else the toewijzing's. */
  contractId: string | null;
  /** A contracted product was found for it. */
  gecontracteerd: boolean;
  /** A contract tariff is valid on its Begindatum. */
  tariefGevonden: boolean;
  /** The toewijzing has no ProductCode (aspecifiek, OP302). */
  aspecifiek: boolean;
  /** The toewijzing has no Eenheid: the contract's unit applied (TR341). */
  eenheidVanContract: boolean;
  begin: string;
  eind: string;
  geclaimdTarief: number | null;
  contractTarief: number | null;
  /** Minutes claimed against an hourly tariff: the amount is checked, the claimed tariff only informative (TR418). */
  minutenTegenUren: boolean;
  /** The budget ceiling: rejected (9369) or granted and flagged. */
  plafond?: { afgewezen: boolean; jaar: string; bedrag: number };
}

const ARTIKEL: Record<ContractvoorwaardeSoort, keyof VoorwaardeContract> = {
  looptijd: 'artikel_looptijd',
  perceel: 'artikel_perceel',
  tarief: 'artikel_tarief',
  eenheid: 'artikel_tarief',
  plafond: 'artikel_plafond',
};

const euro = (centen: number) => `€ ${(centen / 100).toFixed(2).replace('.', ',')}`;

/** Whether anything found may come from the contract: only then is the contract read (once per claim, for all). */
export function heeftVerdenking(v: Verdenking): boolean {
  return v.plafond !== undefined || v.codes.includes('0611') || (v.aspecifiek && v.codes.includes('9340')) || (v.eenheidVanContract && v.codes.includes('9341'));
}

/** The contract conditions behind the outcome, in the order of the codes; `contract` undefined: none is known. */
export function contractvoorwaarden(v: Verdenking, contract: VoorwaardeContract | undefined): Contractvoorwaarde[] {
  const uit: Contractvoorwaarde[] = [];
  const noem = (soort: ContractvoorwaardeSoort, code: string | null, omschrijving: string) =>
    uit.push({
      soort,
      code,
      contractId: contract?.id ?? null,
      contractNummer: contract?.nummer ?? null,
      perceel: contract?.perceel ?? null,
      artikel: contract ? contract[ARTIKEL[soort]] : null,
      omschrijving,
    });
  if (v.aspecifiek && v.codes.includes('9340')) noem('perceel', '9340', 'Het product staat in het productboek maar is niet gecontracteerd in het perceel van de aanbieder');
  if (v.eenheidVanContract && v.codes.includes('9341')) noem('eenheid', '9341', 'De eenheid wijkt af van de eenheid die het contract voor dit product kent');
  if (v.codes.includes('0611')) {
    if (!v.gecontracteerd) noem('perceel', '0611', 'Het product is voor deze gemeente niet gecontracteerd in een perceel van de aanbieder');
    else if (!v.tariefGevonden && contract && (v.begin < contract.begindatum || v.eind > contract.einddatum)) {
      noem('looptijd', '0611', `De productperiode valt buiten de looptijd van het contract (${contract.begindatum} t/m ${contract.einddatum})`);
    } else if (!v.tariefGevonden) noem('tarief', '0611', `Het contract kent voor dit product geen tarief op ${v.begin}`);
    else if (!v.minutenTegenUren && v.geclaimdTarief !== null && v.contractTarief !== null && v.geclaimdTarief !== v.contractTarief) {
      noem('tarief', '0611', `Het gedeclareerde tarief ${euro(v.geclaimdTarief)} wijkt af van het contracttarief ${euro(v.contractTarief)}`);
    } else noem('tarief', '0611', `Het bedrag wijkt af van volume × contracttarief${v.contractTarief !== null ? ` (${euro(v.contractTarief)})` : ''}`);
  }
  if (v.plafond) {
    noem(
      'plafond',
      v.plafond.afgewezen ? '9369' : null,
      v.plafond.afgewezen
        ? `Het budgetplafond ${v.plafond.jaar} van het contract (${euro(v.plafond.bedrag)}) is bereikt`
        : `Toegekend boven het budgetplafond ${v.plafond.jaar} van het contract (${euro(v.plafond.bedrag)}); gesignaleerd`,
    );
  }
  return uit;
}
