import { ArrayMaxSize, ArrayMinSize, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { Arg, Authorized, Ctx, Field, ID, InputType, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { GraphQLLocalDate, GraphQLSafeInt } from 'graphql-scalars';
import { randomUUID } from 'node:crypto';
import { vandaag } from '../common/klok';
import { HubError, HubErrorCode } from '../common/hub-error';
import type { HubContext } from '../graphql/context';
import { writeMessage, type IjwMessage } from '../messaging/ijw/codec';
import { CodecError } from '../messaging/ijw/codec.errors';
import { betekenisVan } from '../messaging/ijw/retourcodes';
import { RetourCodeType } from '../messaging/graphql/bericht.types';
import { alsContractvoorwaardeType, ContractvoorwaardeType } from './contractvoorwaarde.types';
import { bouwJw323 } from './jw323';
import { toetsDeclaratie, type ProefAntwoord, type ProefPrestatie } from './proef';

/** Most prestaties one pre-flight takes (the bench checks 10,000 in a second). */
export const MAX_PROEF_PRESTATIES = 20_000;

@InputType('ProefPrestatieInput', { description: 'One prestatie of a claim to check, as the JW323 would carry it; amounts in eurocents.' })
export class ProefPrestatieInput {
  @Field({ description: 'The client\'s BSN.' })
  @Matches(/^\d{9}$/)
  bsn!: string;

  @Field({ description: 'ReferentieNummer: unique per provider (TR314).' })
  @IsString()
  @MaxLength(20)
  referentieNummer!: string;

  @Field(() => String, { nullable: true, description: 'For a credit: the debit it credits.' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  vorigReferentieNummer?: string | null;

  @Field({ defaultValue: 'D', description: 'D (debit) or C (credit).' })
  @IsIn(['D', 'C'])
  debetCredit!: 'D' | 'C';

  @Field(() => Int, { description: 'ToewijzingNummer of the allocation.' })
  @IsInt()
  @Min(1)
  toewijzingNummer!: number;

  @Field({ description: 'ProductCategorie (2 characters).' })
  @Matches(/^\w{2}$/)
  productCategorie!: string;

  @Field({ description: 'ProductCode (5 characters).' })
  @Matches(/^\w{5}$/)
  productCode!: string;

  @Field(() => GraphQLLocalDate, { description: 'ProductPeriode Begindatum.' })
  begindatum!: string;

  @Field(() => GraphQLLocalDate, { description: 'ProductPeriode Einddatum.' })
  einddatum!: string;

  @Field(() => Int, { description: 'GeleverdVolume.' })
  @IsInt()
  @Min(0)
  @Max(99_999_999)
  geleverdVolume!: number;

  @Field({ description: 'Eenheid (WJ756), e.g. 04 minutes, 14 etmaal, 83 euro.' })
  @Matches(/^\d{2}$/)
  eenheid!: string;

  @Field(() => Int, { nullable: true, description: 'ProductTarief in eurocents (absent for a product without a tariff).' })
  @IsOptional()
  @IsInt()
  @Min(0)
  productTariefCenten?: number | null;

  @Field(() => GraphQLSafeInt, { description: 'IngediendBedrag in eurocents.' })
  @IsInt()
  @Min(0)
  ingediendBedragCenten!: number;
}

@InputType('ToetsDeclaratieInput', { description: 'A claim to check before it is sent: the JW323 the hub composes from these fields, with the caller as sender.' })
export class ToetsDeclaratieInput {
  @Field({ description: 'The municipality claimed from (CBS code).' })
  @Matches(/^\d{4}$/)
  gemeenteCode!: string;

  @Field({ description: 'DeclaratieNummer as the real claim will carry it.' })
  @IsString()
  @MaxLength(12)
  declaratieNummer!: string;

  @Field({ description: 'DeclaratiePeriode: the month, YYYY-MM.' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/)
  periode!: string;

  @Field(() => [ProefPrestatieInput], { description: 'The prestaties.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_PROEF_PRESTATIES)
  @ValidateNested({ each: true })
  @Type(() => ProefPrestatieInput)
  prestaties!: ProefPrestatieInput[];
}

@ObjectType('ProefToewijzing', { description: 'The allocation a prestatie was judged against.', simpleResolvers: true })
class ProefToewijzingType {
  @Field(() => ID)
  id!: string;
  @Field(() => Int, { description: 'ToewijzingNummer.' })
  nummer!: number;
  @Field(() => GraphQLLocalDate)
  ingangsdatum!: string;
  @Field(() => GraphQLLocalDate, { nullable: true })
  einddatum!: string | null;
  @Field()
  productCategorie!: string;
  @Field(() => String, { nullable: true, description: 'Absent for an aspecifiek allocation.' })
  productCode!: string | null;
  @Field(() => Int, { nullable: true })
  volume!: number | null;
  @Field(() => String, { nullable: true })
  eenheid!: string | null;
  @Field(() => String, { nullable: true })
  frequentie!: string | null;
}

@ObjectType('ProefContract', { description: 'The contract (and its lot) whose tariff and conditions applied.', simpleResolvers: true })
class ProefContractType {
  @Field(() => ID)
  id!: string;
  @Field({ description: 'Contract number.' })
  nummer!: string;
  @Field({ description: 'The lot (perceel).' })
  perceel!: string;
  @Field(() => GraphQLLocalDate)
  begindatum!: string;
  @Field(() => GraphQLLocalDate)
  einddatum!: string;
}

@ObjectType('ProefTarief', { description: 'The contract tariff valid in the product period.', simpleResolvers: true })
class ProefTariefType {
  @Field(() => ID)
  id!: string;
  @Field(() => Int, { description: 'Eurocents per contract unit.' })
  bedragCenten!: number;
  @Field(() => GraphQLLocalDate)
  geldigVanaf!: string;
  @Field(() => GraphQLLocalDate, { nullable: true })
  geldigTot!: string | null;
}

@ObjectType('ProefPrestatie', { description: 'A prestatie as the real JW325 would judge it, with what stands behind the outcome.', simpleResolvers: true })
class ProefPrestatieType {
  @Field()
  referentieNummer!: string;
  @Field(() => Int)
  toewijzingNummer!: number;
  @Field()
  productCategorie!: string;
  @Field()
  productCode!: string;
  @Field(() => GraphQLLocalDate)
  begindatum!: string;
  @Field(() => GraphQLLocalDate)
  einddatum!: string;
  @Field(() => GraphQLSafeInt, { description: 'Eurocents (negative for a credit).' })
  ingediendCenten!: number;
  @Field(() => GraphQLSafeInt, { description: 'What would be granted, eurocents.' })
  toegekendCenten!: number;
  @Field({ description: 'Would be granted.' })
  toegekend!: boolean;
  @Field(() => [RetourCodeType], { description: 'The codes the JW325 would give it (empty when granted).' })
  retourcodes!: RetourCodeType[];
  @Field({ description: 'Granted although above the contract\'s budget ceiling (policy: alert).' })
  bovenPlafond!: boolean;
  @Field(() => ProefToewijzingType, { nullable: true })
  toewijzing!: ProefToewijzingType | null;
  @Field(() => ProefContractType, { nullable: true })
  contract!: ProefContractType | null;
  @Field(() => ProefTariefType, { nullable: true })
  tarief!: ProefTariefType | null;
  @Field(() => [ContractvoorwaardeType], { description: 'The contract conditions behind its rejection or flag, with contract, lot and clause (empty when none).' })
  contractvoorwaarden!: ContractvoorwaardeType[];
}

@ObjectType('ProefFout', { description: 'A structural finding: the claim fails the XSD.', simpleResolvers: true })
class ProefFoutType {
  @Field({ description: 'Where in the message.' })
  pad!: string;
  @Field({ description: 'What is wrong.' })
  melding!: string;
}

@ObjectType('ProefAntwoord', { description: 'What the real JW325 would say now; nothing was stored or counted.', simpleResolvers: true })
export class ProefAntwoordType {
  @Field({ description: 'beantwoord (a JW325 would go out now), aangehouden (the claim would wait for the back office or the municipality\'s own system: the hub\'s own findings), afgewezen (refused on its header or as a whole).' })
  uitkomst!: string;
  @Field(() => [RetourCodeType], { description: 'Codes of the answer as a whole.' })
  retourcodes!: RetourCodeType[];
  @Field(() => GraphQLSafeInt)
  ingediendCenten!: number;
  @Field(() => GraphQLSafeInt)
  toegekendCenten!: number;
  @Field(() => [ProefPrestatieType])
  prestaties!: ProefPrestatieType[];
  @Field(() => String, { nullable: true, description: 'The JW325 as it would be sent (its identification aside).' })
  jw325Xml!: string | null;

  @Field(() => [ProefFoutType], { description: 'uitkomst ongeldig: where the message fails the XSD (it would get no retour).' })
  fouten!: ProefFoutType[];
}

const metBetekenis = (codes: string[]): RetourCodeType[] => codes.map((code) => ({ code, betekenis: betekenisVan(code) }));

/** The answer with the meaning of every code. */
export function alsType(a: ProefAntwoord): ProefAntwoordType {
  return {
    ...a,
    retourcodes: metBetekenis(a.retourcodes),
    prestaties: a.prestaties.map((p: ProefPrestatie) => ({
      ...p,
      retourcodes: metBetekenis(p.retourcodes),
      contractvoorwaarden: p.contractvoorwaarden.map(alsContractvoorwaardeType),
    })),
  };
}

/** The JW323 as XML; a value the message cannot carry is the caller's input error, not a failure of the hub. */
function alsXml(bouw: () => IjwMessage): string {
  try {
    return writeMessage(bouw());
  } catch (e) {
    if (e instanceof CodecError) throw new HubError(HubErrorCode.VALIDATION_FAILED, `De declaratie past niet in een JW323: ${e.message}`);
    throw e;
  }
}

@Resolver()
export class ProefResolver {
  @Authorized()
  @Query(() => ProefAntwoordType, { description: 'Pre-flight claim check (providers): the JW325 the claim would get now, code for code, with the allocation, contract, lot and tariff behind each prestatie. Nothing is stored or counted.' })
  async toetsDeclaratie(@Ctx() ctx: HubContext, @Arg('input', () => ToetsDeclaratieInput) input: ToetsDeclaratieInput): Promise<ProefAntwoordType> {
    const p = ctx.principal;
    const agb = p.agb;
    if (p.rol !== 'aanbieder' || !agb) throw new HubError(HubErrorCode.FORBIDDEN, 'Alleen een aanbieder kan een declaratie vooraf toetsen');
    if (!ctx.verwerking) throw new Error('the pre-flight needs the worker\'s judging (HubContext.verwerking)');
    const xml = alsXml(() =>
      bouwJw323({
        identificatie: `P${randomUUID().replace(/-/g, '').slice(0, 11)}`,
        dagtekening: vandaag(),
        nummer: input.declaratieNummer,
        periode: input.periode,
        afzender: agb,
        gemeente: input.gemeenteCode,
        clienten: input.prestaties.map((x) => ({
          bsn: x.bsn,
          prestaties: [{ ...x, vorigReferentieNummer: x.vorigReferentieNummer ?? null, productTariefCenten: x.productTariefCenten ?? null }],
        })),
      }),
    );
    const a = await toetsDeclaratie(ctx.reader.dataSource, ctx.sleutels, p, Buffer.from(xml), { ...ctx.verwerking, maxBytes: Number.MAX_SAFE_INTEGER });
    return alsType(a);
  }
}
