import type { DataSource } from 'typeorm';
import { audit } from '../src/auth/audit.service';
import { SYSTEEM } from '../src/auth/principal';
import { ContractStatus } from '../src/common/enums';
import { vandaag } from '../src/common/klok';
import { ContractEntity } from '../src/contracting/contract.entity';
import { withTenant } from '../src/db/tenant';
import type { JobData } from './registry';

export { SYSTEEM };

/**
 * Ends every active contract whose last day lies before the reference date. Idempotent: a
 * second run finds nothing left to end.
 */
export async function contractStatus(ds: DataSource, data: JobData['contract-status']): Promise<{ beeindigd: number }> {
  const peildatum = data.peildatum ?? vandaag();
  return withTenant(ds, SYSTEEM, async (em) => {
    const rows = await em
      .createQueryBuilder()
      .update(ContractEntity)
      .set({ status: ContractStatus.beeindigd, beeindigdReden: 'looptijd verstreken' })
      .where('status = :actief AND einddatum < :peil', { actief: ContractStatus.actief, peil: peildatum })
      .returning(['id', 'regioCode', 'nummer'])
      .execute();
    const ended = (rows.raw as { id: string; regio_code: string; nummer: string }[]) ?? [];
    for (const c of ended) await audit(em, SYSTEEM, 'contract.verlopen', 'contract', c.id, { nummer: c.nummer, peildatum }, c.regio_code);
    return { beeindigd: ended.length };
  });
}
