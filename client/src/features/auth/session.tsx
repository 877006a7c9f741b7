import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { createContext, use, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';

import { onUnauthenticated } from '../../app/apollo';
import { graphql } from '../../gql';
import type { MeQuery } from '../../gql/graphql';
import { abilityFromPackedRules, type Actor } from '../../lib/ability';
import { hasErrorCode } from '../../lib/graphql-errors';
import type { VangnetAbility } from '@vangnet/shared';

export const MeDocument = graphql(`
  query Me {
    me {
      user {
        id
        displayName
        email
        locale
      }
      memberships {
        id
        role
        organization {
          id
          name
          kind
        }
      }
      activeMembership {
        id
        role
        organization {
          id
          name
          kind
        }
      }
      abilityRules
    }
  }
`);

export type Me = MeQuery['me'];

const LogoutDocument = graphql(`
  mutation Logout {
    logout
  }
`);

const SwitchMembershipDocument = graphql(`
  mutation SwitchMembership($membershipId: ID!) {
    switchMembership(membershipId: $membershipId) {
      activeMembership {
        id
      }
    }
  }
`);

export interface SessionActions {
  /** After a successful login: forget everything cached and read `me` again. */
  readonly loggedIn: () => Promise<void>;
  readonly logout: () => Promise<void>;
  /** Acts for another membership: everything on screen is read again for it. */
  readonly switchMembership: (membershipId: string) => Promise<void>;
}

export type SessionState =
  | { readonly status: 'loading' }
  | { readonly status: 'anonymous'; readonly expired: boolean }
  | { readonly status: 'unavailable'; readonly retry: () => void }
  | {
      readonly status: 'authenticated';
      readonly me: Me;
      /** Null when the user has no membership: they can log in but act for nobody. */
      readonly actor: Actor | null;
      readonly ability: VangnetAbility;
    };

const SessionContext = createContext<SessionState>({ status: 'loading' });
const noop = () => Promise.resolve();
const SessionActionsContext = createContext<SessionActions>({
  loggedIn: noop,
  logout: noop,
  switchMembership: noop,
});

/** Refetching after a reset fails for a logged-out user; that failure is the expected answer. */
async function resetQuietly(reset: () => Promise<unknown>): Promise<void> {
  try {
    await reset();
  } catch {
    // The me query now holds the error; the session state follows from it.
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const client = useApolloClient();
  const { data, error, loading, refetch, previousData } = useQuery(MeDocument, {
    notifyOnNetworkStatusChange: false,
  });

  const [logoutMutation] = useMutation(LogoutDocument);
  const [switchMutation] = useMutation(SwitchMembershipDocument);
  /** A logout the user asked for is not an expired session. */
  const [loggedOutOnPurpose, setLoggedOutOnPurpose] = useState(false);

  useEffect(
    () =>
      onUnauthenticated(() => {
        void refetch().catch(() => undefined);
      }),
    [refetch],
  );

  const loggedIn = useCallback(async () => {
    setLoggedOutOnPurpose(false);
    await resetQuietly(() => client.resetStore());
  }, [client]);

  const logout = useCallback(async () => {
    setLoggedOutOnPurpose(true);
    try {
      await logoutMutation();
    } finally {
      await resetQuietly(() => client.resetStore());
    }
  }, [client, logoutMutation]);

  const switchMembership = useCallback(
    async (membershipId: string) => {
      await switchMutation({ variables: { membershipId } });
      await resetQuietly(() => client.resetStore());
    },
    [client, switchMutation],
  );

  const actions = useMemo<SessionActions>(
    () => ({ loggedIn, logout, switchMembership }),
    [loggedIn, logout, switchMembership],
  );

  const me = data?.me;
  const state = useMemo<SessionState>(() => {
    if (me) {
      const active = me.activeMembership;
      return {
        status: 'authenticated',
        me,
        actor: active
          ? {
              userId: me.user.id,
              organizationId: active.organization.id,
              organizationName: active.organization.name,
              orgKind: active.organization.kind,
              role: active.role,
            }
          : null,
        ability: abilityFromPackedRules(me.abilityRules),
      };
    }
    if (loading) return { status: 'loading' };
    if (hasErrorCode(error, 'UNAUTHENTICATED')) {
      return { status: 'anonymous', expired: previousData?.me !== undefined && !loggedOutOnPurpose };
    }
    return {
      status: 'unavailable',
      retry: () => {
        void client.refetchQueries({ include: [MeDocument] });
      },
    };
  }, [me, loading, error, previousData, client, loggedOutOnPurpose]);

  return (
    <SessionActionsContext value={actions}>
      <SessionContext value={state}>{children}</SessionContext>
    </SessionActionsContext>
  );
}

export function useSessionActions(): SessionActions {
  return use(SessionActionsContext);
}

export function useSession(): SessionState {
  return use(SessionContext);
}

/** For components that only render inside the authenticated part of the app. */
export function useAuthenticatedSession(): Extract<SessionState, { status: 'authenticated' }> {
  const session = useSession();
  if (session.status !== 'authenticated') {
    throw new Error('useAuthenticatedSession outside an authenticated session');
  }
  return session;
}

/** The acting membership; throws when there is none (routes that need it are guarded). */
export function useActor(): { actor: Actor; ability: VangnetAbility; me: Me } {
  const session = useAuthenticatedSession();
  if (!session.actor) throw new Error('useActor without an active membership');
  return { actor: session.actor, ability: session.ability, me: session.me };
}
