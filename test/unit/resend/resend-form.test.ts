// The UI's re-send form → the `resend` operation's input: headers as lines, an edited body only when
// edited, the vendor policy in seconds, and the contract's own validation messages.
import { describe, expect, it } from 'vitest';
import { checkJson } from '../../../renderer/src/resend/json-check.js';
import {
  formFromDraft,
  headersToText,
  parseHeaders,
  toCurlInput,
  toResendInput,
  warningSummary,
} from '../../../renderer/src/resend/resend-form.js';
import { furthest } from '../../../renderer/src/resend/job-merge.js';
import type { JobInfo, ResendDraft } from '../../../shared/model.js';

const draft: ResendDraft = {
  deliveryId: 7,
  method: 'POST',
  headers: [
    ['Content-Type', 'application/json'],
    ['User-Agent', 'Airudder'],
  ],
  bodyText: '{"id":123456789012345678901}',
  bodyNote: null,
  scheme: { type: 'md5-template' },
  key: 'airudder',
  keySource: 'vendor-default',
  originalUrl: 'http://127.0.0.1:8787/',
  truncated: false,
};

describe('re-send form', () => {
  it('starts from the draft: its headers, its URL (or the last target), keep the Sign, no retries', () => {
    const f = formFromDraft(draft);
    expect(f).toMatchObject({
      to: 'http://127.0.0.1:8787/',
      headersText: 'Content-Type: application/json\nUser-Agent: Airudder',
      signMode: 'keep',
      retry: false,
    });
    expect(formFromDraft(draft, 'http://dev:3000/cb').to).toBe('http://dev:3000/cb');
    const built = toResendInput(7, f);
    expect(built).toEqual({
      ok: true,
      input: {
        deliveryId: 7,
        to: 'http://127.0.0.1:8787/',
        method: 'POST',
        headers: draft.headers,
        sign: { mode: 'keep' },
        timeoutMs: 10000,
      },
    });
  });

  it('sends the body only when edited, re-signs with the chosen scheme and KEY, and scales the policy', () => {
    const f = {
      ...formFromDraft(draft),
      bodyText: '{"id":1}',
      signMode: 'resign' as const,
      key: 'k',
      scheme: 'hmac-sha256' as const,
      signHeader: 'X-Sig',
      retry: true,
      intervalSeconds: '60',
      maxRetries: '3',
      timeScale: '100',
    };
    const built = toResendInput(7, f);
    expect(built.ok && built.input).toMatchObject({
      body: { text: '{"id":1}' },
      sign: { mode: 'resign', key: 'k', scheme: { type: 'hmac-sha256', header: 'X-Sig' } },
      retry: { intervalMs: 60000, maxRetries: 3, timeScale: 100 },
    });
  });

  it('formats a compact JSON body for editing, digits exact; unedited it sends no body (the stored bytes go), edited it sends the edit', () => {
    const f = formFromDraft(draft);
    expect(f).toMatchObject({
      bodyText: '{\n  "id": 123456789012345678901\n}',
      originalBody: '{\n  "id": 123456789012345678901\n}',
      formatted: true,
    });
    const unedited = toResendInput(7, f);
    expect(unedited.ok && unedited.input).not.toHaveProperty('body');
    expect(toCurlInput(7, f).ok && toCurlInput(7, f)).not.toHaveProperty('input.body');
    const edit = '{\n  "id": 123456789012345678902\n}';
    const edited = toResendInput(7, { ...f, bodyText: edit });
    expect(edited.ok && edited.input.body).toEqual({ text: edit });
  });

  it('leaves as stored what is already laid out, what is not JSON, and JSON that would lose a duplicate key', () => {
    for (const bodyText of ['{\n"id": 1}', 'id=1&x=2', '{"TaskID":"a","TaskID":"b"}', '"just a string"', '[]']) {
      expect(formFromDraft({ ...draft, bodyText })).toMatchObject({ bodyText, originalBody: bodyText, formatted: false });
    }
    expect(formFromDraft({ ...draft, bodyText: null })).toMatchObject({ bodyText: null, formatted: false });
  });

  it('sends a body cut on arrival as its stored part only when the user ticks that', () => {
    const cut = formFromDraft({ ...draft, truncated: true });
    expect(toResendInput(7, cut).ok && toResendInput(7, cut)).not.toHaveProperty('input.allowTruncated');
    const built = toResendInput(7, { ...cut, sendTruncated: true });
    expect(built.ok && built.input.allowTruncated).toBe(true);
  });

  it('copies as curl the same request Send sends: method, headers, edited body, Sign choice; a blank target is where it arrived', () => {
    const f = {
      ...formFromDraft(draft),
      method: 'put',
      headersText: 'X-A: 1',
      bodyText: '{"id":2}',
      signMode: 'resign' as const,
      key: 'k',
      retry: true,
    };
    const send = toResendInput(7, f);
    const curl = toCurlInput(7, f);
    const { to: _to, retry: _retry, timeoutMs: _timeout, ...request } = send.ok ? send.input : {};
    expect(curl).toEqual({ ok: true, input: { ...request, to: 'http://127.0.0.1:8787/' } });
    expect(request).toMatchObject({
      method: 'PUT',
      headers: [['X-A', '1']],
      body: { text: '{"id":2}' },
      sign: { mode: 'resign', key: 'k' },
    });
    expect(toCurlInput(7, { ...f, to: ' ' })).toEqual({ ok: true, input: request });
    expect(toCurlInput(7, { ...f, headersText: 'nope' })).toEqual({ ok: false, errors: ['header line 1: expected "Name: value"'] });
  });

  it('reports bad input with the field, before anything is sent', () => {
    const bad = toResendInput(7, { ...formFromDraft(draft), to: 'not a url', headersText: 'X-Ok: 1' });
    expect(bad).toMatchObject({ ok: false, errors: [expect.stringMatching(/^to: expected an absolute http/)] });
    expect(toResendInput(7, { ...formFromDraft(draft), headersText: 'no colon here' })).toEqual({
      ok: false,
      errors: ['header line 1: expected "Name: value"'],
    });
  });

  it('reads header lines both ways and checks JSON without JSON.parse rounding', () => {
    const pairs: Array<[string, string]> = [
      ['A', '1'],
      ['B', 'x: y'],
    ];
    expect(parseHeaders(headersToText(pairs))).toEqual({ ok: true, pairs });
    expect(checkJson('{"id":123456789012345678901}')).toEqual({ ok: true });
    expect(checkJson('{"a":')).toMatchObject({ ok: false });
  });

  it('accepts a body with a duplicate key, as ingest does, and names the key in a warning', () => {
    const check = checkJson('{"TaskID":"a","TaskID":"b","Sign":"s"}');
    expect(check).toEqual({
      ok: true,
      warnings: [expect.objectContaining({ path: 'TaskID', code: 'duplicate-key', severity: 'warning' })],
    });
    expect(check.ok && warningSummary(check.warnings!)).toEqual({
      label: '1 duplicate key',
      title: expect.stringMatching(/^TaskID: Key "TaskID" appears more than once/),
    });
  });
});

describe('following a job', () => {
  const job = (patch: Partial<JobInfo>): JobInfo => ({
    id: 1,
    kind: 'bulk',
    state: 'running',
    label: '',
    total: 10,
    completed: 0,
    succeeded: 0,
    failed: 0,
    attempts: 0,
    outcomes: {},
    notes: [],
    nextAttemptAt: null,
    startedAt: 0,
    finishedAt: null,
    error: null,
    ...patch,
  });
  it('keeps the state that got furthest, whatever order the answer and the events arrive in', () => {
    const done = job({ state: 'done', completed: 10, attempts: 10 });
    const started = job({});
    expect(furthest(done, started)).toBe(done);
    expect(furthest(started, done)).toBe(done);
    expect(furthest(job({ completed: 5 }), job({ completed: 3 })).completed).toBe(5);
    expect(furthest(undefined, started)).toBe(started);
  });
});
