import type { DataSource } from 'typeorm';
import { SYSTEEM } from '../auth/principal';
import { Verdeelsleutel } from '../bekostiging/bekostiging.enums';
import { kostenverdelingService } from '../bekostiging/kostenverdeling.service';
import { withTenant } from '../db/tenant';
import type { DemoRegio } from './demo-types';

/**
 * The demo regions' budget lines as regional budget lines split over their municipalities by
 * inhabitants, each tied to its product categories (so the report charges a line only with the
 * spend of its categories), for every year in `jaren` (default: each line's own year). A line
 * already there is left as it is. Returns how many were added.
 */
export async function seedBegroting(ds: DataSource, regios: DemoRegio[], jaren?: number[]): Promise<number> {
  let n = 0;
  for (const regio of regios) {
    for (const lijn of regio.budgetlijnen) {
      for (const jaar of jaren ?? [lijn.jaar]) {
        await withTenant(ds, SYSTEEM, async (em) => {
          const er = await em.query<unknown[]>(`SELECT 1 FROM begrotingspost WHERE regio_code = $1 AND naam = $2 AND begindatum = $3`, [regio.code, lijn.naam, `${jaar}-01-01`]);
          if (er.length) return;
          await kostenverdelingService.maak(em, SYSTEEM, {
            regioCode: regio.code,
            naam: lijn.naam,
            begindatum: `${jaar}-01-01`,
            einddatum: `${jaar}-12-31`,
            bedragCenten: lijn.bedragCenten,
            sleutel: Verdeelsleutel.inwoners,
            productcategorieen: lijn.productcategorieen,
          });
          n += 1;
        });
      }
    }
  }
  return n;
}
