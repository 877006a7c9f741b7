import * as z from 'zod/mini';
import { requiredChoice, requiredId, requiredText } from '../fields.js';

/** The longest case note. */
export const MAX_CASE_NOTE = 4000;
/** For whom a note is: my own organisation, or everyone on the case who may read case notes. */
export const CASE_NOTE_VISIBILITIES = ['OWN_ORG', 'SHARED'] as const;

/** addCaseNote: the text and for whom it is. */
export const addCaseNoteInputSchema = z.object({
  caseId: requiredId(),
  body: requiredText({ max: MAX_CASE_NOTE, multiline: true }),
  visibility: requiredChoice(CASE_NOTE_VISIBILITIES),
});
