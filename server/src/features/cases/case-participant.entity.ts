import { PARTICIPANT_ROLES, type ParticipantRole } from '@vangnet/shared';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  type Relation,
} from 'typeorm';
import { Organization } from '../organizations/index.js';
import { Case } from './case.entity.js';

@Entity()
@Index('case_participant_org_case', ['organizationId', 'caseId'])
export class CaseParticipant {
  @PrimaryColumn('uuid')
  caseId: string;

  @PrimaryColumn('uuid')
  organizationId: string;

  @Column({ type: 'enum', enum: PARTICIPANT_ROLES, enumName: 'participant_role' })
  role: ParticipantRole;

  @ManyToOne(() => Case, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case: Relation<Case>;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization: Relation<Organization>;

  @CreateDateColumn({ type: 'timestamptz' })
  joinedAt: Date;
}
