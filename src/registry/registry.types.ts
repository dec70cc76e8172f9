import type { Row } from '../db/rows';
import type { AanbiederEntity } from './aanbieder.entity';
import type { GemeenteEntity } from './gemeente.entity';
import type { RegioEntity } from './regio.entity';

/** The plain rows the read paths of the registry return (columns only, no relations). */
export type RegioRij = Row<RegioEntity>;
export type GemeenteRij = Row<GemeenteEntity>;
export type AanbiederRij = Row<AanbiederEntity>;
