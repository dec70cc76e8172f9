import { Check, Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** The chain adapters a message can leave through (each a module registering a `Bezorgkanaal`). */
export type Kanaal = 'ggk';
export const KANALEN: readonly Kanaal[] = ['ggk'];

/**
 * A provider the hub reaches through the national chain rather than its own endpoint or mailbox:
 * messages for it leave through that channel's adapter. Recorded by the adapter when the provider's
 * first message arrives through it.
 */
@Entity('keten_route')
@Check('ck_keten_route_kanaal', `kanaal IN (${KANALEN.map((k) => `'${k}'`).join(', ')})`)
export class KetenRouteEntity {
  @PrimaryColumn({ name: 'aanbieder_agb', type: 'varchar', length: 8, primaryKeyConstraintName: 'PK_keten_route' })
  aanbiederAgb!: string;

  @Column({ type: 'varchar', length: 10 })
  kanaal!: Kanaal;

  @CreateDateColumn({ name: 'sinds', type: 'timestamptz' })
  sinds!: Date;
}
