// Argument parsers shared by the commands: they turn bad input into a clear message, not a stack trace.
import { InvalidArgumentError } from 'commander';

export function port(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) throw new InvalidArgumentError('expected a port number from 0 to 65535 (0 picks a free port)');
  return n;
}

export function bytes(value: string): number {
  const m = /^(\d+)\s*(b|kb|kib|k|mb|mib|m|gb|gib|g)?$/i.exec(value.trim());
  if (!m) throw new InvalidArgumentError('expected a size such as 32mb, 512kb or 1048576');
  const unit = (m[2] ?? 'b').toLowerCase()[0];
  const scale = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
  return Number(m[1]) * scale;
}

export function positiveInt(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError('expected a whole number of 1 or more');
  return Number(value);
}

export function nonNegativeInt(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number (0 or more)');
  return Number(value);
}

export function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a number greater than 0');
  return n;
}

/** `60`, `60x`, `10×` or `max`. */
export function speed(value: string): number | 'max' {
  if (value.trim().toLowerCase() === 'max') return 'max';
  const n = Number(value.trim().replace(/[x×]$/i, ''));
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a speed such as 1, 10, 60 (or 60x) or max');
  return n;
}

/** `Name: value`, repeatable. */
export function header(value: string, previous: Array<[string, string]> = []): Array<[string, string]> {
  const i = value.indexOf(':');
  if (i <= 0) throw new InvalidArgumentError('expected "Name: value"');
  return [...previous, [value.slice(0, i).trim(), value.slice(i + 1).trim()]];
}

/** `1,2,3` → ids. */
export function idList(value: string): number[] {
  if (!/^\d+(,\d+)*$/.test(value.replace(/\s/g, '')))
    throw new InvalidArgumentError('expected delivery ids separated by commas, e.g. 12,13,20');
  return value.replace(/\s/g, '').split(',').map(Number);
}

/** `md5` (`md5-template`), `hmac`, `hmac-sha256` (its legacy name), `standard-webhooks` (`sw`) or `none`. */
export function scheme(value: string): 'md5-template' | 'hmac' | 'hmac-sha256' | 'standard-webhooks' | 'none' {
  const v = value.toLowerCase();
  if (v === 'md5' || v === 'md5-template') return 'md5-template';
  if (v === 'hmac') return 'hmac';
  if (v === 'hmac-sha256') return 'hmac-sha256';
  if (v === 'standard-webhooks' || v === 'standardwebhooks' || v === 'sw') return 'standard-webhooks';
  if (v === 'none') return 'none';
  throw new InvalidArgumentError('expected md5 (md5-template), hmac, hmac-sha256, standard-webhooks or none');
}

/** `sha1`, `sha256` or `sha512`. */
export function hmacAlgorithm(value: string): 'sha1' | 'sha256' | 'sha512' {
  const v = value.toLowerCase().replace('-', '');
  if (v === 'sha1' || v === 'sha256' || v === 'sha512') return v;
  throw new InvalidArgumentError('expected sha1, sha256 or sha512');
}

/** `hex` or `base64`. */
export function digestEncoding(value: string): 'hex' | 'base64' {
  const v = value.toLowerCase();
  if (v === 'hex' || v === 'base64') return v;
  throw new InvalidArgumentError('expected hex or base64');
}

/** `--forward [endpoint=]url`, repeatable: without a name, the default endpoint (every other path). */
export function forwardTarget(
  value: string,
  previous: Array<{ endpoint: string; url: string }> = [],
): Array<{ endpoint: string; url: string }> {
  const m = /^([A-Za-z0-9][A-Za-z0-9_.-]{0,63})=(.+)$/.exec(value);
  const endpoint = m ? m[1]! : 'default';
  const url = m ? m[2]! : value;
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol))
    throw new InvalidArgumentError('expected [endpoint=]http://host:port/path');
  return [...previous, { endpoint, url }];
}
