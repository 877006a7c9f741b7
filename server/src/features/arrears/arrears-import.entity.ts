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
import { Organization } from '../organizations/index.js';
import { User } from '../users/index.js';

/** One CSV import of an arrears list from a corporation's ERP, with its per-row outcome counts. */
@Entity()
@Check(
  'arrears_import_counts',
  `"rows_total" >= 0 AND "created" >= 0 AND "updated" >= 0 AND "unchanged" >= 0 AND "errors" >= 0`,
)
export class ArrearsImport {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column('uuid')
  corporationId: string;

  @Column({ type: 'varchar', length: 255 })
  fileName: string;

  /** SHA-256 of the file, to recognise a re-import of the very same file. */
  @Index()
  @Column({ type: 'char', length: 64 })
  fileSha256: string;

  @Column({ type: 'integer' })
  rowsTotal: number;

  @Column({ type: 'integer' })
  created: number;

  @Column({ type: 'integer' })
  updated: number;

  @Column({ type: 'integer' })
  unchanged: number;

  @Column({ type: 'integer' })
  errors: number;

  @Index()
  @Column('uuid')
  importedById: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'corporation_id' })
  corporation: Relation<Organization>;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'imported_by_id' })
  importedBy: Relation<User>;

  @CreateDateColumn({ type: 'timestamptz' })
  importedAt: Date;
}
