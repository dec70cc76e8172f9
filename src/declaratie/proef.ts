import type { DataSource } from 'typeorm';
import { audit } from '../auth/audit.service';
import { PRODUCTIE_SYSTEEM, systeemBeheerVan, type Principal } from '../auth/principal';
import { isSandboxRegio } from '../common/sandbox';
import { weigerEchteBsn } from '../messaging/inbox/sandbox-deur';
import { HubError } from '../common/hub-error';
import type { Sleutels } from '../common/sleutels';
import { prepared } from '../db/prepared';
import { withTenant } from '../db/tenant';
import { parseMessage } from '../messaging/ijw/codec';
import { ALS_PROEF_SQL } from '../messaging/nummering';
import type { XsdValidators } from '../messaging/ijw/xsd-validator';
import { readEnvelope } from '../messaging/inbox/envelope';
import { checkSender, ontvangInTransactie } from '../messaging/inbox/inbox.service';
import type { BerichtHandlers } from '../messaging/processing/handlers';
import { verwerkInTransactie } from '../messaging/processing/verwerking';
import type { Contractvoorwaarde } from './contractvoorwaarde';
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

interface PrestatieRij {
  referentie_nummer: string;
  toewijzing_nummer: number;
  product_categorie: string;
  product_code: string;
  begin: string;
  eind: string;
  ingediend_centen: string;
  toegekend_centen: string;
  toegekend: boolean;
  retourcodes: string[];
  boven_plafond: boolean;
  tw: ProefPrestatie['toewijzing'];
  contract: ProefPrestatie['contract'];
  tarief: ProefPrestatie['tarief'];
  contractvoorwaarden: Contractvoorwaarde[];
}

// The claim's prestaties with what they were judged by; only the sender's own allocations and
// contracts (a prestatie is only ever matched to those, TR338), so nothing of another provider.
const PRESTATIES_SQL = `SELECT p.referentie_nummer, p.toewijzing_nummer, p.product_categorie, p.product_code,
        to_char(p.periode_begin, 'YYYY-MM-DD') AS begin, to_char(p.periode_eind, 'YYYY-MM-DD') AS eind,
        p.ingediend_centen, p.toegekend_centen, p.toegekend, p.retourcodes, p.boven_plafond, p.contractvoorwaarden,
        CASE WHEN t.id IS NOT NULL THEN json_build_object('id', t.id, 'nummer', t.nummer, 'ingangsdatum', to_char(t.ingangsdatum, 'YYYY-MM-DD'),
             'einddatum', to_char(t.einddatum, 'YYYY-MM-DD'), 'productCategorie', t.product_categorie, 'productCode', t.product_code,
             'volume', t.volume, 'eenheid', t.eenheid, 'frequentie', t.frequentie) END AS tw,
        CASE WHEN k.id IS NOT NULL THEN json_build_object('id', k.id, 'nummer', k.nummer, 'perceel', k.perceel,
             'begindatum', to_char(k.begindatum, 'YYYY-MM-DD'), 'einddatum', to_char(k.einddatum, 'YYYY-MM-DD')) END AS contract,
        CASE WHEN tf.id IS NOT NULL THEN json_build_object('id', tf.id, 'bedragCenten', tf.bedrag_centen,
             'geldigVanaf', to_char(tf.geldig_vanaf, 'YYYY-MM-DD'), 'geldigTot', to_char(tf.geldig_tot, 'YYYY-MM-DD')) END AS tarief
   FROM prestatie p
   JOIN declaratie d ON d.id = p.declaratie_id
   LEFT JOIN toewijzing t ON t.id = p.toewijzing_id AND t.aanbieder_agb = p.aanbieder_agb
   LEFT JOIN contract k ON k.id = p.contract_id AND k.aanbieder_agb = p.aanbieder_agb
   LEFT JOIN tarief tf ON tf.id = p.tarief_id AND k.id IS NOT NULL
  WHERE d.bericht_id = $1
  ORDER BY p.referentie_nummer`;

export interface ProefOpties {
  handlers: BerichtHandlers;
  xsd?: XsdValidators;
  maxBytes: number;
}

/**
 * The claim pre-flight: a JW323 received, judged and answered exactly as the worker would (the
 * door's own insert, the worker's own batch, the same handlers and rules), all in one transaction
 * that is then rolled back. Nothing stays: no claim, no budget used, no duplicate for the real
 * claim that follows, no message in any mailbox. Only the fact of the check is audited.
 */
export async function toetsDeclaratie(ds: DataSource, alleSleutels: Sleutels, p: Principal, xml: Buffer, o: ProefOpties): Promise<ProefAntwoord> {
  const sleutels = alleSleutels.voor(p.regio);
  const env = await readEnvelope(xml, o.maxBytes);
  if (env.type !== 'JW323') throw new HubError(PROEF_FOUT.geenDeclaratie, `Alleen een declaratie (JW323) kan vooraf worden getoetst, niet een ${env.type}`);
  checkSender(p, env);
  await weigerEchteBsn(p, xml);
  let antwoord: ProefAntwoord | undefined;
  try {
    // As the worker: the system context, after the sender was checked against the token above;
    // inside the caller's world only (a sandbox's, or production's), so neither reaches the other.
    await withTenant(ds, isSandboxRegio(p.regio) ? systeemBeheerVan('proef', p.regio ?? '') : PRODUCTIE_SYSTEEM, async (em) => {
      await em.query(ALS_PROEF_SQL);
      const [ontvangen] = await ontvangInTransactie(em, sleutels, [{ env, xml }]);
      if (ontvangen instanceof Error) throw ontvangen;
      if (ontvangen.herhaling) throw new HubError(PROEF_FOUT.alOntvangen, 'Deze declaratie is al ontvangen; haar antwoord staat in de berichten');
      const r = (await verwerkInTransactie(em, sleutels, { handlers: o.handlers, xsd: o.xsd }, [ontvangen.id])).get(ontvangen.id);
      if (!r) throw new HubError(PROEF_FOUT.wachtOpEerder, 'Een eerder bericht over deze cliënt wordt nog verwerkt; de declaratie zou daarop wachten');
      if (r.status === 'ongeldig' && !r.retourId) {
        const [b] = await prepared<{ fouten: { path?: string; message?: string }[] | null }>(em, 'SELECT fouten FROM bericht WHERE id = $1', [ontvangen.id]);
        const fouten = (b.fouten ?? []).map((f) => ({ pad: f.path ?? '', melding: f.message ?? '' }));
        antwoord = { uitkomst: 'ongeldig', retourcodes: [], ingediendCenten: 0, toegekendCenten: 0, prestaties: [], jw325Xml: null, fouten };
        throw new Terugdraaien();
      }
      const rijen = await prepared<PrestatieRij>(em, PRESTATIES_SQL, [ontvangen.id]);
      let jw325: (GelezenJw325 & { xml: string }) | undefined;
      if (r.retourId) {
        const [b] = await prepared<{ xml_versleuteld: Buffer }>(em, 'SELECT xml_versleuteld FROM bericht WHERE id = $1', [r.retourId]);
        const tekst = sleutels.ontsleutel(b.xml_versleuteld);
        const parsed = await parseMessage(tekst, { maxBytes: Number.MAX_SAFE_INTEGER });
        if (!parsed.message) throw new Error('the pre-flight JW325 does not parse');
        jw325 = { ...leesJw325(parsed.message), xml: tekst.toString() };
      }
      antwoord = samenstellen(r.status, jw325, rijen);
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

function samenstellen(status: string, jw325: (GelezenJw325 & { xml: string }) | undefined, rijen: PrestatieRij[]): ProefAntwoord {
  const prestaties: ProefPrestatie[] = rijen.map((r) => ({
    referentieNummer: r.referentie_nummer,
    toewijzingNummer: r.toewijzing_nummer,
    productCategorie: r.product_categorie,
    productCode: r.product_code,
    begindatum: r.begin,
    einddatum: r.eind,
    ingediendCenten: Number(r.ingediend_centen),
    toegekendCenten: Number(r.toegekend_centen),
    toegekend: r.toegekend,
    // The JW325's codes where it names the prestatie; held claims have only the hub's findings.
    retourcodes: jw325 ? (jw325.afgewezen.get(r.referentie_nummer) ?? []) : r.retourcodes,
    bovenPlafond: r.boven_plafond,
    toewijzing: r.tw,
    contract: r.contract,
    tarief: r.tarief,
    contractvoorwaarden: r.contractvoorwaarden,
  }));
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
