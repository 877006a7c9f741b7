import { graphql } from '../../gql';

/**
 * The notes of one case with what my organisation may read of them: read again after my first note
 * while the notes were withheld from me, because that note opens the section to my organisation (its own
 * notes only) — a change of access the note itself does not carry. The rest of the page stays as it is.
 */
export const CaseNotesAccessDocument = graphql(`
  query CaseNotesAccess($id: ID!) {
    case(id: $id) {
      id
      access {
        category
        allowed
        basis
        reason
        consentId
        ownDataOnly
      }
      ...CaseNotesPanel_case
    }
  }
`);
