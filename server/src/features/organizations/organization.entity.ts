import { ORGANIZATION_KINDS, type OrganizationKind } from '@vangnet/shared';
import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity()
@Check('organization_municipality_code_format', `"municipality_code" ~ '^[0-9]{4}$'`)
export class Organization {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'enum', enum: ORGANIZATION_KINDS, enumName: 'organization_kind' })
  kind: OrganizationKind;

  /** CBS gemeentecode of the organisation's region, e.g. 0363 for Amsterdam. */
  @Index()
  @Column({ type: 'char', length: 4 })
  municipalityCode: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
