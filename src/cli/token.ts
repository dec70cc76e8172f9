import { parseArgs } from 'node:util';
import { signDevToken } from '../auth/jwt';
import { isRol } from '../auth/principal';
import { loadConfig } from '../config/config';

/** `npm run token -- --rol <rol> [--agb ..] [--gemeente ..] [--regio ..] [--ttl ..]`: prints a development JWT. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rol: { type: 'string' },
      agb: { type: 'string' },
      gemeente: { type: 'string', multiple: true },
      regio: { type: 'string' },
      sub: { type: 'string' },
      ttl: { type: 'string' },
    },
  });
  if (!isRol(values.rol)) {
    process.stderr.write('usage: npm run token -- --rol <regio|gemeente|toegang|aanbieder|beheerder|auditor> [--agb 8 digits] [--gemeente CBS code]... [--regio code] [--ttl 30m|12h|seconds]\n');
    process.exit(2);
  }
  const cfg = loadConfig();
  if (!cfg.JWT_SECRET) {
    process.stderr.write('JWT_SECRET is not set: development tokens need HS256\n');
    process.exit(2);
  }
  // The api refuses tokens that live longer than JWT_MAX_TTL_SECONDS: never mint one.
  const ttl = values.ttl === undefined ? cfg.JWT_MAX_TTL_SECONDS : seconds(values.ttl);
  if (ttl === undefined || ttl < 1 || ttl > cfg.JWT_MAX_TTL_SECONDS) {
    process.stderr.write(`--ttl: seconds or 30m/12h, at most JWT_MAX_TTL_SECONDS (${cfg.JWT_MAX_TTL_SECONDS} s)\n`);
    process.exit(2);
  }
  const gemeenten = (values.gemeente ?? []).flatMap((g) => g.split(','));
  const token = await signDevToken({ rol: values.rol, agb: values.agb, regio: values.regio, gemeenten, sub: values.sub }, cfg.JWT_SECRET, ttl, {
    issuer: cfg.JWT_ISSUER,
    audience: cfg.JWT_AUDIENCE,
  });
  process.stdout.write(`${token}\n`);
}

/** `3600`, `90s`, `30m`, `12h`, `1d` as seconds; undefined when unreadable. */
function seconds(v: string): number | undefined {
  const m = /^(\d+)\s*(s|m|h|d)?$/.exec(v.trim());
  if (!m) return undefined;
  return Number(m[1]) * { s: 1, m: 60, h: 3600, d: 86400 }[(m[2] ?? 's') as 's' | 'm' | 'h' | 'd'];
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exit(2);
});
