import type { Locale } from '../enums.js';
import type { FieldIssue, FieldIssueCode } from './field-issues.js';

/**
 * Every field issue in words, B1 level, in both languages. `{{name}}` is replaced by the issue's
 * parameter of that name (i18next's syntax, so the client can load these as they are).
 */
export const FIELD_ISSUE_MESSAGES: Readonly<Record<Locale, Readonly<Record<FieldIssueCode, string>>>> = {
  nl: {
    REQUIRED: 'Vul dit in.',
    ANSWER_REQUIRED: 'Kies een antwoord.',
    INVALID_TYPE: 'Dit soort waarde past hier niet.',
    TOO_LONG: 'Hoogstens {{max}} tekens.',
    CONTROL_CHARACTERS: 'Hier staat een teken in dat niet is toegestaan. Typ de tekst opnieuw.',
    INVALID_DATE: 'Vul een geldige datum in (jjjj-mm-dd).',
    DATE_TOO_EARLY: 'Deze datum ligt te vroeg. Kies een datum vanaf {{min}}.',
    DATE_TOO_LATE: 'Deze datum ligt te ver in de toekomst. Vul een datum in tot en met {{max}}.',
    DATE_IN_FUTURE: 'Deze datum ligt in de toekomst.',
    DATE_BEFORE_OTHER: 'Deze datum ligt vóór {{min}}.',
    NOT_WHOLE_NUMBER: 'Vul een heel getal in.',
    TOO_SMALL: 'Vul {{min}} of meer in.',
    TOO_LARGE: 'Vul hoogstens {{max}} in.',
    AMOUNT_TOO_SMALL: 'Het bedrag kan niet negatief zijn.',
    AMOUNT_ZERO: 'Vul een bedrag in dat groter is dan nul.',
    AMOUNT_TOO_LARGE: 'Dit bedrag is te groot. Controleer het bedrag.',
    NOT_ALLOWED_VALUE: 'Kies een van de mogelijkheden.',
    INVALID_ID: 'Dit onderdeel bestaat niet (meer).',
    INVALID_POSTCODE: 'Vul een geldige postcode in, zoals 1234 AB.',
    INVALID_EMAIL: 'Vul een geldig e-mailadres in.',
    INVALID_PHONE: 'Vul een geldig telefoonnummer in, bijvoorbeeld 06 12345678.',
    INVALID_MUNICIPALITY_CODE: 'Een gemeentecode heeft vier cijfers, bijvoorbeeld 0363.',
    TOO_SHORT: 'Dit is te kort: minstens {{min}} tekens.',
    DUPLICATE_VALUE: 'Kies elke mogelijkheid maar één keer.',
    NOT_FOR_THIS_STEP: 'Dit hoort niet bij deze stap. Laat het leeg.',
    OWN_ORGANIZATION: 'Kies een andere organisatie dan je eigen organisatie.',
    NO_AGREEMENT: 'Jouw organisatie heeft met deze organisatie geen geldig convenant.',
    ROLE_DOES_NOT_FIT: 'Deze rol past niet bij de organisatie.',
    NOT_ON_CASE: 'Kies een organisatie die aan dit dossier werkt.',
    NOT_A_CASE_WORKER_THERE: 'Kies iemand die dossiers behandelt voor de organisatie die het werk doet.',
    INVALID_VERSION_LABEL: 'Gebruik alleen letters, cijfers, punt, streepje of liggend streepje.',
  },
  en: {
    REQUIRED: 'Please fill this in.',
    ANSWER_REQUIRED: 'Please choose an answer.',
    INVALID_TYPE: 'This kind of value does not fit here.',
    TOO_LONG: 'At most {{max}} characters.',
    CONTROL_CHARACTERS: 'This contains a character that is not allowed. Please type the text again.',
    INVALID_DATE: 'Enter a valid date (yyyy-mm-dd).',
    DATE_TOO_EARLY: 'This date is too early. Choose a date from {{min}}.',
    DATE_TOO_LATE: 'This date is too far in the future. Enter a date up to {{max}}.',
    DATE_IN_FUTURE: 'This date is in the future.',
    DATE_BEFORE_OTHER: 'This date is before {{min}}.',
    NOT_WHOLE_NUMBER: 'Enter a whole number.',
    TOO_SMALL: 'Enter {{min}} or more.',
    TOO_LARGE: 'Enter at most {{max}}.',
    AMOUNT_TOO_SMALL: 'The amount cannot be negative.',
    AMOUNT_ZERO: 'Enter an amount greater than zero.',
    AMOUNT_TOO_LARGE: 'This amount is too large. Please check it.',
    NOT_ALLOWED_VALUE: 'Choose one of the options.',
    INVALID_ID: 'This item does not exist (any more).',
    INVALID_POSTCODE: 'Enter a valid Dutch postcode, such as 1234 AB.',
    INVALID_EMAIL: 'Enter a valid e-mail address.',
    INVALID_PHONE: 'Enter a valid telephone number, for example 06 12345678.',
    INVALID_MUNICIPALITY_CODE: 'A municipality code has four digits, for example 0363.',
    TOO_SHORT: 'This is too short: at least {{min}} characters.',
    DUPLICATE_VALUE: 'Choose each option only once.',
    NOT_FOR_THIS_STEP: 'This does not belong to this step. Leave it empty.',
    OWN_ORGANIZATION: 'Choose an organisation other than your own.',
    NO_AGREEMENT: 'Your organisation has no valid data-sharing agreement with this organisation.',
    ROLE_DOES_NOT_FIT: 'This role does not fit the organisation.',
    NOT_ON_CASE: 'Choose an organisation that works on this case.',
    NOT_A_CASE_WORKER_THERE: 'Choose someone who works cases for the organisation doing the work.',
    INVALID_VERSION_LABEL: 'Use only letters, digits, dot, dash or underscore.',
  },
};

/** The issue in words. Unknown placeholders stay visible rather than vanish. */
export function fieldIssueMessage(issue: Pick<FieldIssue, 'code' | 'params'>, locale: Locale): string {
  return FIELD_ISSUE_MESSAGES[locale][issue.code].replace(/\{\{(\w+)\}\}/g, (placeholder, name: string) => {
    const value = issue.params[name];
    return value === undefined ? placeholder : String(value);
  });
}
