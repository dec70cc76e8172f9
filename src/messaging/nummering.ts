/**
 * The next retour number, as SQL. A claim pre-flight (src/declaratie/proef.ts) judges and answers
 * a claim in a transaction it rolls back; sequences are not transactional, so it would use up
 * numbers and the real answers after it would be numbered otherwise than without it. Inside a
 * pre-flight (`hub.proef` set for the transaction) the number is 0 and no number is used.
 */
export const VOLGEND_RETOURNUMMER = `CASE WHEN current_setting('hub.proef', true) = 'on' THEN 0 ELSE nextval('retour_nummer') END`;

/** Marks the current transaction a pre-flight: see VOLGEND_RETOURNUMMER. */
export const ALS_PROEF_SQL = `SELECT set_config('hub.proef', 'on', true)`;
