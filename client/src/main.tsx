import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import '@utrecht/design-tokens/dist/index.css';
import '@utrecht/component-library-css/dist/index.css';
import { initialLanguageReady } from './app/i18n';
import './app/app.css';
import './ui/ui.css';
import { App } from './app/App';
import { createApolloClient } from './app/apollo';
import { preloadRoute } from './app/preload';

const container = document.getElementById('root');
if (!container) {
  throw new Error('Root element #root is missing from index.html');
}

const client = createApolloClient();
// Before the first render, so the route's code and query are on their way while `Me` is asked.
preloadRoute(client, window.location.pathname);

// At once in Dutch; a remembered other language first fetches its strings.
void initialLanguageReady.then(() => {
  createRoot(container).render(
    <StrictMode>
      <App client={client} />
    </StrictMode>,
  );
});
