import {
  Check,
  Column,
  Entity,
  JoinColumn,
  OneToOne,
  PrimaryColumn,
  UpdateDateColumn,
  type Relation,
} from 'typeorm';
import { Organization } from '../organizations/index.js';

/** Per-municipality settings for the clocks of docs/product.md §2 and the retention periods of docs/product.md §5. */
@Entity()
@Check(
  'municipality_setting_clocks',
  `"first_contact_calendar_days" BETWEEN 1 AND 90 AND "access_decision_weeks" BETWEEN 1 AND 26`,
)
@Check(
  'municipality_setting_retention',
  `"retention_not_picked_up_months" BETWEEN 1 AND 120 AND "retention_no_further_help_months" BETWEEN 1 AND 120 AND "retention_closed_months" BETWEEN 1 AND 120`,
)
export class MunicipalitySetting {
  @PrimaryColumn('uuid')
  organizationId: string;

  @Column({ type: 'smallint', default: 14 })
  firstContactCalendarDays: number;

  @Column({ type: 'smallint', default: 8 })
  accessDecisionWeeks: number;

  @Column({ type: 'smallint', default: 6 })
  retentionNotPickedUpMonths: number;

  @Column({ type: 'smallint', default: 12 })
  retentionNoFurtherHelpMonths: number;

  @Column({ type: 'smallint', default: 18 })
  retentionClosedMonths: number;

  @OneToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization: Relation<Organization>;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
