import type { EntityManager } from 'typeorm';
import { prepared } from '../db/prepared';
import type { Fout } from './processing/handlers';
import { NAAR_AANBIEDER } from './ijw/soorten';
import { bevrorenSql, wachtrijSql } from './verzendstop/verzendstop';

/**
 * Where a message is. Received: ontvangen → verwerkt | ongeldig | aangehouden | vastgelopen, or
 * for a municipality's message to forward afgekeurd | klaar. To deliver (written by the hub, or
 * forwarded): klaar → beschikbaar | afgeleverd | mislukt; waiting in the receiver's mailbox:
 * beschikbaar → opgehaald once the receiver confirmed it has it (the pull's receipt).
 */
export type BerichtStatus =
  | 'ontvangen'
  | 'verwerkt'
  | 'ongeldig'
  | 'afgekeurd'
  | 'aangehouden'
  | 'vastgelopen'
  | 'klaar'
  | 'beschikbaar'
  | 'afgeleverd'
  | 'mislukt'
  | 'opgehaald';

export const BERICHT_STATUSSEN: readonly BerichtStatus[] = ['ontvangen', 'verwerkt', 'ongeldig', 'afgekeurd', 'aangehouden', 'vastgelopen', 'klaar', 'beschikbaar', 'afgeleverd', 'mislukt', 'opgehaald'];

/** A judged message's new state, as the batch writes it. */
export interface Afgehandeld {
  id: string;
  status: BerichtStatus;
  codes: string[];
  fouten: Fout[] | null;
  /** The retour written for it, if any. */
  retour_id: string | null;
  /** For a forwarded message: whether the provider now sees it; null leaves it as it is. */
  ziet: boolean | null;
}

/**
 * The one writer of a message's state and of the outbox after a message was stored (the inbox
 * and `schrijfUitgaand` store new ones). Every statement here is in the caller's transaction.
 * What a GraphQL request may call goes through `em.query`, whose request transaction orders
 * concurrent resolvers' statements; the worker's own steps are prepared statements.
 */
export const berichtStatus = {
  /** Every outcome of a batch in one statement. */
  async afgehandeld(em: EntityManager, rijen: readonly Afgehandeld[]): Promise<void> {
    if (!rijen.length) return;
    await prepared(
      em,
      `UPDATE bericht b
          SET status = u.status, verwerkt_op = now(), retourcodes = u.codes, fouten = u.fouten,
              retour_id = coalesce(u.retour_id, b.retour_id), aanbieder_ziet = coalesce(u.ziet, b.aanbieder_ziet), volgende_poging = NULL
         FROM jsonb_to_recordset($1::jsonb) AS u(id uuid, status text, codes text[], fouten jsonb, retour_id uuid, ziet boolean)
        WHERE b.id = u.id`,
      [JSON.stringify(rijen)],
    );
  },

  /** An unexpected failure: tried again after a backoff, `vastgelopen` (a dead letter) after the last attempt. */
  async mislukt(em: EntityManager, id: string, o: { backoffMs: number; pogingen: number; fout: string }): Promise<BerichtStatus | undefined> {
    const r = await prepared<{ status: BerichtStatus }>(
      em,
      `UPDATE bericht
          SET pogingen = pogingen + 1,
              volgende_poging = now() + make_interval(secs => $2::float8 / 1000 * power(2, pogingen)),
              status = CASE WHEN pogingen + 1 >= $3 THEN 'vastgelopen' ELSE status END,
              fouten = jsonb_build_array(jsonb_build_object('path', 'verwerking', 'message', $4::text))
        WHERE id = $1 RETURNING status`,
      [id, o.backoffMs, o.pogingen, o.fout],
    );
    return r[0]?.status;
  },

  /** A received message answered (a claim's JW325): processed, pointing at its answer, with its codes. */
  async beantwoord(em: EntityManager, heenId: string, antwoordId: string, codes: readonly string[]): Promise<void> {
    await em.query(`UPDATE bericht SET status = 'verwerkt', verwerkt_op = now(), retour_id = $2, retourcodes = $3 WHERE id = $1`, [heenId, antwoordId, codes]);
  },

  /** A message linked to the message it answers; `vrijgeven`: the provider may now read it. */
  async koppel(em: EntityManager, antwoordId: string, heenId: string, vrijgeven: boolean): Promise<void> {
    await em.query(`UPDATE bericht SET heen_id = $2, aanbieder_ziet = aanbieder_ziet OR $3 WHERE id = $1`, [antwoordId, heenId, vrijgeven]);
  },

  /** A heen message's retour from the other party, with that retour's codes. */
  async retourOntvangen(em: EntityManager, heenId: string, retourId: string, codes: readonly string[]): Promise<void> {
    await em.query(`UPDATE bericht SET retour_id = $2, retourcodes = $3 WHERE id = $1`, [heenId, retourId, codes]);
  },

  /** To deliver: its outbox row, which the relay hands to the queue. */
  async teBezorgen(em: EntityManager, id: string): Promise<void> {
    await em.query(`INSERT INTO outbox (soort, bericht_id) VALUES ('bezorg', $1)`, [id]);
  },

  /** Budget alerts to deliver to their region's endpoint: their outbox rows (`soort = 'budgetsignaal'`), in the alerts' transaction. */
  async signalenTeBezorgen(em: EntityManager, budgetsignaalIds: readonly string[]): Promise<void> {
    if (budgetsignaalIds.length) await em.query(`INSERT INTO outbox (soort, budgetsignaal_id) SELECT 'budgetsignaal', unnest($1::uuid[])`, [budgetsignaalIds]);
  },

  /** A budget alert's delivery ended (delivered, or its region has no endpoint): its outbox row done. */
  async signaalBezorgd(em: EntityManager, outboxId: string): Promise<void> {
    await prepared(em, `UPDATE outbox SET afgehandeld_op = now() WHERE id = $1 AND soort = 'budgetsignaal' AND afgehandeld_op IS NULL`, [outboxId]);
  },

  /** A delivery ended (made available, delivered, or failed its last attempt): the message's status and its outbox row done. */
  async bezorgd(em: EntityManager, id: string, status: 'beschikbaar' | 'afgeleverd' | 'mislukt'): Promise<void> {
    await prepared(em, `UPDATE bericht SET status = $2 WHERE id = $1 AND status = 'klaar'`, [id, status]);
    await prepared(em, `UPDATE outbox SET afgehandeld_op = now() WHERE bericht_id = $1 AND soort = 'bezorg' AND afgehandeld_op IS NULL`, [id]);
  },

  /**
   * Receipt confirmed by the receiver that pulled them from its mailbox: `beschikbaar` →
   * `opgehaald`, once. `ids` are the caller's own mailbox items (the caller selects them in its
   * scope; row-level security, policy `ophalen`, allows no other). Of two callers confirming one
   * message at once, the second waits for the first's row lock and then finds it no longer
   * `beschikbaar`: one transition. Returns the ids that changed now.
   */
  async opgehaald(em: EntityManager, ids: readonly string[]): Promise<string[]> {
    if (!ids.length) return [];
    // In a WITH: TypeORM answers a bare UPDATE with [rows, count], a SELECT with its rows.
    const r = await em.query<{ id: string }[]>(
      `WITH u AS (UPDATE bericht SET status = 'opgehaald', opgehaald_op = now() WHERE id = ANY($1::uuid[]) AND status = 'beschikbaar' RETURNING id)
       SELECT id FROM u`,
      [ids],
    );
    return r.map((x) => x.id);
  },

  /**
   * The chain refused a message after it took it (an asynchronous fault), or while its delivery
   * is still under way (the fault overtook the chain's acknowledgement): a dead letter
   * (`mislukt`, its outbox row done, redriven by an administrator). With `opnieuw` a delivered
   * message goes back to `klaar` with a new delivery row; one still being delivered is sent
   * again by that delivery (its channel sees the request). Returns whether the message changed.
   */
  async ketenFout(em: EntityManager, id: string, opnieuw: boolean): Promise<boolean> {
    if (opnieuw) {
      const r = await em.query<{ id: string }[]>(`WITH u AS (UPDATE bericht SET status = 'klaar' WHERE id = $1 AND status = 'afgeleverd' RETURNING id) SELECT id FROM u`, [id]);
      if (r.length) await berichtStatus.teBezorgen(em, id);
      return r.length > 0;
    }
    const r = await em.query<{ id: string }[]>(`WITH u AS (UPDATE bericht SET status = 'mislukt' WHERE id = $1 AND status IN ('afgeleverd', 'klaar') RETURNING id) SELECT id FROM u`, [id]);
    if (r.length) await em.query(`UPDATE outbox SET afgehandeld_op = now() WHERE bericht_id = $1 AND soort = 'bezorg' AND afgehandeld_op IS NULL`, [id]);
    return r.length > 0;
  },

  /** A sandbox being reset: the outbox rows of its messages go with them (row-level security admits a sandbox's rows only). */
  async sandboxGeleegd(em: EntityManager, regio: string): Promise<void> {
    await em.query(`DELETE FROM outbox o USING bericht b WHERE b.id = o.bericht_id AND b.regio_code = $1`, [regio]);
  },

  /**
   * During a freeze window (src/messaging/verzendstop): the delivery rows not yet handed over of
   * messages for a frozen chain channel, and of sending systems with held rows still open, are
   * held (`vastgehouden_op`): the relay hands them over only after the window, in order.
   */
  async houdVast(em: EntityManager, moment: Date): Promise<void> {
    await prepared(
      em,
      `UPDATE outbox o SET vastgehouden_op = now()
         FROM bericht b JOIN keten_route k ON k.aanbieder_agb = b.aanbieder_agb
        WHERE o.bericht_id = b.id AND o.soort = 'bezorg' AND o.doorgezet_op IS NULL AND o.vastgehouden_op IS NULL AND o.afgehandeld_op IS NULL
          AND b.type = ANY($2::text[])
          AND (${bevrorenSql('k.kanaal', 'b.regio_code', '$1::timestamptz')} OR ${wachtrijSql('k.kanaal', 'b.gemeente_code')})`,
      [moment, [...NAAR_AANBIEDER]],
    );
  },

  /**
   * A delivery job that found its channel frozen: its row goes back, held, to be handed over
   * after the window as a new round (a new job id); this job ends without sending, so it uses up
   * no attempt. Only the job of the row's current round does this.
   */
  async uitgesteld(em: EntityManager, id: string, ronde: number): Promise<void> {
    await prepared(
      em,
      `UPDATE outbox SET doorgezet_op = NULL, vastgehouden_op = coalesce(vastgehouden_op, now()), ronde = ronde + 1
        WHERE bericht_id = $1 AND soort = 'bezorg' AND afgehandeld_op IS NULL AND ronde = $2`,
      [id, ronde],
    );
  },

  /** Outbox rows handed to the queue. */
  async doorgezet(em: EntityManager, outboxIds: readonly string[]): Promise<void> {
    await prepared(em, `UPDATE outbox SET doorgezet_op = now() WHERE id = ANY($1::bigint[])`, [outboxIds]);
  },

  /**
   * A dead letter redriven: a failed delivery delivers again from the start, a `vastgelopen`
   * message waits to be processed again. Returns its region and new status, or nothing when it is
   * no dead letter.
   */
  async herstart(em: EntityManager, id: string): Promise<{ regio_code: string | null; status: BerichtStatus } | undefined> {
    const r = await em.query<{ regio_code: string | null; status: BerichtStatus }[]>(
      `WITH u AS (
         UPDATE bericht SET status = CASE status WHEN 'mislukt' THEN 'klaar' ELSE 'ontvangen' END, pogingen = 0, volgende_poging = NULL
          WHERE id = $1 AND status IN ('mislukt', 'vastgelopen') RETURNING regio_code, status)
       SELECT regio_code, status FROM u`,
      [id],
    );
    if (r[0]?.status === 'klaar') await berichtStatus.teBezorgen(em, id);
    return r[0];
  },
};
