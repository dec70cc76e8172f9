import { PlafondBeleid } from './contract.entity';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsInt, IsNumber, IsOptional, IsString, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { GraphQLLocalDate, GraphQLSafeInt } from 'graphql-scalars';
import { Field, ID, InputType, Int } from 'type-graphql';
import { ContractStatus, IndexatieMethode, Procedure, Uitvoeringsvariant } from '../common/enums';

@InputType({ description: 'Filter for contracts.' })
export class ContractFilter {
  @Field({ nullable: true, description: 'Only contracts of this provider (AGB).' })
  @IsOptional()
  @Matches(/^[0-9]{8}$/)
  aanbiederAgb?: string;

  @Field({ nullable: true, description: 'Only contracts covering this municipality (CBS code).' })
  @IsOptional()
  @Matches(/^[0-9]{4}$/)
  gemeenteCode?: string;

  @Field(() => Procedure, { nullable: true, description: 'Only this procedure.' })
  @IsOptional()
  procedure?: Procedure;

  @Field(() => ContractStatus, { nullable: true, description: 'Only this status.' })
  @IsOptional()
  status?: ContractStatus;

  @Field({ nullable: true, description: 'Only this lot (perceel).' })
  @IsOptional()
  @MaxLength(200)
  perceel?: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Only contracts running on this date.' })
  @IsOptional()
  peildatum?: string;
}

@InputType({ description: 'A product to contract, with its first tariff.' })
export class ContractProductInput {
  @Field({ description: 'iJw Productcode from the region\'s product book.' })
  @IsString()
  @MaxLength(10)
  productCode!: string;

  @Field(() => Uitvoeringsvariant, { nullable: true, description: 'Execution variant; the product book\'s when omitted.' })
  @IsOptional()
  uitvoeringsvariant?: Uitvoeringsvariant;

  @Field({ nullable: true, description: 'iJw Eenheid (WJ756); the product book\'s when omitted.' })
  @IsOptional()
  @IsString()
  eenheid?: string;

  @Field(() => Int, { description: 'Tariff in euro cents per unit.' })
  @IsInt()
  @Min(0)
  tariefCenten!: number;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Tariff valid from; the contract start when omitted.' })
  @IsOptional()
  tariefVanaf?: string;
}

@InputType({ description: 'Budget ceiling of a contract for one year.' })
export class BudgetplafondInput {
  @Field(() => Int, { description: 'Calendar year.' })
  @IsInt()
  @Min(2015)
  @Max(2100)
  jaar!: number;

  @Field(() => GraphQLSafeInt, { description: 'Ceiling in euro cents.' })
  @IsInt()
  @Min(0)
  bedragCenten!: number;
}

@InputType({ description: 'The clauses of a contract a rejection or flag names; each absent one gets the model agreement\'s.' })
export class ContractartikelenInput {
  @Field({ nullable: true, description: 'Clause on the contract period (looptijd).' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  looptijd?: string;

  @Field({ nullable: true, description: 'Clause on the lot and its products.' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  perceel?: string;

  @Field({ nullable: true, description: 'Clause on tariffs and units.' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  tarief?: string;

  @Field({ nullable: true, description: 'Clause on the budget ceiling.' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  plafond?: string;
}

@InputType({ description: 'A new contract.' })
export class MaakContractInput {
  @Field({ nullable: true, description: 'Region; only for an administrator acting for a region.' })
  @IsOptional()
  @IsString()
  regioCode?: string;

  @Field({ description: 'Contract number, unique in the region.' })
  @IsString()
  @Length(1, 40)
  nummer!: string;

  @Field({ description: 'AGB code of the provider.' })
  @Matches(/^[0-9]{8}$/, { message: 'aanbiederAgb moet 8 cijfers zijn' })
  aanbiederAgb!: string;

  @Field({ description: 'Lot (perceel).' })
  @IsString()
  @Length(1, 200)
  perceel!: string;

  @Field(() => Procedure, { description: 'Purchasing procedure.' })
  procedure!: Procedure;

  @Field(() => GraphQLLocalDate, { description: 'First day.' })
  begindatum!: string;

  @Field(() => GraphQLLocalDate, { description: 'Last day.' })
  einddatum!: string;

  @Field(() => Int, { description: 'Extensions allowed.' })
  @IsInt()
  @Min(0)
  @Max(10)
  verlengingen = 0;

  @Field({ nullable: true, description: 'Main contract number when this is a subcontract (onderaannemer).' })
  @IsOptional()
  @IsString()
  hoofdcontractNummer?: string;

  @Field(() => [String], { description: 'CBS codes of the municipalities covered.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(400)
  @Matches(/^[0-9]{4}$/, { each: true, message: 'gemeenten: CBS-codes van 4 cijfers' })
  gemeenten!: string[];

  @Field(() => [BudgetplafondInput], { description: 'Budget ceilings per year.' })
  @ValidateNested({ each: true })
  budgetplafonds: BudgetplafondInput[] = [];

  @Field(() => [ContractProductInput], { description: 'Contracted products with tariffs.' })
  @ValidateNested({ each: true })
  @ArrayMaxSize(500)
  producten: ContractProductInput[] = [];

  @Field(() => PlafondBeleid, { nullable: true, description: 'A claim beyond what is left of the budget ceiling: rejected (default) or granted with an alert.' })
  @IsOptional()
  plafondBeleid?: PlafondBeleid;

  @Field({ nullable: true, description: 'Claims wait for the back office before their JW325 goes out (default: no).' })
  @IsOptional()
  declaratiesAanhouden?: boolean;

  @Field(() => ContractartikelenInput, { nullable: true, description: 'The clauses a rejection or flag names (default: the model agreement\'s).' })
  @IsOptional()
  @ValidateNested()
  artikelen?: ContractartikelenInput;
}

@InputType({ description: 'Admit a provider to an open-house lot, mid-term if need be.' })
export class OpenHouseToelatingInput {
  @Field({ description: 'Number of an existing open-house contract of the lot, whose terms are copied.' })
  @IsString()
  modelContractNummer!: string;

  @Field({ description: 'Number of the new contract.' })
  @IsString()
  @Length(1, 40)
  nummer!: string;

  @Field({ description: 'AGB code of the provider admitted.' })
  @Matches(/^[0-9]{8}$/, { message: 'aanbiederAgb moet 8 cijfers zijn' })
  aanbiederAgb!: string;

  @Field(() => GraphQLLocalDate, { description: 'First day for the new provider.' })
  begindatum!: string;
}

@InputType({ description: 'A product for the region\'s product book.' })
export class ProductInput {
  @Field({ nullable: true, description: 'Region; only for an administrator.' })
  @IsOptional()
  @IsString()
  regioCode?: string;

  @Field({ description: 'iJw Productcategorie (JZ020), 2 digits.' })
  @IsString()
  categorie!: string;

  @Field({ description: 'iJw Productcode, 1–5 letters or digits.' })
  @IsString()
  code!: string;

  @Field({ description: 'Description.' })
  @IsString()
  @Length(1, 200)
  omschrijving!: string;

  @Field({ description: 'iJw Eenheid (WJ756).' })
  @IsString()
  eenheid!: string;

  @Field(() => Uitvoeringsvariant, { description: 'Execution variant.' })
  uitvoeringsvariant!: Uitvoeringsvariant;
}

@InputType({ description: 'Contract one more product under an existing contract.' })
export class ContracteerProductInput extends ContractProductInput {
  @Field(() => ID, { description: 'Contract id (global id, or the raw key).' })
  @IsString()
  contractId!: string;
}

@InputType({ description: 'A new tariff version of a contracted product.' })
export class TariefInput {
  @Field({ description: 'Contracted product id.' })
  @IsString()
  contractProductId!: string;

  @Field(() => Int, { description: 'Euro cents per unit.' })
  @IsInt()
  @Min(0)
  bedragCenten!: number;

  @Field(() => GraphQLLocalDate, { description: 'First day of validity.' })
  geldigVanaf!: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Last day of validity, inclusive (open when omitted).' })
  @IsOptional()
  geldigTot?: string;
}

@InputType({ description: 'Yearly indexation of all tariffs of the region.' })
export class IndexatieInput {
  @Field({ nullable: true, description: 'Region; only for an administrator.' })
  @IsOptional()
  @IsString()
  regioCode?: string;

  @Field(() => Int, { description: 'Year whose tariffs are written (from 1 January).' })
  @IsInt()
  @Min(2015)
  @Max(2100)
  jaar!: number;

  @Field(() => IndexatieMethode, { description: 'Method.' })
  @IsIn(Object.values(IndexatieMethode))
  methode!: IndexatieMethode;

  @Field({ nullable: true, description: 'Percentage (method percentage), e.g. 3.2.' })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 3 })
  @Min(-50)
  @Max(50)
  percentage?: number;

  @Field({ nullable: true, description: 'Wage index OVA in % (Jeugd formula).' })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 3 })
  @Min(-50)
  @Max(50)
  ova?: number;

  @Field({ nullable: true, description: 'Price index PPC in % (Jeugd formula).' })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 3 })
  @Min(-50)
  @Max(50)
  ppc?: number;

  @Field(() => Int, { nullable: true, description: 'Weight of OVA in whole percent (e.g. 90).' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  gewichtOva?: number;

  @Field(() => Int, { nullable: true, description: 'Weight of PPC in whole percent (e.g. 10).' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  gewichtPpc?: number;
}

@InputType({ description: 'Filter for the product book.' })
export class ProductFilter {
  @Field({ nullable: true, description: 'Only this iJw Productcategorie.' })
  @IsOptional()
  @IsString()
  categorie?: string;

  @Field({ nullable: true, description: 'Only codes starting with this.' })
  @IsOptional()
  @IsString()
  @MaxLength(5)
  codeBegintMet?: string;

  @Field(() => Uitvoeringsvariant, { nullable: true, description: 'Only this execution variant.' })
  @IsOptional()
  uitvoeringsvariant?: Uitvoeringsvariant;
}

@InputType({ description: 'A product of a new arrangement with its default volume.' })
export class ArrangementOnderdeelInput {
  @Field({ description: 'iJw Productcode from the product book.' })
  @IsString()
  @MaxLength(5)
  productCode!: string;

  @Field(() => Int, { description: 'Default volume (iJw Volume) in the product\'s unit.' })
  @IsInt()
  @Min(1)
  @Max(99_999_999)
  volume!: number;

  @Field({ description: 'iJw Frequentie (WMO757): 1 per dag, 2 per week, 4 per maand, 6 totaal.' })
  @IsIn(['1', '2', '4', '6'], { message: 'frequentie moet 1, 2, 4 of 6 zijn (WMO757)' })
  frequentie!: string;
}

@InputType({ description: 'A new arrangement: a named bundle of products an access team can allocate at once.' })
export class ArrangementInput {
  @Field({ nullable: true, description: 'Region; only for an administrator.' })
  @IsOptional()
  @IsString()
  regioCode?: string;

  @Field({ description: 'Name, unique in the region.' })
  @IsString()
  @Length(1, 200)
  naam!: string;

  @Field({ description: 'Description.' })
  @IsString()
  @Length(1, 1000)
  omschrijving!: string;

  @Field(() => [ArrangementOnderdeelInput], { description: 'The products with default volumes.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  onderdelen!: ArrangementOnderdeelInput[];
}
