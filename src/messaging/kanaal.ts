/** The PostgreSQL channel the inbox notifies when it stored messages; the worker LISTENs on it. */
export const KANAAL_ONTVANGEN = 'hub_ontvangen';
