import { cleanup, configure } from '@testing-library/react';
import { act } from 'react';
import { afterEach, beforeEach } from 'vitest';

import i18n from '../app/i18n';
import './matchers';

// findBy… and waitFor wait up to 3 s (the default is 1 s): a page behind the login first waits for the
// session, then for its own chunk and queries, which on a busy 2-core machine can take over a second.
configure({ asyncUtilTimeout: 3_000 });

// Every test starts in Dutch, the default language, with nothing remembered.
beforeEach(async () => {
  globalThis.localStorage?.clear();
  await act(() => i18n.changeLanguage('nl'));
});

afterEach(() => {
  cleanup();
});
