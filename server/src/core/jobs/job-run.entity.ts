import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The last run of each scheduled job, for operators: when, how long, and what it did. */
@Entity()
export class JobRun {
  @PrimaryColumn({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'timestamptz' })
  lastStartedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  lastFinishedAt: Date | null;

  @Column({ type: 'boolean', nullable: true })
  lastSucceeded: boolean | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  lastResult: Record<string, string | number | boolean | null>;
}
