import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';

export const ARREARS_IMPORT_OUTCOMES = {
  CREATED: 'CREATED',
  UPDATED: 'UPDATED',
  UNCHANGED: 'UNCHANGED',
  ERROR: 'ERROR',
} as const;
export type ArrearsImportOutcome = keyof typeof ARREARS_IMPORT_OUTCOMES;
registerEnumType(ARREARS_IMPORT_OUTCOMES, {
  name: 'ArrearsImportOutcome',
  description: 'What the import did with one row of the file.',
  valuesConfig: {
    CREATED: { description: 'An unknown contract: a new dossier (PRE_SIGNAL) in the queue.' },
    UPDATED: { description: 'The arrears of the open dossier changed; one new history entry.' },
    UNCHANGED: { description: 'Nothing to do: the same arrears, or no arrears and no dossier.' },
    ERROR: { description: 'Not imported; `message` says why.' },
  },
});

@InputType({ description: "An arrears list from the corporation's ERP: ;-separated CSV with a header row." })
export class ImportArrearsInput {
  @Field()
  fileName: string;

  @Field({
    description:
      'The file itself (UTF-8). Columns: contractnummer;voorletters;tussenvoegsel;achternaam;straat;huisnummer;toevoeging;postcode;woonplaats;bedrag;ontstaan_op, optionally maandhuur and maanden_achterstand.',
  })
  csv: string;
}

@ObjectType('ArrearsImportRow')
export class ArrearsImportRowType {
  @Field(() => Int, { description: 'The line of the file the row starts on (the header is line 1).' })
  line: number;

  @Field(() => String, { nullable: true })
  contractNumber: string | null;

  @Field(() => ARREARS_IMPORT_OUTCOMES)
  outcome: ArrearsImportOutcome;

  @Field(() => String, { nullable: true })
  caseReference: string | null;

  @Field(() => String, { nullable: true })
  message: string | null;
}

@ObjectType('ArrearsImportResult', { description: 'One import: counts and the outcome of every row.' })
export class ArrearsImportResultType {
  @Field(() => ID)
  importId: string;

  @Field(() => Int)
  rowsTotal: number;

  @Field(() => Int)
  created: number;

  @Field(() => Int)
  updated: number;

  @Field(() => Int)
  unchanged: number;

  @Field(() => Int)
  errors: number;

  @Field(() => [ArrearsImportRowType])
  rows: ArrearsImportRowType[];
}
