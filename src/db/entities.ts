import { AuditEntity } from '../auth/audit.entity';
import { CapaciteitEntity } from '../capaciteit/capaciteit.entity';
import { WachttijdnormEntity } from '../capaciteit/wachttijdnorm.entity';
import { BegrotingspostEntity, KostenaandeelEntity } from '../bekostiging/begrotingspost.entity';
import {
  LumpsumAandeelEntity,
  LumpsumEntity,
  VaststellingEntity,
  VaststellingGemeenteEntity,
  VoorschotEntity,
} from '../bekostiging/lumpsum.entity';
import { ArrangementEntity, ArrangementOnderdeelEntity } from '../catalogue/arrangement.entity';
import { ProductEntity } from '../catalogue/product.entity';
import { BudgetplafondEntity } from '../contracting/budgetplafond.entity';
import { ContractGemeenteEntity } from '../contracting/contract-gemeente.entity';
import { ContractProductEntity } from '../contracting/contract-product.entity';
import { ContractEntity } from '../contracting/contract.entity';
import { IndexatieEntity } from '../contracting/indexatie.entity';
import { TariefEntity } from '../contracting/tarief.entity';
import { AfrekeningEntity, DeclaratieEntity, PrestatieEntity } from '../declaratie/declaratie.entity';
import { BerichtEntity } from '../messaging/bericht.entity';
import { OutboxEntity } from '../messaging/outbox.entity';
import { AanbiederEntity } from '../registry/aanbieder.entity';
import { BezorgadresEntity } from '../registry/bezorgadres.entity';
import { GemeenteEntity } from '../registry/gemeente.entity';
import { RegioEntity } from '../registry/regio.entity';
import { ClientEntity } from '../toewijzing/client.entity';
import { LeveringEntity } from '../toewijzing/levering.entity';
import { ToewijzingEntity } from '../toewijzing/toewijzing.entity';
import { VerzoekEntity } from '../toewijzing/verzoek.entity';

/** Every entity of the hub, in one list for the DataSource and the migration drift check. */
export const ENTITIES = [
  RegioEntity,
  GemeenteEntity,
  AanbiederEntity,
  BezorgadresEntity,
  ProductEntity,
  ArrangementEntity,
  ArrangementOnderdeelEntity,
  ContractEntity,
  ContractGemeenteEntity,
  BudgetplafondEntity,
  ContractProductEntity,
  TariefEntity,
  IndexatieEntity,
  AuditEntity,
  BerichtEntity,
  OutboxEntity,
  ClientEntity,
  ToewijzingEntity,
  LeveringEntity,
  VerzoekEntity,
  DeclaratieEntity,
  PrestatieEntity,
  AfrekeningEntity,
  CapaciteitEntity,
  WachttijdnormEntity,
  LumpsumEntity,
  LumpsumAandeelEntity,
  VoorschotEntity,
  VaststellingEntity,
  VaststellingGemeenteEntity,
  BegrotingspostEntity,
  KostenaandeelEntity,
];
