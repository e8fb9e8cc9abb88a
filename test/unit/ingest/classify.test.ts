import { describe, it, expect } from 'vitest';
import { classify } from '../../../main/core/ingest/classify.js';
import { parseJson } from '../../../shared/json/lossless-parse.js';
import type { JsonValue } from '../../../shared/contract/json-value.js';

function classifyText(text: string) {
  const r = parseJson(text);
  return classify(r.ok ? r.value : undefined);
}

describe('kind', () => {
  it('is call-end for an object carrying TaskID and Sign, even with every other field missing', () => {
    expect(classifyText('{"TaskID":"t","Sign":"s"}')).toEqual({ kind: 'call-end', shape: 'call-end' });
  });

  it('is call-end whatever the values of TaskID and Sign are', () => {
    expect(classifyText('{"Sign":null,"TaskID":7,"Details":"x"}').kind).toBe('call-end');
  });

  it('is json for any other JSON, scalars and arrays included', () => {
    for (const text of ['{"TaskID":"t"}', '[{"TaskID":"t","Sign":"s"}]', '42', '"x"', 'null', '{}'])
      expect(classifyText(text).kind, text).toBe('json');
  });

  it('is not-json when the body did not parse (empty, truncated, invalid, binary)', () => {
    for (const text of ['', '{"TaskID":"t","Sign":', 'TaskID=t&Sign=s', '\u0000\u0001'])
      expect(classifyText(text)).toEqual({ kind: 'not-json', shape: null });
  });
});

describe('shape of other JSON', () => {
  it.each([
    ['{"type":"call_status","body":{"x":1}}', 'pds-envelope'],
    ['{"type":"x","body":"{}","timestamp":1}', 'pds-envelope'],
    ['{"workflow_id":"w1","status":"finished"}', 'workflow-status'],
    ['{"WorkflowID":"w1","list_status":"done","callee":"+62"}', 'workflow-status'],
    ['{"PlanID":"p","Status":"finished"}', 'plan-status'],
    ['{"TaskID":"t","Status":"finished"}', 'task-status'],
    ['{"task_id":"t"}', 'task-status'],
    ['{"TaskID":"t","Details":[]}', null],
    ['{"type":"x","body":1,"a":1,"b":2,"c":3}', null],
    ['{"workflow_id":"w1"}', null],
    ['[1,2]', null],
  ] as const)('recognises %s as %s', (text, shape) => {
    expect(classifyText(text).shape).toBe(shape);
  });

  it('reads keys as data, so a __proto__ key does not confuse it', () => {
    const r = parseJson('{"__proto__":{"TaskID":"t","Sign":"s"}}');
    expect(classify(r.ok ? (r.value as JsonValue) : undefined)).toEqual({ kind: 'json', shape: null });
  });
});
