import 'reflect-metadata';
import type { Principal } from '../auth/principal';
import { HubError } from '../common/hub-error';
import { withTenant } from '../db/tenant';
import { hubDataSource } from '../modules';
import { log } from '../observability/logger';
import { bootConfig } from '../runtime';
import { SandboxFout } from './sandbox.errors';
import { sandboxService } from './sandbox.service';

/** The operator at the command line: the hub administrator, as the hub itself. */
const OPERATOR: Principal = { sub: 'systeem:sandbox-reset', rol: 'beheerder', gemeenten: [] };

/**
 * `npm run sandbox:reset -- --regio RIOZ`: resets the sandbox of a production region (makes it
 * when it has none), as `resetSandbox` does, and prints its fictitious parties.
 */
async function main(): Promise<void> {
  const i = process.argv.indexOf('--regio');
  const regio = i > 0 ? process.argv[i + 1] : undefined;
  if (!regio) throw new Error('usage: npm run sandbox:reset -- --regio <production region code>');
  const cfg = bootConfig();
  const ds = hubDataSource(cfg.DATABASE_URL, { applicationName: 'hub-sandbox-reset', poolSize: 2 });
  await ds.initialize();
  try {
    const s = await withTenant(ds, OPERATOR, async (em) => {
      try {
        return await sandboxService.reset(em, ds, OPERATOR, regio);
      } catch (e) {
        if (e instanceof HubError && e.code === SandboxFout.onbekend) return sandboxService.maak(em, ds, OPERATOR, regio);
        throw e;
      }
    });
    process.stdout.write(`${JSON.stringify(s, null, 2)}\n`);
  } finally {
    await ds.destroy();
  }
}

main().catch((e: unknown) => {
  log.error('sandbox reset failed', { error: (e as Error).message });
  process.exit(1);
});
