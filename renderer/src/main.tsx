// Entry point: connect to the API (Electron bridge or HTTP + SSE) and mount the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, NotConnected } from './App.js';
import { ConnectionProvider } from './api/context.js';
import { connect } from './api/connection.js';

const connection = connect(window);
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {connection ? (
      <ConnectionProvider value={connection}>
        <App />
      </ConnectionProvider>
    ) : (
      <NotConnected />
    )}
  </StrictMode>,
);
