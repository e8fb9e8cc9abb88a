// How a re-send's signing is chosen per send: the UI form's sign settings and the CLI flags both
// become the `resend` input's `sign`, with only the settings of the chosen scheme.
import { describe, expect, it } from 'vitest';
import { formFromDraft, toResendInput } from '../../../renderer/src/resend/resend-form.js';
import { signChoiceOf, type SendFlags } from '../../../main/hosts/cli/send-options.js';
import type { ResendDraft } from '../../../shared/model.js';

const draft = (scheme: ResendDraft['scheme'], key = 'k'): ResendDraft => ({
  deliveryId: 3,
  method: 'POST',
  headers: [['Content-Type', 'application/json']],
  bodyText: '{}',
  bodyNote: null,
  scheme,
  key,
  keySource: 'endpoint',
  originalUrl: 'http://127.0.0.1:8787/hooks/x/',
  truncated: false,
});

describe('re-send form, Sign', () => {
  it('starts a legacy hmac-sha256 endpoint as the hmac it means', () => {
    const f = formFromDraft(draft({ type: 'hmac-sha256', header: 'X-Hub-Signature-256', encoding: 'base64' }));
    expect(f).toMatchObject({
      scheme: 'hmac',
      signHeader: 'X-Hub-Signature-256',
      algorithm: 'sha256',
      encoding: 'base64',
      prefix: '',
      signed: '',
    });
  });

  it('sends the hmac settings of the form, and none of another scheme', () => {
    const f = {
      ...formFromDraft(draft({ type: 'md5-template', template: '{TaskID}{KEY}' })),
      signMode: 'resign' as const,
      scheme: 'hmac' as const,
      signHeader: 'Stripe-Signature',
      prefix: 'v1=',
      signed: '{timestamp}.{body}',
      algorithm: 'sha512' as const,
    };
    const built = toResendInput(3, f);
    expect(built.ok && built.input.sign).toEqual({
      mode: 'resign',
      key: 'k',
      scheme: { type: 'hmac', header: 'Stripe-Signature', algorithm: 'sha512', prefix: 'v1=', signed: '{timestamp}.{body}' },
    });
  });

  it('asks for a new webhook-id only for standard-webhooks, and rejects an unknown placeholder', () => {
    const f = { ...formFromDraft(draft({ type: 'standard-webhooks' }, 'whsec_AAAA')), signMode: 'resign' as const, newWebhookId: true };
    expect(toResendInput(3, f)).toMatchObject({
      ok: true,
      input: { sign: { mode: 'resign', key: 'whsec_AAAA', scheme: { type: 'standard-webhooks' }, newWebhookId: true } },
    });
    const typo = toResendInput(3, { ...f, scheme: 'hmac', signed: '{Body}' });
    expect(typo).toMatchObject({ ok: false, errors: [expect.stringMatching(/unknown placeholder \{Body\}/)] });
  });
});

describe('CLI sign flags', () => {
  const base: SendFlags = { to: 'http://x/', data: '/tmp/d', timeout: 1000 };

  it('keeps the Sign unless a KEY, a scheme or a scheme setting is given', () => {
    expect(signChoiceOf(base)).toEqual({ mode: 'keep' });
    expect(signChoiceOf({ ...base, key: 'k' })).toEqual({ mode: 'resign', key: 'k', scheme: { type: 'md5-template' } });
  });

  it('hmac settings imply the hmac scheme (a GitHub-style header)', () => {
    expect(signChoiceOf({ ...base, key: 's', signHeader: 'X-Hub-Signature-256', prefix: 'sha256=' })).toEqual({
      mode: 'resign',
      key: 's',
      scheme: { type: 'hmac', header: 'X-Hub-Signature-256', prefix: 'sha256=' },
    });
    expect(signChoiceOf({ ...base, scheme: 'hmac', algorithm: 'sha1', encoding: 'base64', signed: '{timestamp}.{body}' })).toEqual({
      mode: 'resign',
      scheme: { type: 'hmac', algorithm: 'sha1', encoding: 'base64', signed: '{timestamp}.{body}' },
    });
  });

  it('standard-webhooks, with --new-webhook-id', () => {
    expect(signChoiceOf({ ...base, key: 'whsec_AAAA', scheme: 'standard-webhooks', newWebhookId: true })).toEqual({
      mode: 'resign',
      key: 'whsec_AAAA',
      scheme: { type: 'standard-webhooks' },
      newWebhookId: true,
    });
    expect(signChoiceOf({ ...base, newWebhookId: true })).toEqual({
      mode: 'resign',
      scheme: { type: 'standard-webhooks' },
      newWebhookId: true,
    });
  });
});
