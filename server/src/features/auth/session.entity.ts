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
import { Membership } from '../organizations/index.js';
import { User } from '../users/index.js';

/** A login session. Only a SHA-256 hash of the cookie token is stored, so a database leak yields no usable sessions. */
@Entity({ name: 'user_session' })
export class Session {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index({ unique: true })
  @Column({ type: 'char', length: 64 })
  tokenHash: string;

  @Index()
  @Column('uuid')
  userId: string;

  /** The membership this session acts for; every request acts for one. Null for a user without memberships: such a session sees nothing. */
  @Index()
  @Column({ type: 'uuid', nullable: true })
  activeMembershipId: string | null;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user: Relation<User>;

  @ManyToOne(() => Membership, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'active_membership_id' })
  activeMembership: Relation<Membership> | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  lastSeenAt: Date;

  /** Sliding idle expiry, never later than absoluteExpiresAt. */
  @Index()
  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz' })
  absoluteExpiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
