import { parseArgs } from 'node:util';
import { signDevToken } from '../auth/jwt';
import { isRol } from '../auth/principal';
import { loadConfig } from '../config/config';

/** `npm run token -- --rol <rol> [--agb ..] [--gemeente ..] [--regio ..]`: prints a development JWT. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rol: { type: 'string' },
      agb: { type: 'string' },
      gemeente: { type: 'string', multiple: true },
      regio: { type: 'string' },
      sub: { type: 'string' },
      ttl: { type: 'string', default: '12h' },
    },
  });
  if (!isRol(values.rol)) {
    process.stderr.write('usage: npm run token -- --rol <regio|gemeente|toegang|aanbieder|beheerder|auditor> [--agb 8 digits] [--gemeente CBS code]... [--regio code]\n');
    process.exit(2);
  }
  const cfg = loadConfig();
  if (!cfg.JWT_SECRET) {
    process.stderr.write('JWT_SECRET is not set: development tokens need HS256\n');
    process.exit(2);
  }
  const gemeenten = (values.gemeente ?? []).flatMap((g) => g.split(','));
  const token = await signDevToken({ rol: values.rol, agb: values.agb, regio: values.regio, gemeenten, sub: values.sub }, cfg.JWT_SECRET, values.ttl);
  process.stdout.write(`${token}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exit(2);
});
