// The shell: navigation, the live indicator and the screen for the current route.
import { Suspense, lazy, useEffect, useState } from 'react';
import { useConnection } from './api/context.js';
import type { LinkState } from './api/connection.js';
import { InboxScreen } from './inbox/InboxScreen.js';
import { CallScreen } from './call/CallScreen.js';
import { ChainScreen } from './chain/ChainScreen.js';
import { EndpointsScreen } from './endpoints/EndpointsScreen.js';
import { DiffScreen } from './diff/DiffScreen.js';
import { formatRoute, type Route } from './routing/route.js';
import { useRoute } from './routing/use-route.js';

// CodeMirror and recharts are big: they load with the first screen that needs them.
const DeliveryScreen = lazy(() => import('./delivery/DeliveryScreen.js').then((m) => ({ default: m.DeliveryScreen })));
const ChartsScreen = lazy(() => import('./charts/ChartsScreen.js').then((m) => ({ default: m.ChartsScreen })));

const NAV: Array<{ label: string; route: Route; active: (r: Route) => boolean }> = [
  { label: 'Inbox', route: { name: 'inbox', q: '' }, active: (r) => ['inbox', 'delivery', 'call', 'chain'].includes(r.name) },
  { label: 'Charts', route: { name: 'charts' }, active: (r) => r.name === 'charts' },
  { label: 'Endpoints', route: { name: 'endpoints' }, active: (r) => r.name === 'endpoints' },
  { label: 'Compare', route: { name: 'diff', a: '', b: '' }, active: (r) => r.name === 'diff' },
];

export function App() {
  const route = useRoute();
  return (
    <div className="app">
      <nav className="nav">
        <span className="brand">Callback Inspector</span>
        {NAV.map((n) => (
          <a key={n.label} href={formatRoute(n.route)} className={n.active(route) ? 'active' : ''}>
            {n.label}
          </a>
        ))}
        <LiveIndicator />
      </nav>
      <main className="main">
        <InboxScreen active={route.name === 'inbox'} q={route.name === 'inbox' ? route.q : ''} />
        <Suspense fallback={<div className="screen message">Loading…</div>}>
          {route.name === 'delivery' && <DeliveryScreen key={route.id} id={route.id} />}
          {route.name === 'charts' && <ChartsScreen />}
        </Suspense>
        {route.name === 'call' && (
          <CallScreen key={`${route.deliveryId}/${route.index}`} deliveryId={route.deliveryId} index={route.index} />
        )}
        {route.name === 'endpoints' && <EndpointsScreen />}
        {route.name === 'diff' && <DiffScreen key={`${route.a}|${route.b}`} a={route.a} b={route.b} />}
        {route.name === 'chain' && <ChainScreen key={`${route.callee}?${route.taskId}`} callee={route.callee} taskId={route.taskId} />}
        {route.name === 'not-found' && (
          <div className="screen message">
            Nothing at {route.hash}. <a href="#/inbox">Go to the inbox</a>.
          </div>
        )}
      </main>
    </div>
  );
}

function LiveIndicator() {
  const connection = useConnection();
  const [state, setState] = useState<LinkState>('live');
  useEffect(() => connection.onLinkState(setState), [connection]);
  return (
    <span className={`live ${state}`} title={connection.transport === 'electron' ? 'desktop app' : 'browser, via serve'}>
      {state === 'live' ? '● live' : '○ reconnecting…'}
    </span>
  );
}

export function NotConnected() {
  return (
    <div className="screen message">
      <h1>Callback Inspector</h1>
      <p>
        This page needs the API token. Open the <code>ui:</code> URL that <code>callback-inspector serve</code> printed (it ends in{' '}
        <code>#token=…</code>).
      </p>
    </div>
  );
}
