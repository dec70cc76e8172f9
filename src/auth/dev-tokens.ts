import { Router } from 'express';
import type { DataSource } from 'typeorm';
import type { Config } from '../config/config';
import { jsonFouten, wrap } from '../http/bearer';
import { withTenant } from '../db/tenant';
import { signDevToken } from './jwt';
import { isSandboxRegio } from '../common/sandbox';
import { SYSTEEM, type Principal } from './principal';

/** One ready-made development identity: what the sign-in picker and the IDE's token picker show. */
export interface DevIdentiteit {
  /** Dutch label, e.g. "Contractbeheerder RIOZ". */
  label: string;
  rol: Principal['rol'];
  regio?: string;
  gemeenten: string[];
  agb?: string;
  token: string;
}

interface Partij {
  regio: string;
  regio_naam: string;
  gemeenten: { code: string; naam: string; actief: boolean }[];
  aanbieders: { agb: string; naam: string }[];
}

/**
 * The identities of every region's parties, each with a development token (HS256, `ttl`
 * seconds): a contract manager, the access team, each municipality's back office, each
 * contracted provider, an auditor per region, and an administrator.
 */
export async function devIdentiteiten(ds: DataSource, secret: string, ttl: number, opts: { issuer?: string; audience?: string } = {}): Promise<DevIdentiteit[]> {
  const partijen = await withTenant(ds, SYSTEEM, (em) =>
    em.query<Partij[]>(
      `SELECT r.code AS regio, r.naam AS regio_naam,
              COALESCE((SELECT json_agg(json_build_object('code', g.code, 'naam', g.naam, 'actief', g.geldig_tot IS NULL) ORDER BY g.naam)
                          FROM gemeente g WHERE g.regio_code = r.code), '[]') AS gemeenten,
              COALESCE((SELECT json_agg(json_build_object('agb', a.agb, 'naam', a.naam) ORDER BY a.naam)
                          FROM aanbieder a WHERE a.agb IN (SELECT c.aanbieder_agb FROM contract c WHERE c.regio_code = r.code)), '[]') AS aanbieders
         FROM regio r ORDER BY r.code`,
    ),
  );
  const uit: Omit<DevIdentiteit, 'token'>[] = [];
  for (const p of partijen) {
    const actief = p.gemeenten.filter((g) => g.actief).map((g) => g.code);
    uit.push({ label: `Contractbeheerder ${p.regio_naam}`, rol: 'regio', regio: p.regio, gemeenten: [] });
    uit.push({ label: `Toegangsteam ${p.regio_naam}`, rol: 'toegang', regio: p.regio, gemeenten: actief });
    for (const g of p.gemeenten.filter((x) => x.actief)) uit.push({ label: `Gemeente ${g.naam}`, rol: 'gemeente', regio: p.regio, gemeenten: [g.code] });
    // A sandbox's fictitious provider acts inside the sandbox: its token names the sandbox region.
    const sandbox = isSandboxRegio(p.regio) ? { regio: p.regio } : {};
    for (const a of p.aanbieders) uit.push({ label: `Aanbieder ${a.naam} (AGB ${a.agb})`, rol: 'aanbieder', agb: a.agb, gemeenten: [], ...sandbox });
    uit.push({ label: `Auditor ${p.regio_naam}`, rol: 'auditor', regio: p.regio, gemeenten: [] });
  }
  uit.push({ label: 'Beheerder', rol: 'beheerder', gemeenten: [] });
  // A provider contracted in two regions is one identity.
  const gezien = new Set<string>();
  const uniek = uit.filter((i) => {
    const k = `${i.rol}|${i.regio ?? ''}|${i.agb ?? ''}|${i.gemeenten.join(',')}`;
    return gezien.has(k) ? false : (gezien.add(k), true);
  });
  return Promise.all(uniek.map(async (i) => ({ ...i, token: await signDevToken({ rol: i.rol, regio: i.regio, agb: i.agb, gemeenten: i.gemeenten }, secret, ttl, opts) })));
}

/**
 * `GET /dev/identiteiten`: development sign-in for the dashboard and the GraphQL IDE. Mounted only
 * outside production and only with the development HS256 secret configured; never in production.
 */
export function devTokenRouter(ds: DataSource, cfg: Config): Router {
  const router = Router();
  router.get(
    '/identiteiten',
    wrap(async (_req, res) => {
      const secret = cfg.JWT_SECRET ?? '';
      const ttl = Math.min(cfg.JWT_MAX_TTL_SECONDS, 8 * 3600);
      res.setHeader('Cache-Control', 'no-store');
      res.json({ identiteiten: await devIdentiteiten(ds, secret, ttl, { issuer: cfg.JWT_ISSUER, audience: cfg.JWT_AUDIENCE }) });
    }),
  );
  router.use(jsonFouten('dev tokens'));
  return router;
}
