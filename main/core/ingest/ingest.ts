// Everything the store indexes about a captured body: decode, parse, classify, contract check, Sign,
// index rows and search text. Synchronous and total: it returns a result for any input, never throws.
import type { Problem, SignResult } from '../../../shared/model.js';
import { checkCallEnd, checkContentType } from '../../../shared/contract/contract-check.js';
import { field, isJsonObject, type JsonValue } from '../../../shared/contract/json-value.js';
import { classify } from './classify.js';
import { decodeBody } from './decode.js';
import { extractCallEnd, jsonSearchText, textSearchText } from './extract.js';
import { mediaType } from '../../../shared/media-type.js';
import { ingestLimits } from './limits.js';
import { parseJson } from '../../../shared/json/lossless-parse.js';
import { effectiveSign, verifySign } from '../sign/schemes.js';
import type { IngestInput, IngestResult } from './types.js';

export function ingest(input: IngestInput): IngestResult {
  return guarded(() => ingestUnguarded(input));
}

/**
 * The safety net, exported so its behaviour is tested with a stage that really throws. A bug in a
 * stage must cost this delivery its derived fields, never the receiver its answer.
 */
export function guarded(run: () => IngestResult): IngestResult {
  try {
    return run();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return notIngested(
      {
        path: '$',
        severity: 'error',
        code: 'internal-error',
        message: `Ingest failed (${message}); the raw body is kept and can be re-ingested after a fix`,
      },
      'ingest failed',
    );
  }
}

/** What a delivery that ingest could not read derives to: nothing but the problem saying why. */
export function notIngested(problem: Problem, signReason: string): IngestResult {
  return { ...emptyResult(), problems: [problem], sign: { status: 'not-checked', scheme: 'none', reason: signReason } };
}

function ingestUnguarded({ body, truncated, headers, endpoint, receivedAt, limits: overrides }: IngestInput): IngestResult {
  const limits = ingestLimits(overrides);
  const problems: Problem[] = [];
  if (truncated)
    problems.push({
      path: '$',
      severity: 'error',
      code: 'truncated',
      message: 'The body was cut short (size limit, or the client went away); what arrived is kept',
    });
  if (body.length === 0) problems.push({ path: '$', severity: 'warning', code: 'empty-body', message: 'The body is empty' });

  const decoded = decodeBody(body, headers);
  problems.push(...decoded.problems);

  let value: JsonValue | undefined;
  if (decoded.text !== null && body.length > 0) {
    const parsed = parseJson(decoded.text, { maxValues: limits.maxValues });
    problems.push(...parsed.problems);
    if (parsed.ok) value = parsed.value;
    else problems.push(invalidJson(parsed.error, truncated, mediaType(decoded.contentType)));
  }

  const { kind, shape } = classify(value);
  const base = {
    ...emptyResult(),
    kind,
    shape,
    contentType: decoded.contentType,
    contentEncoding: decoded.contentEncoding,
    charset: decoded.charset,
  };
  const sign = signOf(endpoint, kind, decoded.bytes, value, headers, receivedAt ?? Date.now());

  if (kind === 'call-end' && value !== undefined) {
    problems.push(...checkContentType(mediaType(decoded.contentType)), ...checkCallEnd(indexedPart(value, limits.maxCalls)));
    const { problems: cut, ...index } = extractCallEnd(value, limits);
    return { ...base, ...index, problems: [...problems, ...cut], sign };
  }
  const searchText = value !== undefined ? jsonSearchText(value) : textSearchText(decoded.text);
  return { ...base, problems, sign, searchText };
}

/**
 * The body with `Details` cut to the calls that are indexed: the contract check's work (and its
 * problem count, 80M for a body of 4M empty calls) then grows no further than the index does.
 */
function indexedPart(value: JsonValue, maxCalls: number): JsonValue {
  if (!isJsonObject(value)) return value;
  const details = field(value, 'Details');
  if (!Array.isArray(details) || details.length <= maxCalls) return value;
  return { ...value, Details: details.slice(0, maxCalls) };
}

function signOf(
  endpoint: IngestInput['endpoint'],
  kind: string,
  bytes: Uint8Array,
  value: JsonValue | undefined,
  headers: IngestInput['headers'],
  arrivedMs: number,
): SignResult {
  // An unconfigured endpoint catches anything: only call-end notifications are expected to carry Sign.
  if (endpoint === null && kind !== 'call-end') return { status: 'not-checked', scheme: 'none', reason: 'not a call-end notification' };
  const { scheme, key, keySource } = effectiveSign(endpoint);
  const result = verifySign(scheme, key, bytes, value, headers, arrivedMs);
  return result.status === 'not-checked' ? result : { ...result, keySource };
}

function invalidJson(error: { message: string; offset: number }, truncated: boolean, type: string | null): Problem {
  // Other notifications may legitimately be form posts or text; a body that claims JSON and is not is an error.
  const claimsJson = type !== null && (type === 'application/json' || type.endsWith('+json'));
  const why = truncated ? ' (the body was truncated)' : '';
  return { path: '$', severity: claimsJson ? 'error' : 'warning', code: 'invalid-json', message: `Not valid JSON${why}: ${error.message}` };
}

function emptyResult(): IngestResult {
  return {
    kind: 'not-json',
    shape: null,
    contentType: null,
    contentEncoding: null,
    charset: null,
    problems: [],
    sign: { status: 'not-checked', scheme: 'none' },
    taskId: null,
    taskName: null,
    planName: null,
    calls: [],
    searchText: '',
  };
}
