// Comparing whole bodies: JSON path by path, else text or bytes with where they first differ, never
// an exception; and the contract's example served from shared/ is the fixture, byte for byte.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { prepareBytes, resolveSide } from '../../../main/core/bodies/diff-sides.js';
import { CONTRACT_EXAMPLE_TEXT } from '../../../shared/contract/example.js';
import { compareBodies } from '../../../shared/diff/body-diff.js';
import { formatDiffRef, parseDiffRef } from '../../../shared/diff/diff-source.js';

const seedText = readFileSync(new URL('../../fixtures/seed-example.json', import.meta.url), 'utf8');
const text = (t: string, label = 'text') => resolveSide(null, { source: 'text', text: t, label }, 'a');
const example = resolveSide(null, { source: 'example' }, 'b');

describe('comparing bodies', () => {
  it('serves the contract example identical to test/fixtures/seed-example.json', () => {
    expect(CONTRACT_EXAMPLE_TEXT).toBe(seedText);
  });

  it('finds a JSON body identical to the example equal, with identical bytes', () => {
    const diff = compareBodies(text(seedText), example);
    expect(diff).toMatchObject({ mode: 'json', equal: true, sameBytes: true, summary: 'identical', differences: [] });
    expect(diff.b).toEqual({ label: "the contract's example", size: Buffer.byteLength(seedText), format: 'json', notes: [] });
  });

  it('says when the same text comes in different bytes (UTF-16 against UTF-8), not that the formatting differs', () => {
    const utf16 = prepareBytes('utf-16', Buffer.from(`\ufeff${seedText}`, 'utf16le'), [
      ['Content-Type', 'application/json; charset=utf-16'],
    ]);
    const diff = compareBodies(utf16, example);
    expect(diff).toMatchObject({ mode: 'json', equal: true, sameBytes: false });
    expect(diff.summary).toMatch(/same text in different bytes: character encoding/);
  });

  it('finds the compact form of the example structurally equal, the bytes differing only in formatting', () => {
    const diff = compareBodies(text(JSON.stringify(JSON.parse(seedText))), example);
    expect(diff).toMatchObject({ mode: 'json', equal: true, sameBytes: false });
    expect(diff.summary).toMatch(/no structural differences.*formatting/);
  });

  it('words the differences of two JSON bodies in one sentence', () => {
    const edited = JSON.stringify({ ...JSON.parse(seedText), TaskName: 'Task-002', Extra: 1 });
    expect(compareBodies(example, text(edited)).summary).toBe('2 differences: 1 changed, 1 added');
  });

  it('falls back to text when a side is not JSON: line and column of the first difference', () => {
    const broken = seedText.replace('"Task-001",', '"Task-001"');
    const diff = compareBodies(example, text(broken));
    expect(diff).toMatchObject({ mode: 'text', equal: false, differences: [], counts: { total: 0 } });
    expect(diff.b.format).toBe('text');
    expect(diff.b.notJson).toMatch(/.+/);
    expect(diff.firstDifference).toMatchObject({
      line: 3,
      column: 25,
      aLine: '  "TaskName": "Task-001",',
      bLine: '  "TaskName": "Task-001"',
    });
    expect(diff.summary).toMatch(/^B is not JSON \(.+\); the texts differ from line 3, column 25$/);
    expect(compareBodies(text('not json'), text('not json'))).toMatchObject({
      mode: 'text',
      equal: true,
      summary: 'neither side is JSON; the texts are identical',
    });
  });

  it('falls back to bytes when a side is not text', () => {
    const binary = prepareBytes('png', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0xff]), [['Content-Type', 'image/png']]);
    const diff = compareBodies(example, binary);
    expect(diff).toMatchObject({ mode: 'bytes', equal: false, firstDifference: { offset: 0 } });
    expect(diff.b.format).toBe('binary');
    expect(diff.summary).toMatch(/^B is not text; the bytes differ from offset 0/);
  });

  it('undoes Content-Encoding before comparing, and notes duplicate keys', () => {
    const gz = prepareBytes('gzip', gzipSync(Buffer.from(seedText)), [
      ['Content-Encoding', 'gzip'],
      ['Content-Type', 'application/json'],
    ]);
    expect(compareBodies(gz, example)).toMatchObject({ mode: 'json', equal: true, sameBytes: true });
    const dup = text('{"a":1,"a":2}');
    expect(dup.notes).toEqual(['1 duplicate key: the last value of each is compared (as JSON.parse reads it)']);
  });

  it('reads the short references of the CLI and the address bar', () => {
    expect(parseDiffRef('12')).toEqual({ source: 'delivery', id: 12 });
    expect(parseDiffRef('send:4')).toEqual({ source: 'send', id: 4 });
    expect(parseDiffRef('call:12/0')).toEqual({ source: 'call', deliveryId: 12, index: 0 });
    expect(formatDiffRef({ source: 'call', deliveryId: 12, index: 3 })).toBe('call:12/3');
    expect(parseDiffRef('example')).toEqual({ source: 'example' });
    expect(parseDiffRef('./12.json')).toBeNull();
    expect(parseDiffRef('0')).toBeNull();
    expect(formatDiffRef({ source: 'send', id: 4 })).toBe('send:4');
  });
});
