import {
  Check,
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

/** Adempauze / pauzeknop: while active the corporation may not go beyond DEMAND. */
@Entity()
@Check('collection_pause_period', `"ends_on" >= "starts_on"`)
@Index('collection_pause_case_period', ['caseId', 'startsOn', 'endsOn'])
export class CollectionPause {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  caseId: string;

  @Column({ type: 'date' })
  startsOn: string;

  @Column({ type: 'date' })
  endsOn: string;

  @Column({ type: 'text' })
  reason: string;

  /** Set by the system when the municipality admitted the tenant to debt help. */
  @Column({ type: 'boolean', default: false })
  automatic: boolean;

  @Index()
  @Column('uuid')
  originOrgId: string;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  recordedById: string | null;

  @ManyToOne(() => Case, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case: Relation<Case>;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'origin_org_id' })
  originOrg: Relation<Organization>;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recorded_by_id' })
  recordedBy: Relation<User> | null;

  @CreateDateColumn({ type: 'timestamptz' })
  recordedAt: Date;
}
