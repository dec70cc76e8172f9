import type { EntityManager } from 'typeorm';
import { audit } from '../auth/audit.service';
import type { Principal } from '../auth/principal';
import { schrijfRegio } from '../auth/scope';
import { HubError, HubErrorCode } from '../common/hub-error';
import type { Sleutels } from '../common/sleutels';
import { AanbiederContactEntity } from './aanbieder-contact.entity';
import { AanbiederEntity } from './aanbieder.entity';
import type { AanbiederContactInput, RegistreerAanbiederInput, WijzigAanbiederContactenInput } from './aanbieder.inputs';
import { agbProbleem } from './aanbieder.rules';
import type { BezorgadresEntity } from './bezorgadres.entity';
import { bezorgadresService } from './bezorgadres.service';
import { RegistryError } from './registry.errors';

/** A registered provider and, only when an endpoint was registered with it, the endpoint's signing secret (shown once). */
export interface Registratie {
  aanbieder: AanbiederEntity;
  bezorgadres: BezorgadresEntity | null;
  ondertekeningsgeheim: string | null;
}

/**
 * The region a registration is made for: a contract manager's or a regional administrator's own;
 * for the hub-wide administrator the one it names, or none.
 */
async function aanmeldRegio(em: EntityManager, p: Principal, gevraagd: string | undefined): Promise<string | null> {
  if (p.rol === 'beheerder' && !p.regio) {
    if (!gevraagd) return null;
    if (!(await em.query<unknown[]>(`SELECT 1 FROM regio WHERE code = $1`, [gevraagd])).length) {
      throw new HubError(HubErrorCode.VALIDATION_FAILED, `Onbekende regio ${gevraagd}`, { veld: 'regioCode' });
    }
    return gevraagd;
  }
  return schrijfRegio(p, gevraagd);
}

async function schrijfContacten(em: EntityManager, agb: string, contacten: readonly AanbiederContactInput[]): Promise<void> {
  if (!contacten.length) return;
  await em.insert(
    AanbiederContactEntity,
    contacten.map((c, i) => ({ aanbiederAgb: agb, volgorde: i, naam: c.naam.trim(), functie: c.functie.trim(), email: c.email.trim(), telefoon: c.telefoon?.trim() ?? null })),
  );
}

export const aanbiederService = {
  /**
   * Onboarding: registers a provider the hub does not know yet (a known AGB is refused with
   * PROVIDER_EXISTS, by the unique key, never merged), with its contacts and, for the hub-wide
   * administrator, its delivery endpoint (whose signing secret the answer carries once).
   * Providers are shared by all regions; the registering region is recorded and keeps the
   * contacts until it contracts the provider (then `laatToeTotOpenHouse` / `maakContract`).
   */
  async registreer(em: EntityManager, p: Principal, sleutels: Sleutels, input: RegistreerAanbiederInput): Promise<Registratie> {
    const probleem = agbProbleem(input.agb);
    if (probleem) throw new HubError(RegistryError.INVALID_AGB, probleem, { veld: 'agb' });
    const regio = await aanmeldRegio(em, p, input.regioCode);
    // Where a provider's messages go is the provider's own or the hub-wide administrator's (see bezorgadres).
    if (input.bezorgUrl && !(p.rol === 'beheerder' && !p.regio)) {
      throw new HubError(HubErrorCode.FORBIDDEN, 'Alleen een beheerder over alle regio\'s geeft bij aanmelding een bezorgadres op; de aanbieder registreert het zelf met registreerBezorgadres', { veld: 'bezorgUrl' });
    }
    const rijen = await em.query<{ id: string }[]>(
      `INSERT INTO aanbieder (agb, naam, kvk, aangemeld_door_regio) VALUES ($1, $2, $3, $4) ON CONFLICT (agb) DO NOTHING RETURNING id`,
      [input.agb, input.naam.trim(), input.kvk ?? null, regio],
    );
    if (!rijen.length) throw new HubError(RegistryError.PROVIDER_EXISTS, `Aanbieder ${input.agb} is al geregistreerd`, { veld: 'agb' });
    await schrijfContacten(em, input.agb, input.contacten);
    const uitgifte = input.bezorgUrl ? await bezorgadresService.registreer(em, p, sleutels, input.agb, input.bezorgUrl) : null;
    await audit(em, p, 'aanbieder.geregistreerd', 'aanbieder', input.agb, { naam: input.naam, contacten: input.contacten.length, bezorgadres: uitgifte !== null }, regio ?? p.regio ?? null);
    return {
      aanbieder: await em.findOneByOrFail(AanbiederEntity, { agb: input.agb }),
      bezorgadres: uitgifte?.bezorgadres ?? null,
      ondertekeningsgeheim: uitgifte?.ondertekeningsgeheim ?? null,
    };
  },

  /**
   * Replaces a provider's contact persons: the provider for itself, the hub-wide administrator, and
   * the contract manager or administrator of a region that contracted or registered it (the
   * database function `hub_aanbieder_beheerder`, which row-level security applies too).
   */
  async wijzigContacten(em: EntityManager, p: Principal, input: WijzigAanbiederContactenInput): Promise<AanbiederEntity> {
    if (p.rol === 'aanbieder' && p.agb !== input.agb) throw new HubError(HubErrorCode.FORBIDDEN, 'Een aanbieder wijzigt alleen de eigen contactpersonen');
    const aanbieder = await em.findOneBy(AanbiederEntity, { agb: input.agb });
    if (!aanbieder) throw new HubError(RegistryError.PROVIDER_NOT_FOUND, `Aanbieder ${input.agb} bestaat niet`, { veld: 'agb' });
    const [{ mag }] = await em.query<{ mag: boolean }[]>(`SELECT hub_aanbieder_beheerder($1) AS mag`, [input.agb]);
    if (!mag) throw new HubError(HubErrorCode.FORBIDDEN, 'Alleen de aanbieder zelf, een beheerder of een regio die haar contracteerde of aanmeldde wijzigt deze contactpersonen');
    // Two concurrent replacements of one list: one after the other.
    await em.query(`SELECT pg_advisory_xact_lock(hashtext('aanbieder_contact'), hashtext($1))`, [input.agb]);
    await em.query(`DELETE FROM aanbieder_contact WHERE aanbieder_agb = $1`, [input.agb]);
    await schrijfContacten(em, input.agb, input.contacten);
    await audit(em, p, 'aanbieder.contacten.gewijzigd', 'aanbieder', input.agb, { aantal: input.contacten.length }, p.regio ?? null);
    return aanbieder;
  },
};
