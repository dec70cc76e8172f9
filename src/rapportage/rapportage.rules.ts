import { HubError, HubErrorCode } from '../common/hub-error';

/** The days of a quarter and of its year, all `YYYY-MM-DD`, inclusive. */
export interface Kwartaal {
  jaar: number;
  kwartaal: number;
  /** First day of the quarter. */
  van: string;
  /** Last day of the quarter: the report's reference day. */
  tot: string;
  /** 1 January of the year. */
  jaarVan: string;
  /** 31 December of the year. */
  jaarTot: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The quarter `kwartaal` (1–4) of `jaar`; anything else is a VALIDATION_FAILED. */
export function kwartaalVan(jaar: number, kwartaal: number): Kwartaal {
  if (!Number.isInteger(jaar) || jaar < 2015 || jaar > 2100) throw new HubError(HubErrorCode.VALIDATION_FAILED, 'Jaar moet tussen 2015 en 2100 liggen', { veld: 'jaar' });
  if (!Number.isInteger(kwartaal) || kwartaal < 1 || kwartaal > 4) throw new HubError(HubErrorCode.VALIDATION_FAILED, 'Kwartaal is 1, 2, 3 of 4', { veld: 'kwartaal' });
  const eersteMaand = (kwartaal - 1) * 3 + 1;
  const laatsteDag = new Date(Date.UTC(jaar, eersteMaand + 2, 0)).getUTCDate();
  return {
    jaar,
    kwartaal,
    van: `${jaar}-${pad(eersteMaand)}-01`,
    tot: `${jaar}-${pad(eersteMaand + 2)}-${pad(laatsteDag)}`,
    jaarVan: `${jaar}-01-01`,
    jaarTot: `${jaar}-12-31`,
  };
}

/** How a definitive stop (JW307, RedenBeeindiging JZ588) counts as outflow; reden 20 is a temporary stop, not outflow. */
export type UitstroomGroep = 'volgensPlan' | 'voortijdig' | 'overig';

/** 31 = volgens plan; 32–35 = voortijdig (drop-out); 02 and 36–39 = overig. Null: not outflow (20, unknown). */
export function uitstroomGroep(reden: string | null): UitstroomGroep | null {
  if (reden === '31') return 'volgensPlan';
  if (reden !== null && ['32', '33', '34', '35'].includes(reden)) return 'voortijdig';
  if (reden !== null && ['02', '36', '37', '38', '39'].includes(reden)) return 'overig';
  return null;
}

/** The SQL twin of `uitstroomGroep` over a column holding RedenBeeindiging. */
export function uitstroomGroepSql(kolom: string): string {
  return `CASE WHEN ${kolom} = '31' THEN 'volgensPlan' WHEN ${kolom} IN ('32', '33', '34', '35') THEN 'voortijdig'
               WHEN ${kolom} IN ('02', '36', '37', '38', '39') THEN 'overig' END`;
}

/**
 * The part of an estimate (`geraamd_centen`) committed after the quarter: the estimate spread evenly
 * over the days of the toewijzing's period (open-ended: until its contract ends), the days after
 * the quarter's end up to 31 December counted; rounded to a cent per toewijzing. The twin of the
 * SQL in `stromenSql` (which aggregates it in the database), kept to pin the rule down in tests.
 */
export function verplicht(geraamdCenten: number, ingang: string, einde: string | null, k: Kwartaal): number {
  if (einde === null) return 0;
  const dag = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;
  const totaal = dag(einde) - dag(ingang) + 1;
  const van = Math.max(dag(ingang), dag(k.tot) + 1);
  const tot = Math.min(dag(einde), dag(k.jaarTot));
  const dagen = Math.max(0, tot - van + 1);
  return totaal > 0 ? Math.round((geraamdCenten * dagen) / totaal) : 0;
}
