// The Sign and retry-policy parts of a sending form, as plain data, and their conversion to the
// contract's `sign` and `retry` inputs. The single re-send form and the bulk bar both use them.
import type { RetryPolicy, SignChoice } from '../../../shared/api.js';
import type { HmacAlgorithm, SignScheme, SignSchemeName } from '../../../shared/model.js';

export interface SignForm {
  signMode: 'keep' | 'resign';
  key: string;
  scheme: SignSchemeName;
  template: string;
  signHeader: string;
  /** hmac settings (see shared/sign-schemes/hmac.ts). */
  algorithm: HmacAlgorithm;
  encoding: 'hex' | 'base64';
  prefix: string;
  signed: string;
  /** standard-webhooks: a new webhook-id instead of the original's. */
  newWebhookId: boolean;
}

export interface RetryForm {
  retry: boolean;
  intervalSeconds: string;
  maxRetries: string;
  timeScale: string;
}

/** Keep the Sign; re-signing starts from the vendor's scheme. */
export const DEFAULT_SIGN_FORM: SignForm = {
  signMode: 'keep',
  key: '',
  scheme: 'md5-template',
  template: '',
  signHeader: '',
  algorithm: 'sha256',
  encoding: 'hex',
  prefix: '',
  signed: '',
  newWebhookId: false,
};

/** No retries; ticked, the vendor's policy (every 60 s, 5 times). */
export const DEFAULT_RETRY_FORM: RetryForm = { retry: false, intervalSeconds: '60', maxRetries: '5', timeScale: '1' };

/**
 * `blankKey: 'endpoint'` leaves an empty KEY out, so each delivery is signed with its endpoint's KEY
 * (a bulk re-send spans endpoints); `'as-typed'` sends it empty (the single form starts from the KEY).
 */
export function signChoiceOf(f: SignForm, blankKey: 'as-typed' | 'endpoint'): SignChoice {
  if (f.signMode === 'keep') return { mode: 'keep' };
  return {
    mode: 'resign',
    ...(f.key !== '' || blankKey === 'as-typed' ? { key: f.key } : {}),
    scheme: schemeOf(f),
    ...(f.scheme === 'standard-webhooks' && f.newWebhookId ? { newWebhookId: true } : {}),
  };
}

/** The policy, or undefined when not ticked; the contract's schema judges the numbers. */
export function retryPolicyOf(f: RetryForm): RetryPolicy | undefined {
  if (!f.retry) return undefined;
  return { intervalMs: Math.round(Number(f.intervalSeconds) * 1000), maxRetries: Number(f.maxRetries), timeScale: Number(f.timeScale) };
}

/** The scheme the form describes: only the settings of its type, empty ones left to their defaults. */
export function schemeOf(f: SignForm): SignScheme {
  const hmac = f.scheme === 'hmac' || f.scheme === 'hmac-sha256';
  return {
    type: f.scheme,
    ...(f.scheme === 'md5-template' && f.template ? { template: f.template } : {}),
    ...(hmac && f.signHeader ? { header: f.signHeader } : {}),
    ...(hmac && f.encoding !== 'hex' ? { encoding: f.encoding } : {}),
    ...(f.scheme === 'hmac'
      ? { algorithm: f.algorithm, ...(f.prefix ? { prefix: f.prefix } : {}), ...(f.signed ? { signed: f.signed } : {}) }
      : {}),
  };
}
