import type { DataSource, EntityManager } from 'typeorm';
import { audit } from '../auth/audit.service';
import { PRODUCTIE_SYSTEEM, systeemBeheerVan, type Principal } from '../auth/principal';
import { isSandboxRegio } from '../common/sandbox';
import { weigerEchteBsn } from '../messaging/inbox/sandbox-deur';
import { HubError } from '../common/hub-error';
import type { Sleutels } from '../common/sleutels';
import { prepared } from '../db/prepared';
import { withTenant } from '../db/tenant';
import { parseMessage, writeMessage } from '../messaging/ijw/codec';
import { ALS_PROEF_SQL } from '../messaging/nummering';
import type { XsdValidators } from '../messaging/ijw/xsd-validator';
import { leesEnvelopEnBericht } from '../messaging/inbox/envelope';
import { checkSender, ontvangInTransactie } from '../messaging/inbox/inbox.service';
import type { BerichtHandlers } from '../messaging/processing/handlers';
import type { Vooraf } from '../messaging/processing/rules';
import { verwerkInTransactie } from '../messaging/processing/verwerking';
import { declaratieVooraf } from './berichten';
import type { Contractvoorwaarde } from './contractvoorwaarde';
import type { TwRij, Uitkomst } from './declaratie.verwerking';
import { leesJw325, type GelezenJw325 } from './jw325';

/** Codes of a pre-flight that cannot be judged as the real claim would be. */
export const PROEF_FOUT = {
  /** Only a claim (JW323) can be checked. */
  geenDeclaratie: 'NOT_A_CLAIM',
  /** These exact bytes were sent before: the real answer exists already. */
  alOntvangen: 'ALREADY_RECEIVED',
  /** An earlier message about this client is still being judged: the claim would wait for it. */
  wachtOpEerder: 'EARLIER_MESSAGE_PENDING',
} as const;

/** What stands behind a prestatie's outcome: the allocation, contract, lot and tariff it was judged by. */
export interface ProefPrestatie {
  referentieNummer: string;
  toewijzingNummer: number;
  productCategorie: string;
  productCode: string;
  begindatum: string;
  einddatum: string;
  ingediendCenten: number;
  toegekendCenten: number;
  toegekend: boolean;
  /** The codes the JW325 gives this prestatie (empty when granted). */
  retourcodes: string[];
  bovenPlafond: boolean;
  toewijzing: { id: string; nummer: number; ingangsdatum: string; einddatum: string | null; productCategorie: string; productCode: string | null; volume: number | null; eenheid: string | null; frequentie: string | null } | null;
  contract: { id: string; nummer: string; perceel: string; begindatum: string; einddatum: string } | null;
  tarief: { id: string; bedragCenten: number; geldigVanaf: string; geldigTot: string | null } | null;
  /** The contract conditions behind its rejection or flag: contract, lot and clause (empty when none). */
  contractvoorwaarden: Contractvoorwaarde[];
}

/** The pre-flight's answer: what the real JW325 would say, and what stands behind each prestatie. */
export interface ProefAntwoord {
  /** `beantwoord`: the JW325 would go out now; `aangehouden`: the claim would wait for the back office (or the municipality's own system), these being the hub's own findings; `afgewezen`: rejected on its header or as a whole. */
  uitkomst: 'beantwoord' | 'aangehouden' | 'afgewezen' | 'ongeldig';
  /** Codes of the answer as a whole (header or Declaratie: 8001, 0200, or why it is rejected). */
  retourcodes: string[];
  ingediendCenten: number;
  toegekendCenten: number;
  prestaties: ProefPrestatie[];
  /** The JW325 as it would be sent (its identification aside); absent when the claim would be held. */
  jw325Xml: string | null;
  /** `ongeldig`: the structural findings (the message fails the XSD and would get no retour). */
  fouten: { pad: string; melding: string }[];
}

/** Thrown to undo the pre-flight's transaction once its answer is read. */
class Terugdraaien extends Error {}

type Toewijzing = NonNullable<ProefPrestatie['toewijzing']>;
type Contract = NonNullable<ProefPrestatie['contract']>;
type Tarief = NonNullable<ProefPrestatie['tarief']>;

/** What stands behind the judged prestaties, once per allocation, contract and tariff: only the sender's own (TR338 matches only those). */
interface Achtergrond {
  toewijzingen: Map<string, Toewijzing>;
  contracten: Map<string, Contract>;
  tarieven: Map<string, Tarief>;
}

async function leesAchtergrond(em: EntityManager, agb: string, uitkomsten: readonly Uitkomst[], gelezen: ReadonlyMap<number, TwRij>): Promise<Achtergrond> {
  const ids = (k: 'toewijzingId' | 'contractId' | 'tariefId') => {
    const uit = new Set<string>();
    for (const u of uitkomsten) {
      const id = u[k];
      if (id) uit.add(id);
    }
    return [...uit];
  };
  // The allocations the judgement read already (by the prestatie's ToewijzingNummer, in this
  // transaction), in the row the statement below gives; only others (a credit's, through its
  // debit) are read. Both only the sender's own.
  const toewijzingen = new Map<string, Toewijzing>();
  const teLezen = new Set<string>();
  for (const u of uitkomsten) {
    if (!u.toewijzingId || toewijzingen.has(u.toewijzingId)) continue;
    const t = gelezen.get(u.p.toewijzingNummer);
    if (t?.id !== u.toewijzingId || t.aanbieder_agb !== agb) {
      teLezen.add(u.toewijzingId);
      continue;
    }
    toewijzingen.set(t.id, {
      id: t.id,
      nummer: t.nummer,
      ingangsdatum: t.ingangsdatum,
      einddatum: t.einddatum,
      productCategorie: t.product_categorie,
      productCode: t.product_code,
      volume: t.volume,
      eenheid: t.eenheid,
      frequentie: t.frequentie,
    });
  }
  // Small statements, one row per distinct allocation, contract and tariff.
  const tw = teLezen.size
    ? await prepared<Toewijzing>(
        em,
        `SELECT id, nummer, to_char(ingangsdatum, 'YYYY-MM-DD') AS "ingangsdatum", to_char(einddatum, 'YYYY-MM-DD') AS "einddatum",
                product_categorie AS "productCategorie", product_code AS "productCode", volume, eenheid, frequentie
           FROM toewijzing WHERE id = ANY($1::uuid[]) AND aanbieder_agb = $2`,
        [[...teLezen], agb],
      )
    : [];
  for (const t of tw) toewijzingen.set(t.id, t);
  const k = await prepared<Contract>(
      em,
      `SELECT id, nummer, perceel, to_char(begindatum, 'YYYY-MM-DD') AS "begindatum", to_char(einddatum, 'YYYY-MM-DD') AS "einddatum"
         FROM contract WHERE id = ANY($1::uuid[]) AND aanbieder_agb = $2`,
      [ids('contractId'), agb],
  );
  const tf = await prepared<Tarief>(
      em,
      `SELECT id, bedrag_centen AS "bedragCenten", to_char(geldig_vanaf, 'YYYY-MM-DD') AS "geldigVanaf", to_char(geldig_tot, 'YYYY-MM-DD') AS "geldigTot"
         FROM tarief WHERE id = ANY($1::uuid[])`,
      [ids('tariefId')],
  );
  return { toewijzingen, contracten: new Map(k.map((c) => [c.id, c])), tarieven: new Map(tf.map((t) => [t.id, t])) };
}

export interface ProefOpties {
  handlers: BerichtHandlers;
  xsd?: XsdValidators;
  maxBytes: number;
}

/**
 * The claim pre-flight: a JW323 received and judged exactly as the worker would (the door's own
 * insert, the worker's own batch, the same handlers and rules), in one transaction that is then
 * rolled back. Nothing stays: no claim, no budget used, no duplicate for the real claim that
 * follows, no message in any mailbox. Only the fact of the check is audited.
 *
 * Only what the answer needs is done: the message is parsed once (the envelope's read is handed
 * to the judgement), and the claim handler, told it is a pre-flight, leaves its judgement and
 * JW325 in memory instead of storing the claim, its prestaties and its answer to be read back.
 */
export async function toetsDeclaratie(ds: DataSource, alleSleutels: Sleutels, p: Principal, xml: Buffer, o: ProefOpties): Promise<ProefAntwoord> {
  const sleutels = alleSleutels.voor(p.regio);
  const { env, gelezen } = await leesEnvelopEnBericht(xml, o.maxBytes);
  if (env.type !== 'JW323') throw new HubError(PROEF_FOUT.geenDeclaratie, `Alleen een declaratie (JW323) kan vooraf worden getoetst, niet een ${env.type}`);
  checkSender(p, env);
  await weigerEchteBsn(p, xml);
  let antwoord: ProefAntwoord | undefined;
  try {
    // As the worker: the system context, after the sender was checked against the token above;
    // inside the caller's world only (a sandbox's, or production's), so neither reaches the other.
    await withTenant(ds, isSandboxRegio(p.regio) ? systeemBeheerVan('proef', p.regio ?? '') : PRODUCTIE_SYSTEEM, async (em) => {
      await em.query(ALS_PROEF_SQL);
      // Read once above: the judgement takes that read, so the door need not store the body.
      const [ontvangen] = await ontvangInTransactie(em, sleutels, [{ env, xml, zonderInhoud: gelezen !== undefined }]);
      if (ontvangen instanceof Error) throw ontvangen;
      if (ontvangen.herhaling) throw new HubError(PROEF_FOUT.alOntvangen, 'Deze declaratie is al ontvangen; haar antwoord staat in de berichten');
      const vooraf: Vooraf = { gelezen: new Map(gelezen ? [[ontvangen.id, { xml, parsed: gelezen }]] : []), oordelen: new Map() };
      const r = (await verwerkInTransactie(em, sleutels, { handlers: o.handlers, xsd: o.xsd, vooraf }, [ontvangen.id])).get(ontvangen.id);
      if (!r) throw new HubError(PROEF_FOUT.wachtOpEerder, 'Een eerder bericht over deze cliënt wordt nog verwerkt; de declaratie zou daarop wachten');
      if (r.status === 'ongeldig' && !r.retourId) {
        const [b] = await prepared<{ fouten: { path?: string; message?: string }[] | null }>(em, 'SELECT fouten FROM bericht WHERE id = $1', [ontvangen.id]);
        const fouten = (b.fouten ?? []).map((f) => ({ pad: f.path ?? '', melding: f.message ?? '' }));
        antwoord = { uitkomst: 'ongeldig', retourcodes: [], ingediendCenten: 0, toegekendCenten: 0, prestaties: [], jw325Xml: null, fouten };
        throw new Terugdraaien();
      }
      const oordeel = declaratieVooraf(vooraf, ontvangen.id);
      if (oordeel) {
        const jw325 = oordeel.jw325 && { ...leesJw325(oordeel.jw325), xml: writeMessage(oordeel.jw325) };
        antwoord = samenstellen(r.status, jw325 ?? undefined, oordeel.oordeel.uitkomsten, await leesAchtergrond(em, env.aanbiederAgb, oordeel.oordeel.uitkomsten, oordeel.oordeel.toewijzingen));
      } else {
        // Rejected on its header: the standard retour, written by the batch; no prestaties were judged.
        if (!r.retourId) throw new Error('the pre-flight claim was neither judged nor answered');
        const [b] = await prepared<{ xml_versleuteld: Buffer }>(em, 'SELECT xml_versleuteld FROM bericht WHERE id = $1', [r.retourId]);
        const tekst = sleutels.ontsleutel(b.xml_versleuteld);
        const parsed = await parseMessage(tekst, { maxBytes: Number.MAX_SAFE_INTEGER });
        if (!parsed.message) throw new Error('the pre-flight JW325 does not parse');
        antwoord = samenstellen(r.status, { ...leesJw325(parsed.message), xml: tekst.toString() }, [], { toewijzingen: new Map(), contracten: new Map(), tarieven: new Map() });
      }
      throw new Terugdraaien();
    });
  } catch (e) {
    if (!(e instanceof Terugdraaien)) throw e;
  }
  await withTenant(ds, p, (em) =>
    audit(em, p, 'declaratie.proef', 'declaratie', null, { gemeente: env.gemeenteCode, prestaties: antwoord!.prestaties.length, uitkomst: antwoord!.uitkomst }),
  );
  return antwoord!;
}

/** By ReferentieNummer, in code point order (as the database's C collation sorted them when they were read back). */
const opReferentie = (a: Uitkomst, b: Uitkomst) => (a.p.referentie < b.p.referentie ? -1 : a.p.referentie > b.p.referentie ? 1 : 0);

function samenstellen(status: string, jw325: (GelezenJw325 & { xml: string }) | undefined, uitkomsten: readonly Uitkomst[], a: Achtergrond): ProefAntwoord {
  const prestaties: ProefPrestatie[] = [...uitkomsten].sort(opReferentie).map((u) => {
    const contract = (u.contractId && a.contracten.get(u.contractId)) || null;
    return {
      referentieNummer: u.p.referentie,
      toewijzingNummer: u.p.toewijzingNummer,
      productCategorie: u.p.categorie,
      productCode: u.p.code,
      begindatum: u.p.begin,
      einddatum: u.p.eind,
      ingediendCenten: u.p.dc === 'C' ? -u.p.bedrag : u.p.bedrag,
      toegekendCenten: u.toegekend,
      toegekend: u.codes.length === 0,
      // The JW325's codes where it names the prestatie; held claims have only the hub's findings.
      retourcodes: jw325 ? (jw325.afgewezen.get(u.p.referentie) ?? []) : u.codes,
      bovenPlafond: u.bovenPlafond,
      toewijzing: (u.toewijzingId && a.toewijzingen.get(u.toewijzingId)) || null,
      contract,
      // A tariff only with its contract, as the provider's own.
      tarief: (contract && u.tariefId && a.tarieven.get(u.tariefId)) || null,
      contractvoorwaarden: u.voorwaarden,
    };
  });
  if (!jw325) {
    return {
      uitkomst: 'aangehouden',
      retourcodes: prestaties.some((x) => x.retourcodes.length) ? ['0200'] : ['8001'],
      ingediendCenten: prestaties.reduce((s, x) => s + x.ingediendCenten, 0),
      toegekendCenten: prestaties.reduce((s, x) => s + x.toegekendCenten, 0),
      prestaties,
      jw325Xml: null,
      fouten: [],
    };
  }
  const afgewezen = status === 'ongeldig' || jw325.kop.length > 0 || !prestaties.length;
  return {
    uitkomst: afgewezen ? 'afgewezen' : 'beantwoord',
    retourcodes: jw325.kop.length ? jw325.kop : jw325.codes,
    ingediendCenten: jw325.ingediend,
    toegekendCenten: jw325.toegekend,
    prestaties,
    jw325Xml: jw325.xml,
    fouten: [],
  };
}
