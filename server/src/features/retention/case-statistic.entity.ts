import { SIGNAL_END_RESULTS, type SignalEndResult } from '@vangnet/shared';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The anonymous statistical facts kept when retention removes a case's personal data (docs/product.md §5): no
 * ids of people, no case reference — only what the monitoring figures (docs/product.md §6) need.
 */
@Entity()
@Index('case_statistic_municipality_month', ['municipalityCode', 'signalMonth'])
export class CaseStatistic {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'char', length: 4 })
  municipalityCode: string;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  corporationId: string | null;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  municipalityOrgId: string | null;

  /** First day of the month the signal was sent; null when no signal was sent. */
  @Column({ type: 'date', nullable: true })
  signalMonth: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  partnerType: string | null;

  @Column({ type: 'boolean' })
  reached: boolean;

  @Column({ type: 'integer', nullable: true })
  daysToFirstContact: number | null;

  @Column({ type: 'boolean' })
  helpAccepted: boolean;

  @Column({ type: 'enum', enum: SIGNAL_END_RESULTS, enumName: 'signal_end_result', nullable: true })
  endResult: SignalEndResult | null;

  @Column({ type: 'boolean', nullable: true })
  arrangementKept: boolean | null;

  @Column({ type: 'boolean' })
  evicted: boolean;

  @Column({ type: 'date', nullable: true })
  closedMonth: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  removedAt: Date;
}
