import 'reflect-metadata';
import { ensureAppRole } from './db/app-role';
import { hubDataSource } from './modules';
import { migrateWithLock } from './db/migrate';
import { log } from './observability/logger';
import { bootConfig } from './runtime';

/** The migrate process: ensures the app role, then runs migrations under an advisory lock. */
async function main(): Promise<void> {
  const cfg = bootConfig();
  await ensureAppRole(cfg.DATABASE_OWNER_URL, cfg.DATABASE_URL);
  const ds = hubDataSource(cfg.DATABASE_OWNER_URL, { applicationName: 'hub-migrate' });
  await ds.initialize();
  try {
    const applied = await migrateWithLock(ds);
    log.info('migrations done', { applied });
  } finally {
    await ds.destroy();
  }
}

main().catch((e: unknown) => {
  log.error('migrate failed', { error: (e as Error).message });
  process.exit(1);
});
