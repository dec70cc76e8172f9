import fs from 'node:fs';
import { berichtHandlers } from '../../src/modules';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { SYSTEEM } from '../../src/auth/principal';
import type { Sleutels } from '../../src/common/sleutels';
import { withTenant } from '../../src/db/tenant';
import type { XsdValidators } from '../../src/messaging/ijw/xsd-validator';
import { verwerkBericht } from '../../src/messaging/processing/verwerking';

/**
 * The differential test of the message pipeline (test/differentieel.test.ts): a fixed scenario
 * of messages, each posted through the public door and processed before the next, and what the
 * hub made of it recorded: the message's state and the bytes of every message it wrote.
 * Compared byte for byte with golden files under test/fixtures/differentieel, written by the
 * same run with DIFF_BIJWERKEN=1.
 */

/**
 * THE processing entry of the scenario, the only place the pipeline is called: processes one
 * received message completely (its retour, JW325 or forwarding committed) before returning.
 * When the batch pipeline lands, swap this body for its entry; the golden files stay as they are.
 */
export async function verwerk(ds: DataSource, sleutels: Sleutels, id: string, xsd: XsdValidators): Promise<void> {
  await verwerkBericht(ds, sleutels, id, { handlers: berichtHandlers(), xsd });
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

export const GOUDEN_MAP = path.join(__dirname, '..', 'fixtures', 'differentieel');
export const BIJWERKEN = process.env.DIFF_BIJWERKEN === '1';

interface Rij {
  id: string;
  richting: string;
  type: string;
  afzender: string;
  ontvanger: string;
  identificatie: string;
  dagtekening: string | null;
  status: string;
  retourcodes: string[];
  fouten: { path: string; message: string }[] | null;
  heen_id: string | null;
  retour_id: string | null;
  aanbieder_ziet: boolean;
  xml_versleuteld: Buffer;
}

/** One message as recorded: every id replaced by a stable name. */
export interface Vastgelegd {
  naam: string;
  richting: string;
  type: string;
  afzender: string;
  ontvanger: string;
  identificatie: string;
  dagtekening: string | null;
  status: string;
  retourcodes: string[];
  fouten: { path: string; message: string }[] | null;
  heen: string | null;
  retour: string | null;
  aanbiederZiet: boolean;
  /** For a message the hub wrote: the file holding its bytes. */
  xml?: string;
}

/** What one step did: the HTTP answer of the door, and each message new or changed in this step. */
export interface Stap {
  stap: string;
  http?: { status: number; code?: string; berichtStatus?: string };
  berichten: Vastgelegd[];
}

/** An output as recorded: its file name and bytes. */
export interface Uitvoer {
  bestand: string;
  bytes: Buffer;
}

/**
 * Keeps the names of messages and the state of the bericht table between steps, so a step
 * reports only what changed in it. Ids (uuids) never reach the record: an inbound message is
 * named by the step that posted it, one the hub wrote by its type and Identificatie (retour
 * numbers and message numbers come from sequences of the fresh database: deterministic as long
 * as the steps run one after the other).
 */
export class Recorder {
  private readonly namen = new Map<string, string>();
  private vorige = new Map<string, string>();

  constructor(private readonly ds: DataSource, private readonly sleutels: Sleutels) {}

  noem(id: string, naam: string): void {
    if ([...this.namen.values()].includes(naam)) throw new Error(`name ${naam} used twice`);
    this.namen.set(id, naam);
  }

  /**
   * A finding's text with each message id in it replaced by that message's name: the only
   * field normalised, since a uuid differs every run (an id of no message in the table reads
   * <onbekend-id>).
   */
  private zonderUuid(tekst: string): string {
    return tekst.replace(UUID, (id) => `<${this.namen.get(id) ?? 'onbekend-id'}>`);
  }

  /**
   * Reads the bericht table and returns the rows new or changed since the last call (in a
   * stable order: this step's own message first, then by name), with the bytes of the new
   * messages the hub wrote when `metXml`.
   */
  async verschil(stap: string, eigen: string | undefined, metXml: boolean): Promise<{ berichten: Vastgelegd[]; uitvoer: Uitvoer[] }> {
    const rijen = await withTenant(this.ds, SYSTEEM, (em) =>
      em.query<Rij[]>(
        `SELECT id, richting, type, afzender, ontvanger, identificatie, to_char(dagtekening, 'YYYY-MM-DD') AS dagtekening, status, retourcodes, fouten,
                heen_id, retour_id, aanbieder_ziet, xml_versleuteld
           FROM bericht ORDER BY volgnummer`,
      ),
    );
    // Names first: a new message the hub wrote is named by type and Identificatie.
    for (const r of rijen) {
      if (this.namen.has(r.id)) continue;
      if (r.richting !== 'uit') throw new Error(`step ${stap}: an inbound message nobody named (${r.type} ${r.identificatie})`);
      this.noem(r.id, `${r.type}-${r.identificatie}`);
    }
    const naam = (id: string | null) => (id === null ? null : (this.namen.get(id) ?? '?'));
    const nu = new Map<string, string>();
    const berichten: Vastgelegd[] = [];
    const uitvoer: Uitvoer[] = [];
    for (const r of rijen) {
      const v: Vastgelegd = {
        naam: naam(r.id) as string,
        richting: r.richting,
        type: r.type,
        afzender: r.afzender,
        ontvanger: r.ontvanger,
        identificatie: r.identificatie,
        dagtekening: r.dagtekening,
        status: r.status,
        retourcodes: r.retourcodes,
        fouten: r.fouten?.map((f) => ({ path: f.path, message: this.zonderUuid(f.message) })) ?? null,
        heen: naam(r.heen_id),
        retour: naam(r.retour_id),
        aanbiederZiet: r.aanbieder_ziet,
      };
      const s = JSON.stringify(v);
      nu.set(r.id, s);
      const nieuw = !this.vorige.has(r.id);
      if (!nieuw && this.vorige.get(r.id) === s) continue;
      if (nieuw && r.richting === 'uit' && metXml) {
        v.xml = `${stap}.${v.naam}.xml`;
        uitvoer.push({ bestand: v.xml, bytes: this.sleutels.ontsleutel(r.xml_versleuteld) });
      }
      berichten.push(v);
    }
    this.vorige = nu;
    berichten.sort((a, b) => (a.naam === eigen ? -1 : b.naam === eigen ? 1 : a.naam < b.naam ? -1 : a.naam > b.naam ? 1 : 0));
    return { berichten, uitvoer };
  }
}

/** The golden record of a step as text: stable JSON, one file per step. */
export function alsTekst(s: Stap): string {
  return `${JSON.stringify(s, null, 2)}\n`;
}

/** Empties the golden directory before a DIFF_BIJWERKEN run, so no file of a removed step stays. */
export function leegGoudenMap(): void {
  fs.rmSync(GOUDEN_MAP, { recursive: true, force: true });
  fs.mkdirSync(GOUDEN_MAP, { recursive: true });
}

/** Writes one golden file (DIFF_BIJWERKEN=1). */
export function schrijfGouden(bestand: string, bytes: Buffer | string): void {
  fs.writeFileSync(path.join(GOUDEN_MAP, bestand), bytes);
}

/** A golden file's bytes, or undefined when there is none. */
export function leesGouden(bestand: string): Buffer | undefined {
  const f = path.join(GOUDEN_MAP, bestand);
  return fs.existsSync(f) ? fs.readFileSync(f) : undefined;
}

/** Every golden file there is. */
export function goudenBestanden(): string[] {
  return fs.existsSync(GOUDEN_MAP) ? fs.readdirSync(GOUDEN_MAP).sort() : [];
}
