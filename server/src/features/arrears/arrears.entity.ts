import {
  Check,
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
import { User } from '../users/index.js';

/** The current arrears of a case (category ARREARS). Every change is also kept in ArrearsChange. */
@Entity()
@Check('arrears_amount_non_negative', `"amount_cents" >= 0`)
@Check('arrears_months_non_negative', `"months_in_arrears" >= 0`)
export class Arrears {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index({ unique: true })
  @Column('uuid')
  caseId: string;

  @Column({ type: 'integer' })
  amountCents: number;

  @Column({ type: 'date' })
  aroseOn: string;

  @Column({ type: 'smallint' })
  monthsInArrears: number;

  @Index()
  @Column('uuid')
  originOrgId: string;

  @OneToOne(() => Case, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case: Relation<Case>;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'origin_org_id' })
  originOrg: Relation<Organization>;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @Column({ type: 'integer', default: 1 })
  version: number;
}

@Entity()
@Check('arrears_change_amount_non_negative', `"amount_cents" >= 0`)
@Check('arrears_change_months_non_negative', `"months_in_arrears" >= 0`)
@Index('arrears_change_case_recorded', ['caseId', 'recordedAt'])
export class ArrearsChange {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  caseId: string;

  @Column({ type: 'integer' })
  amountCents: number;

  @Column({ type: 'date' })
  aroseOn: string;

  @Column({ type: 'smallint' })
  monthsInArrears: number;

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
