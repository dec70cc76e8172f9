import type { DataSource } from 'typeorm';
import { SYSTEEM, type Principal } from '../auth/principal';
import { NormSoort } from '../capaciteit/wachttijdnorm.entity';
import { capaciteitService } from '../capaciteit/capaciteit.service';
import { lumpsumService } from '../bekostiging/lumpsum.service';
import { maakVoorschotten } from '../bekostiging/voorschotten.job';
import { nu, resetKlok, vandaag, zetKlok } from '../common/klok';
import type { Sleutels } from '../common/sleutels';
import { jw323Xml } from '../declaratie/jw323';
import { withTenant } from '../db/tenant';
import { writeMessage, type IjwNode } from '../messaging/ijw/codec';
import { sampleMessage } from '../messaging/ijw/samples';
import { readEnvelope } from '../messaging/inbox/envelope';
import { checkSender, Inbox } from '../messaging/inbox/inbox.service';
import type { BerichtHandlers } from '../messaging/processing/handlers';
import { verwerkBatch } from '../messaging/processing/verwerking';
import { bouwJw301 } from '../toewijzing/jw301';
import { ToewijzingEntity } from '../toewijzing/toewijzing.entity';
import { seedBegroting } from './begroting';
import type { DemoRegio } from './demo-types';
import { planVerkeer, plusDagen, type Gebeurtenis, type LumpsumStart, type PlanClient, type PlanDeclaratie, type VerkeerOpties, type VerkeerPlan } from './verkeer.plan';

export { planVerkeer, type VerkeerOpties } from './verkeer.plan';

/** Every message the generator sends has an Identificatie starting with this: how a rerun knows the year is there. */
export const DEMO_IDENTIFICATIE = 'DM';

/** A tariff version: cents per unit from `vanaf` through `tot` (open when null). */
export interface TariefVersie {
  vanaf: string;
  tot: string | null;
  centen: number;
}
/** Tariffs per `${agb}/${regio}/${productCode}`. */
export type Tarieven = Map<string, TariefVersie[]>;

/** The tariff valid on `dag` for a provider's product in a region: a claim's ProductTarief is the one valid on the prestatie's first day. */
export function tariefOp(t: Tarieven, agb: string, regio: string, code: string, dag: string): number | undefined {
  return t.get(`${agb}/${regio}/${code}`)?.find((v) => v.vanaf <= dag && (v.tot === null || v.tot >= dag))?.centen;
}

const id = (n: number) => `${DEMO_IDENTIFICATIE}${String(n).padStart(7, '0')}`;

function kop(m: { bericht: IjwNode }, afzender: string, ontvanger: string, identificatie: string, dag: string): void {
  const h = m.bericht.Header as IjwNode;
  h.Afzender = afzender;
  h.Ontvanger = ontvanger;
  h.BerichtIdentificatie = { Identificatie: identificatie, Dagtekening: dag };
}

/** The client's BSN, birth date, sex and name in a message's Client. */
function persoon(client: IjwNode, c: { bsn: string; geboortedatum: string; geslacht: string; achternaam: string }): IjwNode {
  client.Bsn = c.bsn;
  client.Geboortedatum = { Datum: c.geboortedatum };
  client.Geslacht = c.geslacht;
  client.Naam = { Geslachtsnaam: { Achternaam: c.achternaam } };
  return client;
}

const product = (c: { aanbod: { categorie: string; code: string } }): IjwNode => ({ Categorie: c.aanbod.categorie, Code: c.aanbod.code });

/** JW315: the provider asks the municipality to allocate after a referral by the GP. */
export function jw315(c: PlanClient, identificatie: string): string {
  const m = sampleMessage('JW315', 'minimal');
  kop(m, c.aanbod.agb, c.gemeente, identificatie, c.aangevraagd ?? c.toegewezen);
  const client = m.bericht.Client as IjwNode;
  client.Bsn = c.bsn;
  client.Geboortedatum = { Datum: c.geboortedatum };
  client.Geslacht = c.geslacht;
  client.Naam = { Geslachtsnaam: { Achternaam: c.achternaam }, Voornamen: c.voornaam };
  client.AangevraagdeProducten = {
    AangevraagdProduct: [
      {
        ReferentieAanbieder: c.referentie ?? '',
        Product: product(c),
        ToewijzingIngangsdatum: plusDagen(c.aangevraagd ?? c.toegewezen, 14),
        ToewijzingEinddatum: c.einde,
        Omvang: { Volume: c.omvang.volume, Eenheid: c.omvang.eenheid, Frequentie: c.omvang.frequentie },
        Verwijzer: { Type: '02', Naam: 'Huisarts' },
      },
    ],
  };
  return writeMessage(m);
}

/** JW301 from the municipality's case system: the toewijzing, answering the request when there was one. */
export function jw301(c: PlanClient, identificatie: string): string {
  const t = Object.assign(new ToewijzingEntity(), {
    nummer: c.nummer,
    productCategorie: c.aanbod.categorie,
    productCode: c.aanbod.code,
    toewijzingsdatum: c.toegewezen,
    toewijzingstijd: '09:30:00',
    ingangsdatum: c.toegewezen,
    einddatum: c.einde,
    volume: c.omvang.volume,
    eenheid: c.omvang.eenheid,
    frequentie: c.omvang.frequentie,
    budget: null,
    redenWijziging: null,
    referentieAanbieder: c.referentie,
  });
  return writeMessage(
    bouwJw301({
      gemeenteCode: c.gemeente,
      aanbiederAgb: c.aanbod.agb,
      identificatie,
      dagtekening: c.toegewezen,
      client: { bsn: c.bsn, geboortedatum: c.geboortedatum, geslacht: c.geslacht, achternaam: c.achternaam, voornamen: c.voornaam, adres: { postcode: c.postcode, huisnummer: c.huisnummer } },
      actueel: [t],
      gewijzigd: new Set(),
      beantwoordt: c.referentie ? new Set([c.nummer]) : undefined,
    }),
  );
}

/** JW305: the provider reports the start of care (a lumpsum start names no toewijzing). */
export function jw305(c: PlanClient | LumpsumStart, identificatie: string): string {
  const m = sampleMessage('JW305', 'minimal');
  kop(m, c.aanbod.agb, c.gemeente, identificatie, c.startGemeld);
  const client = persoon(m.bericht.Client as IjwNode, c);
  const start: IjwNode = {};
  if ('nummer' in c) start.ToewijzingNummer = c.nummer;
  start.Product = product(c);
  start.Begindatum = c.gestart;
  start.StatusAanlevering = '1';
  client.StartProducten = { StartProduct: [start] };
  return writeMessage(m);
}

/** JW307: the provider reports the end of care with its RedenBeeindiging. */
export function jw307(c: PlanClient, identificatie: string): string {
  const stop = c.gestopt;
  if (!stop) throw new Error(`client ${c.nr} has no stop`);
  const m = sampleMessage('JW307', 'minimal');
  kop(m, c.aanbod.agb, c.gemeente, identificatie, stop.gemeld);
  const client = persoon(m.bericht.Client as IjwNode, c);
  client.StopProducten = {
    StopProduct: [{ ToewijzingNummer: c.nummer, Product: product(c), Begindatum: c.gestart, RedenBeeindiging: stop.reden, Einddatum: stop.datum, StatusAanlevering: '1' }],
  };
  return writeMessage(m);
}

/** JW323: a month of care; prestaties without a tariff on their first day are left out (undefined when none is left). */
export function jw323(d: PlanDeclaratie, identificatie: string, tarieven: Tarieven): string | undefined {
  const clienten = d.prestaties.flatMap((p) => {
    const tarief = tariefOp(tarieven, d.agb, d.regio, p.client.aanbod.code, p.begin);
    if (tarief === undefined) return [];
    const c = p.client;
    return [{ bsn: c.bsn, prestaties: [{ ref: `${identificatie}-${c.nr}`, nummer: c.nummer, categorie: c.aanbod.categorie, code: c.aanbod.code, begin: p.begin, eind: p.eind, volume: p.volume, eenheid: c.omvang.eenheid, tarief }] }];
  });
  if (!clienten.length) return undefined;
  return jw323Xml({ identificatie, nummer: identificatie, periode: d.periode, afzender: d.agb, gemeente: d.gemeente, clienten });
}

/** One message to send: who sends it and the XML. */
export interface TeVersturen {
  afzender: Principal;
  soort: Gebeurtenis['soort'];
  xml: string;
}

/** The messages of one event (Identificatie from its position in the plan); none for a claim without tariffs. */
export function berichtVan(g: Gebeurtenis, n: number, tarieven: Tarieven): TeVersturen | undefined {
  const aanbieder = (agb: string): Principal => ({ sub: `demo:aanbieder:${agb}`, rol: 'aanbieder', agb, gemeenten: [] });
  switch (g.soort) {
    case 'JW315':
      return { afzender: aanbieder(g.client.aanbod.agb), soort: g.soort, xml: jw315(g.client, id(n)) };
    case 'JW301':
      return { afzender: { sub: 'demo:zaaksysteem', rol: 'toegang', regio: g.client.regio, gemeenten: [g.client.gemeente] }, soort: g.soort, xml: jw301(g.client, id(n)) };
    case 'JW305':
      return { afzender: aanbieder(g.client.aanbod.agb), soort: g.soort, xml: jw305(g.client, id(n)) };
    case 'JW305-lumpsum':
      return { afzender: aanbieder(g.start.aanbod.agb), soort: g.soort, xml: jw305(g.start, id(n)) };
    case 'JW307':
      return { afzender: aanbieder(g.client.aanbod.agb), soort: g.soort, xml: jw307(g.client, id(n)) };
    case 'JW323': {
      const xml = jw323(g.declaratie, id(n), tarieven);
      return xml === undefined ? undefined : { afzender: aanbieder(g.declaratie.agb), soort: g.soort, xml };
    }
  }
}

export interface VerkeerResultaat {
  /** The year was there already: nothing was sent. */
  overgeslagen: boolean;
  berichten: number;
  /** Judged without a retour code (a JW325 counts when its header passed). */
  zonderBevinding: number;
  /** Judged with retour codes, invalid, or still failing. */
  metBevinding: number;
  clienten: number;
  ms: number;
  /** Messages with findings per type and codes, e.g. `JW301 9379` (the status when it has none). */
  bevindingen: Record<string, number>;
}

export interface VerkeerContext {
  ds: DataSource;
  sleutels: Sleutels;
  handlers: BerichtHandlers;
  /** IJW_MAX_BYTES: the inbox's limit. */
  maxBytes: number;
  /** A line of progress (Dutch), printed as it comes. */
  voortgang?: (regel: string) => void;
}

/**
 * Generates the demo's year of traffic up to today through the hub's real message path: each
 * message enters the inbox as its sender's post would (envelope, sender check, one write per
 * caller) and is judged by the worker's batch (`verwerkBatch`), day by day with the hub's clock
 * on that day, so request, allocation and start dates, deadlines and waiting times are those of
 * the day. Also sets the regions' waiting-time norms, a lumpsum with its advances, the budget
 * lines of the traffic's years, and the providers' capacity. Idempotent: when the year's
 * messages are there (any DM… Identificatie), nothing happens.
 *
 * It moves the hub's clock of THIS process while it runs (and puts it back after): run it
 * before the worker and api start, or in a test that pins its own clock.
 */
export async function genereerVerkeer(ctx: VerkeerContext, regios: DemoRegio[], opties: VerkeerOpties): Promise<VerkeerResultaat> {
  const t0 = Date.now();
  const { ds } = ctx;
  const zeg = ctx.voortgang ?? (() => undefined);
  const al = await withTenant(ds, SYSTEEM, (em) => em.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM bericht WHERE richting = 'in' AND identificatie LIKE '${DEMO_IDENTIFICATIE}%'`));
  if (al[0].n > 0) return { overgeslagen: true, berichten: al[0].n, zonderBevinding: 0, metBevinding: 0, clienten: 0, ms: Date.now() - t0, bevindingen: {} };

  const plan = planVerkeer(regios, opties);
  zeg(`verkeer: ${plan.clienten.length} cliënten en ${plan.lumpsumStarts.length} lumpsumcliënten, ${plan.gebeurtenissen.length} berichten van ${plan.van} tot ${opties.vandaag}`);
  const tarieven = await leesTarieven(ds);
  await voorbereiden(ctx, regios, plan);

  // The clock of this process is moved day by day; put back afterwards as it was (a test may have pinned it).
  const verschuiving = nu().getTime() - Date.now();
  const inbox = new Inbox(ds, ctx.sleutels);
  const r: VerkeerResultaat = { overgeslagen: false, berichten: 0, zonderBevinding: 0, metBevinding: 0, clienten: plan.clienten.length + plan.lumpsumStarts.length, ms: 0, bevindingen: {} };
  try {
    let i = 0;
    let maand = '';
    for (let dag = plan.van; dag <= opties.vandaag; dag = plusDagen(dag, 1)) {
      if (dag.slice(0, 7) !== maand) {
        if (maand) zeg(maandRegel(plan, maand, r, await uitkomsten(ds, r), Date.now() - t0));
        maand = dag.slice(0, 7);
      }
      const vandaagsEerste = i;
      while (i < plan.gebeurtenissen.length && plan.gebeurtenissen[i].dag === dag) i++;
      if (i === vandaagsEerste) continue;
      zetKlok(dag);
      // One round a day: the plan never puts two messages of one client on one day, and a claim
      // only names care whose start was reported on an earlier day.
      const posts: TeVersturen[] = [];
      for (let k = vandaagsEerste; k < i; k++) {
        const b = berichtVan(plan.gebeurtenissen[k], k + 1, tarieven);
        if (b) posts.push(b);
      }
      await verstuur(ctx, inbox, posts);
      r.berichten += posts.length;
      await verwerkAlles(ctx);
    }
    zeg(maandRegel(plan, maand, r, await uitkomsten(ds, r), Date.now() - t0));
  } finally {
    if (verschuiving > 1000 || verschuiving < -1000) zetKlok(new Date(Date.now() + verschuiving).toISOString());
    else resetKlok();
  }
  await uitkomsten(ds, r);
  const v = await maakVoorschotten(ds, { peildatum: opties.vandaag });
  const cap = await capaciteit(ctx, regios, opties.seed);
  zeg(`lumpsum: ${v.voorschotten} maandelijkse voorschotten; capaciteit: ${cap} locaties`);
  r.ms = Date.now() - t0;
  return r;
}

function maandRegel(plan: VerkeerPlan, maand: string, r: VerkeerResultaat, inZorg: number, ms: number): string {
  const n = plan.maanden.indexOf(maand) + 1;
  return `verkeer maand ${n}/${plan.maanden.length} (${maand}): ${r.berichten} berichten, ${r.metBevinding} met bevinding, ${inZorg} cliënten in zorg (${(ms / 1000).toFixed(1)} s)`;
}

/**
 * Counts the outcome of the generator's messages so far into `r` (whoever judged them: this
 * loop or another worker) and returns the clients in care now. A finding: refused, invalid,
 * stuck, or a retour code other than 8001 (a claim granted in full).
 */
async function uitkomsten(ds: DataSource, r: VerkeerResultaat): Promise<number> {
  return withTenant(ds, SYSTEEM, async (em) => {
    const rijen = await em.query<{ type: string; status: string; codes: string; n: number }[]>(
      `SELECT type, status, array_to_string(array(SELECT unnest(retourcodes) EXCEPT SELECT '8001' ORDER BY 1), ' ') AS codes, count(*)::int AS n
         FROM bericht WHERE richting = 'in' AND identificatie LIKE '${DEMO_IDENTIFICATIE}%' GROUP BY 1, 2, 3`,
    );
    r.zonderBevinding = 0;
    r.metBevinding = 0;
    r.bevindingen = {};
    for (const x of rijen) {
      if (['verwerkt', 'klaar', 'beschikbaar', 'afgeleverd'].includes(x.status) && !x.codes) r.zonderBevinding += x.n;
      else {
        r.metBevinding += x.n;
        const k = `${x.type} ${x.status} ${x.codes}`.trim();
        r.bevindingen[k] = (r.bevindingen[k] ?? 0) + x.n;
      }
    }
    const [z] = await em.query<{ n: number }[]>(
      `SELECT count(DISTINCT s.client_hash)::int AS n FROM levering s
        WHERE s.soort = 'start' AND NOT s.verwijderd
          AND NOT EXISTS (SELECT 1 FROM levering e WHERE e.soort = 'stop' AND NOT e.verwijderd AND e.client_hash = s.client_hash AND e.aanbieder_agb = s.aanbieder_agb
                             AND e.gemeente_code = s.gemeente_code AND e.begindatum = s.begindatum AND e.toewijzing_nummer IS NOT DISTINCT FROM s.toewijzing_nummer)`,
    );
    return z.n;
  });
}

/** Posts like the api's POST /ijw/berichten: envelope, sender check, the inbox (one write per caller). */
async function verstuur(ctx: VerkeerContext, inbox: Inbox, posts: TeVersturen[]): Promise<void> {
  await Promise.all(
    posts.map(async (p) => {
      const xml = Buffer.from(p.xml);
      const env = await readEnvelope(xml, ctx.maxBytes);
      checkSender(p.afzender, env);
      return inbox.ontvang(p.afzender, env, xml);
    }),
  );
}

const WACHTEND_SQL = `SELECT count(*)::int AS n FROM bericht WHERE richting = 'in' AND status = 'ontvangen' AND (volgende_poging IS NULL OR volgende_poging <= now())`;

/**
 * Judges what waits, batch after batch, until nothing claimable is left. Another worker (a test's)
 * may hold some: then this waits for it, and gives up on a message that stays put (backing off
 * after a failure) after about two seconds.
 */
async function verwerkAlles(ctx: VerkeerContext): Promise<void> {
  let stil = 0;
  for (;;) {
    const uit = await verwerkBatch(ctx.ds, ctx.sleutels, { handlers: ctx.handlers, grootte: 200 });
    if (uit.size) {
      stil = 0;
      continue;
    }
    const [{ n }] = await withTenant(ctx.ds, SYSTEEM, (em) => em.query<{ n: number }[]>(WACHTEND_SQL));
    if (n === 0) return;
    if (++stil > 100) {
      const vast = await withTenant(ctx.ds, SYSTEEM, (em) =>
        em.query<{ type: string; n: number }[]>(`SELECT type, count(*)::int AS n FROM bericht WHERE richting = 'in' AND status = 'ontvangen' GROUP BY type ORDER BY type`),
      );
      ctx.voortgang?.(`let op: ${vast.map((v) => `${v.n} × ${v.type}`).join(', ')} blijven wachten (na een fout probeert de worker ze later opnieuw)`);
      return;
    }
    await new Promise((res) => setTimeout(res, 20));
  }
}

async function leesTarieven(ds: DataSource): Promise<Tarieven> {
  const rijen = await withTenant(ds, SYSTEEM, (em) =>
    em.query<{ agb: string; regio: string; code: string; vanaf: string; tot: string | null; centen: number }[]>(
      `SELECT t.aanbieder_agb AS agb, t.regio_code AS regio, p.code, to_char(t.geldig_vanaf, 'YYYY-MM-DD') AS vanaf,
              to_char(t.geldig_tot, 'YYYY-MM-DD') AS tot, t.bedrag_centen::int AS centen
         FROM tarief t JOIN contract_product cp ON cp.id = t.contract_product_id JOIN product p ON p.id = cp.product_id
        ORDER BY t.geldig_vanaf`,
    ),
  );
  const t: Tarieven = new Map();
  for (const x of rijen) {
    const k = `${x.agb}/${x.regio}/${x.code}`;
    t.set(k, [...(t.get(k) ?? []), { vanaf: x.vanaf, tot: x.tot, centen: Number(x.centen) }]);
  }
  return t;
}

/** Norms, the budget lines of the traffic's years and the lumpsums, as the contract manager sets them. */
async function voorbereiden(ctx: VerkeerContext, regios: DemoRegio[], plan: VerkeerPlan): Promise<void> {
  const zeg = ctx.voortgang ?? (() => undefined);
  const jaren = [...new Set(plan.maanden.map((m) => Number(m.slice(0, 4))))];
  const lijnen = await seedBegroting(ctx.ds, regios, jaren);
  let lumpsums = 0;
  for (const regio of regios) {
    const p: Principal = { sub: 'demo:inkoop', rol: 'regio', regio: regio.code, gemeenten: [] };
    await withTenant(ctx.ds, p, async (em) => {
      // Nine weeks from request to start (63 days), two weeks to the allocation, crisis the same day.
      await capaciteitService.stelNormVast(em, p, { soort: NormSoort.aanmelding_tot_start, maxDagen: 63 });
      await capaciteitService.stelNormVast(em, p, { soort: NormSoort.aanmelding_tot_toewijzing, maxDagen: 14 });
      if (regio.producten.some((x) => x.categorie === '46')) await capaciteitService.stelNormVast(em, p, { soort: NormSoort.aanmelding_tot_start, productCategorie: '46', maxDagen: 1 });
    });
    const ls = plan.lumpsum.get(regio.code);
    if (!ls) continue;
    const contract = regio.contracten.find((c) => c.nummer === ls.contractNummer)!;
    for (const jaar of jaren) {
      await withTenant(ctx.ds, p, async (em) => {
        const [c] = await em.query<{ id: string }[]>(`SELECT id FROM contract WHERE regio_code = $1 AND nummer = $2`, [regio.code, contract.nummer]);
        const [er] = await em.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM lumpsum WHERE contract_id = $1 AND jaar = $2`, [c.id, jaar]);
        if (er.n) return;
        // The band around the clients the plan starts in a year.
        await lumpsumService.stelVast(em, p, {
          contractId: c.id,
          jaar,
          budgetCenten: contract.budgetplafondPerJaarCenten ?? ls.clienten * 300_000,
          minimumClienten: Math.max(1, Math.round(ls.clienten * 0.7)),
          maximumClienten: Math.round(ls.clienten * 1.3),
          bedragPerClientCenten: 250_000,
        });
        lumpsums += 1;
      });
    }
  }
  zeg(`norminstellingen gezet; ${lijnen} begrotingsposten en ${lumpsums} lumpsums toegevoegd`);
}

/** Each provider keeps one location per contracted product: places, intake slots, open or full. */
async function capaciteit(ctx: VerkeerContext, regios: DemoRegio[], seed: number): Promise<number> {
  let n = 0;
  let x = seed >>> 0;
  const volgende = () => (x = (Math.imul(x, 1_103_515_245) + 12_345) >>> 0) / 4_294_967_296;
  for (const regio of regios) {
    for (const a of regio.aanbieders) {
      const p: Principal = { sub: `demo:aanbieder:${a.agb}`, rol: 'aanbieder', agb: a.agb, gemeenten: [] };
      await withTenant(ctx.ds, p, async (em) => {
        const producten = await em.query<{ id: string }[]>(
          `SELECT DISTINCT pr.id FROM product pr JOIN contract_product cp ON cp.product_id = pr.id JOIN contract c ON c.id = cp.contract_id
            WHERE pr.regio_code = $1 AND cp.aanbieder_agb = $2 AND pr.uitvoeringsvariant <> 'taakgericht' AND $3::date BETWEEN c.begindatum AND c.einddatum
              AND NOT EXISTS (SELECT 1 FROM capaciteit k WHERE k.product_id = pr.id AND k.aanbieder_agb = $2)
            ORDER BY pr.id`,
          [regio.code, a.agb, vandaag()],
        );
        for (const pr of producten) {
          const vrij = Math.floor(volgende() * 6);
          await capaciteitService.werkBij(em, p, {
            productId: pr.id,
            locatieNaam: `${a.naam} hoofdlocatie`,
            postcode: regio.code === 'RIGG' ? '9711AB' : '5211AB',
            vrijePlaatsen: vrij,
            intakesPerWeek: Math.floor(volgende() * 4),
            openVoorNieuweClienten: vrij > 0,
          });
          n += 1;
        }
      });
    }
  }
  return n;
}
