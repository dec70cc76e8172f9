#!/usr/bin/env node
// `npm run token`: prints a development JWT (HS256) without building the hub: plain JavaScript
// that loads only jose (and pg to look up a municipality's region). The development secret, the
// default and maximum lifetime and the roles come from the same JSON files src/config/config.ts
// and src/auth/principal.ts read; the demo municipalities from the file src/seed/demo-data.ts reads.
'use strict';
const { parseArgs } = require('node:util');
const STANDAARD = require('../src/config/standaard.json');
const ROLLEN = require('../src/auth/rollen.json');
const DEMO_GEMEENTEN = require('../src/seed/demo-gemeenten.json');

const USAGE = `gebruik: npm run token -- --rol <${ROLLEN.join('|')}> [opties]

  --rol <rol>          verplicht
  --gemeente <code>    CBS-code (herhaalbaar, of met komma's); de regio volgt eruit
  --regio <code>       regio (RIOZ, RIGG, …); bij --gemeente alleen als controle
  --agb <8 cijfers>    AGB-code van een aanbieder (rol aanbieder)
  --sub <naam>         subject (standaard dev-<rol>)
  --ttl <duur>         geldigheid: seconden, of 90s, 30m, 12h, 1d; standaard en hoogstens
                       JWT_MAX_TTL_SECONDS (nu ${maxTtl()} s); de api weigert langer levende tokens
  --help               deze tekst

De regio van --gemeente komt uit de database (DATABASE_OWNER_URL) als die bereikbaar is, anders
uit de demodata; gemeenten van verschillende regio's in één token worden geweigerd.
Omgeving: JWT_SECRET (standaard het ontwikkelgeheim), JWT_ISSUER, JWT_AUDIENCE, JWT_MAX_TTL_SECONDS.
`;

function maxTtl() {
  const v = process.env.JWT_MAX_TTL_SECONDS;
  return v === undefined || v === '' ? STANDAARD.jwtMaxTtlSeconds : Number(v);
}

/** `3600`, `90s`, `30m`, `12h`, `1d` as seconds; undefined when unreadable. */
function seconden(v) {
  const m = /^(\d+)\s*(s|m|h|d)?$/.exec(String(v).trim());
  if (!m) return undefined;
  return Number(m[1]) * { s: 1, m: 60, h: 3600, d: 86400 }[m[2] ?? 's'];
}

function stop(melding) {
  process.stderr.write(`${melding}\n`);
  process.exit(2);
}

/** The region of each municipality: from the hub's database when it answers, else from the demo data. */
async function regiosVan(codes) {
  const url = process.env.DATABASE_OWNER_URL || STANDAARD.databaseOwnerUrl;
  const { Client } = require('pg');
  const db = new Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await db.connect();
    const r = await db.query('SELECT DISTINCT code, regio_code FROM gemeente WHERE code = ANY($1)', [codes]);
    if (r.rows.length) return { bron: 'database', regios: new Map(r.rows.map((x) => [x.code, x.regio_code])) };
  } catch {
    // Not reachable, or not migrated yet: the demo data decides.
  } finally {
    await db.end().catch(() => undefined);
  }
  const regios = new Map();
  for (const [regio, gemeenten] of Object.entries(DEMO_GEMEENTEN)) for (const g of gemeenten) if (codes.includes(g.code)) regios.set(g.code, regio);
  return { bron: 'demodata', regios };
}

async function main() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        rol: { type: 'string' },
        agb: { type: 'string' },
        gemeente: { type: 'string', multiple: true },
        regio: { type: 'string' },
        sub: { type: 'string' },
        ttl: { type: 'string' },
        help: { type: 'boolean' },
      },
    }));
  } catch (e) {
    stop(`${e.message}\n\n${USAGE}`);
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  if (!ROLLEN.includes(values.rol)) stop(USAGE);
  const secret = process.env.JWT_SECRET || (process.env.NODE_ENV === 'production' ? undefined : STANDAARD.jwtDevSecret);
  if (!secret) stop('JWT_SECRET is niet gezet: ontwikkeltokens zijn HS256 (het ontwikkelgeheim geldt niet in productie)');
  const max = maxTtl();
  const ttl = values.ttl === undefined ? max : seconden(values.ttl);
  if (ttl === undefined || ttl < 1 || ttl > max) stop(`--ttl: seconden of 30m/12h, hoogstens JWT_MAX_TTL_SECONDS (${max} s)`);
  if (values.agb !== undefined && !/^[0-9]{8}$/.test(values.agb)) stop('--agb: 8 cijfers');
  const gemeenten = [...new Set((values.gemeente ?? []).flatMap((g) => g.split(',')).map((g) => g.trim()).filter(Boolean))];
  if (gemeenten.some((g) => !/^[0-9]{4}$/.test(g))) stop('--gemeente: CBS-codes van 4 cijfers');

  let regio = values.regio;
  if (gemeenten.length) {
    const { bron, regios } = await regiosVan(gemeenten);
    const onbekend = gemeenten.filter((g) => !regios.has(g));
    if (onbekend.length) stop(`onbekende gemeente(n) in de ${bron}: ${onbekend.join(', ')}`);
    const gevonden = [...new Set(gemeenten.map((g) => regios.get(g)))];
    if (gevonden.length > 1) stop(`de gemeenten horen bij verschillende regio's (${gemeenten.map((g) => `${g}: ${regios.get(g)}`).join(', ')}): één regio per token`);
    if (regio !== undefined && regio !== gevonden[0]) stop(`--regio ${regio} past niet bij de gemeente(n): die horen bij ${gevonden[0]}`);
    regio = gevonden[0];
  }
  if (['regio', 'toegang', 'auditor', 'gemeente'].includes(values.rol) && !regio) stop(`rol ${values.rol} heeft een regio nodig: --regio of --gemeente`);
  if (['gemeente', 'toegang'].includes(values.rol) && !gemeenten.length) stop(`rol ${values.rol} heeft een --gemeente nodig`);
  if (values.rol === 'aanbieder' && !values.agb) stop('rol aanbieder heeft een --agb nodig');

  // The claims the hub reads (src/auth/jwt.ts): rol, regio, gemeenten, agb.
  const claims = { rol: values.rol };
  if (regio) claims.regio = regio;
  if (gemeenten.length) claims.gemeenten = gemeenten;
  if (values.agb) claims.agb = values.agb;
  const { SignJWT } = require('jose');
  const nu = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(values.sub ?? `dev-${values.rol}`)
    .setIssuedAt(nu)
    .setExpirationTime(nu + ttl);
  if (process.env.JWT_ISSUER) jwt.setIssuer(process.env.JWT_ISSUER);
  if (process.env.JWT_AUDIENCE) jwt.setAudience(process.env.JWT_AUDIENCE);
  process.stdout.write(`${await jwt.sign(new TextEncoder().encode(secret))}\n`);
}

main().catch((e) => stop(e.message));
