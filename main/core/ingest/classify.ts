// Names what a body is: the call-end notification, other JSON, or not JSON; and, for display only,
// which of the platform's other notification shapes it resembles. Heuristics, documented per rule.
import type { DeliveryKind } from '../../../shared/model.js';
import { isJsonObject, type JsonValue } from '../../../shared/contract/json-value.js';

export interface Classification {
  kind: DeliveryKind;
  /** `call-end`, `pds-envelope`, `workflow-status`, `plan-status`, `task-status`, or null. */
  shape: string | null;
}

/** `parsed` is undefined when the body did not parse as JSON (empty, truncated, invalid, binary). */
export function classify(parsed: JsonValue | undefined): Classification {
  if (parsed === undefined) return { kind: 'not-json', shape: null };
  if (!isJsonObject(parsed)) return { kind: 'json', shape: null };
  const keys = Object.keys(parsed);
  // TaskID + Sign is enough: a call-end body with missing fields should be checked and reported,
  // not demoted to "other JSON" where its problems would go unseen.
  if (keys.includes('TaskID') && keys.includes('Sign')) return { kind: 'call-end', shape: 'call-end' };
  return { kind: 'json', shape: shapeOf(keys) };
}

function shapeOf(keys: string[]): string | null {
  const lower = keys.map((k) => k.toLowerCase().replace(/_/g, ''));
  const has = (name: string): boolean => lower.includes(name);
  // The predictive dialer pushes `{type, body}`; allow a couple of envelope extras (time, sign...).
  if (has('type') && has('body') && keys.length <= 4) return 'pds-envelope';
  // Workflow notifications carry `workflow_id` and a status of the workflow or of the list.
  if (has('workflowid') && lower.some((k) => k.includes('status'))) return 'workflow-status';
  // Plan and task webhooks are named on the vendor's menu but not specified: go by their id field.
  if (has('planid')) return 'plan-status';
  if (has('taskid') && !keys.includes('Details')) return 'task-status';
  return null;
}
