import { CONTACT_CHANNELS, DAY_PARTS, type ContactChannel, type DayPart } from '@vangnet/shared';
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
import { Signal } from './signal.entity.js';

/** DDAS Contactpoging. */
@Entity()
@Index('contact_attempt_case_date', ['caseId', 'attemptedOn'])
export class ContactAttempt {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  caseId: string;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  signalId: string | null;

  @Column({ type: 'enum', enum: CONTACT_CHANNELS, enumName: 'contact_channel' })
  channel: ContactChannel;

  @Column({ type: 'date' })
  attemptedOn: string;

  @Column({ type: 'enum', enum: DAY_PARTS, enumName: 'day_part' })
  dayPart: DayPart;

  @Column({ type: 'boolean' })
  reached: boolean;

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

  @ManyToOne(() => Signal, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'signal_id' })
  signal: Relation<Signal> | null;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'origin_org_id' })
  originOrg: Relation<Organization>;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recorded_by_id' })
  recordedBy: Relation<User>;

  @CreateDateColumn({ type: 'timestamptz' })
  recordedAt: Date;
}
