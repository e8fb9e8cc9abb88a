// Endpoints and settings: where to point the vendor, how each endpoint answers, and retention.
import { useState } from 'react';
import type { EndpointConfig } from '../../../shared/model.js';
import { useApi, useAsync } from '../api/context.js';
import { CopyField } from './CopyField.js';
import { EndpointForm, newEndpoint } from './EndpointForm.js';
import { ForwardControls } from './ForwardControls.js';
import { GenerateForm } from './GenerateForm.js';
import { PublicUrlHint } from './PublicUrlHint.js';
import { SettingsForm } from './SettingsForm.js';
import { DEFAULT_ENDPOINT, vendorUrl } from './endpoint-url.js';

export function EndpointsScreen() {
  const api = useApi();
  const info = useAsync(() => api.info({}), [api]);
  const list = useAsync(() => api.listEndpoints({}), [api]);
  // Read again whenever the list is (after a save or delete).
  const names = useAsync(() => api.listEndpointNames({}), [api, list.status === 'ready' ? list.value : null]);
  const [editing, setEditing] = useState<{ config: EndpointConfig; isNew: boolean } | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Bumped when the public URL is confirmed from the hint, so the settings form shows it.
  const [settingsShown, setSettingsShown] = useState(0);

  const endpoints = list.status === 'ready' ? list.value : [];
  // `default` answers every path that is not /hooks/<name>/, and traffic may arrive at a /hooks/<name>/
  // nobody configured: both are listed, with what they do unconfigured, ready to be configured.
  const seen = names.status === 'ready' ? names.value.names : [DEFAULT_ENDPOINT];
  const unconfigured = [DEFAULT_ENDPOINT, ...seen].filter((n, i, all) => all.indexOf(n) === i && !endpoints.some((e) => e.name === n));
  const rows = [...endpoints, ...unconfigured.map((name) => ({ ...newEndpoint(), name }))].sort(
    (a, b) => Number(b.name === DEFAULT_ENDPOINT) - Number(a.name === DEFAULT_ENDPOINT) || a.name.localeCompare(b.name),
  );
  const base = info.status === 'ready' ? info.value : null;

  const remove = async (name: string) => {
    if (!window.confirm(`Delete endpoint ${name}? Its deliveries stay in the inbox.`)) return;
    try {
      await api.deleteEndpoint({ name });
      list.reload();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <section className="screen scroll endpoints">
      <h1>Endpoints</h1>
      {base && (
        <p className="quiet">
          Receiver at <code>{base.receiverUrl}</code>
          {base.publicUrl ? (
            <>
              {' '}
              · public (tunnel) URL <code>{base.publicUrl}</code>
            </>
          ) : (
            ' · no public (tunnel) URL set (Settings, below)'
          )}
        </p>
      )}
      {base && (
        <PublicUrlHint
          info={base}
          onConfirmed={() => {
            info.reload();
            setSettingsShown((n) => n + 1);
          }}
        />
      )}
      {(list.status === 'error' || info.status === 'error' || error) && (
        <div className="error-bar">
          {list.status === 'error' ? list.error.message : info.status === 'error' ? info.error.message : error}
        </div>
      )}
      <table className="grid endpoints-table">
        <thead>
          <tr>
            <th>name</th>
            <th>URL to give the vendor</th>
            <th>answer</th>
            <th>Sign</th>
            <th>forward</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((e) => (
            <tr key={e.name}>
              <td>
                <b>{e.name}</b>
                {!endpoints.some((x) => x.name === e.name) && <div className="quiet">not configured</div>}
              </td>
              <td className="urls">
                {base && <CopyField value={vendorUrl(base.receiverUrl, e.name)} label={`${e.name} URL`} />}
                {(e.publicUrl || base?.publicUrl) && (
                  <CopyField value={e.publicUrl || vendorUrl(base!.publicUrl!, e.name)} label={`${e.name} public URL`} />
                )}
              </td>
              <td>{describeAnswer(e)}</td>
              <td>
                {e.sign.type === 'none'
                  ? 'not checked'
                  : `${e.sign.type}${e.key ? '' : e.sign.type === 'md5-template' ? " (the vendor's default KEY)" : ' (no KEY: not checked)'}`}
              </td>
              <td>
                <ForwardControls endpoint={e} onChanged={list.reload} />
              </td>
              <td className="actions">
                <button onClick={() => setEditing({ config: e, isNew: false })}>edit</button>
                {endpoints.some((x) => x.name === e.name) && <button onClick={() => void remove(e.name)}>delete</button>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {!editing && (
        <button className="primary add" onClick={() => setEditing({ config: newEndpoint(), isNew: true })}>
          + new endpoint
        </button>
      )}
      {editing && (
        <EndpointForm
          key={editing.config.name || 'new'}
          initial={editing.config}
          isNew={editing.isNew}
          onSaved={() => {
            setEditing(null);
            list.reload();
          }}
          onCancel={() => setEditing(null)}
        />
      )}
      <h1 className="section">Synthetic callbacks</h1>
      <GenerateForm />
      <h1 className="section">Settings</h1>
      <SettingsForm key={settingsShown} onSaved={info.reload} />
    </section>
  );
}

function describeAnswer(e: EndpointConfig): string {
  const r = e.response;
  const parts = [r.hang ? 'hangs' : `${r.status}`];
  if (r.delayMs) parts.push(`after ${r.delayMs} ms`);
  if (r.failFirst) parts.push(`fails first ${r.failFirst} with ${r.failStatus}`);
  if (r.failureRate) parts.push(`${Math.round(r.failureRate * 100)}% ${r.failStatus}`);
  return parts.join(', ');
}
