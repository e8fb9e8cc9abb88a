import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { LosslessNumber } from 'lossless-json';
import { MAX_CONTRACT_PROBLEMS, checkCallEnd, checkContentType } from '../../../shared/contract/contract-check.js';
import type { JsonObject, JsonValue } from '../../../shared/contract/json-value.js';
import { parseJson } from '../../../shared/json/lossless-parse.js';
import { countProblems } from '../../../shared/problem-counts.js';

const SEED = readFileSync(new URL('../../fixtures/seed-example.json', import.meta.url), 'utf8');

/** A fresh copy of the page's example, parsed the way ingest parses it. */
function seed(): JsonObject {
  const r = parseJson(SEED);
  if (!r.ok) throw new Error('seed does not parse');
  return r.value as JsonObject;
}
const call = (body: JsonObject): JsonObject => (body['Details'] as JsonObject[])[0] as JsonObject;
const redial = (body: JsonObject): JsonObject => (call(body)['RedailCall'] as JsonObject[])[0] as JsonObject;

/** The example with one change, checked; the example's own two redial notes are left out. */
function checkWith(change: (body: JsonObject) => void) {
  const body = seed();
  change(body);
  return checkCallEnd(body).filter(
    (p) => !(p.path.startsWith('Details[0].RedailCall[0].') && ['unknown-enum', 'ambiguous-timezone'].includes(p.code)),
  );
}
const summary = (ps: Array<{ path: string; severity: string; code: string }>) => ps.map((p) => `${p.severity} ${p.code} ${p.path}`);

describe("the page's own example", () => {
  it('has no errors and no warnings, only two notes: the redial RingType "" and the redial start time without a zone', () => {
    expect(summary(checkCallEnd(seed()))).toEqual([
      'note ambiguous-timezone Details[0].RedailCall[0].CallStartTime',
      'note unknown-enum Details[0].RedailCall[0].RingType',
    ]);
  });

  it('says in each note why it is only a note: the vendor itself sends it so', () => {
    for (const p of checkCallEnd(seed()))
      expect(p.message).toMatch(/A note, not a warning: the vendor's own example (sends it here|writes redial times this way)$/);
  });

  it('still warns about what the example does not do: RingType "" on a call, any other odd redial RingType', () => {
    expect(summary(checkWith((b) => (call(b)['RingType'] = '')))).toEqual(['warning unknown-enum Details[0].RingType']);
    const odd = checkCallEnd(((b) => ((redial(b)['RingType'] = 'ringing'), b))(seed()));
    expect(summary(odd)).toContain('warning unknown-enum Details[0].RedailCall[0].RingType');
  });

  it('leaves out the optional Slots and Multi_intention without any problem', () => {
    const body = seed();
    expect(Object.hasOwn(call(body), 'Slots') || Object.hasOwn(call(body), 'Multi_intention')).toBe(false);
    expect(checkWith(() => {})).toEqual([]);
  });
});

describe('required and optional fields', () => {
  it('reports a missing CallID as an error at Details[0].CallID', () => {
    expect(summary(checkWith((b) => delete call(b)['CallID']))).toEqual(['error missing-field Details[0].CallID']);
  });

  it.each(['TaskID', 'TaskName', 'Sign', 'Details'])('reports a missing top-level %s as an error', (name) => {
    expect(summary(checkWith((b) => delete b[name]))).toEqual([`error missing-field ${name}`]);
  });

  it.each(['id', 'RobotID', 'CalleeGender', 'Intention', 'CallTimes', 'BorrowedDate', 'PlatformName'])(
    'reports a missing Details[].%s as an error',
    (name) => {
      expect(summary(checkWith((b) => delete call(b)[name]))).toEqual([`error missing-field Details[0].${name}`]);
    },
  );

  it.each(['PlanName', 'intention_description', 'NerSlots', 'AsrResult', 'RedailCall', 'EventLabel', 'caller_number'])(
    'accepts an optional %s left out',
    (name) => {
      expect(checkWith((b) => (name === 'PlanName' ? delete b[name] : delete call(b)[name]))).toEqual([]);
    },
  );

  it.each(['Status', 'RingType', 'HangupType'])('warns when %s, shown on the page without a marker, is missing', (name) => {
    expect(summary(checkWith((b) => delete call(b)[name]))).toEqual([`warning missing-field Details[0].${name}`]);
  });

  it('warns about a field the contract does not define, and suggests the name it resembles', () => {
    const problems = checkWith((b) => (call(b)['callId'] = 'x'));
    expect(summary(problems)).toEqual(['warning unknown-field Details[0].callId']);
    expect(problems[0]?.message).toContain('did you mean "CallID"?');
  });

  it('warns about an unknown top-level field, writing odd names quoted in the path', () => {
    expect(summary(checkWith((b) => (b['odd key'] = true)))).toEqual(['warning unknown-field $["odd key"]']);
  });

  it('warns when an optional field is null, and reports a null required field as an error', () => {
    expect(summary(checkWith((b) => ((call(b)['NerSlots'] = null), (call(b)['CallID'] = null))))).toEqual([
      'error wrong-type Details[0].CallID',
      'warning null-value Details[0].NerSlots',
    ]);
  });
});

describe('types', () => {
  it('reports a string where an integer is required as an error (CallTimes "2")', () => {
    expect(summary(checkWith((b) => (call(b)['CallTimes'] = '2')))).toEqual(['error wrong-type Details[0].CallTimes']);
  });

  it.each(['2.0', '2e0', '2.5'])('judges integer-ness on the digits as written: CallTimes %s is an error', (digits) => {
    expect(summary(checkWith((b) => (call(b)['CallTimes'] = new LosslessNumber(digits))))).toEqual([
      'error wrong-type Details[0].CallTimes',
    ]);
  });

  it('warns that an id beyond 2^53 is unsafe, and names what JSON.parse would have made of it', () => {
    const problems = checkWith((b) => (call(b)['id'] = new LosslessNumber('12345678901234567890')));
    expect(summary(problems)).toEqual(['warning unsafe-integer Details[0].id']);
    expect(problems[0]?.message).toContain('12345678901234567890');
    expect(problems[0]?.message).toContain('12345678901234567000');
  });

  it('accepts 2^53 - 1 as a safe id', () => {
    expect(checkWith((b) => (call(b)['id'] = new LosslessNumber('9007199254740991')))).toEqual([]);
  });

  it('reports a number where a string is required as an error (CalleeNumber)', () => {
    expect(summary(checkWith((b) => (call(b)['CalleeNumber'] = new LosslessNumber('6212345678'))))).toEqual([
      'error wrong-type Details[0].CalleeNumber',
    ]);
  });

  it('reports an array where an object is expected as an error (EventLabel)', () => {
    expect(summary(checkWith((b) => (call(b)['EventLabel'] = [])))).toEqual(['error wrong-type Details[0].EventLabel']);
  });

  it('reports a body that is not an object, and a Details entry that is not an object, as errors', () => {
    expect(summary(checkCallEnd(['x']))).toEqual(['error wrong-type $']);
    expect(summary(checkWith((b) => (b['Details'] = ['x' as JsonValue])))).toEqual(['error wrong-type Details[0]']);
  });

  it('warns when Details is empty: the contract sends one entry per call', () => {
    expect(summary(checkWith((b) => (b['Details'] = [])))).toEqual(['warning empty-details Details']);
  });

  it('softens type breaches in redial fields to warnings: their types come from the example, not the table', () => {
    expect(summary(checkWith((b) => (redial(b)['RingTime'] = '3')))).toEqual(['warning wrong-type Details[0].RedailCall[0].RingTime']);
  });

  it('warns when an amount is not a decimal written as a string', () => {
    expect(summary(checkWith((b) => (call(b)['BorrowedAmount'] = '11,00')))).toEqual(['warning bad-format Details[0].BorrowedAmount']);
  });
});

describe('enums', () => {
  it('treats an unknown Status as a warning, never an error', () => {
    const problems = checkWith((b) => (call(b)['Status'] = 'ringing'));
    expect(summary(problems)).toEqual(['warning unknown-enum Details[0].Status']);
    expect(problems[0]?.message).toContain('"ringing"');
  });

  it.each(['busy', 'switchoff', 'lineswitchoff', 'holdline', 'wrongnum', 'notmatch', 'null'])(
    'accepts RingType %s, whichever way the run-together list is split',
    (v) => {
      expect(checkWith((b) => (call(b)['RingType'] = v))).toEqual([]);
    },
  );

  it('accepts a JSON null RingType, which the enum lists as "null"', () => {
    expect(checkWith((b) => (call(b)['RingType'] = null))).toEqual([]);
  });

  it('treats an Intention beyond A-I and "--" as a warning (the page says there are more)', () => {
    expect(summary(checkWith((b) => (call(b)['Intention'] = 'J')))).toEqual(['warning unknown-enum Details[0].Intention']);
  });
});

describe('times and dates', () => {
  it.each(['2023-10-19 06:13:17', '2023-10-19T06:13:17+08:00', '2023-10-19T06:13:17', '2023-13-19T06:13:17Z', '1697696000'])(
    'reports CallStartTime %j as an error: it must be ISO 8601 UTC like 2023-10-19T06:13:17Z',
    (v) => {
      expect(summary(checkWith((b) => (call(b)['CallStartTime'] = v)))).toEqual(['error bad-datetime Details[0].CallStartTime']);
    },
  );

  it('accepts fractional seconds in an ISO UTC time', () => {
    expect(checkWith((b) => (call(b)['CallEndTime'] = '2023-10-19T06:13:26.250Z'))).toEqual([]);
  });

  it.each(['2022-02-30', '2022/05/11', '22-05-11'])('reports DueDate %j as an error: it must be a real YYYY-MM-DD date', (v) => {
    expect(summary(checkWith((b) => (call(b)['DueDate'] = v)))).toEqual(['error bad-date Details[0].DueDate']);
  });

  it('warns when CallEndTime is before CallStartTime', () => {
    const problems = checkWith((b) => (call(b)['CallEndTime'] = '2023-10-19T06:13:07Z'));
    expect(summary(problems)).toEqual(['warning end-before-start Details[0].CallEndTime']);
    expect(problems[0]?.message).toContain('10 s before');
  });

  it('names the raw redial time and both readings against the call: read as UTC+8 it starts 10 s before the call', () => {
    const problem = checkCallEnd(seed()).find((p) => p.code === 'ambiguous-timezone');
    expect(problem?.message).toContain('"2023-10-19 14:13:07"');
    expect(problem?.message).toContain('read as UTC (2023-10-19T14:13:07Z) it starts 7 h 59 min 50 s after the call');
    expect(problem?.message).toContain('read as UTC+8 (2023-10-19T06:13:07Z) it starts 10 s before the call');
  });

  it('still names both readings of a zoneless redial time when the call has no valid start', () => {
    const body = seed();
    call(body)['CallStartTime'] = 'soon';
    const problem = checkCallEnd(body).find((p) => p.code === 'ambiguous-timezone');
    expect(problem?.message).toMatch(/read as UTC \(2023-10-19T14:13:07Z\); read as UTC\+8 \(2023-10-19T06:13:07Z\)/);
  });

  it('accepts a redial time written in ISO UTC without a warning', () => {
    const body = seed();
    redial(body)['CallStartTime'] = '2023-10-19T06:13:07Z';
    expect(checkCallEnd(body).map((p) => p.code)).toEqual(['unknown-enum']);
  });

  it('warns (not notes, not errors) about a redial time in neither form', () => {
    expect(summary(checkWith((b) => (redial(b)['CallStartTime'] = 'yesterday')))).toEqual([
      'warning bad-datetime Details[0].RedailCall[0].CallStartTime',
    ]);
  });
});

describe('volume', () => {
  it(`lists at most ${MAX_CONTRACT_PROBLEMS} problems of each severity and counts the rest in a summary per severity`, () => {
    const body = seed();
    const entry = call(body);
    // Per call, in order: wrong-type CallID (error), then the redial's two notes: 1,200 errors and
    // 2,400 notes. The last call's unsafe id is the one warning, found after a thousand of each.
    body['Details'] = Array.from({ length: 1200 }, (_, i) => ({
      ...entry,
      CallID: new LosslessNumber('1'),
      ...(i === 1199 ? { id: new LosslessNumber('98765432109876543210') } : {}),
    }));
    const problems = checkCallEnd(body);
    expect(problems).toHaveLength(2 * MAX_CONTRACT_PROBLEMS + 1 + 2);
    expect(problems.filter((p) => p.severity === 'warning').map((p) => p.code)).toEqual(['unsafe-integer']);
    expect(problems.slice(-2)).toEqual([
      { path: '$', severity: 'error', code: 'more-problems', count: 200, message: '200 more errors not listed: the first 1,000 are shown' },
      {
        path: '$',
        severity: 'note',
        code: 'more-problems',
        count: 1400,
        message: '1,400 more notes not listed: the first 1,000 are shown',
      },
    ]);
    expect(countProblems(problems)).toEqual({ errors: 1200, warnings: 1, notes: 2400 });
  });
});

describe('headers', () => {
  it('accepts Content-Type application/json and warns about anything else or nothing', () => {
    expect(checkContentType('application/json')).toEqual([]);
    expect(checkContentType('text/plain').map((p) => `${p.severity} ${p.code}`)).toEqual(['warning unexpected-content-type']);
    expect(checkContentType(null)[0]?.message).toMatch(/no Content-Type header/);
  });
});
