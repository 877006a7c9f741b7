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

export const INCOME_EXPENSE_KINDS = ['INCOME', 'EXPENSE'] as const;
export type IncomeExpenseKind = (typeof INCOME_EXPENSE_KINDS)[number];

/** One line of the monthly budget (category INCOME_EXPENSES), recorded during intake. */
@Entity()
@Check('income_expense_item_amount_non_negative', `"monthly_amount_cents" >= 0`)
@Index('income_expense_item_case', ['caseId', 'kind'])
export class IncomeExpenseItem {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  caseId: string;

  @Column({ type: 'enum', enum: INCOME_EXPENSE_KINDS, enumName: 'income_expense_kind' })
  kind: IncomeExpenseKind;

  @Column({ type: 'varchar', length: 200 })
  description: string;

  @Column({ type: 'integer' })
  monthlyAmountCents: number;

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
