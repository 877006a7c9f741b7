/** The case notes section of the case page, and the writer shown when the notes are withheld. */
export { CaseNoteWriter, CaseNotesPanel } from './CaseNotesPanel';
