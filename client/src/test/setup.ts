import { cleanup } from '@testing-library/react';
import { act } from 'react';
import { afterEach, beforeEach } from 'vitest';

import i18n from '../app/i18n';
import './matchers';

// Every test starts in Dutch, the default language, with nothing remembered.
beforeEach(async () => {
  globalThis.localStorage?.clear();
  await act(() => i18n.changeLanguage('nl'));
});

afterEach(() => {
  cleanup();
});
