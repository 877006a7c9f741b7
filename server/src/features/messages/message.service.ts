import {
  PURPOSES_BY_PARTICIPANT_ROLE,
  consentRecipientRole,
  renderMessageInputSchema,
  todayInAmsterdam,
  type DataCategory,
} from '@vangnet/shared';
import {
  consentRecipientCandidate,
  consentRecipientSql,
  type ConsentRecipientRow,
} from '../../core/authz/partnership-sql.js';
import { readSection, sectionAccessOf, type CaseRef } from '../../core/authz/section-access.js';
import { BadUserInputError, ForbiddenError, NotFoundError } from '../../core/errors.js';
import { parseInput } from '../../core/graphql/input-validation.js';
import { requireMembership, type RequestContext } from '../../core/request-context.js';
import type { ArrangementService, InstalmentType } from '../arrangements/index.js';
import type { CaseSectionsService, CaseService, ContactSectionType } from '../cases/index.js';
import { defaultConsentValidUntil } from '../consents/index.js';
import { composeLetter, composeSms, plainText, templateVersion, type MessageData } from './letter.js';
import type { MessageMilestone } from './message-templates.js';
import type { RenderedMessageType, RenderMessageInput } from './message.types.js';

export const CONTACT_REFUSAL =
  'Je mag de contactgegevens van deze huurder niet zien, dus je kunt geen brief maken.';

/** What a message can take from the payment arrangement (category ARRANGEMENT). */
interface ArrangementFacts {
  readonly lastPayment: { readonly amountCents: number; readonly paidOn: string } | null;
  readonly firstUnpaid: { readonly amountCents: number; readonly dueOn: string } | null;
  readonly milestone: {
    readonly kind: MessageMilestone;
    readonly count: number | undefined;
    /** Only a reward the corporation confirmed is mentioned to the tenant. */
    readonly rewardCents: number | undefined;
  } | null;
}

/**
 * Messages to the tenant (docs/product.md §4 "Simple message"), made from the case's data through the access
 * rule: the name and address need CONTACT, payment data not given in the input need ARRANGEMENT. Every
 * section read goes through `readSection`, which records the read in the audit trail.
 */
export class MessageService {
  constructor(
    private readonly cases: CaseService,
    private readonly sections: CaseSectionsService,
    private readonly arrangements: ArrangementService,
  ) {}

  async renderMessage(context: RequestContext, input: RenderMessageInput): Promise<RenderedMessageType> {
    const actor = requireMembership(context);
    const today = todayInAmsterdam(context.clock.now());
    const checked: RenderMessageInput = {
      ...input,
      ...parseInput(context, renderMessageInputSchema(today), input),
    };
    const ref = await this.visibleCase(context, checked.caseId);

    const contact = await readSection(context, ref, 'CONTACT', () => this.sections.contact(context, ref));
    if (!contact) this.refuse(context, ref, 'CONTACT', checked, CONTACT_REFUSAL);
    const tenantName = [contact.initials, contact.prefix, contact.surname].filter(Boolean).join(' ');
    const [sender] = await context.db.lookup<{ display_name: string }>(
      `SELECT display_name FROM app_user WHERE id = $1`,
      [actor.userId],
    );
    const data: MessageData = {
      tenantName,
      address: addressOf(tenantName, contact),
      organizationName: actor.organizationName,
      senderName: sender?.display_name ?? actor.organizationName,
      ...(checked.senderPhone ? { phone: checked.senderPhone.trim() } : {}),
      date: today,
      ...(await this.kindData(context, ref, checked, today)),
    };
    const locale = checked.locale ?? contact.language;
    const letter = composeLetter(checked.kind, locale, data);
    return {
      kind: checked.kind,
      locale,
      subject: letter.subject,
      text: plainText(letter),
      templateVersion: templateVersion(checked.kind, locale),
      letter,
      sms: composeSms(checked.kind, locale, data),
    };
  }

  /** A case the actor may not see answers exactly like one that does not exist; the attempt is on record. */
  private async visibleCase(context: RequestContext, caseId: string): Promise<CaseRef> {
    try {
      const view = await this.cases.getCase(context, caseId);
      return { id: view.id, tenantId: view.tenantId };
    } catch (error) {
      if (error instanceof NotFoundError)
        context.readAudit.record({
          action: 'ACCESS_DENIED',
          entityType: 'case',
          entityId: caseId,
          details: { attempted: 'renderMessage' },
        });
      throw error;
    }
  }

  private refuse(
    context: RequestContext,
    ref: CaseRef,
    category: DataCategory,
    input: RenderMessageInput,
    message: string,
    fieldErrors?: Record<string, string>,
  ): never {
    context.readAudit.record({
      action: 'ACCESS_DENIED',
      entityType: 'case',
      entityId: ref.id,
      caseId: ref.id,
      tenantId: ref.tenantId,
      categories: [category],
      details: { attempted: 'renderMessage', kind: input.kind },
    });
    if (fieldErrors) throw new BadUserInputError(message, fieldErrors);
    throw new ForbiddenError(message);
  }

  private async kindData(
    context: RequestContext,
    ref: CaseRef,
    input: RenderMessageInput,
    today: string,
  ): Promise<Partial<MessageData>> {
    switch (input.kind) {
      case 'PAYMENT_CONFIRMATION': {
        if (input.amountCents != null && input.paidOn != null)
          return { amountCents: input.amountCents, paidOn: input.paidOn };
        const facts = await this.arrangement(context, ref, input, ['amountCents', 'paidOn']);
        const payment = facts.lastPayment;
        if (!payment)
          throw new BadUserInputError('Er is nog geen betaling vastgelegd.', {
            amountCents: 'Vul het bedrag en de datum van de betaling in.',
          });
        return {
          amountCents: input.amountCents ?? payment.amountCents,
          paidOn: input.paidOn ?? payment.paidOn,
        };
      }
      case 'PAYMENT_REMINDER': {
        if (input.amountCents != null && input.dueDate != null)
          return { amountCents: input.amountCents, dueDate: input.dueDate };
        const facts = await this.arrangement(context, ref, input, ['amountCents', 'dueDate']);
        const unpaid = facts.firstUnpaid;
        if (!unpaid)
          throw new BadUserInputError('Alle termijnen van de betalingsregeling zijn betaald.', {
            amountCents: 'Vul het bedrag en de datum in als je toch een herinnering wilt sturen.',
          });
        const dueDate = input.dueDate ?? unpaid.dueOn;
        if (dueDate < today)
          throw new BadUserInputError('Deze termijn is al voorbij.', {
            dueDate: 'Kies een nieuwe datum waarop de huurder uiterlijk moet betalen.',
          });
        return { amountCents: input.amountCents ?? unpaid.amountCents, dueDate };
      }
      case 'MILESTONE_ENCOURAGEMENT': {
        if (input.milestone != null) {
          if (input.milestone === 'ON_TIME_STREAK' && input.onTimeCount == null)
            throw new BadUserInputError('Hoe vaak op rij is er op tijd betaald?', {
              onTimeCount: 'Vul in hoe vaak de huurder op rij op tijd heeft betaald.',
            });
          return {
            milestone: {
              kind: input.milestone,
              ...(input.milestone === 'ON_TIME_STREAK' ? { count: input.onTimeCount! } : {}),
            },
            ...(input.rewardCents ? { rewardCents: input.rewardCents } : {}),
          };
        }
        const facts = await this.arrangement(context, ref, input, ['milestone']);
        if (!facts.milestone)
          throw new BadUserInputError('De huurder heeft nog geen mijlpaal bereikt.', {
            milestone: 'Kies zelf een mijlpaal als je de huurder toch wilt aanmoedigen.',
          });
        const { kind, count, rewardCents } = facts.milestone;
        return {
          milestone: { kind, ...(count !== undefined ? { count } : {}) },
          ...(rewardCents !== undefined ? { rewardCents } : {}),
        };
      }
      case 'CONSENT_WORDING':
        return this.consentData(context, ref, input);
    }
  }

  /** The recipient must be an organisation the consent could be recorded for (as recordConsent checks). */
  private async consentData(
    context: RequestContext,
    ref: CaseRef,
    input: RenderMessageInput,
  ): Promise<Partial<MessageData>> {
    const actor = requireMembership(context);
    const fieldErrors: Record<string, string> = {};
    if (!input.recipientOrgId) fieldErrors.recipientOrgId = 'Kies de organisatie die de gegevens krijgt.';
    if (!input.purpose) fieldErrors.purpose = 'Kies waarvoor de gegevens worden gedeeld.';
    if (!input.categories?.length) fieldErrors.categories = 'Kies ten minste één soort gegevens.';
    if (Object.keys(fieldErrors).length > 0 || !input.recipientOrgId || !input.purpose || !input.categories)
      throw new BadUserInputError('Voor de toestemmingstekst is meer nodig.', fieldErrors);

    // The case is visible (visibleCase); its predicate goes into the participant lookup all the same.
    const [recipient] = await context.db.read<ConsentRecipientRow>(
      (bag) =>
        consentRecipientSql(
          ':caseId',
          ':organizationId',
          ':recipientOrgId',
          'CAST(:today AS date)',
          (caseAlias) => context.access.readableCases(caseAlias, bag),
        ),
      {
        caseId: ref.id,
        organizationId: actor.organizationId,
        recipientOrgId: input.recipientOrgId,
        today: todayInAmsterdam(context.access.now),
      },
    );
    const role = recipient
      ? consentRecipientRole(consentRecipientCandidate(recipient), actor.organizationId)
      : null;
    if (!recipient || !role)
      throw new BadUserInputError(
        'Deze organisatie werkt niet aan dit dossier en deelt geen convenant met jouw organisatie.',
        {
          recipientOrgId: 'Kies een organisatie die aan het dossier werkt of waarnaar je kunt verwijzen.',
        },
      );
    if (!PURPOSES_BY_PARTICIPANT_ROLE[role].includes(input.purpose))
      throw new BadUserInputError(
        'Dit doel past niet bij de rol van deze organisatie in het dossier (doelbinding).',
        {
          purpose: `Kies een doel dat deze organisatie dient: ${PURPOSES_BY_PARTICIPANT_ROLE[role].join(', ')}.`,
        },
      );
    return {
      recipientName: recipient.name,
      purpose: input.purpose,
      categories: input.categories,
      validUntil: input.validUntil ?? todayInAmsterdam(defaultConsentValidUntil(context.clock.now())),
    };
  }

  /**
   * The payment arrangement's facts, read under ARRANGEMENT (the arrangement feature's read: the latest arrangement).
   * Withheld or absent: the user is asked to fill in the missing fields themselves.
   */
  private async arrangement(
    context: RequestContext,
    ref: CaseRef,
    input: RenderMessageInput,
    fields: readonly string[],
  ): Promise<ArrangementFacts> {
    const access = await sectionAccessOf(context, ref, 'ARRANGEMENT');
    const ask = Object.fromEntries(fields.map((field) => [field, 'Vul dit zelf in.']));
    if (!access?.allowed)
      this.refuse(
        context,
        ref,
        'ARRANGEMENT',
        input,
        'Je mag de betalingsregeling van deze huurder niet zien. Vul de gegevens voor het bericht zelf in.',
        ask,
      );
    const facts = await readSection(context, ref, 'ARRANGEMENT', () => this.loadArrangement(context, ref));
    if (!facts)
      throw new BadUserInputError(
        'Dit dossier heeft geen betalingsregeling. Vul de gegevens voor het bericht zelf in.',
        ask,
      );
    return facts;
  }

  /** What a message needs, from the arrangement as the arrangement feature reads it (its read rule per row). */
  private async loadArrangement(context: RequestContext, ref: CaseRef): Promise<ArrangementFacts | null> {
    const arrangement = await this.arrangements.arrangementOf(context, ref);
    if (!arrangement) return null;
    const instalments = [...arrangement.instalments].sort((a, b) => a.sequence - b.sequence);
    const last = instalments
      .filter((row) => row.paidOn !== null)
      .reduce<InstalmentType | null>(
        (latest, row) =>
          !latest ||
          row.paidOn! > latest.paidOn! ||
          (row.paidOn === latest.paidOn && row.sequence > latest.sequence)
            ? row
            : latest,
        null,
      );
    const unpaid = instalments.find((row) => row.status === 'DUE' || row.status === 'MISSED');
    // The latest milestone: the highest instalment, completion before a streak at the same one.
    const milestone = [...arrangement.milestones].sort(
      (a, b) =>
        b.reachedAtSequence - a.reachedAtSequence ||
        Number(b.kind === 'COMPLETED') - Number(a.kind === 'COMPLETED') ||
        b.createdAt.getTime() - a.createdAt.getTime(),
    )[0];
    return {
      lastPayment: last ? { amountCents: last.paidCents ?? last.amountCents, paidOn: last.paidOn! } : null,
      firstUnpaid: unpaid ? { amountCents: unpaid.amountCents, dueOn: unpaid.dueOn } : null,
      milestone: milestone
        ? {
            kind: milestone.kind,
            count:
              milestone.kind === 'ON_TIME_STREAK'
                ? streakEndingAt(instalments, milestone.reachedAtSequence)
                : undefined,
            rewardCents:
              milestone.rewardStatus === 'CONFIRMED' && milestone.rewardCents
                ? milestone.rewardCents
                : undefined,
          }
        : null,
    };
  }
}

/** How many instalments in a row were paid on time, up to and including this one. */
function streakEndingAt(instalments: readonly InstalmentType[], sequence: number): number {
  let count = 0;
  for (const row of [...instalments].filter((item) => item.sequence <= sequence).reverse()) {
    if (row.status !== 'PAID_ON_TIME') break;
    count += 1;
  }
  return Math.max(count, 1);
}

/** The address block as Dutch post expects it: "1234 AB  PLAATS". */
function addressOf(name: string, contact: ContactSectionType): string[] {
  const postcode =
    contact.postcode.length === 6
      ? `${contact.postcode.slice(0, 4)} ${contact.postcode.slice(4)}`
      : contact.postcode;
  return [
    name,
    `${contact.street} ${contact.houseNumber}${contact.houseNumberAddition ? ` ${contact.houseNumberAddition}` : ''}`,
    `${postcode}  ${contact.city.toUpperCase()}`,
  ];
}
