import { budgetService } from '../budget/budget.service';
import type { IjwMessage, IjwNode } from '../messaging/ijw/codec';
import { parseMessage } from '../messaging/ijw/codec';
import type { BerichtHandler } from '../messaging/processing/handlers';
import { add, type Niveau3Regel, type Vooraf } from '../messaging/processing/rules';
import { nummerJw325, verstuurJw325 } from './antwoord';
import { beoordeel, legDeclaratieVast, type DeclaratieOordeel } from './declaratie.verwerking';
import { declaratieVan, legExternDeclaratieAntwoordVast, prestatieSleutel } from './extern';
import { clientenVan, lijst } from './jw325';

/** The checks of a JW325 a municipality's own system sends through the hub (a broken one is not forwarded). */
const JW325_REGELS: Record<string, Niveau3Regel> = {
  /**
   * TR366 → 9366 and TR367 → 9367: every prestatie of a JW325 (from a municipality's own system)
   * is one of the JW323 it answers, by ProductReferentie, with the same values.
   */
  TR366: async (c, b) => {
    if (c.message.type !== 'JW325') return;
    const a = c.message.bericht.DeclaratieAntwoord as IjwNode | undefined;
    const prestaties = lijst((a?.Clienten as IjwNode | undefined)?.Client).flatMap((cl) => lijst((cl.Prestaties as IjwNode).Prestatie));
    if (!prestaties.length) return;
    const d = await declaratieVan(c.em, c.bericht.gemeenteCode, c.message);
    const origineel = new Map<string, string>();
    if (d) {
      const bericht = await c.em.query<{ xml_versleuteld: Buffer }[]>('SELECT xml_versleuteld FROM bericht WHERE id = $1', [d.bericht_id]);
      const jw323 = (await parseMessage(c.sleutels.ontsleutel(bericht[0].xml_versleuteld), { maxBytes: Number.MAX_SAFE_INTEGER })).message;
      for (const { prestaties: ps } of jw323 ? clientenVan(jw323) : []) for (const p of ps) origineel.set(JSON.stringify(p.ProductReferentie), prestatieSleutel(p));
    }
    for (const p of prestaties) {
      const o = origineel.get(JSON.stringify(p.ProductReferentie));
      if (o === undefined) add(b, p, '9366');
      else if (o !== prestatieSleutel(p)) add(b, p, '9367');
    }
  },
};

/** What a claim's pre-flight judged (Vooraf.oordelen): the judgement and the JW325 it gives, null when the claim would be held. */
export interface DeclaratieVooraf {
  oordeel: DeclaratieOordeel;
  jw325: IjwMessage | null;
}

/** The pre-flight's judgement of this JW323, when its handler judged it (not when its header was rejected). */
export function declaratieVooraf(v: Vooraf, berichtId: string): DeclaratieVooraf | undefined {
  // Only the JW323 handler below leaves anything for a JW323's id, and only a DeclaratieVooraf.
  return v.oordelen.get(berichtId) as DeclaratieVooraf | undefined;
}

/**
 * Claims: a JW323 whose header passed is judged prestatie by prestatie, stored, and answered with a
 * JW325, unless its contract has the back office check claims first, or the municipality judges
 * claims in its own system (then it waits, held, for the release or for that JW325). A JW325 from
 * a municipality's own system becomes the claim's outcome and is forwarded.
 */
export const DECLARATIE_BERICHTEN: readonly BerichtHandler[] = [
  {
    type: 'JW323',
    beantwoord: async (c, bevindingen) => {
      // A rejected header is answered the standard way: a JW325 rejecting the whole claim.
      if (bevindingen.header.length) return undefined;
      const o = await beoordeel(c);
      const afgewezen = new Map(o.uitkomsten.filter((u) => u.codes.length).map((u) => [u.p.referentie, u.codes]));
      if (c.vooraf) {
        // The pre-flight: nothing later in its batch reads the claim's rows, so none are written;
        // the judgement and its JW325 stay in memory for the answer.
        const a = o.aanhouden ? undefined : await nummerJw325(c.em, c.message, { afgewezen, toegekend: o.toegekend, declaratieCodes: o.declaratieCodes }, c.vandaag);
        c.vooraf.oordelen.set(c.bericht.id, { oordeel: o, jw325: a?.jw325 ?? null } satisfies DeclaratieVooraf);
        return a ? { status: 'verwerkt', retourcodes: a.codes, fouten: null } : { status: 'aangehouden', retourcodes: [], fouten: null };
      }
      const declaratie = await legDeclaratieVast(c, o);
      // Budget alerts the granted prestaties reach, in this claim's transaction (README "Live budgets").
      await budgetService.signaleer(
        c.em,
        declaratie.id,
        o.uitkomsten.flatMap((u) => (u.toegekend !== 0 && u.contractId ? [{ contractId: u.contractId, jaar: Number(u.p.begin.slice(0, 4)) }] : [])),
      );
      if (declaratie.aangehouden) return { status: 'aangehouden', retourcodes: [], fouten: null };
      const antwoord = await verstuurJw325(c.em, c.sleutels, c.message, {
        declaratieId: declaratie.id,
        heenId: c.bericht.id,
        regioCode: c.bericht.regioCode,
        gemeenteCode: c.bericht.gemeenteCode,
        aanbiederAgb: c.bericht.aanbiederAgb,
        afgewezen,
        toegekend: o.toegekend,
        declaratieCodes: o.declaratieCodes,
      }, c.vandaag);
      return { status: 'verwerkt', retourcodes: antwoord.codes, fouten: null, geschreven: { retourId: antwoord.id } };
    },
  },
  {
    type: 'JW325',
    regels: JW325_REGELS,
    legVast: async (c) => {
      const { fouten, declaratieId } = await legExternDeclaratieAntwoordVast(c.em, { id: c.bericht.id, gemeente_code: c.bericht.gemeenteCode }, c.message);
      // What the municipality's own system granted counts against the budget as the hub's judgement
      // does: its alerts, in the same transaction (README "Live budgets").
      if (declaratieId) await budgetService.signaleerDeclaratie(c.em, declaratieId);
      return fouten;
    },
  },
];
