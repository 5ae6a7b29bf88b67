// What a channel of the Events Hub (an `event_type`) plugs into the envelope parser (envelope.ts) with.
import type { Json } from './fields';

export interface Channel<M> {
  /** The `event_type` on the wire, also the name subscribed to (?event_types=…). */
  readonly name: string;
  /** Whether a frame of this channel with a non-object body is invalid (else the body reads as {}). */
  readonly bodyMustBeObject: boolean;
  /** The message of one frame; null for a message name this channel does not know (it becomes 'ignored'). Throws
   * FieldError for a wrong-typed field. */
  parse(message: string, body: Json): M | null;
  /** Optional regex fast path for a frame that arrives by the thousand: the exact message the full parse would
   * build, or null to fall through to JSON.parse. */
  readonly fastPath?: (text: string) => M | null;
  /** Optional earlier fast path on the frame's bytes as ws delivers them (before the utf8 decode), for frames that
   * arrive by the thousand and are dropped: the exact message the full parse would build, or null. */
  readonly wireFastPath?: (frame: Uint8Array) => M | null;
}
