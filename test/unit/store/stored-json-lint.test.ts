// Stored JSON columns are decoded in one place, the store (issue 17): lint fails a JSON.parse of one
// anywhere else (eslint.config.js, STORE_DECODES), so that a raw row cannot quietly come back.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: new URL('../../../', import.meta.url).pathname });
const probe = `declare const row: { headers: string; response: string; request_headers: string; body: string };
export const parsed = [JSON.parse(row.headers), JSON.parse(row.response), JSON.parse(row.request_headers), JSON.parse(row.body)];
`;

/** The lines of `probe` the rule reports when it sits at `file`. */
async function reported(file: string): Promise<string[]> {
  const [result] = await eslint.lintText(probe, { filePath: file });
  return result!.messages
    .filter((m) => m.ruleId === 'no-restricted-syntax')
    .map((m) => probe.split('\n')[m.line - 1]!.slice(m.column - 1, m.endColumn! - 1));
}

describe('decoding a stored JSON column', () => {
  it('fails lint outside main/core/store, naming each column read', async () => {
    expect(await reported('main/core/transfer/probe.ts')).toEqual(['row.headers', 'row.response', 'row.request_headers']);
    expect(await reported('main/hosts/cli/probe.ts')).toHaveLength(3);
  });

  it("is the store's own job there", async () => {
    expect(await reported('main/core/store/probe.ts')).toEqual([]);
  });
});
