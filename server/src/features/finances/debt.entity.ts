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

/** One line of the creditor overview (category DEBTS). */
@Entity()
@Check('debt_amount_non_negative', `"amount_cents" >= 0`)
@Index('debt_case', ['caseId'])
export class Debt {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  caseId: string;

  @Column({ type: 'varchar', length: 200 })
  creditor: string;

  @Column({ type: 'integer' })
  amountCents: number;

  /** E.g. a collection agency or bailiff now holding the claim. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  collectedBy: string | null;

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
