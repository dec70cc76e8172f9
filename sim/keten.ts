/**
 * The national chain between the two simulators, for tests and the demo: VECOZO and the GGk
 * joined as the real chain joins them (gemeente ⇄ GGk ⇄ VECOZO ⇄ aanbieder).
 *
 * - What a provider pushes to the VECOZO simulator for a municipality travels on through the GGk
 *   simulator as a Di01 (a retour, answering a message that came from the GGk, as a Du01) to the
 *   municipality's system: the hub's `/ggk/OntvangAsynchroon`. Its VECOZO status follows the
 *   hand-over: `Ontvangen` (the push) → `WordtAangeboden` (offered to the GGk) → `Bezorgd` (the
 *   receiver's Bv03), or `AfgekeurdDoorDienst` (a Fo03 the sender must correct, `plek` client) or
 *   `AanbiedenMislukt` (no answer, a 5xx, a Fo03 with `plek` server), with the fault as melding.
 * - What the GGk simulator accepts from the hub for a provider reached through VECOZO lands in the
 *   VECOZO simulator's pull list of the party that fetches for that provider, with the Di01's
 *   conversation: a Du01 (a retour) answers (`alsAntwoordOp`) the push its Di01 carried.
 *
 * Both simulators keep validating everything against their spec files: the bridge builds its
 * envelopes with the GGk simulator's own `envelop`, delivers them with its `lever`, and hands
 * messages to VECOZO through the simulator's `lever`. It imports nothing of the hub.
 */
import type { GgkSimulator, SimOntvangen, SimSysteem } from './ggk/simulator';
import type { Ontvangen, VecozoSimulator } from './vecozo/simulator';

export interface KetenOpties {
  /** The VECOZO party that pulls for a provider (default `hub`: the portal's software, as over plain http). */
  partijVan?: (agb: string) => string;
  /** Whether a provider is reached through VECOZO (default: every AGB code). */
  viaVecozo?: (agb: string) => boolean;
  /** The application named as zender of what VECOZO hands to the GGk (default `VECOZO`). */
  applicatie?: string;
}

/** One hand-over the bridge made, in order: for tests and the demo's log. */
export interface Overdracht {
  richting: 'naar-ggk' | 'naar-vecozo';
  /** VECOZO traceerId (of the push, or of the message made waiting). */
  traceerId: string;
  /** GGk referentienummer of the envelope. */
  referentienummer: string;
  functie: string;
  /** naar-ggk: the receiver's answer (Bv03, a Fo03 code, or the HTTP status); naar-vecozo: `wacht`. */
  uitkomst: string;
}

const GEMEENTE = /^\d{4}$/;
const AGB = /^\d{8}$/;

/** Joins a VECOZO simulator and a GGk simulator; `stop()` ends it (the simulators stay). */
export class Keten {
  /** Every hand-over, in order. */
  readonly overdrachten: Overdracht[] = [];
  /** What went wrong inside the bridge (should stay empty). */
  readonly fouten: string[] = [];
  /** GGk referentienummer of a Di01 the bridge delivered → the push it carried. */
  private readonly heen = new Map<string, { traceerId: string; conversatieId: string }>();
  /** VECOZO traceerId of a message the bridge made waiting → the Di01 it came in (a provider's Du01 answers it). */
  private readonly vanGgk = new Map<string, { referentienummer: string; zender: SimSysteem }>();
  private rij: Promise<void> = Promise.resolve();
  private gestopt = false;

  constructor(
    private readonly vecozo: VecozoSimulator,
    private readonly ggk: GgkSimulator,
    private readonly o: KetenOpties = {},
  ) {
    vecozo.bijPush((traceerId, m) => this.plan(() => this.naarGgk(traceerId, m)));
    ggk.bijOntvangst.push((e) => this.plan(() => this.naarVecozo(e)));
  }

  /** Resolves once every hand-over planned so far is done. */
  klaar(): Promise<void> {
    return this.rij;
  }

  stop(): Promise<void> {
    this.gestopt = true;
    return this.rij;
  }

  /** One hand-over at a time, in the order the simulators accepted the messages. */
  private plan(stap: () => Promise<void>): void {
    if (this.gestopt) return;
    this.rij = this.rij.then(stap).catch((e: unknown) => {
      this.fouten.push((e as Error).message);
    });
  }

  /** A provider's push, for a municipality: on to the GGk and the municipality's system. */
  private async naarGgk(traceerId: string, m: Ontvangen): Promise<void> {
    const r = m.metadata.routeringgegevens;
    const gemeente = r.geadresseerden.find((g) => g.code && GEMEENTE.test(g.code))?.code;
    const agb = r.afzender.code;
    if (!gemeente || !agb || !AGB.test(agb)) return; // not a provider's message for a municipality: not the GGk's
    const functie = r.berichtstroom.berichttype;
    const antwoordOp = m.metadata.referentiegegevens.alsAntwoordOp;
    const du01 = antwoordOp ? this.vanGgk.get(antwoordOp) : undefined;
    const zender = { organisatie: agb, applicatie: this.o.applicatie ?? 'VECOZO' };
    const ontvanger = { organisatie: gemeente, applicatie: 'GGk' };
    const env = this.ggk.envelop({ actie: du01 ? 'Du01' : 'Di01', zender, ontvanger, functie, xml: m.payload, ...(du01 && { crossRefnummer: du01.referentienummer }) });
    // What the GGk hands on is valid by the StUF-GGk XSDs too, as everything it accepts.
    const ongeldig = this.ggk.geldig(env.xml);
    if (ongeldig.length) throw new Error(`the bridge's ${du01 ? 'Du01' : 'Di01'} is not valid by the XSDs: ${ongeldig.join('; ')}`);
    if (!du01) this.heen.set(env.referentienummer, { traceerId, conversatieId: m.metadata.referentiegegevens.conversatieId });
    this.vecozo.zetStatus(traceerId, 'WordtAangeboden');
    let uitkomst: string;
    try {
      const [a] = await this.ggk.lever(du01 ? 'Du01' : 'Di01', env.xml);
      const code = /<StUF:code>([^<]+)<\/StUF:code>/.exec(a.xml)?.[1];
      const plek = /<StUF:plek>([^<]+)<\/StUF:plek>/.exec(a.xml)?.[1];
      if (a.http === 200 && /Bv03Bericht/.test(a.xml)) {
        uitkomst = 'Bv03';
        this.vecozo.zetStatus(traceerId, 'Bezorgd');
      } else if (code) {
        uitkomst = code;
        const omschrijving = /<StUF:omschrijving>([^<]*)<\/StUF:omschrijving>/.exec(a.xml)?.[1] ?? '';
        this.vecozo.zetStatus(traceerId, plek === 'client' ? 'AfgekeurdDoorDienst' : 'AanbiedenMislukt', [{ code, omschrijving: omschrijving || 'Fo03' }]);
      } else {
        uitkomst = `HTTP ${a.http}`;
        this.vecozo.zetStatus(traceerId, 'AanbiedenMislukt', [{ code: `HTTP${a.http}`, omschrijving: 'De ontvanger antwoordde niet met een Bv03' }]);
      }
    } catch (e) {
      uitkomst = 'verbroken';
      this.vecozo.zetStatus(traceerId, 'AanbiedenMislukt', [{ code: 'VERBROKEN', omschrijving: (e as Error).message.slice(0, 200) }]);
    }
    this.overdrachten.push({ richting: 'naar-ggk', traceerId, referentienummer: env.referentienummer, functie, uitkomst });
  }

  /** The hub's envelope for a provider reached through VECOZO: waiting in VECOZO's pull list. */
  private naarVecozo(e: SimOntvangen): Promise<void> {
    const agb = e.ontvanger.organisatie;
    if (e.actie === 'Fo01' || !e.payload || !e.functie || !AGB.test(agb) || !(this.o.viaVecozo?.(agb) ?? true)) return Promise.resolve();
    const heen = e.crossRefnummer ? this.heen.get(e.crossRefnummer) : undefined;
    const traceerId = this.vecozo.lever({
      partij: this.o.partijVan?.(agb) ?? 'hub',
      payload: e.payload,
      afzender: { rol: 'Gemeente', code: e.zender.organisatie },
      geadresseerde: { rol: 'Zorgaanbieder', code: agb },
      berichttype: e.functie,
      // Received now: its listing time is this moment, before any pull can take it.
      ontvangenOp: new Date(),
      ...(heen && { conversatieId: heen.conversatieId, alsAntwoordOp: heen.traceerId }),
    });
    if (e.actie === 'Di01') this.vanGgk.set(traceerId, { referentienummer: e.referentienummer, zender: e.zender });
    this.overdrachten.push({ richting: 'naar-vecozo', traceerId, referentienummer: e.referentienummer, functie: e.functie, uitkomst: 'wacht' });
    return Promise.resolve();
  }
}
