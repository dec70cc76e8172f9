import { registerEnumType } from 'type-graphql';

/** iJw Uitvoeringsvariant: how a product is delivered and paid. */
export enum Uitvoeringsvariant {
  inspanningsgericht = 'inspanningsgericht',
  outputgericht = 'outputgericht',
  taakgericht = 'taakgericht',
}

/** Purchasing procedure of a lot. */
export enum Procedure {
  /** Light care: every provider that meets the conditions is admitted, also mid-term. */
  openhouse = 'openhouse',
  /** Heavy care: (European) tender. */
  aanbesteding = 'aanbesteding',
}

export enum ContractStatus {
  concept = 'concept',
  actief = 'actief',
  beeindigd = 'beeindigd',
}

export enum IndexatieMethode {
  percentage = 'percentage',
  jeugdformule = 'jeugdformule',
}

registerEnumType(Uitvoeringsvariant, { name: 'Uitvoeringsvariant', description: 'iJw Uitvoeringsvariant of a product.' });
registerEnumType(Procedure, { name: 'Procedure', description: 'Purchasing procedure: open house or tender (aanbesteding).' });
registerEnumType(ContractStatus, { name: 'ContractStatus', description: 'Status of a contract.' });
registerEnumType(IndexatieMethode, {
  name: 'IndexatieMethode',
  description: 'Indexation method: a percentage, or the Jeugd formula (weighted OVA and PPC).',
});
