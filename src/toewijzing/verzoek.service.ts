import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsString, Matches, ValidateNested } from 'class-validator';
import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, InputType } from 'type-graphql';
import type { EntityManager } from 'typeorm';
import { audit } from '../auth/audit.service';
import { beheertRegio, type Principal } from '../auth/principal';
import { scopeClientData } from '../auth/scope';
import { HubError } from '../common/hub-error';
import { nu, vandaag } from '../common/klok';
import { nuInNederland } from '../common/tijd';
import { plusWeken } from '../common/werkdagen';
import { BerichtEntity } from '../messaging/bericht.entity';
import { paginate, type Connection, type PageArgs } from '../graphql/pagination';
import type { IjwMessage, IjwNode } from '../messaging/ijw/codec';
import { eigenKop } from '../messaging/processing/retour';
import { schrijfUitgaand } from '../messaging/uitgaand';
import type { ClientGegevens } from './jw301';
import { AdresInput } from './toewijzing.inputs';
import { toewijzingService } from './toewijzing.service';
import { VerzoekEntity, VerzoekSoort, VerzoekStatus } from './verzoek.entity';
import type { Sleutels } from '../common/sleutels';

export enum VerzoekError {
  VERZOEK_NOT_FOUND = 'VERZOEK_NOT_FOUND',
  VERZOEK_ANSWERED = 'VERZOEK_ANSWERED',
  WOONPLAATS_GEMEENTE = 'WOONPLAATS_GEMEENTE',
  /** A JW315 product answered as a JW317, or the other way round. */
  VERZOEK_WRONG_KIND = 'VERZOEK_WRONG_KIND',
}

@InputType({ description: 'Which requests to list.' })
export class VerzoekFilter {
  @Field(() => VerzoekStatus, { nullable: true, description: 'Only requests with this status.' })
  @IsOptional()
  status?: VerzoekStatus;

  @Field({ nullable: true, description: 'Only requests to this municipality (CBS code).' })
  @IsOptional()
  @Matches(/^[0-9]{4}$/)
  gemeenteCode?: string;

  @Field(() => VerzoekSoort, { nullable: true, description: 'Only requests for a toewijzing (JW315) or only requests for change (JW317).' })
  @IsOptional()
  soort?: VerzoekSoort;

  @Field({ nullable: true, description: 'Only those whose answer is overdue.' })
  @IsOptional()
  verlopen?: boolean;
}

@InputType({ description: 'Allocate what was requested, as requested; the address comes from the BRP.' })
export class WijsVerzoekToeInput {
  @Field(() => ID, { description: 'The request to allocate.' })
  @IsString()
  verzoekId!: string;

  @Field(() => AdresInput, { description: 'The client\'s address from the BRP (iJw Adres).' })
  @ValidateNested()
  @Type(() => AdresInput)
  adres!: AdresInput;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Another Einddatum than requested.' })
  einddatum?: string;
}

@InputType({ description: 'Reject a request (JW319, VerzoekAntwoord 1).' })
export class WijsVerzoekAfInput {
  @Field(() => ID, { description: 'The request to reject.' })
  @IsString()
  verzoekId!: string;

  @Field({ description: 'RedenAfwijzingVerzoek (WJ759): 1–9; 8 = woonplaatsbeginsel.' })
  @IsIn(['1', '2', '3', '4', '5', '6', '7', '8', '9'])
  reden!: string;

  @Field({ nullable: true, description: 'With reden 8: the responsible municipality (CBS code).' })
  @IsOptional()
  @Matches(/^[0-9]{4}$/)
  woonplaatsGemeente?: string;
}

/** What a JW315 tells of the client: everything a JW301 needs but the address. */
type VerzoekClient = Omit<ClientGegevens, 'adres'>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A request the caller may answer, locked; only one of its own municipalities, still open, and of the kind given. */
async function teBeantwoorden(em: EntityManager, p: Principal, id: string, toegestaan: VerzoekStatus[], soort?: VerzoekSoort): Promise<VerzoekEntity> {
  const v = UUID.test(id) ? await em.createQueryBuilder(VerzoekEntity, 'v').where('v.id = :id', { id }).setLock('pessimistic_write').getOne() : null;
  if (!v || (!beheertRegio(p, v.regioCode) && !p.gemeenten.includes(v.gemeenteCode))) throw new HubError(VerzoekError.VERZOEK_NOT_FOUND, 'Verzoek niet gevonden', { veld: 'verzoekId' });
  if (!toegestaan.includes(v.status)) throw new HubError(VerzoekError.VERZOEK_ANSWERED, `Verzoek is al ${v.status}`, { veld: 'verzoekId', status: v.status });
  if (soort && v.soort !== soort) {
    const hoe = v.soort === VerzoekSoort.wijziging ? 'wijsWijzigingsverzoekToe' : 'wijsVerzoekToe';
    throw new HubError(VerzoekError.VERZOEK_WRONG_KIND, `Dit is een verzoek om ${v.soort}; wijs het toe met ${hoe}`, { veld: 'verzoekId', soort: v.soort });
  }
  return v;
}

/** A JW319 answering one ReferentieAanbieder (§2.9). */
async function stuurJw319(em: EntityManager, p: Principal, sleutels: Sleutels, v: VerzoekEntity, antwoord: IjwNode, actie: string): Promise<BerichtEntity> {
  const datum = vandaag();
  const n = await em.query<{ n: string }[]>(`SELECT nextval('bericht_nummer') AS n`);
  const message: IjwMessage = {
    type: 'JW319',
    bericht: {
      Header: eigenKop('JW319', v.gemeenteCode, v.aanbiederAgb, `A${n[0].n}`, datum),
      Antwoord: { ReferentieAanbieder: v.referentieAanbieder, ...antwoord },
    },
  };
  const id = await schrijfUitgaand(em, sleutels, message, { regioCode: v.regioCode, aanbiederAgb: v.aanbiederAgb, gemeenteCode: v.gemeenteCode, heenId: null });
  await audit(em, p, actie, 'verzoek', v.id, { bericht: id, referentie: v.referentieAanbieder }, v.regioCode, v.clientHash);
  return em.findOneByOrFail(BerichtEntity, { id });
}

/** The requests a caller may see (alias v): one scope for the list and node(id). */
function zichtbareVerzoeken(em: EntityManager, p: Principal) {
  return scopeClientData(em.createQueryBuilder(VerzoekEntity, 'v'), p);
}

export const verzoekService = {
  async verzoeken(em: EntityManager, p: Principal, filter: VerzoekFilter | undefined, page: PageArgs): Promise<Connection<VerzoekEntity>> {
    const qb = zichtbareVerzoeken(em, p);
    if (filter?.status) qb.andWhere('v.status = :status', { status: filter.status });
    if (filter?.gemeenteCode) qb.andWhere('v.gemeente_code = :gem', { gem: filter.gemeenteCode });
    if (filter?.soort) qb.andWhere('v.soort = :soort', { soort: filter.soort });
    if (filter?.verlopen) qb.andWhere(`v.status IN ('open', 'in_onderzoek') AND v.uiterlijk < :vandaag`, { vandaag: vandaag() });
    return paginate(qb, page, 'uiterlijk', (v) => v.uiterlijk);
  },

  /** The requests with these ids (UUIDs) that the list would show the caller: node(id). */
  async perId(em: EntityManager, p: Principal, ids: string[]): Promise<VerzoekEntity[]> {
    return ids.length ? zichtbareVerzoeken(em, p).andWhere('v.id IN (:...ids)', { ids }).getMany() : [];
  },

  /** Allocates the requested product as requested (checked like any toewijzing); the JW301 carries the reference. */
  async wijsToe(em: EntityManager, p: Principal, sleutels: Sleutels, input: WijsVerzoekToeInput) {
    const v = await teBeantwoorden(em, p, input.verzoekId, [VerzoekStatus.open, VerzoekStatus.in_onderzoek], VerzoekSoort.toewijzing);
    const c = JSON.parse(sleutels.ontsleutel(v.gegevensVersleuteld).toString('utf8')) as VerzoekClient;
    const r = await toewijzingService.toewijzen(
      em,
      p,
      sleutels,
      {
        gemeenteCode: v.gemeenteCode,
        aanbiederAgb: v.aanbiederAgb,
        client: { ...c, adres: input.adres },
        producten: [
          {
            categorie: v.productCategorie ?? '',
            code: v.productCode ?? undefined,
            ingangsdatum: v.ingangsdatum,
            einddatum: input.einddatum ?? v.einddatum ?? undefined,
            volume: v.volume ?? undefined,
            eenheid: v.eenheid ?? undefined,
            frequentie: v.frequentie ?? undefined,
            budget: v.budget ?? undefined,
          },
        ],
      },
      { referentie: v.referentieAanbieder },
    );
    await em.update(VerzoekEntity, { id: v.id }, { status: VerzoekStatus.toegewezen, toewijzingId: r.toewijzingen[0].id, beantwoordOp: nu() });
    return r;
  },

  /**
   * Grants a request for change (JW317) as a whole (IV093): the changed, ended and new
   * toewijzingen and one JW301 with the request's ReferentieAanbieder on every product.
   */
  async wijsWijzigingToe(em: EntityManager, p: Principal, sleutels: Sleutels, id: string) {
    const v = await teBeantwoorden(em, p, id, [VerzoekStatus.open, VerzoekStatus.in_onderzoek], VerzoekSoort.wijziging);
    const r = await toewijzingService.honoreerWijziging(em, p, sleutels, {
      gemeente: v.gemeenteCode,
      agb: v.aanbiederAgb,
      clientHash: v.clientHash,
      referentie: v.referentieAanbieder,
      pakket: v.pakket ?? { ongewijzigd: [], teWijzigen: [], nieuw: [] },
    });
    await em.update(VerzoekEntity, { id: v.id }, { status: VerzoekStatus.toegewezen, toewijzingId: r.toewijzingen[0]?.id ?? null, beantwoordOp: nu() });
    await audit(em, p, 'verzoek.toegewezen', 'verzoek', v.id, { bericht: r.bericht.id, referentie: v.referentieAanbieder }, v.regioCode, v.clientHash);
    return r;
  },

  /** Rejects with a reason (JW319 VerzoekAntwoord 1); reden 8 names the responsible municipality. */
  async wijsAf(em: EntityManager, p: Principal, sleutels: Sleutels, input: WijsVerzoekAfInput): Promise<BerichtEntity> {
    if ((input.reden === '8') !== Boolean(input.woonplaatsGemeente)) {
      throw new HubError(VerzoekError.WOONPLAATS_GEMEENTE, 'Reden 8 (woonplaatsbeginsel) noemt de verantwoordelijke gemeente, andere redenen niet', { veld: 'woonplaatsGemeente' });
    }
    const v = await teBeantwoorden(em, p, input.verzoekId, [VerzoekStatus.open, VerzoekStatus.in_onderzoek]);
    const antwoord: IjwNode = { VerzoekAntwoord: '1', RedenAfwijzingVerzoek: input.reden };
    if (input.woonplaatsGemeente) antwoord.Woonplaatsbeginsel = { Gemeente: input.woonplaatsGemeente };
    await em.update(VerzoekEntity, { id: v.id }, { status: VerzoekStatus.afgewezen, redenAfwijzing: input.reden, beantwoordOp: nu() });
    return stuurJw319(em, p, sleutels, v, antwoord, 'verzoek.afgewezen');
  },

  /** "Aanvraag in onderzoek" (JW319 VerzoekAntwoord 2): the final answer is due within 8 weeks (OP274). */
  async inOnderzoek(em: EntityManager, p: Principal, sleutels: Sleutels, id: string): Promise<BerichtEntity> {
    const v = await teBeantwoorden(em, p, id, [VerzoekStatus.open]);
    const ontvangen = nuInNederland(v.ontvangenOp).datum;
    await em.update(VerzoekEntity, { id: v.id }, { status: VerzoekStatus.in_onderzoek, uiterlijk: plusWeken(ontvangen, 8) });
    return stuurJw319(em, p, sleutels, v, { VerzoekAntwoord: '2' }, 'verzoek.in-onderzoek');
  },
};
