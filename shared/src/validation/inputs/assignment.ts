import * as z from 'zod/mini';
import { optionalId, requiredId } from '../fields.js';

/** assignCase: a colleague who works the case for my organisation, or nobody (null). */
export const assignCaseInputSchema = z.object({ caseId: requiredId(), assigneeId: optionalId() });
