import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { audit } from '../auth/audit.service';
import { beheertRegio, type Principal } from '../auth/principal';
import { HubError, HubErrorCode } from '../common/hub-error';
import { isSandboxRegio, sandboxCode } from '../common/sandbox';
import { withTenant } from '../db/tenant';
import { berichtStatus } from '../messaging/status';
import { SandboxFout } from './sandbox.errors';
import type { SandboxPartij, SandboxType } from './sandbox.types';

/**
 * The context a sandbox is filled in: the hub's own, without region, the one context that sees the
 * production region it copies and may write the sandbox (row-level security, `hub_omgeving`).
 */
const VULLER: Principal = { sub: 'systeem:sandbox', rol: 'beheerder', gemeenten: [] };

/** Fictitious codes: municipality codes 9000-9999 (CBS codes are far below), AGB-like codes from 99000000. */
const GEMEENTE_CODES = { van: 9000, tot: 9999, lengte: 4 };
const AGB_CODES = { van: 99_000_000, tot: 99_999_999, lengte: 8 };

/**
 * What a reset empties, children before parents: all of a sandbox's traffic and structure. The
 * audit trail is append-only and stays (its rows name the sandbox region). Outbox rows have no
 * region: they go with their message. Municipalities are replaced by `gemeenten`, keeping their codes.
 */
const LEEG_VOLGORDE = [
  'prestatie', 'afrekening', 'declaratie', 'levering', 'toewijzing', 'verzoek', 'client', 'bericht', 'capaciteit',
  'lumpsum_voorschot', 'lumpsum_vaststelling_gemeente', 'lumpsum_vaststelling', 'lumpsum_aandeel', 'lumpsum', 'kostenaandeel', 'begrotingspost',
  'tarief', 'budgetplafond', 'contract_product', 'contract_gemeente', 'contract', 'indexatie', 'wachttijdnorm', 'arrangement_onderdeel', 'arrangement',
  'product',
] as const;

/** What is copied, parents before children: the contract structure (no traffic, no budgets, no lumpsums). */
const KOPIE_VOLGORDE = ['product', 'arrangement', 'arrangement_onderdeel', 'indexatie', 'contract', 'contract_gemeente', 'contract_product', 'tarief', 'budgetplafond', 'wachttijdnorm'] as const;

interface Kaarten {
  ids: Map<string, string>;
  gemeenten: Map<string, string>;
  aanbieders: Map<string, string>;
}

/** Who may make or reset the sandbox of `bron`: its contract manager or an administrator of it (also from inside the sandbox). */
function magBeheren(p: Principal, bron: string): boolean {
  const sandbox = sandboxCode(bron);
  if (p.rol === 'regio') return p.regio === bron || p.regio === sandbox;
  return beheertRegio(p, bron) || (p.rol === 'beheerder' && p.regio === sandbox);
}

/**
 * Makes (`nieuw`) or resets the sandbox of production region `bron`, in one transaction of its
 * own (the caller's context cannot write a sandbox): a reset deletes every row of the sandbox
 * (audit trail excepted) and copies the region's contract structure again; production rows are
 * only read. The fictitious parties keep their codes across resets, so sandbox tokens stay valid.
 * The caller's transaction records the fact in the audit trail.
 */
async function vul(callerEm: EntityManager, ds: DataSource, p: Principal, bron: string, nieuw: boolean): Promise<SandboxType> {
  if (isSandboxRegio(bron)) throw new HubError(SandboxFout.geenProductie, `Regio ${bron} is zelf een sandbox; noem de productieregio`, { veld: 'regio' });
  if (!magBeheren(p, bron)) throw new HubError(HubErrorCode.FORBIDDEN, `U beheert regio ${bron} niet`);
  const regio = sandboxCode(bron);
  if (regio.length > 20) throw new HubError(SandboxFout.geenProductie, `De regiocode ${bron} is te lang voor een sandbox (${regio})`, { veld: 'regio' });
  const uit = await withTenant(ds, VULLER, async (em) => {
    const [b] = await em.query<{ naam: string; sandbox: string | null }[]>(
      `SELECT r.naam, s.code AS sandbox FROM regio r LEFT JOIN regio s ON s.sandbox_van = r.code WHERE r.code = $1 AND r.sandbox_van IS NULL`,
      [bron],
    );
    if (!b) throw new HubError(SandboxFout.geenProductie, `Regio ${bron} bestaat niet`, { veld: 'regio' });
    if (nieuw && b.sandbox) throw new HubError(SandboxFout.bestaat, `Regio ${bron} heeft al een sandbox (${regio}); zet die terug met resetSandbox`);
    if (!nieuw && !b.sandbox) throw new HubError(SandboxFout.onbekend, `Regio ${bron} heeft nog geen sandbox; maak die met maakSandbox`);
    // One maker at a time per sandbox: two resets would interleave their deletes and copies.
    await em.query(`SELECT pg_advisory_xact_lock(hashtext('sandbox:' || $1))`, [regio]);
    if (nieuw) await em.query(`INSERT INTO regio (code, naam, sandbox_van) VALUES ($1, $2, $3)`, [regio, `Sandbox ${b.naam}`, bron]);
    else await leeg(em, regio);
    const kaarten: Kaarten = { ids: new Map(), gemeenten: await gemeenten(em, bron, regio), aanbieders: await aanbieders(em, bron, regio) };
    for (const tabel of KOPIE_VOLGORDE) await kopieer(em, tabel, bron, regio, kaarten);
    return beschrijf(em, regio);
  });
  await audit(callerEm, p, nieuw ? 'sandbox.gemaakt' : 'sandbox.teruggezet', 'regio', null, { sandbox: regio, bron, contracten: uit.contracten }, p.regio ?? bron);
  return uit;
}

/** Deletes every row of sandbox `regio` (the audit trail excepted), children first. */
async function leeg(em: EntityManager, regio: string): Promise<void> {
  await berichtStatus.sandboxGeleegd(em, regio);
  for (const tabel of LEEG_VOLGORDE) {
    // A sub-contract refers to its main contract: those go first.
    if (tabel === 'contract') await em.query(`DELETE FROM contract WHERE regio_code = $1 AND hoofdcontract_id IS NOT NULL`, [regio]);
    await em.query(`DELETE FROM "${tabel}" WHERE regio_code = $1`, [regio]);
  }
}

/** The sandbox's municipalities, one fictitious code per real one (kept from an earlier fill): real code → sandbox code. */
async function gemeenten(em: EntityManager, bron: string, regio: string): Promise<Map<string, string>> {
  const echt = await em.query<{ code: string; naam: string; inwoners: number; declaraties_eigen_systeem: boolean; geldig_vanaf: string; geldig_tot: string | null }[]>(
    `SELECT code, naam, inwoners, declaraties_eigen_systeem, to_char(geldig_vanaf, 'YYYY-MM-DD') AS geldig_vanaf, to_char(geldig_tot, 'YYYY-MM-DD') AS geldig_tot
       FROM gemeente WHERE regio_code = $1 ORDER BY code, geldig_vanaf`,
    [bron],
  );
  const kaart = await bestaandeKaart(em, `SELECT DISTINCT sandbox_van AS echt, code AS sandbox FROM gemeente WHERE regio_code = $1 AND sandbox_van IS NOT NULL`, regio);
  // A code of a former fill that is not in the kaart (the real municipality left the region) is not reused either.
  const bezet = new Set((await em.query<{ code: string }[]>(`SELECT DISTINCT code FROM gemeente`)).map((r) => r.code));
  const vrij = vrijeCodes(GEMEENTE_CODES, bezet);
  for (const g of echt) if (!kaart.has(g.code)) kaart.set(g.code, volgende(vrij));
  await em.query(`DELETE FROM gemeente WHERE regio_code = $1`, [regio]);
  if (echt.length) {
    await em.query(
      `INSERT INTO gemeente (regio_code, code, naam, inwoners, declaraties_eigen_systeem, geldig_vanaf, geldig_tot, sandbox_van)
       SELECT $1, g.code, 'Proefgemeente ' || g.code, g.inwoners, g.eigen, g.vanaf, g.tot, g.echt
         FROM jsonb_to_recordset($2::jsonb) AS g(code text, inwoners int, eigen boolean, vanaf date, tot date, echt text)`,
      [regio, JSON.stringify(echt.map((g) => ({ code: kaart.get(g.code), inwoners: g.inwoners, eigen: g.declaraties_eigen_systeem, vanaf: g.geldig_vanaf, tot: g.geldig_tot, echt: g.code })))],
    );
  }
  return kaart;
}

/** The sandbox's providers, one fictitious AGB per provider contracted in the region (kept from an earlier fill): real AGB → sandbox AGB. */
async function aanbieders(em: EntityManager, bron: string, regio: string): Promise<Map<string, string>> {
  const echt = (await em.query<{ agb: string }[]>(`SELECT DISTINCT aanbieder_agb AS agb FROM contract WHERE regio_code = $1 ORDER BY 1`, [bron])).map((r) => r.agb);
  const kaart = await bestaandeKaart(em, `SELECT sandbox_van AS echt, agb AS sandbox FROM aanbieder WHERE sandbox_regio = $1`, regio);
  const nieuw = echt.filter((a) => !kaart.has(a));
  if (nieuw.length) {
    const bezet = new Set((await em.query<{ agb: string }[]>(`SELECT agb FROM aanbieder WHERE agb >= $1`, [String(AGB_CODES.van)])).map((r) => r.agb));
    const vrij = vrijeCodes(AGB_CODES, bezet);
    for (const a of nieuw) kaart.set(a, volgende(vrij));
    await em.query(
      `INSERT INTO aanbieder (agb, naam, sandbox_regio, sandbox_van) SELECT a.agb, 'Proefaanbieder ' || a.agb, $1, a.echt FROM jsonb_to_recordset($2::jsonb) AS a(agb text, echt text)`,
      [regio, JSON.stringify(nieuw.map((a) => ({ agb: kaart.get(a), echt: a })))],
    );
  }
  return kaart;
}

async function bestaandeKaart(em: EntityManager, sql: string, regio: string): Promise<Map<string, string>> {
  return new Map((await em.query<{ echt: string; sandbox: string }[]>(sql, [regio])).map((r) => [r.echt, r.sandbox]));
}

function* vrijeCodes(r: { van: number; tot: number; lengte: number }, bezet: Set<string>): Generator<string> {
  for (let n = r.van; n <= r.tot; n++) {
    const code = String(n).padStart(r.lengte, '0');
    if (!bezet.has(code)) yield code;
  }
}

function volgende(vrij: Generator<string>): string {
  const n = vrij.next();
  if (n.done) throw new HubError(SandboxFout.codesOp, 'Er zijn geen fictieve codes meer vrij voor een sandbox');
  return n.value;
}

/**
 * Copies a table's rows of region `bron` into sandbox `regio`: new ids, references to copied rows
 * mapped to their copies, municipalities and providers to their fictitious stand-ins. Column by
 * column from the row itself, so a column added later is copied too. Sub-contracts after main
 * contracts: a row's write policy checks its parent, which must already be there.
 */
async function kopieer(em: EntityManager, tabel: (typeof KOPIE_VOLGORDE)[number], bron: string, regio: string, k: Kaarten): Promise<void> {
  const lagen = tabel === 'contract' ? ['hoofdcontract_id IS NULL', 'hoofdcontract_id IS NOT NULL'] : ['TRUE'];
  for (const laag of lagen) {
    const rijen = await em.query<{ r: Record<string, unknown> }[]>(`SELECT to_jsonb(t) AS r FROM "${tabel}" t WHERE regio_code = $1 AND ${laag}`, [bron]);
    if (!rijen.length) continue;
    const kopie = rijen.map(({ r }) => herschrijf(r, regio, k));
    await em.query(`INSERT INTO "${tabel}" SELECT * FROM jsonb_populate_recordset(NULL::"${tabel}", $1::jsonb)`, [JSON.stringify(kopie)]);
  }
}

/** One row as its sandbox copy (see `kopieer`). */
export function herschrijf(r: Record<string, unknown>, regio: string, k: Kaarten): Record<string, unknown> {
  const uit: Record<string, unknown> = {};
  if (typeof r.id === 'string') k.ids.set(r.id, randomUUID());
  for (const [kolom, v] of Object.entries(r)) {
    if (kolom === 'regio_code') uit[kolom] = regio;
    else if (kolom === 'gemeente_code' && typeof v === 'string') uit[kolom] = k.gemeenten.get(v) ?? v;
    else if (kolom === 'aanbieder_agb' && typeof v === 'string') uit[kolom] = k.aanbieders.get(v) ?? v;
    else if ((kolom === 'id' || kolom.endsWith('_id')) && typeof v === 'string') uit[kolom] = k.ids.get(v) ?? v;
    else uit[kolom] = v;
  }
  return uit;
}

/** The sandbox as the caller sees it: its code, its parties, its contracts. */
async function beschrijf(em: EntityManager, regio: string): Promise<SandboxType> {
  const [r] = await em.query<{ bron: string; contracten: number }[]>(
    `SELECT sandbox_van AS bron, (SELECT count(*)::int FROM contract WHERE regio_code = $1) AS contracten FROM regio WHERE code = $1`,
    [regio],
  );
  const gemeenten = await em.query<SandboxPartij[]>(
    `SELECT DISTINCT ON (code) code, naam, sandbox_van AS "staatVoor" FROM gemeente WHERE regio_code = $1 ORDER BY code, geldig_vanaf DESC`,
    [regio],
  );
  const aanbieders = await em.query<SandboxPartij[]>(`SELECT agb AS code, naam, sandbox_van AS "staatVoor" FROM aanbieder WHERE sandbox_regio = $1 ORDER BY agb`, [regio]);
  return { regio, bron: r.bron, gemeenten, aanbieders, contracten: r.contracten };
}

export const sandboxService = {
  maak: (em: EntityManager, ds: DataSource, p: Principal, bron: string) => vul(em, ds, p, bron, true),
  reset: (em: EntityManager, ds: DataSource, p: Principal, bron: string) => vul(em, ds, p, bron, false),
};
