// Collects the messages of one socket read and hands them over as one batch. ws parses every frame of one read
// synchronously, one 'message' event each; delivering them together from a microtask (right after the read is
// processed) lets the core apply one read as one change. Kept out of connection.ts: this is about reads and
// microtasks, not about the socket's life.
import type { HubMessage } from './envelope';

export class ReadBatch<A> {
  private messages: HubMessage[] = [];
  private owner: A | null = null;
  private flushQueued = false;

  /**
   * @param deliver receives a non-empty batch.
   * @param onRead runs once per read, before delivery (the connection notes a sign of life there: once per read,
   *   not per frame, as the frames of one read arrive within the same millisecond).
   */
  constructor(
    private readonly deliver: (messages: HubMessage[]) => void,
    private readonly onRead: (owner: A) => void,
  ) {}

  /** Notes a read by `owner`: a batch of another owner is delivered first, so order is kept. */
  noteRead(owner: A): void {
    if (this.owner !== owner) {
      this.flush();
      this.owner = owner;
    }
    if (this.flushQueued) return;
    this.flushQueued = true;
    queueMicrotask(() => {
      this.flushQueued = false;
      if (this.owner !== null) this.onRead(this.owner);
      this.flush();
    });
  }

  push(message: HubMessage): void {
    this.messages.push(message);
  }

  /** Delivers what was collected now (any other event must come after the messages before it). */
  flush(): void {
    if (this.messages.length === 0) return;
    const messages = this.messages;
    this.messages = [];
    this.deliver(messages);
  }

  /** Drops what was collected (the connection stopped: nobody may hear of it). */
  clear(): void {
    this.messages = [];
    this.owner = null;
  }
}
