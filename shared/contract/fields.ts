// The call-end notification contract as data: every field with its type, whether the page marks it
// required, its enum values and a short note. The contract check walks it; the UI shows it as docs.
// Source: the vendor page "任务电话维度拨打结束状态通知" (edited 2024-05-22), read in shared/callback-contract.md.

export type FieldType =
  | 'string'
  | 'integer'
  | 'enum'
  | 'object'
  | 'array'
  /** `YYYY-MM-DD` */
  | 'date'
  /** ISO 8601 UTC, `2023-10-19T06:13:17Z` */
  | 'datetime'
  /** `YYYY-MM-DD HH:MM:SS` with no zone (RedailCall); ISO UTC is accepted too */
  | 'zoneless-datetime'
  /** a decimal number written as a string, `"11.00"` */
  | 'decimal-string'
  /** `HH:MM:SS` from the start of the call */
  | 'clock-offset';

/** `true`/`false` as the page marks it; `'unmarked'`: the page shows the field without a marker. */
export type Requirement = true | false | 'unmarked';

export interface FieldSpec {
  readonly name: string;
  readonly type: FieldType;
  readonly required: Requirement;
  readonly enum?: readonly string[];
  /** JSON `null` is an accepted value. */
  readonly nullable?: boolean;
  /** Arrays of objects: the fields of each entry. */
  readonly items?: readonly FieldSpec[];
  /**
   * The page does not list this field's type; it is read from the page's example. Breaches are then
   * warnings, not errors: the example is weaker evidence than the field table.
   */
  readonly inferred?: boolean;
  /**
   * Values outside `enum` that the vendor's own example sends in this field: notes, not warnings.
   * A receiver has to take what the vendor sends; flagging it on every delivery would drown the
   * warnings that matter.
   */
  readonly vendorSends?: readonly string[];
  readonly note: string;
}

export const INTENTIONS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', '--'] as const;

/**
 * The page runs these together as `busycantuseholdlineswitchoffoutofareaunregisterwrongnum notmatchnormalnull`;
 * both splits of `holdlineswitchoff` are listed so neither reading raises a warning.
 */
export const RING_TYPES = [
  'busy',
  'cantuse',
  'hold',
  'line',
  'holdline',
  'switchoff',
  'lineswitchoff',
  'outofarea',
  'unregister',
  'wrongnum',
  'notmatch',
  'normal',
  'null',
] as const;

export const HANGUP_TYPES = ['ByCallee', 'ByRobot', 'Canceled'] as const;

export const CALL_STATUSES = ['created', 'pending', 'finished', 'cancelled', 'failed'] as const;

export const ASR_FIELDS: readonly FieldSpec[] = [
  {
    name: 'time',
    type: 'clock-offset',
    required: 'unmarked',
    inferred: true,
    note: 'When the turn happened, HH:MM:SS from the start of the call.',
  },
  { name: 'robottext', type: 'string', required: 'unmarked', inferred: true, note: 'What the robot said.' },
  {
    name: 'text',
    type: 'string',
    required: 'unmarked',
    inferred: true,
    note: 'What the callee said (speech recognition); empty when silent.',
  },
];

export const REDIAL_FIELDS: readonly FieldSpec[] = [
  { name: 'CallID', type: 'string', required: 'unmarked', inferred: true, note: 'ID of this redial call (32 hex chars in the example).' },
  {
    name: 'CallStartTime',
    type: 'zoneless-datetime',
    required: 'unmarked',
    inferred: true,
    note: 'Written `YYYY-MM-DD HH:MM:SS` with no zone, as the example does (a note, not a warning). In the example it reads 10 s before the call as UTC+8, hours after it as UTC: shown raw with both readings.',
  },
  {
    name: 'RingType',
    type: 'enum',
    required: 'unmarked',
    inferred: true,
    nullable: true,
    enum: RING_TYPES,
    vendorSends: [''],
    note: 'Ring result of the redial; the example sends "" (outside the enum), so "" is a note, not a warning.',
  },
  { name: 'RingTime', type: 'integer', required: 'unmarked', inferred: true, note: 'Seconds of ringing.' },
  { name: 'HangupType', type: 'enum', required: 'unmarked', inferred: true, enum: HANGUP_TYPES, note: 'Who hung up the redial.' },
  { name: 'ResultLabel', type: 'string', required: 'unmarked', inferred: true, note: 'Intention label of the redial (e.g. "F").' },
  { name: 'caller_number', type: 'string', required: 'unmarked', inferred: true, note: 'Number the robot called from.' },
  { name: 'callee_number', type: 'string', required: 'unmarked', inferred: true, note: 'Number that was called.' },
];

/** The 34 fields of each `Details[]` entry, in the page's order. */
export const DETAIL_FIELDS: readonly FieldSpec[] = [
  { name: 'id', type: 'integer', required: true, note: 'Record id. Beyond 2^53 JSON.parse would round it; the raw digits are kept.' },
  { name: 'RobotID', type: 'string', required: true, note: 'The robot (script) that placed the call.' },
  { name: 'CalleeName', type: 'string', required: true, note: 'Name of the person called.' },
  { name: 'CalleeGender', type: 'enum', required: true, enum: ['male', 'female'], note: 'Gender of the callee.' },
  { name: 'CalleeNumber', type: 'string', required: true, note: 'Number called, E.164-like (e.g. +6212345678).' },
  { name: 'CallStartTime', type: 'datetime', required: true, note: 'Call start, ISO 8601 UTC (e.g. 2023-10-19T06:13:17Z).' },
  { name: 'CallEndTime', type: 'datetime', required: true, note: 'Call end, same format; not before CallStartTime.' },
  {
    name: 'Status',
    type: 'enum',
    required: 'unmarked',
    enum: CALL_STATUSES,
    note: 'Call status. The page shows no required marker; the example has it.',
  },
  {
    name: 'Intention',
    type: 'enum',
    required: true,
    enum: INTENTIONS,
    note: 'Intention label A…I or "--"; the page says "……" (more), so other labels are warnings.',
  },
  { name: 'intention_description', type: 'string', required: false, note: 'Text describing the intention label.' },
  { name: 'CallID', type: 'string', required: true, note: 'ID of this call (32 hex chars in the example).' },
  { name: 'CallTimes', type: 'integer', required: true, note: 'How many times this callee has been dialled.' },
  { name: 'Comments', type: 'string', required: true, note: 'Free text passed through with the callee.' },
  { name: 'BorrowedDate', type: 'date', required: true, note: 'Collection scenario: loan date, YYYY-MM-DD.' },
  { name: 'DueDate', type: 'date', required: true, note: 'Collection scenario: due date, YYYY-MM-DD.' },
  {
    name: 'BorrowedAmount',
    type: 'decimal-string',
    required: true,
    note: 'Collection scenario: amount borrowed, a decimal in a string ("11.00").',
  },
  { name: 'TotalOwingAmount', type: 'decimal-string', required: true, note: 'Collection scenario: amount owed, a decimal in a string.' },
  { name: 'CurrencyUnit', type: 'string', required: true, note: 'Currency of the amounts (e.g. INR).' },
  { name: 'PlatformName', type: 'string', required: true, note: 'Collection scenario: the lending platform.' },
  {
    name: 'RingType',
    type: 'enum',
    required: 'unmarked',
    nullable: true,
    enum: RING_TYPES,
    note: 'Ring result. Unknown values are warnings, never rejections.',
  },
  { name: 'HangupType', type: 'enum', required: 'unmarked', enum: HANGUP_TYPES, note: 'Who hung up.' },
  { name: 'Slots', type: 'object', required: false, note: 'Free-form slots filled during the call.' },
  { name: 'NerSlots', type: 'object', required: false, note: 'Named-entity slots, e.g. {"PaymentMethod":"ATM"}.' },
  { name: 'ExtraA', type: 'string', required: false, note: 'Pass-through field the integrator supplied.' },
  { name: 'ExtraB', type: 'string', required: false, note: 'Pass-through field the integrator supplied.' },
  { name: 'ExtraC', type: 'string', required: false, note: 'Pass-through field the integrator supplied.' },
  { name: 'AsrResult', type: 'array', required: false, items: ASR_FIELDS, note: 'The transcript, one entry per turn.' },
  { name: 'RingTime', type: 'integer', required: false, note: 'Seconds of ringing.' },
  { name: 'TalkRound', type: 'integer', required: false, note: 'Dialogue turns.' },
  { name: 'RedailCall', type: 'array', required: false, items: REDIAL_FIELDS, note: 'Redial attempts for this callee (sic: "Redail").' },
  { name: 'Multi_intention', type: 'object', required: false, note: 'Free-form multi-dimension intentions.' },
  { name: 'EventLabel', type: 'object', required: false, note: 'Labels by dimension, e.g. {"final_label":"O"}.' },
  { name: 'call_notes', type: 'string', required: false, note: 'Notes on the call.' },
  { name: 'caller_number', type: 'string', required: false, note: 'Number the robot called from.' },
];

/** The body's top level. */
export const CALL_END_FIELDS: readonly FieldSpec[] = [
  { name: 'TaskID', type: 'string', required: true, note: 'The task that placed the calls (32 hex chars in the example).' },
  { name: 'TaskName', type: 'string', required: true, note: 'Name of the task.' },
  {
    name: 'Sign',
    type: 'string',
    required: true,
    note: 'Signature computed with the configured KEY (32 hex chars, MD5-like); the algorithm is not on the page.',
  },
  { name: 'PlanName', type: 'string', required: false, note: 'Name of the plan the task belongs to.' },
  { name: 'Details', type: 'array', required: true, items: DETAIL_FIELDS, note: 'One entry per call; times are UTC.' },
];
