import { graphql } from '../../gql';

/**
 * The arrears section of one case, alone: read again after a CONFLICT (someone else recorded arrears
 * meanwhile), so the figures behind the conflict dialog are current without reading the whole case page.
 */
export const CaseArrearsDocument = graphql(`
  query CaseArrears($id: ID!) {
    case(id: $id) {
      id
      ...ArrearsPanel_case
    }
  }
`);
