import type { Principal } from '../../auth/principal';
import { lijktEchteBsn } from '../../common/bsn';
import { HubError } from '../../common/hub-error';
import { isSandboxRegio, SANDBOX_ECHTE_BSN } from '../../common/sandbox';
import { leesDocument } from '../ijw/codec';
import { libxml2 } from '../ijw/xml';

/**
 * A sandbox accepts only fictitious clients: a message posted with a sandbox token whose `Bsn`
 * elements (anywhere in the message, any message type) hold a number that passes the 11-proef
 * outside the test range is refused at the door, before anything is stored. The refusal names how
 * many, never which: a BSN is never echoed, logged or stored. Production tokens are not checked
 * (a production region may well use test BSNs, as the demo does).
 */
export async function weigerEchteBsn(p: Principal, xml: Buffer): Promise<void> {
  if (!isSandboxRegio(p.regio)) return;
  const doc = leesDocument(await libxml2(), xml.toString('utf8'));
  try {
    const echt = doc.root.find('//*[local-name()="Bsn"]').filter((n) => lijktEchteBsn(n.content.trim())).length;
    if (echt > 0) {
      throw new HubError(SANDBOX_ECHTE_BSN, `De sandbox aanvaardt alleen fictieve BSN's uit de testreeks 9999xxxxx; dit bericht bevat ${echt} BSN('s) daarbuiten die de 11-proef doorstaan en wordt niet opgeslagen`, { aantal: echt });
    }
  } finally {
    doc.dispose();
  }
}
