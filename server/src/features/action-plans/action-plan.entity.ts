import { CONSENT_CHANNELS, type ConsentChannel } from '@vangnet/shared';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  type Relation,
} from 'typeorm';
import { Case } from '../cases/index.js';
import { Organization } from '../organizations/index.js';

/** The plan van aanpak: one per case (category ACTION_PLAN), co-edited by the partners. */
@Entity()
export class ActionPlan {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index({ unique: true })
  @Column('uuid')
  caseId: string;

  /** The tenant's question for help (hulpvraag), in their words where possible. */
  @Column({ type: 'text', nullable: true })
  helpRequest: string | null;

  @Column({ type: 'date', nullable: true })
  tenantSignedOffOn: string | null;

  @Column({ type: 'enum', enum: CONSENT_CHANNELS, enumName: 'consent_channel', nullable: true })
  tenantSignOffChannel: ConsentChannel | null;

  @Index()
  @Column('uuid')
  originOrgId: string;

  @OneToOne(() => Case, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case: Relation<Case>;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'origin_org_id' })
  originOrg: Relation<Organization>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  /** Guarded by conditional updates (UPDATE … WHERE version = $n). */
  @Column({ type: 'integer', default: 1 })
  version: number;
}
