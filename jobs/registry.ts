import type { VoorschottenJobData } from '../src/bekostiging/voorschotten.job';

/**
 * The one typed registry of queues and jobs. Payloads are JSON with ids only: never entities,
 * XML or a BSN. Startup fails when a job has no handler or two (see `checkHandlers`).
 */
export const QUEUES = {
  onderhoud: ['contract-status', 'lumpsum-voorschotten', 'herversleutel'],
  berichten: ['bezorg-bericht', 'bezorg-budgetsignaal'],
} as const;

export type QueueName = keyof typeof QUEUES;
export type JobName<Q extends QueueName = QueueName> = (typeof QUEUES)[Q][number];

/** Payload types, one per job name. */
export interface JobData {
  /** Ends contracts whose term has passed; `peildatum` defaults to today. */
  'contract-status': { peildatum?: string };
  /** Creates the monthly lumpsum advances due by `peildatum` (default today) that do not exist yet. */
  'lumpsum-voorschotten': VoorschottenJobData;
  /** Rewrites stored encrypted values still under an older key into the current one (after a rotation). */
  herversleutel: Record<string, never>;
  /** Deliver an outbound iJw message to the party's endpoint or mailbox. */
  /** `requestId`: the request that caused the message (logged, and sent as X-Request-Id). */
  /** `ronde`: the outbox row's round after a freeze window handed it back (absent: 0). */
  'bezorg-bericht': { outboxId: string; berichtId: string; requestId?: string; ronde?: number };
  /** Deliver a budget alert to its region's endpoint (src/budget/budgetsignaal.bezorging.ts). */
  'bezorg-budgetsignaal': { outboxId: string; budgetsignaalId: string };
}

export type JobHandler<N extends JobName> = (data: JobData[N]) => Promise<Record<string, unknown>>;
export type Handlers = { [N in JobName]: JobHandler<N> };

/** Throws when the handler table does not match the registry one to one. */
export function checkHandlers(handlers: Record<string, unknown>): void {
  const declared: string[] = Object.values(QUEUES).flat();
  const missing = declared.filter((n) => typeof handlers[n] !== 'function');
  const unknown = Object.keys(handlers).filter((n) => !declared.includes(n));
  const dupes = declared.filter((n, i) => declared.indexOf(n) !== i);
  if (missing.length || unknown.length || dupes.length) {
    throw new Error(`job registry mismatch: missing ${missing.join(',') || '-'}; unknown ${unknown.join(',') || '-'}; twice ${dupes.join(',') || '-'}`);
  }
}

/** Resolves WORKER_QUEUES (`*` or a comma list) to known queue names; refuses unknown names. */
export function selectQueues(spec: string): QueueName[] {
  const all = Object.keys(QUEUES) as QueueName[];
  if (spec.trim() === '*') return all;
  const wanted = spec.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = wanted.filter((w) => !all.includes(w as QueueName));
  if (bad.length) throw new Error(`WORKER_QUEUES names unknown queues: ${bad.join(', ')} (known: ${all.join(', ')})`);
  return wanted as QueueName[];
}
