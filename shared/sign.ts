// How `Sign` is produced, as far as the product knows: scheme names for the UI and the md5 template
// renderer. Pure (no Node): the renderer previews templates; main/core/sign/ computes digests.
// The other schemes' pure parts are in sign-schemes/ (hmac.ts, standard-webhooks.ts, timestamp.ts).
import type { SignSchemeName } from './model.js';
import { isJsonObject, isLosslessNumber, type JsonValue } from './contract/json-value.js';

/**
 * A guess, to be configured per endpoint: the vendor does not publish its algorithm. It does match
 * the page's own example: md5(TaskID + "airudder") is exactly the example's Sign, and the page says
 * an endpoint without a KEY gets "the airudder default signing".
 */
export const DEFAULT_SIGN_TEMPLATE = '{TaskID}{KEY}';

/**
 * The vendor's default KEY, used when the customer configured none: it reproduces the page's example
 * Sign under DEFAULT_SIGN_TEMPLATE (see above).
 */
export const VENDOR_DEFAULT_KEY = 'airudder';

export const SIGN_SCHEMES: Readonly<Record<SignSchemeName, { label: string; description: string }>> = {
  none: { label: 'None', description: 'Do not check or compute signatures.' },
  'md5-template': {
    label: 'MD5 of a template',
    description:
      "Sign = lower-case hex MD5 of the template with {Field} replaced by the body's top-level field and {KEY} by the KEY. Default {TaskID}{KEY}: a guess that matches the vendor example; confirm it with the vendor.",
  },
  hmac: {
    label: 'HMAC header',
    description:
      'A header (default X-Signature) carries prefix + HMAC(KEY, what is signed) in hex or base64: sha1, sha256 or sha512 of the body ({body}) or of a template such as {timestamp}.{body} (a Stripe-like t=…,v1=… header) or v0:{header:X-Slack-Request-Timestamp}:{body}.',
  },
  'hmac-sha256': {
    label: 'HMAC-SHA256 header (legacy name)',
    description:
      'The earlier name of the HMAC header scheme with sha256 of the body and no prefix: a header (default X-Signature) carries HMAC-SHA256(KEY, body bytes) in hex or base64; a "sha256=" prefix is accepted.',
  },
  'standard-webhooks': {
    label: 'Standard Webhooks',
    description:
      'webhook-id, webhook-timestamp and webhook-signature headers; the signature is v1,<base64 HMAC-SHA256 of "id.timestamp.body"> with the KEY whsec_<base64> (standardwebhooks.com). A timestamp outside the tolerance is a warning, not a mismatch.',
  },
};

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * `{KEY}` is the key (even if the body has a field called KEY); `{Field}` is the body's top-level
 * field: strings as is, numbers as their digits, booleans as true/false; missing fields, null,
 * objects and arrays become "" (see `missingTemplateFields`). Other text is copied literally.
 */
export function renderSignTemplate(template: string, value: JsonValue | undefined, key: string): string {
  return template.replace(PLACEHOLDER, (_, name: string) => (name === 'KEY' ? key : (scalarText(value, name) ?? '')));
}

/** Fields the template names that the body lacks as a scalar, for explaining a mismatch. */
export function missingTemplateFields(template: string, value: JsonValue | undefined): string[] {
  const names = [...template.matchAll(PLACEHOLDER)].map((m) => m[1] as string);
  return names.filter((n) => n !== 'KEY' && scalarText(value, n) === null);
}

function scalarText(value: JsonValue | undefined, name: string): string | null {
  if (!isJsonObject(value) || !Object.hasOwn(value, name)) return null;
  const v = value[name];
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return String(v);
  if (isLosslessNumber(v)) return v.value;
  return null;
}
