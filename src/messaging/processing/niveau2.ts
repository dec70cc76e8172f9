import { isValidBsn } from '../../common/bsn';
import { nodes, type Niveau2Regel } from './rules';

/**
 * Level 2: the in-message conditions and constraints (CD/CS/TR rules the XSLT checks), keyed by
 * their official codes. A rule returns false when the message breaks it; any failure rejects the
 * whole message with 0001 on the header, and the failed codes are kept on the message.
 */
export const NIVEAU2: Record<string, Niveau2Regel> = {
  /** CS002: every Bsn passes the 11-proef. */
  CS002: (c) => [...nodes(c.message.bericht)].every((n) => n.Bsn === undefined || isValidBsn(String(n.Bsn as string))),
};
