import { COLLECTION_STEP_KINDS, type CollectionStepKind } from '@vangnet/shared';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { Case } from '../cases/index.js';
import { Organization } from '../organizations/index.js';
import { User } from '../users/index.js';

/** One rung of the incassoladder (category ARREARS). */
@Entity()
@Index('collection_step_case_date', ['caseId', 'stepDate'])
export class CollectionStep {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  caseId: string;

  @Column({ type: 'enum', enum: COLLECTION_STEP_KINDS, enumName: 'collection_step_kind' })
  kind: CollectionStepKind;

  @Column({ type: 'date' })
  stepDate: string;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Index()
  @Column('uuid')
  originOrgId: string;

  @Index()
  @Column('uuid')
  recordedById: string;

  @ManyToOne(() => Case, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case: Relation<Case>;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'origin_org_id' })
  originOrg: Relation<Organization>;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recorded_by_id' })
  recordedBy: Relation<User>;

  @CreateDateColumn({ type: 'timestamptz' })
  recordedAt: Date;
}
