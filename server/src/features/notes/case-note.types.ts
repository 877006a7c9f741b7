import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { UserRefType } from '../cases/index.js';
import { OrganizationRefType } from '../organizations/index.js';
import { NOTE_VISIBILITIES, type NoteVisibility } from './case-note.entity.js';

export const NoteVisibilityEnum = Object.fromEntries(NOTE_VISIBILITIES.map((value) => [value, value])) as {
  [K in NoteVisibility]: K;
};
registerEnumType(NoteVisibilityEnum, {
  name: 'NoteVisibility',
  description:
    'OWN_ORG: only ever read by the writing organisation. SHARED: also by partners with CASE_NOTES consent.',
});

@ObjectType('CaseNote', { description: 'A case note (category CASE_NOTES): append-only.' })
export class CaseNoteType {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  caseId: string;

  @Field()
  body: string;

  @Field(() => NoteVisibilityEnum)
  visibility: NoteVisibility;

  @Field(() => UserRefType)
  author: UserRefType;

  @Field(() => OrganizationRefType, { description: 'The organisation the author wrote it for.' })
  organization: OrganizationRefType;

  @Field()
  createdAt: Date;
}

@InputType({ description: 'A new case note.' })
export class AddCaseNoteInput {
  @Field(() => ID)
  caseId: string;

  @Field({ description: '1–4000 characters.' })
  body: string;

  @Field(() => NoteVisibilityEnum)
  visibility: NoteVisibility;
}
