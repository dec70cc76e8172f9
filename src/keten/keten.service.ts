import type { EntityManager } from 'typeorm';
import { audit } from '../auth/audit.service';
import type { Principal } from '../auth/principal';
import { scopeClientData } from '../auth/scope';
import type { Sleutels } from '../common/sleutels';
import { globaleId, sleutelVan } from '../graphql/node';
import { BerichtEntity } from '../messaging/bericht.entity';
import type { Berichtverloop, Plek, VerloopBericht, Verloopstap } from './keten.types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A conversation is a message, its retour(s) and their copies: far fewer; this only bounds a strange one. */
const MAX_BERICHTEN = 40;

interface HubRij {
  id: string;
  richting: string;
  type: string;
  afzender: string;
  identificatie: string;
  dagtekening: string | null;
  status: string;
  regio_code: string | null;
  gemeente_code: string;
  aanbieder_agb: string;
  heen_id: string | null;
  retourcodes: string[];
  ontvangen_op: Date;
  verwerkt_op: Date | null;
  opgehaald_op: Date | null;
  client_sleutel: string | null;
}

interface PortaalRij {
  id: string;
  richting: string;
  type: string | null;
  afzender: string | null;
  identificatie: string | null;
  dagtekening: string | null;
  status: string;
  regio_code: string | null;
  gemeente_code: string | null;
  aanbieder_agb: string;
  traceer_id: string;
  als_antwoord_op: string | null;
  pogingen: number;
  laatste_fout: string | null;
  probleem: { status?: number; title?: string } | null;
  vecozo_status: string | null;
  status_gewijzigd_op: Date | null;
  meldingen: { code: string; omschrijving: string }[] | null;
  statusverloop: { status: string; op: string }[] | null;
  aangemaakt_op: Date;
  verstuurd_op: Date | null;
  vecozo_ontvangen_op: Date | null;
  bevestigd_op: Date | null;
  xml_versleuteld: Buffer;
}

interface EnvelopRij {
  bericht_id: string;
  richting: 'in' | 'uit';
  berichtcode: string;
  referentienummer: string;
  cross_refnummer: string | null;
  status: string;
  foutcode: string | null;
  foutomschrijving: string | null;
  aangemaakt_op: Date;
  afgehandeld_op: Date | null;
}

const HUB_KOLOMMEN = [
  'id', 'richting', 'type', 'afzender', 'identificatie', 'status', 'regio_code', 'gemeente_code', 'aanbieder_agb', 'heen_id', 'retourcodes', 'ontvangen_op', 'verwerkt_op', 'opgehaald_op', 'client_sleutel',
];

/**
 * The messages of the hub (the municipality's side) the caller may see, by a condition on alias b:
 * the same scope as `bericht(id)` (a provider only what is released to it), under row-level security.
 */
async function hubBerichten(em: EntityManager, p: Principal, waar: string, params: Record<string, unknown>): Promise<HubRij[]> {
  const qb = scopeClientData(em.createQueryBuilder(BerichtEntity, 'b'), p).select('b.id', 'id');
  for (const k of HUB_KOLOMMEN) if (k !== 'id') qb.addSelect(`b.${k}`, k);
  qb.addSelect('b.dagtekening::text', 'dagtekening').andWhere(waar, params);
  if (p.rol === 'aanbieder') qb.andWhere('b.aanbieder_ziet');
  return qb.limit(MAX_BERICHTEN).getRawMany<HubRij>();
}

/**
 * A portal provider's messages the caller may see: the provider its own, the administrator all
 * (one region's: those to its municipalities), as `vecozoBerichten`; nobody else (it is the
 * provider's correspondence; row-level security refuses it as well).
 */
async function portaalBerichten(em: EntityManager, p: Principal, waar: string, params: unknown[]): Promise<PortaalRij[]> {
  if (p.rol !== 'aanbieder' && p.rol !== 'beheerder') return [];
  const extra: string[] = [];
  if (p.rol === 'aanbieder') extra.push(`v.aanbieder_agb = $${params.push(p.agb ?? '')}`);
  if (p.rol === 'beheerder' && p.regio) extra.push(`v.regio_code = $${params.push(p.regio)}`);
  return em.query<PortaalRij[]>(
    `SELECT v.id, v.richting, v.type, v.afzender, v.identificatie, v.dagtekening::text AS dagtekening, v.status, v.regio_code, v.gemeente_code, v.aanbieder_agb,
            v.traceer_id, v.als_antwoord_op, v.pogingen, v.laatste_fout, v.probleem, v.vecozo_status, v.status_gewijzigd_op, v.meldingen, v.statusverloop,
            v.aangemaakt_op, v.verstuurd_op, v.vecozo_ontvangen_op, v.bevestigd_op, v.xml_versleuteld
       FROM vecozo_bericht v WHERE (${waar})${extra.map((e) => ` AND ${e}`).join('')} LIMIT ${MAX_BERICHTEN}`,
    params,
  );
}

/** Where a leg stands in the chain's order (portal → VECOZO → GGk → hub → GGk → VECOZO → portal). */
const VOLGORDE = [
  'portaal opgesteld', 'vecozo push', 'vecozo vecozo-status', 'ggk Di01 ontvangen', 'ggk Du01 ontvangen', 'hub ontvangen', 'hub verwerkt', 'hub geschreven', 'hub retour geschreven',
  'ggk Di01 klaargezet', 'ggk Du01 klaargezet', 'ggk Di01 verzonden', 'ggk Du01 verzonden', 'ggk Fo01 ontvangen', 'hub opgehaald', 'vecozo aangeboden', 'portaal opgehaald', 'vecozo bevestigd',
];
const rang = (s: { plek: Plek; stap: string }): number => {
  const i = VOLGORDE.indexOf(`${s.plek} ${s.stap}`);
  return i < 0 ? VOLGORDE.length : i;
};

const BSN = /<(?:[A-Za-z0-9]+:)?Bsn>(\d{9})</g;

/**
 * The trace of a message through the chain (issue 13 item 4). From the message asked for (a
 * portal message or a hub message) the conversation is gathered: a retour's heen message and every
 * retour of it, on each side; and the same iJw message on the other side, found by what names it
 * in both places (Header Afzender, message type, its own Identificatie and Dagtekening), never by
 * time or content. Then every leg those messages went, each with its state and time, oldest first.
 * Everything is read in the caller's transaction: the scope of `bericht(id)` and of
 * `vecozoBerichten`, and row-level security, decide which messages appear; a message the caller may
 * not see answers null, like one that does not exist. Reading a trace is audited with the clients
 * the messages name.
 */
export async function berichtVerloop(em: EntityManager, p: Principal, sleutels: Sleutels, gevraagd: string): Promise<Berichtverloop | null> {
  const id = sleutelVan(gevraagd);
  if (!UUID.test(id)) return null;
  const hub = new Map<string, HubRij>();
  const portaal = new Map<string, PortaalRij>();
  const nieuwHub: HubRij[] = [];
  const nieuwPortaal: PortaalRij[] = [];
  const neem = (h: HubRij[], v: PortaalRij[]) => {
    for (const r of h) {
      if (hub.has(r.id) || hub.size + portaal.size >= MAX_BERICHTEN) continue;
      hub.set(r.id, r);
      nieuwHub.push(r);
    }
    for (const r of v) {
      if (portaal.has(r.id) || hub.size + portaal.size >= MAX_BERICHTEN) continue;
      portaal.set(r.id, r);
      nieuwPortaal.push(r);
    }
  };
  neem(await hubBerichten(em, p, 'b.id = :id', { id }), await portaalBerichten(em, p, 'v.id = $1', [id]));
  const soort = portaal.has(id) ? 'vecozo_bericht' : hub.has(id) ? 'bericht' : null;
  if (!soort) return null;

  while (nieuwHub.length || nieuwPortaal.length) {
    for (const h of nieuwHub.splice(0)) {
      const boven = h.heen_id ? await hubBerichten(em, p, 'b.id = :heen', { heen: h.heen_id }) : [];
      const onder = await hubBerichten(em, p, 'b.heen_id = :id', { id: h.id });
      // The same iJw message in the portal: same sender, type, Identificatie and Dagtekening.
      const kopie = h.dagtekening
        ? await portaalBerichten(em, p, 'v.afzender = $1 AND v.type = $2 AND v.identificatie = $3 AND v.dagtekening = $4::date', [h.afzender, h.type, h.identificatie, h.dagtekening])
        : [];
      neem([...boven, ...onder], kopie);
    }
    for (const v of nieuwPortaal.splice(0)) {
      const boven = v.als_antwoord_op ? await portaalBerichten(em, p, 'v.traceer_id = $1', [v.als_antwoord_op]) : [];
      const onder = await portaalBerichten(em, p, 'v.als_antwoord_op = $1', [v.traceer_id]);
      const kopie =
        v.afzender && v.type && v.identificatie && v.dagtekening
          ? await hubBerichten(em, p, 'b.afzender = :afzender AND b.type = :type AND b.identificatie = :identificatie AND b.dagtekening = :dagtekening', {
              afzender: v.afzender,
              type: v.type,
              identificatie: v.identificatie,
              dagtekening: v.dagtekening,
            })
          : [];
      neem(kopie, [...boven, ...onder]);
    }
  }

  const hubIds = [...hub.keys()];
  const enveloppen = hubIds.length
    ? await em.query<EnvelopRij[]>(
        `SELECT bericht_id, richting, berichtcode, referentienummer, cross_refnummer, status, foutcode, foutomschrijving, aangemaakt_op, afgehandeld_op
           FROM ggk_envelop WHERE bericht_id = ANY($1::uuid[]) ORDER BY id`,
        [hubIds],
      )
    : [];

  const stappen: (Verloopstap & { volg: number })[] = [];
  let volg = 0;
  const stap = (moment: Date | null, plek: Plek, s: string, staat: string, berichtId: string, berichtType: string | null, kenmerk: string | null = null, toelichting: string | null = null) => {
    if (moment) stappen.push({ moment, plek, stap: s, staat, berichtId, berichtType, kenmerk, toelichting, volg: volg++ });
  };

  for (const v of portaal.values()) {
    const gid = globaleId('VecozoBericht', v.id);
    if (v.richting === 'uit') {
      stap(v.aangemaakt_op, 'portaal', 'opgesteld', 'te_versturen', gid, v.type);
      if (v.status === 'geweigerd') {
        stap(v.aangemaakt_op, 'vecozo', 'push', 'geweigerd', gid, v.type, v.traceer_id, [v.probleem?.status, v.probleem?.title].filter(Boolean).join(' ') || null);
      } else if (v.verstuurd_op) {
        stap(v.verstuurd_op, 'vecozo', 'push', 'verstuurd', gid, v.type, v.traceer_id, `${v.pogingen} poging(en)`);
      } else if (v.laatste_fout) {
        stap(v.aangemaakt_op, 'vecozo', 'push', 'opnieuw', gid, v.type, v.traceer_id, v.laatste_fout);
      }
      const statussen = v.statusverloop ?? (v.vecozo_status && v.status_gewijzigd_op ? [{ status: v.vecozo_status, op: v.status_gewijzigd_op.toISOString() }] : []);
      statussen.forEach((s, i) => {
        const laatste = i === statussen.length - 1;
        const meldingen = laatste && v.meldingen?.length ? v.meldingen.map((m) => `${m.code} ${m.omschrijving}`).join('; ') : null;
        stap(new Date(s.op), 'vecozo', 'vecozo-status', s.status, gid, v.type, v.traceer_id, meldingen);
      });
    } else {
      stap(v.vecozo_ontvangen_op, 'vecozo', 'aangeboden', 'wacht', gid, v.type, v.traceer_id);
      stap(v.aangemaakt_op, 'portaal', 'opgehaald', v.status, gid, v.type, v.traceer_id);
      stap(v.bevestigd_op, 'vecozo', 'bevestigd', '202', gid, v.type, v.traceer_id, 'DELETE bevestigd');
    }
  }

  for (const h of hub.values()) {
    const gid = globaleId('Bericht', h.id);
    const eigen = enveloppen.filter((e) => e.bericht_id === h.id);
    const codes = h.retourcodes?.length ? `retourcodes ${h.retourcodes.join(', ')}` : null;
    if (h.richting === 'in') {
      for (const e of eigen.filter((x) => x.richting === 'in' && x.berichtcode !== 'Fo01')) {
        stap(e.aangemaakt_op, 'ggk', `${e.berichtcode} ontvangen`, 'Bv03', gid, h.type, e.referentienummer);
      }
      if (!eigen.some((x) => x.richting === 'in' && x.berichtcode !== 'Fo01')) stap(h.ontvangen_op, 'hub', 'ontvangen', 'ontvangen', gid, h.type);
      if (h.verwerkt_op) stap(h.verwerkt_op, 'hub', 'verwerkt', h.status, gid, h.type, null, codes);
      else if (h.status !== 'ontvangen') stap(h.ontvangen_op, 'hub', 'verwerkt', h.status, gid, h.type, null, codes);
    } else {
      stap(h.ontvangen_op, 'hub', h.heen_id ? 'retour geschreven' : 'geschreven', h.status, gid, h.type, null, codes);
    }
    for (const e of eigen.filter((x) => x.richting === 'uit')) {
      const fout = e.foutcode ? `${e.foutcode} ${e.foutomschrijving ?? ''}`.trim() : null;
      stap(e.aangemaakt_op, 'ggk', `${e.berichtcode} klaargezet`, 'klaar', gid, h.type, e.referentienummer);
      if (e.afgehandeld_op) stap(e.afgehandeld_op, 'ggk', `${e.berichtcode} verzonden`, e.status === 'verzonden' ? 'Bv03' : e.foutcode ?? e.status, gid, h.type, e.referentienummer, fout);
    }
    for (const e of eigen.filter((x) => x.richting === 'in' && x.berichtcode === 'Fo01')) {
      stap(e.aangemaakt_op, 'ggk', 'Fo01 ontvangen', e.foutcode ?? 'Fo01', gid, h.type, e.referentienummer, e.foutomschrijving);
    }
    stap(h.opgehaald_op, 'hub', 'opgehaald', 'opgehaald', gid, h.type, null, 'uit de postbus, ontvangst bevestigd');
  }
  // Legs at the same moment (one transaction writes a verdict and its retour) in the chain's order,
  // then per message as written: the same order whichever message the trace was asked for.
  stappen.sort((a, b) => a.moment.getTime() - b.moment.getTime() || rang(a) - rang(b) || (a.berichtId < b.berichtId ? -1 : a.berichtId > b.berichtId ? 1 : 0) || a.volg - b.volg);

  // The clients these messages name, for the audit trail: the hub's keyed hashes, and the portal's copies read.
  const clienten = new Set<string>();
  for (const h of hub.values()) if (h.client_sleutel) clienten.add(h.client_sleutel.trim());
  if (hubIds.length) {
    const r = await em.query<{ h: string }[]>(
      `SELECT DISTINCT pr.client_hash::text AS h FROM declaratie d JOIN prestatie pr ON pr.declaratie_id = d.id WHERE d.bericht_id = ANY($1::uuid[])`,
      [hubIds],
    );
    for (const x of r) clienten.add(x.h.trim());
  }
  for (const v of portaal.values()) for (const m of sleutels.ontsleutel(v.xml_versleuteld).toString('utf8').matchAll(BSN)) clienten.add(sleutels.bsnHash(m[1]));
  const eerste = portaal.get(id) ?? hub.get(id);
  await audit(em, p, 'bericht.verloop.gelezen', soort, id, { berichten: hub.size + portaal.size }, eerste?.regio_code ?? p.regio ?? null, [...clienten].sort());

  const berichten: VerloopBericht[] = [
    ...[...portaal.values()].map((v) => ({
      id: globaleId('VecozoBericht', v.id),
      kant: 'portaal' as const,
      richting: v.richting,
      type: v.type,
      afzender: v.afzender,
      identificatie: v.identificatie,
      dagtekening: v.dagtekening,
      status: v.status,
      regioCode: v.regio_code,
      gemeenteCode: v.gemeente_code,
      aanbiederAgb: v.aanbieder_agb,
    })),
    ...[...hub.values()].map((h) => ({
      id: globaleId('Bericht', h.id),
      kant: 'hub' as const,
      richting: h.richting,
      type: h.type,
      afzender: h.afzender,
      identificatie: h.identificatie,
      dagtekening: h.dagtekening,
      status: h.status,
      regioCode: h.regio_code,
      gemeenteCode: h.gemeente_code,
      aanbiederAgb: h.aanbieder_agb,
    })),
  ];
  return { berichtId: globaleId(soort === 'bericht' ? 'Bericht' : 'VecozoBericht', id), berichten, stappen: stappen.map(({ volg: _volg, ...s }) => s) };
}
