// Packaging rebuilds better-sqlite3 for Electron in place; the Node build must come back afterwards.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { keepingFile } from '../../../scripts/electron/package-app.js';

const dir = mkdtempSync(join(tmpdir(), 'ci-keep-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('keepingFile', () => {
  it('puts the Node build back after packaging replaced it', async () => {
    const file = join(dir, 'ok.node');
    writeFileSync(file, 'node-abi');
    await expect(keepingFile(file, async () => (writeFileSync(file, 'electron-abi'), 'packaged'))).resolves.toBe('packaged');
    expect(readFileSync(file, 'utf8')).toBe('node-abi');
  });

  it('puts it back when packaging fails too, and still reports the failure', async () => {
    const file = join(dir, 'fail.node');
    writeFileSync(file, 'node-abi');
    await expect(
      keepingFile(file, async () => {
        writeFileSync(file, 'half-built');
        throw new Error('electron-builder failed');
      }),
    ).rejects.toThrow('electron-builder failed');
    expect(readFileSync(file, 'utf8')).toBe('node-abi');
  });
});
