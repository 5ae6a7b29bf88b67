// What the hub answers to a frame a client sends (protocol doc §4.3 and §5). Pure: frame in, reply envelope out.
import { envelope, generateId, type Envelope } from './bodies';
import { goField, goJsonSyntaxError, goTypeName } from './go-json';

export const VALID_EVENT_TYPES: readonly string[] = [
  'global',
  'pdfm',
  'system',
  'system_logs',
  'health',
  'orchestrator',
  'stats',
  'reverse_proxy',
  'catalog_cache',
  'job_manager',
  'auth',
];

/**
 * `?event_types=` as HandleWebSocketConnection parses it: split on commas, trim, lower-case, drop unknown values
 * silently (helpers.go stringToEventTypes). The welcome's list is that, plus `global` only when the client did not
 * list it (eventEmitter/main.go registerClient: `if hasGlobal { rsp.Subscriptions = subscriptions } else
 * append(subscriptions, EventTypeGlobal)`). Missing or empty means `global` only. Duplicates stay in the list.
 */
export function parseEventTypes(param: string | null): string[] {
  if (param === null || param.trim() === '') return ['global'];
  const accepted = param
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter((s) => VALID_EVENT_TYPES.includes(s));
  return accepted.includes('global') ? accepted : [...accepted, 'global'];
}

const STRUCT = 'models.EventMessage';

/**
 * The reply to one client frame, or null when the server stays silent (a `health` frame whose message is not
 * exactly "ping", a `system` frame that is not "client-id"). Never throws; the connection is never closed.
 */
export function replyToClientFrame(raw: Buffer, clientId: string): Envelope | null {
  const syntax = goJsonSyntaxError(raw);
  if (syntax !== null) return envelope('global', 'error', { error: syntax });

  const parsed: unknown = JSON.parse(raw.toString('utf8'));
  // JSON `null` decodes into the zero struct in Go: it then fails the event_type check below.
  if (parsed !== null && (typeof parsed !== 'object' || Array.isArray(parsed))) {
    return envelope('global', 'error', {
      error: `json: cannot unmarshal ${goTypeName(parsed)} into Go value of type ${STRUCT}`,
    });
  }
  const obj = (parsed ?? {}) as Record<string, unknown>;
  for (const field of ['event_type', 'id']) {
    const v = goField(obj, field);
    if (v !== undefined && v !== null && typeof v !== 'string') {
      return envelope('global', 'error', {
        error: `json: cannot unmarshal ${goTypeName(v)} into Go struct field EventMessage.${field} of type string`,
      });
    }
  }
  const eventType = (goField(obj, 'event_type') as string | null | undefined) ?? '';
  // This path does not lower-case: "Health" is an unknown type here.
  if (!VALID_EVENT_TYPES.includes(eventType)) {
    return envelope('global', 'error', { error: `invalid message type ${eventType}` });
  }
  const id = goField(obj, 'id');
  const target = { refId: typeof id === 'string' && id !== '' ? id : generateId(), clientId };
  const message = goField(obj, 'message');

  switch (eventType) {
    case 'health':
      return message === 'ping' ? envelope('health', 'pong', undefined, target) : null;
    case 'system':
      if (message !== undefined && message !== null && typeof message !== 'string') {
        return envelope(
          'system',
          'error',
          {
            error: `json: cannot unmarshal ${goTypeName(message)} into Go struct field EventMessage.message of type string`,
          },
          target,
        );
      }
      return typeof message === 'string' && message.toLowerCase() === 'client-id'
        ? envelope('system', 'client-id', { 'client-id': clientId }, target)
        : null;
    default:
      // pdfm has a handler only when the reverse proxy is enabled, which the simulator never is.
      return envelope('global', 'error', { error: `no handlers registered for type ${eventType}` }, target);
  }
}
