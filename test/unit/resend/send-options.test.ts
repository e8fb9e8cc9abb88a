// The Sign and retry parts of the sending forms → the contract's `sign` and `retry` inputs.
import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_FORM, DEFAULT_SIGN_FORM, retryPolicyOf, signChoiceOf } from '../../../renderer/src/resend/send-options.js';

describe('sending options', () => {
  it('keeps the Sign unless re-sign is chosen; then the scheme with only its own settings', () => {
    expect(signChoiceOf({ ...DEFAULT_SIGN_FORM, key: 'k' }, 'as-typed')).toEqual({ mode: 'keep' });
    expect(
      signChoiceOf({ ...DEFAULT_SIGN_FORM, signMode: 'resign', key: 'k', template: '{TaskID}{KEY}', signHeader: 'X-Ignored' }, 'as-typed'),
    ).toEqual({
      mode: 'resign',
      key: 'k',
      scheme: { type: 'md5-template', template: '{TaskID}{KEY}' },
    });
    expect(
      signChoiceOf(
        { ...DEFAULT_SIGN_FORM, signMode: 'resign', scheme: 'standard-webhooks', key: 'whsec_x', newWebhookId: true },
        'endpoint',
      ),
    ).toEqual({
      mode: 'resign',
      key: 'whsec_x',
      scheme: { type: 'standard-webhooks' },
      newWebhookId: true,
    });
  });

  it("leaves a blank KEY out in bulk, so each delivery is signed with its endpoint's KEY; the single form sends it as typed", () => {
    const blank = { ...DEFAULT_SIGN_FORM, signMode: 'resign' as const };
    expect(signChoiceOf(blank, 'endpoint')).toEqual({ mode: 'resign', scheme: { type: 'md5-template' } });
    expect(signChoiceOf(blank, 'as-typed')).toEqual({ mode: 'resign', key: '', scheme: { type: 'md5-template' } });
  });

  it('gives the vendor policy in ms only when ticked', () => {
    expect(retryPolicyOf(DEFAULT_RETRY_FORM)).toBeUndefined();
    expect(retryPolicyOf({ retry: true, intervalSeconds: '1.5', maxRetries: '2', timeScale: '10' })).toEqual({
      intervalMs: 1500,
      maxRetries: 2,
      timeScale: 10,
    });
  });
});
