import type { DataSource } from 'typeorm';
import type { Principal } from '../../auth/principal';
import { sha256Hex } from '../../common/crypto';
import { HubError, HubErrorCode } from '../../common/hub-error';
import { prepared } from '../../db/prepared';
import { withTenant } from '../../db/tenant';
import { VAN_AANBIEDER, type Envelope } from './envelope';
import type { Sleutels } from '../../common/sleutels';

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

const ONTVANG_SQL = `WITH ins AS (
         INSERT INTO bericht (richting, type, afzender, ontvanger, identificatie, dagtekening, inhoud_hash, regio_code,
                              aanbieder_agb, gemeente_code, status, xml_versleuteld, grootte)
         VALUES ('in', $1, $2, $3, $4, $5, $6,
                 (SELECT regio_code FROM gemeente WHERE code = $9 ORDER BY geldig_vanaf DESC LIMIT 1),
                 $7, $8, 'ontvangen', $10, $11)
         ON CONFLICT (afzender, type, identificatie, inhoud_hash) DO NOTHING
         RETURNING id, status
       ), box AS (
         INSERT INTO outbox (soort, bericht_id) SELECT 'verwerk', id FROM ins
       )
       SELECT id, status FROM ins`;

const EERSTE_SQL = `SELECT id, status FROM bericht WHERE afzender = $1 AND type = $2 AND identificatie = $3 AND inhoud_hash = $4`;

/**
 * Stores a received message and its outbox row in one transaction. The same bytes again return
 * the first id and write nothing (unique content key, no check-then-insert).
 */
export async function ontvang(ds: DataSource, p: Principal, env: Envelope, xml: Buffer, sleutels: Sleutels): Promise<Ontvangst> {
  const hash = sha256Hex(xml);
  return withTenant(ds, p, async (em) => {
    const inserted = await prepared<{ id: string; status: string }>(em, ONTVANG_SQL, [
      env.type,
      env.afzender,
      env.ontvanger,
      env.identificatie,
      env.dagtekening,
      hash,
      env.aanbiederAgb,
      env.gemeenteCode,
      env.gemeenteCode,
      sleutels.versleutel(xml),
      xml.length,
    ]);
    if (inserted[0]) return { ...inserted[0], herhaling: false };
    // A replay: ON CONFLICT waited for any concurrent twin to commit, so a fresh statement sees it.
    const first = await prepared<{ id: string; status: string }>(em, EERSTE_SQL, [env.afzender, env.type, env.identificatie, hash]);
    if (!first[0]) throw new Error('bericht neither inserted nor found');
    return { ...first[0], herhaling: true };
  });
}
