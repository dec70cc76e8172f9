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

// One statement: whether the hub serves both parties (a municipality it knows, a provider it
// knows), and only then the message and its outbox row.
const ONTVANG_SQL = `WITH partij AS (
         SELECT (SELECT regio_code FROM gemeente WHERE code = $8 ORDER BY geldig_vanaf DESC LIMIT 1) AS regio,
                EXISTS (SELECT 1 FROM aanbieder WHERE agb = $7) AS aanbieder_bekend
       ), ins AS (
         INSERT INTO bericht (richting, type, afzender, ontvanger, identificatie, dagtekening, inhoud_hash, regio_code,
                              aanbieder_agb, gemeente_code, status, xml_versleuteld, grootte, client_sleutel, aanbieder_ziet)
         SELECT 'in', $1::varchar, $2::varchar, $3::varchar, $4::varchar, $5::date, $6::char(64), partij.regio,
                $7::varchar, $8::varchar, 'ontvangen', $9::bytea, $10::int, $11::char(64), $12::boolean
           FROM partij WHERE partij.regio IS NOT NULL AND partij.aanbieder_bekend
         ON CONFLICT (afzender, type, identificatie, inhoud_hash) DO NOTHING
         RETURNING id, status
       ), box AS (
         INSERT INTO outbox (soort, bericht_id) SELECT 'verwerk', id FROM ins
       )
       SELECT ins.id, ins.status, partij.regio IS NOT NULL AS gemeente_bekend, partij.aanbieder_bekend
         FROM partij LEFT JOIN ins ON true`;

const EERSTE_SQL = `SELECT id, status FROM bericht WHERE afzender = $1 AND type = $2 AND identificatie = $3 AND inhoud_hash = $4`;

/** Codes of a header party the hub does not serve: refused at the door, nothing stored, no retour. */
export const ONBEKENDE_PARTIJ = { afzender: 'UNKNOWN_SENDER', ontvanger: 'UNKNOWN_RECEIVER' } as const;

/**
 * Stores a received message and its outbox row in one transaction. The same bytes again return
 * the first id and write nothing (unique content key, no check-then-insert). A message between
 * parties the hub does not serve is refused (the chain refuses an unknown party at transport
 * level): nothing is stored and nobody answers on that party's behalf.
 */
export async function ontvang(ds: DataSource, p: Principal, env: Envelope, xml: Buffer, sleutels: Sleutels): Promise<Ontvangst> {
  const hash = sha256Hex(xml);
  const vanAanbieder = VAN_AANBIEDER.has(env.type);
  return withTenant(ds, p, async (em) => {
    const inserted = await prepared<{ id: string | null; status: string | null; gemeente_bekend: boolean; aanbieder_bekend: boolean }>(em, ONTVANG_SQL, [
      env.type,
      env.afzender,
      env.ontvanger,
      env.identificatie,
      env.dagtekening,
      hash,
      env.aanbiederAgb,
      env.gemeenteCode,
      sleutels.versleutel(xml),
      xml.length,
      env.clientBsn === null ? null : sleutels.bsnHash(env.clientBsn),
      // A provider sees what it sent at once; a municipality's message only once it is forwarded.
      vanAanbieder,
    ]);
    const r = inserted[0];
    if (r.id && r.status) return { id: r.id, status: r.status, herhaling: false };
    if (!r.gemeente_bekend) {
      const rol = vanAanbieder ? 'ontvanger' : 'afzender';
      throw new HubError(ONBEKENDE_PARTIJ[rol], `Gemeente ${env.gemeenteCode} (${rol}) wordt niet door deze hub bediend`, { partij: env.gemeenteCode });
    }
    if (!r.aanbieder_bekend) {
      const rol = vanAanbieder ? 'afzender' : 'ontvanger';
      throw new HubError(ONBEKENDE_PARTIJ[rol], `Aanbieder ${env.aanbiederAgb} (${rol}) is niet bij deze hub bekend`, { partij: env.aanbiederAgb });
    }
    // A replay: ON CONFLICT waited for any concurrent twin to commit, so a fresh statement sees it.
    const first = await prepared<{ id: string; status: string }>(em, EERSTE_SQL, [env.afzender, env.type, env.identificatie, hash]);
    if (!first[0]) throw new Error('bericht neither inserted nor found');
    return { ...first[0], herhaling: true };
  });
}
