import type { EntityManager } from 'typeorm';
import { metGeaccepteerdePrestaties } from '../declaratie/declaratie.verwerking';
import { audit } from '../auth/audit.service';
import { beheertRegio, systeemInRegio, type Principal } from '../auth/principal';
import { scopeClientData } from '../auth/scope';
import { isValidBsn, lijktEchteBsn } from '../common/bsn';
import { isSandboxRegio, SANDBOX_ECHTE_BSN } from '../common/sandbox';
import { Uitvoeringsvariant } from '../common/enums';
import { HubError, HubErrorCode } from '../common/hub-error';
import { tijdstip, vandaag } from '../common/klok';
import { tariefOpDatum } from '../contracting/tarief.rules';
import { TariefEntity } from '../contracting/tarief.entity';
import { systeemLezen } from '../db/tenant';
import { paginate, type PageArgs } from '../graphql/pagination';
import { BerichtEntity } from '../messaging/bericht.entity';
import { schrijfUitgaand } from '../messaging/uitgaand';
import { bouwJw301, type ClientGegevens } from './jw301';
import { ToewijzingError } from './toewijzing.errors';
import type { ClientInput, ToewijzenInput, ToewijzingFilter, ToewijzingProductInput, WijzigToewijzingInput } from './toewijzing.inputs';
import { ToewijzingEntity } from './toewijzing.entity';
import type { TeWijzigenProduct, Wijzigingspakket } from './verzoek.entity';
import { checkVorm, isVerwijderd, nietVerwijderdSql, raming, stapeling, type Vorm } from './toewijzing.rules';
import type { Sleutels } from '../common/sleutels';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The municipality a writing caller acts for: one of its own CBS codes; for an administrator any
 * in a region it administers (checked once the municipality's region `regio` is known).
 */
function checkGemeente(p: Principal, gemeenteCode: string, regio?: string | null): void {
  if (p.rol === 'beheerder') {
    if (regio !== undefined && !beheertRegio(p, regio)) throw new HubError(ToewijzingError.NOT_YOUR_MUNICIPALITY, `Geen toegang namens gemeente ${gemeenteCode}`, { veld: 'gemeenteCode' });
    return;
  }
  if (!p.gemeenten.includes(gemeenteCode)) throw new HubError(ToewijzingError.NOT_YOUR_MUNICIPALITY, `Geen toegang namens gemeente ${gemeenteCode}`, { veld: 'gemeenteCode' });
}

interface ContractMatch {
  contract_id: string;
  contract_product_id: string;
  eenheid: string;
  uitvoeringsvariant: Uitvoeringsvariant;
  contract_einde: string;
}

/** The product (or, aspecifiek, the category) under an active contract of the provider covering the municipality for the whole period. */
async function zoekContract(em: EntityManager, regio: string, gemeente: string, agb: string, v: ToewijzingProductInput): Promise<ContractMatch> {
  const inBoek = await em.query<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM product WHERE regio_code = $1 AND categorie = $2 AND ($3::text IS NULL OR code = $3)`,
    [regio, v.categorie, v.code ?? null],
  );
  if (inBoek[0].n === 0) {
    throw new HubError(ToewijzingError.UNKNOWN_PRODUCT, `Product ${v.categorie}/${v.code ?? '-'} staat niet in het productenboek van de regio`, { veld: 'code' });
  }
  const rows = await em.query<ContractMatch[]>(
    `SELECT c.id AS contract_id, cp.id AS contract_product_id, cp.eenheid, cp.uitvoeringsvariant, to_char(c.einddatum, 'YYYY-MM-DD') AS contract_einde
       FROM contract c
       JOIN contract_gemeente cg ON cg.contract_id = c.id AND cg.gemeente_code = $2
       JOIN contract_product cp ON cp.contract_id = c.id
       JOIN product p ON p.id = cp.product_id
      WHERE c.regio_code = $1 AND c.aanbieder_agb = $3 AND c.status = 'actief'
        AND p.categorie = $4 AND ($5::text IS NULL OR p.code = $5)
        AND c.begindatum <= $6::date AND c.einddatum >= coalesce($7::date, $6::date)
      ORDER BY c.begindatum, c.id
      LIMIT 1`,
    [regio, gemeente, agb, v.categorie, v.code ?? null, v.ingangsdatum, v.einddatum ?? null],
  );
  if (!rows[0]) {
    throw new HubError(ToewijzingError.NOT_CONTRACTED, `Aanbieder ${agb} is niet gecontracteerd voor ${v.categorie}/${v.code ?? '-'} in gemeente ${gemeente} in deze periode`, {
      veld: 'producten',
    });
  }
  return rows[0];
}

function vormVanToewijzing(t: ToewijzingEntity): Vorm {
  return { productCode: t.productCode, ingangsdatum: t.ingangsdatum, einddatum: t.einddatum, volume: t.volume, eenheid: t.eenheid, frequentie: t.frequentie, budget: t.budget };
}

function vormVan(v: ToewijzingProductInput): Vorm {
  return {
    productCode: v.code ?? null,
    ingangsdatum: v.ingangsdatum,
    einddatum: v.einddatum ?? null,
    volume: v.volume ?? null,
    eenheid: v.eenheid ?? null,
    frequentie: v.frequentie ?? null,
    budget: v.budget ?? null,
  };
}

/** Minutes may be allocated against an hourly contract; otherwise the contract's unit. */
function checkEenheid(v: Vorm, contractEenheid: string): void {
  if (v.eenheid === null || v.eenheid === contractEenheid || (v.eenheid === '01' && contractEenheid === '04')) return;
  throw new HubError(ToewijzingError.INVALID_SHAPE, `Eenheid ${v.eenheid} past niet bij de contracteenheid ${contractEenheid}`, { veld: 'eenheid' });
}

/** What an allocation adds under one contract's budget ceiling for one year. */
interface PlafondDeel {
  contractId: string;
  jaar: number;
  centen: number;
}

/**
 * The budget ceilings of the contracts for the allocation's years: what all municipalities
 * allocated under each (the caller sees only the total) plus what is asked must stay within it.
 *
 * The total crosses municipalities, so it is read as the contract's region on a connection and
 * transaction of its own (`systeemLezen`), which sees only what is committed. Two allocations
 * under the same contract and year could then both pass; so this transaction first takes an
 * advisory lock per contract and year, held until it commits or rolls back: a second allocation
 * waits for it and then reads the first one's committed rows. Locks are taken in a fixed order
 * (no deadlock between two packages). What this transaction itself already wrote under the
 * contract (an earlier mutation of the same request) is not committed yet: it is read here, on
 * the caller's connection, and left out of the separate read.
 */
async function checkPlafonds(em: EntityManager, regio: string, delen: Iterable<PlafondDeel>, zonder: string | null = null): Promise<void> {
  const gesorteerd = [...delen].sort((x, y) => (x.contractId === y.contractId ? x.jaar - y.jaar : x.contractId < y.contractId ? -1 : 1));
  for (const d of gesorteerd) await checkPlafond(em, regio, d, zonder);
}

async function checkPlafond(em: EntityManager, regio: string, d: PlafondDeel, zonder: string | null): Promise<void> {
  const { contractId, jaar, centen: extra } = d;
  await em.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`budgetplafond:${contractId}:${jaar}`]);
  // Rows this transaction wrote carry its transaction id as xmin (none when it has written nothing).
  const eigen = await em.query<{ id: string; geraamd: string; telt: boolean }[]>(
    `SELECT id, geraamd_centen AS geraamd, ${nietVerwijderdSql()} AS telt FROM toewijzing
      WHERE contract_id = $1 AND extract(year FROM ingangsdatum) = $2
        AND xmin::text = (pg_current_xact_id_if_assigned()::text::bigint % 4294967296)::text`,
    [contractId, jaar],
  );
  const r = await systeemLezen(em, systeemInRegio('budgetplafond', regio), (sys) =>
    sys.query<{ plafond: string | null; toegewezen: string }[]>(
      `SELECT (SELECT bedrag_centen FROM budgetplafond WHERE contract_id = $1 AND jaar = $2) AS plafond,
              (SELECT coalesce(sum(geraamd_centen), 0) FROM toewijzing
                WHERE contract_id = $1 AND extract(year FROM ingangsdatum) = $2 AND id IS DISTINCT FROM $3::uuid
                  AND id <> ALL ($4::uuid[]) AND ${nietVerwijderdSql()}) AS toegewezen`,
      [contractId, jaar, zonder, eigen.map((e) => e.id)],
    ),
  );
  if (r[0].plafond === null) return;
  const plafond = Number(r[0].plafond);
  const toegewezen = Number(r[0].toegewezen) + eigen.filter((e) => e.telt && e.id !== zonder).reduce((n, e) => n + Number(e.geraamd), 0);
  if (toegewezen + extra > plafond) {
    throw new HubError(ToewijzingError.BUDGET_CEILING_EXCEEDED, `Budgetplafond ${jaar} van het contract wordt overschreden`, {
      plafondCenten: plafond,
      toegewezenCenten: toegewezen,
      gevraagdCenten: extra,
    });
  }
}

async function tarief(em: EntityManager, contractProductId: string, datum: string): Promise<number> {
  const versies = await em.findBy(TariefEntity, { contractProductId });
  const t = tariefOpDatum(versies, datum);
  if (!t) throw new HubError(ToewijzingError.NOT_CONTRACTED, `Geen tarief geldig op ${datum}`, { veld: 'ingangsdatum' });
  return t.bedragCenten;
}

/** The contract product an existing toewijzing was allocated under; the new Einddatum must lie within the contract. */
async function contractVan(em: EntityManager, t: ToewijzingEntity, einddatum: string | null): Promise<{ contract_product_id: string; eenheid: string; contract_einde: string }> {
  const match = await em.query<{ contract_product_id: string; eenheid: string; contract_einde: string }[]>(
    `SELECT cp.id AS contract_product_id, cp.eenheid, to_char(c.einddatum, 'YYYY-MM-DD') AS contract_einde
       FROM contract c JOIN contract_product cp ON cp.contract_id = c.id JOIN product pr ON pr.id = cp.product_id
      WHERE c.id = $1 AND pr.categorie = $2 AND ($3::text IS NULL OR pr.code = $3) LIMIT 1`,
    [t.contractId, t.productCategorie, t.productCode],
  );
  if (!match[0] || (einddatum ?? '9999-12-31') > match[0].contract_einde) {
    throw new HubError(ToewijzingError.NOT_CONTRACTED, `De nieuwe periode van toewijzing ${t.nummer} valt buiten het contract`, { veld: 'einddatum', toewijzingNummer: t.nummer });
  }
  return match[0];
}

/** The day before a YYYY-MM-DD date. */
function dagVoor(datum: string): string {
  const d = new Date(`${datum}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** Whether a TeWijzigenProduct may change its toewijzing in place (OP257/OP380, IV066): the same Eenheid and Frequentie, and the same Volume unless it is a total (Frequentie 6). */
export function pastInPlaats(t: Pick<ToewijzingEntity, 'volume' | 'eenheid' | 'frequentie'>, w: Pick<TeWijzigenProduct, 'volume' | 'eenheid' | 'frequentie'>): boolean {
  return t.eenheid === w.eenheid && t.frequentie === w.frequentie && (t.volume === w.volume || t.frequentie === '6');
}

/**
 * Registers the client as this municipality's own, or updates its own record: the data is
 * replaced by the latest the municipality gave.
 *
 * A municipality's client record is its own (unique per municipality + keyed hash). Nothing
 * here, nor anywhere else, looks a BSN up in another municipality, and the one statement runs
 * alike whether the BSN is known elsewhere or nowhere: no answer, and no amount of work,
 * tells a municipality who receives youth care elsewhere.
 *
 * A move between municipalities (woonplaatsbeginsel) is explicit and needs no hand-over by the
 * hub: the new municipality registers its own record when it allocates (knowing nothing of the
 * old one); the old municipality ends its own toewijzingen itself (`wijzigToewijzing` or a
 * JW301 from its case system), and a provider's request it is not responsible for is refused
 * with reden 8, naming the responsible municipality (`wijsVerzoekAf`).
 */
async function registreerClient(em: EntityManager, sleutels: Sleutels, gemeente: string, regio: string, c: ClientInput): Promise<{ id: string; gegevens: ClientGegevens }> {
  // A sandbox holds fictitious clients only (README, "Sandbox region"); the BSN is not echoed.
  if (isSandboxRegio(regio) && lijktEchteBsn(c.bsn)) {
    throw new HubError(SANDBOX_ECHTE_BSN, "De sandbox aanvaardt alleen fictieve BSN's uit de testreeks 9999xxxxx", { veld: 'client.bsn' });
  }
  const gegevens: ClientGegevens = {
    bsn: c.bsn,
    geboortedatum: c.geboortedatum,
    geslacht: c.geslacht,
    achternaam: c.achternaam,
    voorvoegsel: c.voorvoegsel,
    voornamen: c.voornamen,
    adres: { ...c.adres },
  };
  const blob = sleutels.versleutel(Buffer.from(JSON.stringify(gegevens)));
  const rij = await em.query<{ id: string }[]>(
    `INSERT INTO client (bsn_hash, gegevens_versleuteld, gemeente_code, regio_code) VALUES ($1, $2, $3, $4)
     ON CONFLICT (gemeente_code, bsn_hash) DO UPDATE SET gegevens_versleuteld = EXCLUDED.gegevens_versleuteld RETURNING id`,
    [sleutels.bsnHash(c.bsn), blob, gemeente, regio],
  );
  return { id: rij[0].id, gegevens };
}

export function leesClient(blob: Buffer, sleutels: Sleutels): ClientGegevens {
  return JSON.parse(sleutels.ontsleutel(blob).toString('utf8')) as ClientGegevens;
}

/** Current toewijzingen of a client at a provider: not deleted, not ended before today (OP087). */
async function actueel(em: EntityManager, clientId: string, agb: string, gemeente: string, vandaag: string): Promise<ToewijzingEntity[]> {
  const rows = await em
    .createQueryBuilder(ToewijzingEntity, 't')
    .where('t.client_id = :clientId AND t.aanbieder_agb = :agb AND t.gemeente_code = :gemeente', { clientId, agb, gemeente })
    .andWhere('(t.einddatum IS NULL OR t.einddatum >= :vandaag)', { vandaag })
    .orderBy('t.nummer')
    .getMany();
  return rows.filter((t) => !isVerwijderd(t));
}

/** Writes the JW301 with the complete current picture plus what changed now, and audits it. */
async function stuurJw301(
  em: EntityManager,
  p: Principal,
  sleutels: Sleutels,
  a: {
    clientId: string;
    gegevens: ClientGegevens;
    gemeente: string;
    regio: string;
    agb: string;
    gewijzigd: ToewijzingEntity[];
    beantwoordt?: ToewijzingEntity[];
    /** Honouring a VOW: every product carries its ReferentieAanbieder (IV093/IV097). */
    wijzigingsverzoek?: string;
    actie: string;
  },
): Promise<BerichtEntity> {
  const datum = vandaag();
  const huidige = await actueel(em, a.clientId, a.agb, a.gemeente, datum);
  const nummers = new Set(huidige.map((t) => t.nummer));
  const vow = a.wijzigingsverzoek;
  const picture = [...huidige, ...a.gewijzigd.filter((t) => !nummers.has(t.nummer))].map((t) => (vow ? { ...t, referentieAanbieder: vow } : t));
  const n = await em.query<{ n: string }[]>(`SELECT nextval('bericht_nummer') AS n`);
  const message = bouwJw301({
    gemeenteCode: a.gemeente,
    aanbiederAgb: a.agb,
    identificatie: `T${n[0].n}`,
    dagtekening: datum,
    client: a.gegevens,
    actueel: picture,
    gewijzigd: new Set(a.gewijzigd.filter((t) => t.versie > 1).map((t) => t.nummer)),
    beantwoordt: new Set((vow ? picture : (a.beantwoordt ?? [])).map((t) => t.nummer)),
  });
  const id = await schrijfUitgaand(em, sleutels, message, { regioCode: a.regio, aanbiederAgb: a.agb, gemeenteCode: a.gemeente });
  await audit(em, p, a.actie, 'toewijzing', a.gewijzigd[0]?.id ?? null, { nummers: a.gewijzigd.map((t) => t.nummer), bericht: id }, a.regio, sleutels.bsnHash(a.gegevens.bsn));
  return em.findOneByOrFail(BerichtEntity, { id });
}

export const toewijzingService = {
  /**
   * A direct allocation: every product checked against the product book, the contract (the
   * provider contracted for it in the child's municipality for the whole period), the execution
   * variant's shape rules, no stacking, and the budget ceiling; then one JW301 to the provider.
   */
  async toewijzen(
    em: EntityManager,
    p: Principal,
    sleutels: Sleutels,
    input: ToewijzenInput,
    opts: { referentie?: string } = {},
  ): Promise<{ toewijzingen: ToewijzingEntity[]; bericht: BerichtEntity }> {
    checkGemeente(p, input.gemeenteCode);
    if (!isValidBsn(input.client.bsn)) throw new HubError(ToewijzingError.INVALID_BSN, 'BSN voldoet niet aan de elfproef', { veld: 'client.bsn' });
    const gem = await em.query<{ regio_code: string }[]>(
      `SELECT regio_code FROM gemeente WHERE code = $1 AND geldig_vanaf <= $2::date AND (geldig_tot IS NULL OR geldig_tot >= $2::date)`,
      [input.gemeenteCode, vandaag()],
    );
    if (!gem[0]) throw new HubError(HubErrorCode.VALIDATION_FAILED, `Onbekende gemeente ${input.gemeenteCode}`, { veld: 'gemeenteCode' });
    const regio = gem[0].regio_code;
    checkGemeente(p, input.gemeenteCode, regio);
    const producten = input.producten ?? (input.arrangement ? await uitArrangement(em, regio, input.arrangement) : []);
    if (!producten.length) throw new HubError(HubErrorCode.VALIDATION_FAILED, 'Geef producten of een arrangement', { veld: 'producten' });
    const client = await registreerClient(em, sleutels, input.gemeenteCode, regio, input.client);
    const { datum, tijd } = tijdstip();
    const lopend = (await actueel(em, client.id, input.aanbiederAgb, input.gemeenteCode, datum)).map((t) => ({ ...t }));
    const geschreven: ToewijzingEntity[] = [];
    const perPlafond = new Map<string, { contractId: string; jaar: number; centen: number }>();
    for (const [i, v] of producten.entries()) {
      const vorm = vormVan(v);
      try {
        checkVorm(vorm);
      } catch (e) {
        if (e instanceof HubError) e.details.product = i;
        throw e;
      }
      const match = await zoekContract(em, regio, input.gemeenteCode, input.aanbiederAgb, v);
      if (match.uitvoeringsvariant === Uitvoeringsvariant.taakgericht) {
        throw new HubError(ToewijzingError.TASK_BASED, 'Taakgerichte zorg wordt niet per cliënt toegewezen (geen JW301)', { veld: 'producten', product: i });
      }
      checkEenheid(vorm, match.eenheid);
      const clash = stapeling({ productCategorie: v.categorie, productCode: v.code ?? null, ingangsdatum: v.ingangsdatum, einddatum: v.einddatum ?? null }, lopend);
      if (clash !== undefined) {
        throw new HubError(ToewijzingError.STACKING, `Overlapt met toewijzing ${clash} voor hetzelfde product (stapeling)`, { veld: 'producten', product: i, toewijzingNummer: clash });
      }
      const geraamd = raming(vorm, await tarief(em, match.contract_product_id, v.ingangsdatum), match.eenheid, match.contract_einde);
      const jaar = Number(v.ingangsdatum.slice(0, 4));
      const k = `${match.contract_id}/${jaar}`;
      const som = perPlafond.get(k) ?? { contractId: match.contract_id, jaar, centen: 0 };
      som.centen += geraamd;
      perPlafond.set(k, som);
      const nummer = Number((await em.query<{ n: string }[]>(`SELECT nextval('toewijzing_nummer') AS n`))[0].n);
      const t = em.create(ToewijzingEntity, {
        nummer,
        regioCode: regio,
        gemeenteCode: input.gemeenteCode,
        aanbiederAgb: input.aanbiederAgb,
        clientId: client.id,
        contractId: match.contract_id,
        productCategorie: v.categorie,
        productCode: v.code ?? null,
        ingangsdatum: v.ingangsdatum,
        einddatum: v.einddatum ?? null,
        volume: vorm.volume,
        eenheid: vorm.eenheid,
        frequentie: vorm.frequentie,
        budget: vorm.budget,
        redenWijziging: null,
        referentieAanbieder: opts.referentie ?? null,
        toewijzingsdatum: datum,
        toewijzingstijd: tijd,
        geraamdCenten: geraamd,
        versie: 1,
      });
      geschreven.push(t);
      lopend.push(t);
    }
    await checkPlafonds(em, regio, perPlafond.values());
    await em.insert(ToewijzingEntity, geschreven);
    const bericht = await stuurJw301(em, p, sleutels, {
      clientId: client.id,
      gegevens: client.gegevens,
      gemeente: input.gemeenteCode,
      regio,
      agb: input.aanbiederAgb,
      gewijzigd: geschreven,
      // Honouring a request: its products carry the ReferentieAanbieder, the others none (IV094).
      beantwoordt: opts.referentie ? geschreven : [],
      actie: 'toewijzing.toegewezen',
    });
    return { toewijzingen: geschreven, bericht };
  },

  /**
   * Honours a request for change (JW317) as a whole (IV093, no partial grants): a
   * TeWijzigenProduct that fits (same Eenheid and Frequentie; same Volume unless a total) is
   * changed in place with RedenWijziging 12; otherwise its toewijzing ends the day before
   * GewensteIngangsdatum (reden 12; deleted with reden 13 when that is before it starts) and a
   * new one starts on GewensteIngangsdatum. Each NieuwProduct becomes a new toewijzing. New
   * and changed periods are checked like `toewijzen` (product book, contract, shape, unit, no
   * stacking, budget ceiling); the one JW301 carries the request's reference on every product.
   */
  async honoreerWijziging(
    em: EntityManager,
    p: Principal,
    sleutels: Sleutels,
    a: { gemeente: string; agb: string; clientHash: string; referentie: string; pakket: Wijzigingspakket },
  ): Promise<{ toewijzingen: ToewijzingEntity[]; bericht: BerichtEntity }> {
    checkGemeente(p, a.gemeente);
    const cl = await em.query<{ id: string; regio_code: string; gegevens_versleuteld: Buffer }[]>(
      `SELECT id, regio_code, gegevens_versleuteld FROM client WHERE bsn_hash = $1 AND gemeente_code = $2`,
      [a.clientHash, a.gemeente],
    );
    if (cl[0]) checkGemeente(p, a.gemeente, cl[0].regio_code);
    const genoemd = [...a.pakket.ongewijzigd, ...a.pakket.teWijzigen.map((w) => w.toewijzingNummer)];
    const rijen = cl[0]
      ? await em
          .createQueryBuilder(ToewijzingEntity, 't')
          .where('t.client_id = :c AND t.aanbieder_agb = :agb AND t.gemeente_code = :g', { c: cl[0].id, agb: a.agb, g: a.gemeente })
          .setLock('pessimistic_write')
          .getMany()
      : [];
    const levend = rijen.filter((t) => !isVerwijderd(t));
    const perNummer = new Map(levend.map((t) => [t.nummer, t]));
    const weg = genoemd.filter((n) => !perNummer.has(n));
    if (!cl[0] || weg.length) {
      throw new HubError(ToewijzingError.PACKAGE_CHANGED, `Toewijzing ${weg.join(', ')} bestaat niet meer; het verzoek kan niet als geheel worden toegewezen`, {
        veld: 'verzoekId',
        toewijzingNummers: weg,
      });
    }
    const regio = cl[0].regio_code;
    const { datum, tijd } = tijdstip();
    const stempel = { toewijzingsdatum: datum, toewijzingstijd: tijd, referentieAanbieder: a.referentie };
    const gewijzigd: ToewijzingEntity[] = [];
    const nieuw: ToewijzingEntity[] = [];
    // Per contract and year: what the changes add to (or take from) the estimate under the ceiling.
    const delta = new Map<string, { contractId: string; jaar: number; centen: number }>();
    const telOp = (contractId: string | null, ingang: string, centen: number) => {
      if (!contractId) return;
      const jaar = Number(ingang.slice(0, 4));
      const d = delta.get(`${contractId}/${jaar}`) ?? { contractId, jaar, centen: 0 };
      d.centen += centen;
      delta.set(`${contractId}/${jaar}`, d);
    };
    const metProduct = <T>(i: string, f: () => T): T => {
      try {
        return f();
      } catch (e) {
        if (e instanceof HubError) e.details.product = i;
        throw e;
      }
    };
    const maakNieuw = async (i: string, v: ToewijzingProductInput) => {
      const vorm = vormVan(v);
      metProduct(i, () => checkVorm(vorm));
      const match = await zoekContract(em, regio, a.gemeente, a.agb, v);
      if (match.uitvoeringsvariant === Uitvoeringsvariant.taakgericht) {
        throw new HubError(ToewijzingError.TASK_BASED, 'Taakgerichte zorg wordt niet per cliënt toegewezen (geen JW301)', { veld: 'producten', product: i });
      }
      metProduct(i, () => checkEenheid(vorm, match.eenheid));
      const geraamd = raming(vorm, await tarief(em, match.contract_product_id, v.ingangsdatum), match.eenheid, match.contract_einde);
      telOp(match.contract_id, v.ingangsdatum, geraamd);
      const nummer = Number((await em.query<{ n: string }[]>(`SELECT nextval('toewijzing_nummer') AS n`))[0].n);
      nieuw.push(
        em.create(ToewijzingEntity, {
          nummer,
          regioCode: regio,
          gemeenteCode: a.gemeente,
          aanbiederAgb: a.agb,
          clientId: cl[0].id,
          contractId: match.contract_id,
          productCategorie: v.categorie,
          productCode: v.code ?? null,
          ingangsdatum: v.ingangsdatum,
          einddatum: vorm.einddatum,
          volume: vorm.volume,
          eenheid: vorm.eenheid,
          frequentie: vorm.frequentie,
          budget: vorm.budget,
          redenWijziging: null,
          geraamdCenten: geraamd,
          versie: 1,
          ...stempel,
        }),
      );
    };

    for (const w of a.pakket.teWijzigen) {
      const t = perNummer.get(w.toewijzingNummer) as ToewijzingEntity;
      const was = t.geraamdCenten;
      if (pastInPlaats(t, w)) {
        const vorm: Vorm = { ...vormVanToewijzing(t), einddatum: w.einddatum, volume: w.volume, budget: w.budget };
        metProduct(`toewijzing ${t.nummer}`, () => checkVorm(vorm));
        const match = await contractVan(em, t, vorm.einddatum);
        const geraamd = raming(vorm, await tarief(em, match.contract_product_id, t.ingangsdatum), match.eenheid, match.contract_einde);
        Object.assign(t, { einddatum: vorm.einddatum, volume: vorm.volume, budget: vorm.budget, redenWijziging: '12', geraamdCenten: geraamd });
      } else {
        if (w.gewensteIngangsdatum <= t.ingangsdatum) {
          // Replaced from its first day: there is nothing left to end, so it is deleted.
          Object.assign(t, { einddatum: t.ingangsdatum, redenWijziging: '13', geraamdCenten: 0 });
        } else {
          const einde = dagVoor(w.gewensteIngangsdatum);
          const korter = t.einddatum !== null && t.einddatum < einde ? t.einddatum : einde;
          const match = await contractVan(em, t, korter);
          const geraamd = raming({ ...vormVanToewijzing(t), einddatum: korter }, await tarief(em, match.contract_product_id, t.ingangsdatum), match.eenheid, match.contract_einde);
          Object.assign(t, { einddatum: korter, redenWijziging: '12', geraamdCenten: geraamd });
        }
        await maakNieuw(`toewijzing ${t.nummer}`, {
          categorie: t.productCategorie,
          code: t.productCode ?? undefined,
          ingangsdatum: w.gewensteIngangsdatum,
          einddatum: w.einddatum ?? undefined,
          volume: w.volume ?? undefined,
          eenheid: w.eenheid ?? undefined,
          frequentie: w.frequentie ?? undefined,
          budget: w.budget ?? undefined,
        });
      }
      Object.assign(t, { versie: t.versie + 1, ...stempel });
      telOp(t.contractId, t.ingangsdatum, t.geraamdCenten - was);
      gewijzigd.push(t);
    }
    for (const [i, n] of a.pakket.nieuw.entries()) {
      await maakNieuw(`nieuw ${i}`, {
        categorie: n.productCategorie ?? '',
        code: n.productCode ?? undefined,
        ingangsdatum: n.gewensteIngangsdatum,
        einddatum: n.einddatum ?? undefined,
        volume: n.volume ?? undefined,
        eenheid: n.eenheid ?? undefined,
        frequentie: n.frequentie ?? undefined,
        budget: n.budget ?? undefined,
      });
    }
    // No stacking (OP259) in the package as it will stand.
    const straks = [...levend.filter((t) => !isVerwijderd(t)), ...nieuw];
    for (const x of [...gewijzigd.filter((t) => !isVerwijderd(t)), ...nieuw]) {
      const clash = stapeling(x, straks.filter((y) => y.nummer !== x.nummer));
      if (clash !== undefined) {
        throw new HubError(ToewijzingError.STACKING, `Toewijzing ${x.nummer} overlapt met toewijzing ${clash} voor hetzelfde product (stapeling)`, { veld: 'verzoekId', toewijzingNummer: clash });
      }
    }
    await checkPlafonds(em, regio, [...delta.values()].filter((d) => d.centen > 0));
    if (gewijzigd.length) await em.save(ToewijzingEntity, gewijzigd);
    if (nieuw.length) await em.insert(ToewijzingEntity, nieuw);
    const bericht = await stuurJw301(em, p, sleutels, {
      clientId: cl[0].id,
      gegevens: leesClient(cl[0].gegevens_versleuteld, sleutels),
      gemeente: a.gemeente,
      regio,
      agb: a.agb,
      gewijzigd: [...gewijzigd, ...nieuw],
      wijzigingsverzoek: a.referentie,
      actie: 'toewijzing.wijzigingsverzoek-toegewezen',
    });
    return { toewijzingen: [...gewijzigd, ...nieuw], bericht };
  },

  /** A change keeping the ToewijzingNummer (OP033x1/OP257): Einddatum, Budget, or Volume of a TBGT. */
  async wijzig(em: EntityManager, p: Principal, sleutels: Sleutels, input: WijzigToewijzingInput) {
    const t = await this.voorWijziging(em, p, input.id);
    if (input.volume !== undefined && input.volume !== null && t.frequentie !== '6') {
      throw new HubError(ToewijzingError.CHANGE_NOT_ALLOWED, 'Volume wijzigen kan alleen bij een totaal binnen de geldigheidsduur; beëindig en wijs opnieuw toe', { veld: 'volume' });
    }
    if (input.budget !== undefined && input.budget !== null && t.budget === null) {
      throw new HubError(ToewijzingError.CHANGE_NOT_ALLOWED, 'Deze toewijzing heeft geen Budget', { veld: 'budget' });
    }
    const vorm: Vorm = { ...t, einddatum: input.einddatum ?? t.einddatum, volume: input.volume ?? t.volume, budget: input.budget ?? t.budget };
    checkVorm(vorm);
    const anderen = (await actueel(em, t.clientId, t.aanbiederAgb, t.gemeenteCode, vandaag())).filter((x) => x.id !== t.id);
    const clash = stapeling({ ...t, einddatum: vorm.einddatum }, anderen);
    if (clash !== undefined) throw new HubError(ToewijzingError.STACKING, `Overlapt dan met toewijzing ${clash} voor hetzelfde product (stapeling)`, { veld: 'einddatum', toewijzingNummer: clash });
    const match = await contractVan(em, t, vorm.einddatum);
    const geraamd = raming(vorm, await tarief(em, match.contract_product_id, t.ingangsdatum), match.eenheid, match.contract_einde);
    if (t.contractId && geraamd > t.geraamdCenten) await checkPlafonds(em, t.regioCode, [{ contractId: t.contractId, jaar: Number(t.ingangsdatum.slice(0, 4)), centen: geraamd }], t.id);
    return this.schrijfWijziging(em, p, sleutels, t, { einddatum: vorm.einddatum, volume: vorm.volume, budget: vorm.budget, redenWijziging: input.redenWijziging, geraamdCenten: geraamd }, 'toewijzing.gewijzigd');
  },

  /** Delete: Einddatum = Ingangsdatum with RedenWijziging 13; the toewijzing counts as never sent (OP087). */
  async verwijder(em: EntityManager, p: Principal, sleutels: Sleutels, id: string) {
    const t = await this.voorWijziging(em, p, id);
    // TR385 / OP362: accepted claims make the toewijzing part of what was paid; it can be ended, not deleted.
    if ((await metGeaccepteerdePrestaties(em, t.gemeenteCode, [t.nummer])).length) {
      throw new HubError(ToewijzingError.HAS_ACCEPTED_CLAIMS, `Toewijzing ${t.nummer} heeft geaccepteerde declaraties en kan niet worden verwijderd; beëindig haar`, { veld: 'id' });
    }
    return this.schrijfWijziging(em, p, sleutels, t, { einddatum: t.ingangsdatum, redenWijziging: '13', geraamdCenten: 0 }, 'toewijzing.verwijderd');
  },

  async voorWijziging(em: EntityManager, p: Principal, id: string): Promise<ToewijzingEntity> {
    const t = UUID.test(id) ? await em.createQueryBuilder(ToewijzingEntity, 't').where('t.id = :id', { id }).setLock('pessimistic_write').getOne() : null;
    if (!t) throw new HubError(ToewijzingError.TOEWIJZING_NOT_FOUND, 'Toewijzing niet gevonden', { veld: 'id' });
    checkGemeente(p, t.gemeenteCode, t.regioCode);
    if (isVerwijderd(t)) throw new HubError(ToewijzingError.ALREADY_DELETED, `Toewijzing ${t.nummer} is verwijderd`, { veld: 'id' });
    return t;
  },

  async schrijfWijziging(em: EntityManager, p: Principal, sleutels: Sleutels, t: ToewijzingEntity, wijziging: Partial<ToewijzingEntity>, actie: string) {
    const { datum, tijd } = tijdstip();
    Object.assign(t, wijziging, { versie: t.versie + 1, toewijzingsdatum: datum, toewijzingstijd: tijd, referentieAanbieder: null });
    await em.save(ToewijzingEntity, t);
    const c = await em.query<{ gegevens_versleuteld: Buffer }[]>(`SELECT gegevens_versleuteld FROM client WHERE id = $1`, [t.clientId]);
    const bericht = await stuurJw301(em, p, sleutels, {
      clientId: t.clientId,
      gegevens: leesClient(c[0].gegevens_versleuteld, sleutels),
      gemeente: t.gemeenteCode,
      regio: t.regioCode,
      agb: t.aanbiederAgb,
      gewijzigd: [t],
      actie,
    });
    return { toewijzingen: [t], bericht };
  },

  async toewijzingen(em: EntityManager, p: Principal, filter: ToewijzingFilter | undefined, page: PageArgs) {
    const qb = zichtbareToewijzingen(em, p);
    if (filter?.aanbiederAgb) qb.andWhere('t.aanbieder_agb = :agb', { agb: filter.aanbiederAgb });
    if (filter?.gemeenteCode) qb.andWhere('t.gemeente_code = :gem', { gem: filter.gemeenteCode });
    if (filter?.clientId) qb.andWhere('t.client_id = :cid', { cid: UUID.test(filter.clientId) ? filter.clientId : '00000000-0000-0000-0000-000000000000' });
    if (filter?.actueel) {
      qb.andWhere('(t.einddatum IS NULL OR t.einddatum >= :vandaag)', { vandaag: vandaag() });
      qb.andWhere(nietVerwijderdSql('t'));
    }
    return paginate(qb, page, 'nummer', (t) => String(t.nummer));
  },

  /** The toewijzingen with these ids (UUIDs) that the list would show the caller: node(id). */
  async perId(em: EntityManager, p: Principal, ids: string[]): Promise<ToewijzingEntity[]> {
    return ids.length ? zichtbareToewijzingen(em, p).andWhere('t.id IN (:...ids)', { ids }).getMany() : [];
  },
};

/** The toewijzingen a caller may see (alias t): one scope for the list and node(id). */
function zichtbareToewijzingen(em: EntityManager, p: Principal) {
  return scopeClientData(em.createQueryBuilder(ToewijzingEntity, 't'), p);
}

/** The products of an arrangement with their default volumes, over the given period. */
async function uitArrangement(em: EntityManager, regio: string, a: { id: string; ingangsdatum: string; einddatum: string }): Promise<ToewijzingProductInput[]> {
  const rows = UUID.test(a.id)
    ? await em.query<{ categorie: string; code: string; eenheid: string; volume: number; frequentie: string }[]>(
        `SELECT p.categorie, p.code, p.eenheid, o.volume, o.frequentie
           FROM arrangement_onderdeel o JOIN arrangement ar ON ar.id = o.arrangement_id JOIN product p ON p.id = o.product_id
          WHERE ar.id = $1 AND ar.regio_code = $2 ORDER BY o.volgnummer`,
        [a.id, regio],
      )
    : [];
  if (!rows.length) throw new HubError(HubErrorCode.NOT_FOUND, 'Arrangement niet gevonden', { veld: 'arrangement.id' });
  return rows.map((r) => ({ categorie: r.categorie, code: r.code, eenheid: r.eenheid, volume: r.volume, frequentie: r.frequentie, ingangsdatum: a.ingangsdatum, einddatum: a.einddatum }));
}

/** A ToegewezenProduct as a municipality's own case system sent it in a JW301. */
export interface ExternProduct extends ToewijzingProductInput {
  nummer: number;
  redenWijziging: string | null;
  referentie: string | null;
  toewijzingsdatum: string;
  toewijzingstijd: string;
}

/**
 * Records a JW301 that a municipality's case system sent through the hub, so the hub holds one
 * picture of every allocation: each product must be in the product book and under a contract of
 * the provider for the municipality and period (otherwise the problems come back and nothing is
 * written); then the client and each toewijzing (by municipality + number) are stored.
 */
export async function legExterneToewijzingVast(
  em: EntityManager,
  sleutels: Sleutels,
  a: { gemeente: string; regio: string; agb: string; client: ClientInput; producten: ExternProduct[] },
): Promise<{ path: string; message: string; retourcode?: string }[]> {
  const problemen: { path: string; message: string }[] = [];
  const gevonden: { v: ExternProduct; match: ContractMatch }[] = [];
  for (const v of a.producten) {
    try {
      gevonden.push({ v, match: await zoekContract(em, a.regio, a.gemeente, a.agb, v) });
    } catch (e) {
      if (!(e instanceof HubError)) throw e;
      problemen.push({ path: `ToewijzingNummer ${v.nummer}`, message: `${e.code}: ${e.message}` });
    }
  }
  if (problemen.length) return problemen;
  // TR332: a number of this municipality already used for another client or provider. Checked
  // before anything is written, so a refused message leaves no trace.
  const bekend = await em.query<{ id: string }[]>(`SELECT id FROM client WHERE gemeente_code = $1 AND bsn_hash = $2`, [a.gemeente, sleutels.bsnHash(a.client.bsn)]);
  const bezet = await em.query<{ nummer: number }[]>(
    `SELECT nummer FROM toewijzing WHERE gemeente_code = $1 AND nummer = ANY ($2::int[]) AND (client_id IS DISTINCT FROM $3::uuid OR aanbieder_agb <> $4)`,
    [a.gemeente, gevonden.map((g) => g.v.nummer), bekend[0]?.id ?? null, a.agb],
  );
  if (bezet.length) {
    return bezet.map((x) => ({ path: `ToewijzingNummer ${x.nummer}`, message: '9332: ToewijzingNummer is al gebruikt voor een andere cliënt of aanbieder', retourcode: '9332' }));
  }
  const client = await registreerClient(em, sleutels, a.gemeente, a.regio, a.client);
  for (const { v, match } of gevonden) {
    const vorm = vormVan(v);
    const geraamd = isVerwijderd({ redenWijziging: v.redenWijziging, ingangsdatum: v.ingangsdatum, einddatum: v.einddatum ?? null })
      ? 0
      : raming(vorm, await tarief(em, match.contract_product_id, v.ingangsdatum), match.eenheid, match.contract_einde);
    await em.query(
      `INSERT INTO toewijzing (nummer, regio_code, gemeente_code, aanbieder_agb, client_id, contract_id, product_categorie, product_code, ingangsdatum, einddatum,
                               volume, eenheid, frequentie, budget, reden_wijziging, referentie_aanbieder, toewijzingsdatum, toewijzingstijd, geraamd_centen)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
       ON CONFLICT (gemeente_code, nummer) DO UPDATE SET
         product_categorie = EXCLUDED.product_categorie, product_code = EXCLUDED.product_code, ingangsdatum = EXCLUDED.ingangsdatum,
         einddatum = EXCLUDED.einddatum, volume = EXCLUDED.volume, eenheid = EXCLUDED.eenheid, frequentie = EXCLUDED.frequentie,
         budget = EXCLUDED.budget, reden_wijziging = EXCLUDED.reden_wijziging, referentie_aanbieder = EXCLUDED.referentie_aanbieder,
         toewijzingsdatum = EXCLUDED.toewijzingsdatum, toewijzingstijd = EXCLUDED.toewijzingstijd, geraamd_centen = EXCLUDED.geraamd_centen,
         contract_id = EXCLUDED.contract_id, versie = toewijzing.versie + 1, gewijzigd_op = now()
       -- The latest decision wins (IV013): an older version arriving late changes nothing.
       WHERE (toewijzing.toewijzingsdatum, toewijzing.toewijzingstijd) <= (EXCLUDED.toewijzingsdatum, EXCLUDED.toewijzingstijd)`,
      [
        v.nummer,
        a.regio,
        a.gemeente,
        a.agb,
        client.id,
        match.contract_id,
        v.categorie,
        v.code ?? null,
        v.ingangsdatum,
        v.einddatum ?? null,
        vorm.volume,
        vorm.eenheid,
        vorm.frequentie,
        vorm.budget,
        v.redenWijziging,
        v.referentie,
        v.toewijzingsdatum,
        v.toewijzingstijd,
        geraamd,
      ],
    );
  }
  return [];
}
