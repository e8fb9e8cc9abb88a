// Hash routes, so that any screen can be opened directly (also from a file:// page in Electron):
// #/inbox?q=CallID:abc, #/delivery/12, #/call/12/0, #/chain/+6212345678?task=<TaskID>, #/charts, #/endpoints,
// #/diff?a=12&b=send:4 (sides: a delivery id, call:<id>/<index>, send:<attempt id>, example).

export type Route =
  | { name: 'inbox'; q: string }
  | { name: 'delivery'; id: number }
  | { name: 'call'; deliveryId: number; index: number }
  | { name: 'chain'; callee: string; taskId: string | null }
  | { name: 'charts' }
  | { name: 'endpoints' }
  /** Two bodies compared; each side a reference shared/diff/diff-source.ts reads (`12`, `send:4`, `example`), or empty. */
  | { name: 'diff'; a: string; b: string }
  | { name: 'not-found'; hash: string };

const positive = (s: string | undefined) => (s !== undefined && /^[1-9]\d{0,15}$/.test(s) ? Number(s) : null);
const index = (s: string | undefined) => (s !== undefined && /^(0|[1-9]\d{0,8})$/.test(s) ? Number(s) : null);

function decode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?', 2);
  const parts = path.split('/');
  const notFound: Route = { name: 'not-found', hash };
  switch (parts[0]) {
    case '':
    case 'inbox':
      return parts.length === 1 ? { name: 'inbox', q: new URLSearchParams(query).get('q') ?? '' } : notFound;
    case 'charts':
    case 'endpoints':
      return parts.length === 1 ? { name: parts[0] } : notFound;
    case 'delivery': {
      const id = positive(parts[1]);
      return id !== null && parts.length === 2 ? { name: 'delivery', id } : notFound;
    }
    case 'call': {
      const deliveryId = positive(parts[1]);
      const i = index(parts[2]);
      return deliveryId !== null && i !== null && parts.length === 3 ? { name: 'call', deliveryId, index: i } : notFound;
    }
    case 'diff': {
      const q = new URLSearchParams(query);
      return parts.length === 1 ? { name: 'diff', a: q.get('a') ?? '', b: q.get('b') ?? '' } : notFound;
    }
    case 'chain': {
      const callee = parts.length === 2 && parts[1] ? decode(parts[1]) : null;
      if (!callee) return notFound;
      return { name: 'chain', callee, taskId: new URLSearchParams(query).get('task') || null };
    }
    default:
      return notFound;
  }
}

/** In a path segment `+` stays readable (phone numbers); query values are fully escaped, as URLSearchParams reads `+` as a space. */
const encode = (s: string) => encodeURIComponent(s).replace(/%2B/g, '+');
/** A diff side stays readable (`send:4`, `call:12/0`); URLSearchParams reads `:` and `/` back as they are. */
const encodeRef = (s: string) => encodeURIComponent(s).replace(/%3A/gi, ':').replace(/%2F/gi, '/');

export function formatRoute(route: Route): string {
  switch (route.name) {
    case 'inbox':
      return `#/inbox${route.q ? `?q=${encodeURIComponent(route.q)}` : ''}`;
    case 'charts':
    case 'endpoints':
      return `#/${route.name}`;
    case 'delivery':
      return `#/delivery/${route.id}`;
    case 'call':
      return `#/call/${route.deliveryId}/${route.index}`;
    case 'chain':
      return `#/chain/${encode(route.callee)}${route.taskId ? `?task=${encodeURIComponent(route.taskId)}` : ''}`;
    case 'diff':
      return `#/diff?a=${encodeRef(route.a)}&b=${encodeRef(route.b)}`;
    case 'not-found':
      return route.hash;
  }
}
