import { describe, it, expect } from 'vitest';
import zlib from 'node:zlib';
import { isUtf8 } from 'node:buffer';
import { decodeBody } from '../../../main/core/ingest/decode.js';
import { MAX_CODINGS, MAX_DECODED_BYTES } from '../../../main/core/ingest/content-encoding.js';
import { firstInvalidUtf8 } from '../../../main/core/ingest/charset.js';

const JSON_TEXT = '{"TaskID":"t","Name":"José 你好"}';
const utf8 = (s: string): Buffer => Buffer.from(s, 'utf8');
const codes = (r: { problems: Array<{ code: string }> }): string[] => r.problems.map((p) => p.code);

describe('Content-Encoding', () => {
  it.each([
    ['gzip', zlib.gzipSync],
    ['x-gzip', zlib.gzipSync],
    ['deflate', zlib.deflateSync],
    ['br', zlib.brotliCompressSync],
  ] as const)('undoes %s', (coding, encode) => {
    const r = decodeBody(encode(utf8(JSON_TEXT)), [['Content-Encoding', coding]]);
    expect(r.text).toBe(JSON_TEXT);
    expect(r.problems).toEqual([]);
    expect(r.contentEncoding).toBe(coding);
  });

  it('undoes raw deflate (no zlib wrapper), which some servers send as "deflate"', () => {
    const r = decodeBody(zlib.deflateRawSync(utf8(JSON_TEXT)), [['content-encoding', 'deflate']]);
    expect(r.text).toBe(JSON_TEXT);
    expect(r.problems).toEqual([]);
  });

  it('undoes a chain in reverse order of application: "gzip, br" is gzip first, then br', () => {
    const body = zlib.brotliCompressSync(zlib.gzipSync(utf8(JSON_TEXT)));
    expect(decodeBody(body, [['Content-Encoding', 'gzip, br']]).text).toBe(JSON_TEXT);
  });

  it('reads repeated Content-Encoding headers as one list, in order', () => {
    const body = zlib.brotliCompressSync(zlib.deflateSync(utf8(JSON_TEXT)));
    expect(
      decodeBody(body, [
        ['Content-Encoding', 'deflate'],
        ['CONTENT-ENCODING', 'br'],
      ]).text,
    ).toBe(JSON_TEXT);
  });

  it('ignores identity and matches header names case-insensitively', () => {
    const r = decodeBody(zlib.gzipSync(utf8(JSON_TEXT)), [['CoNtEnT-eNcOdInG', 'identity, GZIP']]);
    expect(r.text).toBe(JSON_TEXT);
  });

  it(`undoes up to ${MAX_CODINGS} codings, and refuses a longer list before decoding any (each step may cost a full one)`, () => {
    let layered = utf8(JSON_TEXT);
    for (let i = 0; i < MAX_CODINGS; i++) layered = zlib.gzipSync(layered);
    expect(decodeBody(layered, [['Content-Encoding', Array(MAX_CODINGS).fill('gzip').join(', ')]]).text).toBe(JSON_TEXT);
    // A review's attack: 3,001 layers, 3,000 of them stored (level 0), listed in one 15 KB header.
    let nested = zlib.gzipSync(utf8(JSON_TEXT));
    for (let i = 0; i < 3_000; i++) nested = zlib.gzipSync(nested, { level: 0 });
    const r = decodeBody(nested, [['Content-Encoding', Array(3_001).fill('gzip').join(',')]]);
    expect(r.text).toBeNull();
    expect(r.bytes).toBe(nested);
    expect(r.problems).toEqual([
      expect.objectContaining({
        code: 'unsupported-encoding',
        message: expect.stringContaining(`lists 3001 codings; at most ${MAX_CODINGS}`),
      }),
    ]);
  });

  it('reports an unknown coding as an error and gives no text, keeping the bytes as received', () => {
    const body = utf8('whatever');
    const r = decodeBody(body, [['Content-Encoding', 'compress']]);
    expect(r.text).toBeNull();
    expect(r.bytes).toEqual(body);
    expect(r.problems).toEqual([expect.objectContaining({ code: 'unsupported-encoding', severity: 'error' })]);
  });

  it('recovers what a truncated gzip body holds, with a decode-failed error', () => {
    const gz = zlib.gzipSync(utf8(JSON_TEXT.repeat(50)));
    const r = decodeBody(gz.subarray(0, Math.floor(gz.length * 0.6)), [['Content-Encoding', 'gzip']]);
    expect(codes(r)).toEqual(['decode-failed']);
    expect(r.problems[0]?.message).toMatch(/ends early/);
    expect(r.text?.length).toBeGreaterThan(0);
    expect(JSON_TEXT.repeat(50).startsWith(r.text ?? 'x')).toBe(true);
  });

  it('recovers all the data when only the gzip trailer is missing', () => {
    const gz = zlib.gzipSync(utf8(JSON_TEXT));
    const r = decodeBody(gz.subarray(0, gz.length - 8), [['Content-Encoding', 'gzip']]);
    expect(r.text).toBe(JSON_TEXT);
    expect(codes(r)).toEqual(['decode-failed']);
  });

  it('reports corrupt gzip as decode-failed with no text, never throwing', () => {
    const gz = zlib.gzipSync(utf8(JSON_TEXT));
    gz[12] = (gz[12] as number) ^ 0xff;
    gz[13] = (gz[13] as number) ^ 0xff;
    const r = decodeBody(gz, [['Content-Encoding', 'gzip']]);
    expect(codes(r)).toEqual(['decode-failed']);
    expect(r.text).toBeNull();
  });

  it('turns a decompression bomb into a decoded-too-large error instead of exhausting memory', () => {
    const bomb = zlib.gzipSync(Buffer.alloc(MAX_DECODED_BYTES + 1024, 0x20));
    const r = decodeBody(bomb, [['Content-Encoding', 'gzip']]);
    expect(codes(r)).toEqual(['decoded-too-large']);
    expect(r.text).toBeNull();
  });

  it('reads a body that says gzip but is plain JSON as is, with an encoding-mismatch warning', () => {
    const r = decodeBody(utf8(`  ${JSON_TEXT}`), [['Content-Encoding', 'gzip']]);
    expect(r.text).toBe(`  ${JSON_TEXT}`);
    expect(r.problems).toEqual([expect.objectContaining({ code: 'encoding-mismatch', severity: 'warning' })]);
  });

  it('leaves an empty body alone even when it claims an encoding', () => {
    const r = decodeBody(new Uint8Array(0), [['Content-Encoding', 'gzip']]);
    expect(r.text).toBe('');
    expect(r.problems).toEqual([]);
  });
});

describe('charset', () => {
  it('decodes UTF-8 by default and reports the charset used', () => {
    const r = decodeBody(utf8(JSON_TEXT), [['Content-Type', 'application/json']]);
    expect(r).toMatchObject({ text: JSON_TEXT, charset: 'utf-8', contentType: 'application/json', contentEncoding: null, problems: [] });
  });

  it('strips a UTF-8 BOM with a warning, keeping it in the bytes', () => {
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8(JSON_TEXT)]);
    const r = decodeBody(body, []);
    expect(r.text).toBe(JSON_TEXT);
    expect(r.bytes.length).toBe(body.length);
    expect(r.problems).toEqual([expect.objectContaining({ code: 'utf8-bom', severity: 'warning' })]);
  });

  it.each([
    ['utf-16le', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(JSON_TEXT, 'utf16le')])],
    ['utf-16be', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(JSON_TEXT, 'utf16le').swap16()])],
  ])('decodes %s from its BOM, warning that JSON must be UTF-8', (charset, body) => {
    const r = decodeBody(body, [['Content-Type', 'application/json']]);
    expect(r.text).toBe(JSON_TEXT);
    expect(r.charset).toBe(charset);
    expect(codes(r)).toEqual(['not-utf8']);
  });

  it('lets a BOM win over a conflicting declared charset, and says so', () => {
    const body = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(JSON_TEXT, 'utf16le')]);
    const r = decodeBody(body, [['Content-Type', 'application/json; charset=iso-8859-1']]);
    expect(r.text).toBe(JSON_TEXT);
    expect(codes(r)).toEqual(['charset-conflict', 'not-utf8']);
  });

  it.each([
    ['latin1', Buffer.from([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xe9, 0x22, 0x7d]), '{"n":"é"}', 'windows-1252'],
    ['"windows-1252"', Buffer.from([0x22, 0x80, 0x93, 0xfc, 0x94, 0x22]), '"€“ü”"', 'windows-1252'],
    ['GBK', Buffer.from([0x22, 0xc4, 0xe3, 0xba, 0xc3, 0x22]), '"你好"', 'gbk'],
    ['shift_jis', Buffer.from([0x22, 0x82, 0xa0, 0x22]), '"あ"', 'shift_jis'],
  ])('decodes a declared charset=%s, warning that JSON must be UTF-8', (label, body, text, charset) => {
    const r = decodeBody(body, [['content-type', `application/json; charset=${label}`]]);
    expect(r.text).toBe(text);
    expect(r.charset).toBe(charset);
    expect(codes(r)).toEqual(['not-utf8']);
  });

  it('accepts charset=utf-8 spelled any way without a warning', () => {
    expect(decodeBody(utf8(JSON_TEXT), [['Content-Type', 'application/json;Charset="UTF8"']]).problems).toEqual([]);
  });

  it('falls back to UTF-8 for an unknown charset label, with a warning', () => {
    const r = decodeBody(utf8(JSON_TEXT), [['Content-Type', 'application/json; charset=klingon']]);
    expect(r.text).toBe(JSON_TEXT);
    expect(r.charset).toBe('utf-8');
    expect(codes(r)).toEqual(['unknown-charset']);
  });

  it('shows invalid UTF-8 as U+FFFD and names the byte offset of the first bad sequence', () => {
    const body = Buffer.concat([utf8('{"a":"ok é'), Buffer.from([0xc3, 0x28]), utf8('","b":"'), Buffer.from([0xff]), utf8('"}')]);
    const r = decodeBody(body, []);
    expect(r.text).toBe('{"a":"ok é\uFFFD(","b":"\uFFFD"}');
    expect(r.problems).toEqual([expect.objectContaining({ code: 'invalid-utf8', severity: 'warning' })]);
    expect(r.problems[0]?.message).toMatch(/byte offset 11\b/);
  });

  it('reports bytes invalid in a declared non-UTF-8 charset', () => {
    const r = decodeBody(Buffer.from([0x22, 0x81, 0x22]), [['Content-Type', 'text/plain; charset=shift_jis']]);
    expect(codes(r)).toEqual(['not-utf8', 'invalid-text']);
    expect(r.text).toContain('\uFFFD');
  });

  it('gives no text for a body that looks binary (a NUL byte early on)', () => {
    const r = decodeBody(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]), [['Content-Type', 'image/png']]);
    expect(r.text).toBeNull();
    expect(r.charset).toBeNull();
    expect(codes(r)).toEqual(['binary-body']);
  });
});

describe('firstInvalidUtf8', () => {
  it.each([
    [[0x61, 0x62], -1],
    [[0xf0, 0x9f, 0x98, 0x80], -1],
    [[0x61, 0xc0, 0x80], 1],
    [[0xe0, 0x80, 0x80], 0],
    [[0x61, 0xed, 0xa0, 0x80], 1],
    [[0xf4, 0x90, 0x80, 0x80], 0],
    [[0x61, 0x62, 0xe2, 0x82], 2],
    [[0x80], 0],
  ])('finds %j invalid from offset %i (-1: valid), as the WHATWG decoder does', (bytes, offset) => {
    expect(firstInvalidUtf8(Uint8Array.from(bytes))).toBe(offset);
    expect(isUtf8(Uint8Array.from(bytes))).toBe(offset === -1);
  });
});
