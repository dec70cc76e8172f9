import type { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../../auth/principal';
import { sha256Hex } from '../../common/crypto';
import { HubError, HubErrorCode } from '../../common/hub-error';
import { prepared } from '../../db/prepared';
import { withTenant } from '../../db/tenant';
import type { Envelope } from './envelope';
import { VAN_AANBIEDER } from '../ijw/soorten';
import type { Sleutels } from '../../common/sleutels';
import { KANAAL_ONTVANGEN } from '../kanaal';
import { clientSlot, vergrendelClienten } from '../clientslot';
import { currentRequestId } from '../../observability/request-context';

export interface Ontvangst {
  id: string;
  status: string;
  /** True when these exact bytes were received before: nothing new was written. */
  herhaling: boolean;
}

/** Whether the caller may send this message: the token's party must be the sender in the header. */
export function checkSender(p: Principal, env: Envelope): void {
  const ok = VAN_AANBIEDER.has(env.type)
    ? p.rol === 'aanbieder' && p.agb === env.verzender
    : (p.rol === 'gemeente' || p.rol === 'toegang') && p.gemeenten.includes(env.verzender);
  if (!ok) throw new HubError(HubErrorCode.FORBIDDEN, `Afzender ${env.verzender} van ${env.type} hoort niet bij dit token`);
}

// One statement for a batch of posts: per message whether the hub serves both parties (a
// municipality it knows, a provider it knows), and only then the message, numbered in the order
// the posts arrived. A message already stored is not stored again (the unique content key). The
// worker is woken once, at commit, when anything new was stored.
const ONTVANG_SQL = `WITH m AS (
         SELECT * FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (type text, afzender text, ontvanger text, identificatie text, dagtekening date,
                                                                    hash text, agb text, gemeente text, grootte int, client text, ziet boolean, verzoek text))
                  WITH ORDINALITY AS m(type, afzender, ontvanger, identificatie, dagtekening, hash, agb, gemeente, grootte, client, ziet, verzoek, nr)
       ), partij AS (
         SELECT m.nr, (SELECT regio_code FROM gemeente WHERE code = m.gemeente ORDER BY geldig_vanaf DESC LIMIT 1) AS regio,
                EXISTS (SELECT 1 FROM aanbieder WHERE agb = m.agb) AS aanbieder_bekend
           FROM m
       ), ins AS (
         INSERT INTO bericht (richting, type, afzender, ontvanger, identificatie, dagtekening, inhoud_hash, regio_code,
                              aanbieder_agb, gemeente_code, status, xml_versleuteld, grootte, client_sleutel, aanbieder_ziet, verzoek_id)
         SELECT 'in', m.type, m.afzender, m.ontvanger, m.identificatie, m.dagtekening, m.hash, p.regio,
                m.agb, m.gemeente, 'ontvangen', x.xml, m.grootte, m.client, m.ziet, m.verzoek
           FROM m JOIN partij p ON p.nr = m.nr JOIN unnest($2::bytea[]) WITH ORDINALITY AS x(xml, nr) ON x.nr = m.nr
          WHERE p.regio IS NOT NULL AND p.aanbieder_bekend
          ORDER BY m.nr
         ON CONFLICT (afzender, type, identificatie, inhoud_hash) DO NOTHING
         RETURNING id, afzender, type, identificatie, inhoud_hash
       )
       SELECT p.regio IS NOT NULL AS gemeente_bekend, p.aanbieder_bekend, i.id,
              (SELECT true FROM (SELECT pg_notify('${KANAAL_ONTVANGEN}', '')) w WHERE EXISTS (SELECT 1 FROM ins)) AS gewekt
         FROM m JOIN partij p ON p.nr = m.nr
         LEFT JOIN ins i ON i.afzender = m.afzender AND i.type = m.type AND i.identificatie = m.identificatie AND i.inhoud_hash = m.hash
        ORDER BY m.nr`;

// Replays: ON CONFLICT waited for any concurrent twin to commit, so a fresh statement sees it.
const EERSTE_SQL = `SELECT b.id, b.status, k.nr FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::bpchar[]) WITH ORDINALITY AS k(afzender, type, identificatie, hash, nr)
   JOIN bericht b ON b.afzender = k.afzender AND b.type = k.type AND b.identificatie = k.identificatie AND b.inhoud_hash = k.hash`;

/** Codes of a header party the hub does not serve: refused at the door, nothing stored, no retour. */
export const ONBEKENDE_PARTIJ = { afzender: 'UNKNOWN_SENDER', ontvanger: 'UNKNOWN_RECEIVER' } as const;

interface Post {
  env: Envelope;
  xml: Buffer;
  hash: string;
  /** The request that posted it: posts of one caller share a transaction, each keeps its own id. */
  verzoekId: string | null;
  resolve: (o: Ontvangst) => void;
  reject: (e: unknown) => void;
}

/** Most posts written in one transaction. */
const MAX_BATCH = 500;

/**
 * The door's writer. Posts that arrive while an earlier write of the same caller is under way are
 * written together, in one transaction and one statement, in the order they arrived; each post
 * is answered only after that transaction committed. The same bytes again return the first id
 * and write nothing (unique content key, no check-then-insert). A message between parties the
 * hub does not serve is refused (the chain refuses an unknown party at transport level): nothing
 * is stored and nobody answers on that party's behalf. When a batch fails as a whole, each of its
 * posts is written alone, so one bad post never fails the others.
 */
export class Inbox {
  private readonly wachtend = new Map<string, { p: Principal; posts: Post[] }>();
  private readonly bezig = new Set<string>();

  constructor(
    private readonly ds: DataSource,
    private readonly sleutels: Sleutels,
  ) {}

  ontvang(p: Principal, env: Envelope, xml: Buffer): Promise<Ontvangst> {
    const key = JSON.stringify([p.rol, p.regio ?? '', p.agb ?? '', p.gemeenten, p.sub]);
    return new Promise<Ontvangst>((resolve, reject) => {
      const rij = this.wachtend.get(key);
      const post = { env, xml, hash: sha256Hex(xml), verzoekId: currentRequestId() ?? null, resolve, reject };
      if (rij) rij.posts.push(post);
      else this.wachtend.set(key, { p, posts: [post] });
      if (!this.bezig.has(key)) void this.schrijf(key);
    });
  }

  private async schrijf(key: string): Promise<void> {
    this.bezig.add(key);
    try {
      for (;;) {
        const rij = this.wachtend.get(key);
        if (!rij?.posts.length) break;
        const posts = rij.posts.splice(0, MAX_BATCH);
        if (!rij.posts.length) this.wachtend.delete(key);
        try {
          const uitkomsten = await schrijfPosts(this.ds, this.sleutels.voor(rij.p.regio), rij.p, posts);
          posts.forEach((post, i) => {
            const u = uitkomsten[i];
            if (u instanceof Error) post.reject(u);
            else post.resolve(u);
          });
        } catch (e) {
          if (posts.length === 1) posts[0].reject(e);
          // Each alone: only the post at fault fails.
          else for (const post of posts) await schrijfPosts(this.ds, this.sleutels.voor(rij.p.regio), rij.p, [post]).then(([u]) => (u instanceof Error ? post.reject(u) : post.resolve(u)), post.reject);
        }
      }
    } finally {
      this.bezig.delete(key);
    }
  }
}

/** Writes posts of one caller in one transaction; per post its receipt, or the refusal of a party the hub does not serve. */
async function schrijfPosts(ds: DataSource, sleutels: Sleutels, p: Principal, posts: Post[]): Promise<(Ontvangst | Error)[]> {
  return withTenant(ds, p, (em) => ontvangInTransactie(em, sleutels, posts));
}

/**
 * Stores received messages in the caller's transaction, exactly as the door does: numbered under
 * their clients' locks, a replay answered with the first id. What the door and the claim
 * pre-flight (which rolls its transaction back) share.
 */
export async function ontvangInTransactie(
  em: EntityManager,
  sleutels: Sleutels,
  posts: readonly { env: Envelope; xml: Buffer; hash?: string; verzoekId?: string | null; zonderInhoud?: boolean }[],
): Promise<(Ontvangst | Error)[]> {
  const rijen = posts.map(({ env, xml, hash, verzoekId }) => ({
    type: env.type,
    afzender: env.afzender,
    ontvanger: env.ontvanger,
    identificatie: env.identificatie,
    dagtekening: env.dagtekening,
    hash: hash ?? sha256Hex(xml),
    agb: env.aanbiederAgb,
    gemeente: env.gemeenteCode,
    grootte: xml.length,
    client: env.clientBsn === null ? null : sleutels.bsnHash(env.clientBsn),
    // A provider sees what it sent at once; a municipality's message only once it is forwarded.
    ziet: VAN_AANBIEDER.has(env.type),
    verzoek: verzoekId,
  }));
  // Numbered and stored under their clients' locks: a worker that judges a client waits for
  // them, so it never judges a later message before an earlier-numbered one is visible.
  await vergrendelClienten(em, rijen.flatMap((r) => (r.client ? [clientSlot(r.gemeente, r.client)] : [])));
  const rows = await prepared<{ id: string | null; gemeente_bekend: boolean; aanbieder_bekend: boolean }>(em, ONTVANG_SQL, [
    JSON.stringify(rijen),
    // A pre-flight's message (zonderInhoud) is judged from what its caller read and rolled back: its body is never read, so not stored.
    posts.map((x) => sleutels.versleutel(x.zonderInhoud ? Buffer.alloc(0) : x.xml)),
  ]);
  const gezien = new Set<string>();
  const uit: (Ontvangst | Error | undefined)[] = rows.map((r, i) => {
    const env = posts[i].env;
    const vanAanbieder = VAN_AANBIEDER.has(env.type);
    if (!r.gemeente_bekend) {
      const rol = vanAanbieder ? 'ontvanger' : 'afzender';
      return new HubError(ONBEKENDE_PARTIJ[rol], `Gemeente ${env.gemeenteCode} (${rol}) wordt niet door deze hub bediend`, { partij: env.gemeenteCode });
    }
    if (!r.aanbieder_bekend) {
      const rol = vanAanbieder ? 'afzender' : 'ontvanger';
      return new HubError(ONBEKENDE_PARTIJ[rol], `Aanbieder ${env.aanbiederAgb} (${rol}) is niet bij deze hub bekend`, { partij: env.aanbiederAgb });
    }
    // The same bytes twice in one batch: the first is new, the second a replay of it.
    if (r.id && !gezien.has(r.id)) {
      gezien.add(r.id);
      return { id: r.id, status: 'ontvangen', herhaling: false };
    }
    return undefined;
  });
  const herhaald = uit.flatMap((u, i) => (u === undefined ? [i] : []));
  if (herhaald.length) {
    const k = herhaald.map((i) => rijen[i]);
    const eerste = await prepared<{ id: string; status: string; nr: string }>(em, EERSTE_SQL, [
      k.map((r) => r.afzender),
      k.map((r) => r.type),
      k.map((r) => r.identificatie),
      k.map((r) => r.hash),
    ]);
    for (const e of eerste) uit[herhaald[Number(e.nr) - 1]] = { id: e.id, status: e.status, herhaling: true };
  }
  return uit.map((u) => u ?? new Error('bericht neither inserted nor found'));
}
