import type { EntityManager } from 'typeorm';
import { isValidBsn } from '../common/bsn';
import { HubError, HubErrorCode } from '../common/hub-error';
import type { Sleutels } from '../common/sleutels';
import { kolom, schrijfCsv, tabel } from '../http/csv';
import { connectionOf, pageWindow, type Connection, type PageArgs, type PageWindow } from '../graphql/pagination';
import { audit } from './audit.service';
import { redenVoor } from './audit-redenen';
import type { AuditregelFilter } from './auditregels.inputs';
import type { AuditregelType } from './auditregels.types';
import type { Principal, Rol } from './principal';
import { Params } from './scope';

/** Who reads the audit trail: the auditor (its region) and the administrator (all, or its region). */
export const AUDIT_LEZERS: readonly Rol[] = ['auditor', 'beheerder'];

/** Most rows one CSV export holds: beyond it the caller narrows the filter (a period, an actor). */
export const MAX_CSV_REGELS = 50_000;

interface AuditRij {
  id: string;
  tijdstip: Date;
  actor: string;
  rol: string;
  namens: string | null;
  regio_code: string | null;
  actie: string;
  entiteit: string;
  entiteit_id: string | null;
  client_hash: string | null;
  reden: string | null;
  details: Record<string, unknown>;
}

const KOLOMMEN = 'a.id, a.tijdstip, a.actor, a.rol, a.namens, a.regio_code, a.actie, a.entiteit, a.entiteit_id, a.client_hash, a.reden, a.details';

/**
 * The trail as it stood before the reading transaction: rows it wrote itself (its own read, which
 * is audited in it, or those of another field of the same request) are not part of the answer, so
 * a page and its count agree and a field answers the same alone or beside others.
 */
const NIET_EIGEN = '(pg_current_xact_id_if_assigned() IS NULL OR a.xmin <> pg_current_xact_id_if_assigned()::xid)';

/** The filter's conditions on audit_log `a`, within what the caller may read; the client's hash when it filtered by one. */
function voorwaarden(p: Principal, sleutels: Sleutels, f: AuditregelFilter | undefined, P: Params): { where: string[]; client: string | null } {
  if (!AUDIT_LEZERS.includes(p.rol)) throw new HubError(HubErrorCode.FORBIDDEN, 'Alleen een auditor of beheerder leest het auditlogboek');
  const where = [NIET_EIGEN];
  // Row-level security says the same (auditor: own region; administrator: all, or its region).
  if (p.regio) {
    if (f?.regioCode && f.regioCode !== p.regio) throw new HubError(HubErrorCode.FORBIDDEN, 'Geen toegang tot deze regio');
    where.push(`a.regio_code = ${P.add(p.regio)}`);
  } else if (f?.regioCode) where.push(`a.regio_code = ${P.add(f.regioCode)}`);
  if (f?.actor) where.push(`a.actor = ${P.add(f.actor)}`);
  if (f?.rol) where.push(`a.rol = ${P.add(f.rol)}`);
  let client: string | null = null;
  if (f?.bsn !== undefined) {
    // The message never repeats the value: it is a BSN.
    if (!isValidBsn(f.bsn)) throw new HubError(HubErrorCode.VALIDATION_FAILED, 'BSN voldoet niet aan de elfproef', { veld: 'bsn' });
    client = sleutels.bsnHash(f.bsn);
    where.push(`a.client_hash = ${P.add(client)}`);
  }
  if (f?.clientReferentie) {
    client ??= f.clientReferentie;
    where.push(`a.client_hash = ${P.add(f.clientReferentie)}`);
  }
  if (f?.entiteit) where.push(`a.entiteit = ${P.add(f.entiteit)}`);
  if (f?.entiteitId) where.push(`a.entiteit_id = ${P.add(f.entiteitId)}`);
  if (f?.actie) {
    if (f.actie.endsWith('*')) where.push(`a.actie LIKE ${P.add(`${f.actie.slice(0, -1).replace(/[\\%_]/g, (c) => `\\${c}`)}%`)}`);
    else where.push(`a.actie = ${P.add(f.actie)}`);
  }
  if (f?.van && f.tot && f.van >= f.tot) throw new HubError(HubErrorCode.VALIDATION_FAILED, 'van ligt niet voor tot', { veld: 'tot' });
  if (f?.van) where.push(`a.tijdstip >= ${P.add(f.van)}`);
  if (f?.tot) where.push(`a.tijdstip < ${P.add(f.tot)}`);
  return { where, client };
}

/** What the read asked, for its own audit row: the filter without the BSN (whose hash the row carries). */
function gevraagd(f: AuditregelFilter | undefined): Record<string, unknown> {
  const { bsn, van, tot, ...rest } = f ?? {};
  return { ...rest, ...(bsn !== undefined ? { bsn: true } : {}), ...(van ? { van: van.toISOString() } : {}), ...(tot ? { tot: tot.toISOString() } : {}) };
}

function regel(r: AuditRij): AuditregelType {
  return {
    id: String(r.id),
    tijdstip: r.tijdstip,
    actor: r.actor,
    rol: r.rol,
    namens: r.namens,
    regioCode: r.regio_code,
    actie: r.actie,
    entiteit: r.entiteit,
    entiteitId: r.entiteit_id,
    clientReferentie: r.client_hash,
    // Rows from before reasons were recorded get the reason of their kind of action.
    reden: r.reden ?? redenVoor(r.actie),
    details: JSON.stringify(r.details),
  };
}

const cursorVan = (id: string) => Buffer.from(JSON.stringify(['audit', id])).toString('base64url');

function idUitCursor(cursor: string, veld: 'after' | 'before'): string {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (cursor.length <= 100 && Array.isArray(v) && v.length === 2 && v[0] === 'audit' && typeof v[1] === 'string' && /^[0-9]{1,18}$/.test(v[1])) return v[1];
  } catch {
    // fall through to the coded error
  }
  throw new HubError(HubErrorCode.BAD_USER_INPUT, 'Ongeldige cursor', { veld, reden: 'CURSOR' });
}

export const auditregelService = {
  /** A page of the audit trail, newest first; the read itself is audited (with the client's hash when it filtered by one). */
  async pagina(em: EntityManager, p: Principal, sleutels: Sleutels, f: AuditregelFilter | undefined, page: PageArgs): Promise<Connection<AuditregelType>> {
    const P = new Params();
    const { where, client } = voorwaarden(p, sleutels, f, P);
    const filter = where.join(' AND ');
    const filterValues = [...P.values];
    // Newest first; the audit trail's ids are numbers, so its cursors are its own (['audit', id]).
    const na = page.after != null ? idUitCursor(page.after, 'after') : undefined;
    const voor = page.before != null ? idUitCursor(page.before, 'before') : undefined;
    const w: PageWindow = { ...pageWindow({ first: page.first, last: page.last }), after: na ? ['audit', na] : undefined, before: voor ? ['audit', voor] : undefined };
    const grens = [na && ` AND a.id < ${P.add(na)}::bigint`, voor && ` AND a.id > ${P.add(voor)}::bigint`].filter(Boolean).join('');
    const rijen = await em.query<AuditRij[]>(
      `SELECT ${KOLOMMEN} FROM audit_log a WHERE ${filter}${grens} ORDER BY a.id ${w.backward ? 'ASC' : 'DESC'} LIMIT ${P.add(w.size + 1)}`,
      P.values,
    );
    const c = connectionOf(rijen.map(regel), w, (r) => cursorVan(r.id), () =>
      em.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM audit_log a WHERE ${filter}`, filterValues).then((r) => r[0].n),
    );
    await audit(em, p, 'auditregels.gelezen', 'audit_log', null, { filter: gevraagd(f), aantal: c.edges.length }, p.regio ?? null, client);
    return c;
  },

  /** The rows of the filter as CSV (newest first, snake_case Dutch headers); the export is audited. */
  async csv(em: EntityManager, p: Principal, sleutels: Sleutels, f: AuditregelFilter | undefined): Promise<string> {
    const P = new Params();
    const { where, client } = voorwaarden(p, sleutels, f, P);
    const rijen = await em.query<AuditRij[]>(`SELECT ${KOLOMMEN} FROM audit_log a WHERE ${where.join(' AND ')} ORDER BY a.id DESC LIMIT ${P.add(MAX_CSV_REGELS + 1)}`, P.values);
    if (rijen.length > MAX_CSV_REGELS) {
      throw new HubError(HubErrorCode.VALIDATION_FAILED, `Meer dan ${MAX_CSV_REGELS} regels: beperk de periode (van, tot) of het filter`, { veld: 'van' });
    }
    await audit(em, p, 'auditregels.geexporteerd', 'audit_log', null, { filter: gevraagd(f), aantal: rijen.length }, p.regio ?? null, client);
    return schrijfCsv(CSV_TABEL, rijen.map(regel));
  },
};

/** The CSV's columns (NEN 7513: wie, namens wie, wat, wanneer, waarom); the time in UTC, ISO 8601. */
export const CSV_TABEL = tabel<ReturnType<typeof regel>>(
  kolom.aantal('id', (r) => Number(r.id)),
  kolom.tekst('tijdstip', (r) => r.tijdstip.toISOString()),
  kolom.tekst('actor', (r) => r.actor),
  kolom.tekst('rol', (r) => r.rol),
  kolom.tekst('namens', (r) => r.namens),
  kolom.tekst('regio', (r) => r.regioCode),
  kolom.tekst('actie', (r) => r.actie),
  kolom.tekst('entiteit', (r) => r.entiteit),
  kolom.tekst('entiteit_id', (r) => r.entiteitId),
  kolom.tekst('client_referentie', (r) => r.clientReferentie),
  kolom.tekst('reden', (r) => r.reden),
  kolom.tekst('details', (r) => r.details),
);
