import { Uitvoeringsvariant } from '../common/enums';
import { Field, ID, ObjectType } from 'type-graphql';
import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Node } from '../graphql/node';

/** A product of a region's product book: iJw category + product code, unit and execution variant. */
@ObjectType('Product', { implements: Node, description: 'A product of the regional product book (iJw Product: Categorie + Code).', simpleResolvers: true })
@Entity('product')
@Index('uq_product_regio_code', ['regioCode', 'code'], { unique: true })
@Check('ck_product_categorie', `categorie ~ '^[0-9]{2}$'`)
@Check('ck_product_code', `char_length(code) BETWEEN 1 AND 5`)
export class ProductEntity {
  @Field(() => ID, { description: 'Technical id.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => String, { description: 'Region whose product book holds it.' })
  @Column({ name: 'regio_code', type: 'varchar', length: 20 })
  regioCode!: string;

  @Field(() => String, { description: 'iJw Productcategorie (JZ020), 2 digits.' })
  @Column({ type: 'char', length: 2 })
  categorie!: string;

  @Field(() => String, { description: 'iJw Productcode, at most 5 characters.' })
  @Column({ type: 'varchar', length: 5 })
  code!: string;

  @Field(() => String, { description: 'Description.' })
  @Column({ type: 'varchar', length: 200 })
  omschrijving!: string;

  @Field(() => String, { description: 'iJw Eenheid (WJ756) of volumes.' })
  @Column({ type: 'char', length: 2 })
  eenheid!: string;

  @Field(() => Uitvoeringsvariant, { description: 'Execution variant (inspannings-, output- or taakgericht).' })
  @Column({ type: 'varchar', length: 20 })
  uitvoeringsvariant!: Uitvoeringsvariant;
}
