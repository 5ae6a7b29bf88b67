// Orchestrator frames as the server writes them (orchestrator-protocol.md §3.2/§3.4), for the channel parser tests.
import type { ParseResult } from '../../../src/main/hub/envelope';

export const HOST = 'a16c7dfc2e8e79b927f0d8e786c7ac5fce172d800be06c15cb789eabae1550de';
export const VM = '6c2d1f0a-8b7e-4c33-9a10-5e4f3d2c1b0a';

/** A frame as the orchestrator writes it (§3.2: compact, Go order id/event_type/timestamp/message/body). */
export const frame = (message: string, body: unknown): string =>
  `${JSON.stringify({ id: 'e1', event_type: 'orchestrator', timestamp: '2026-08-18T12:12:14.1Z', message, body })}\n`;
export const spaced = (text: string): string => JSON.stringify(JSON.parse(text), null, 1);
export const refused = (reason: string): ParseResult => ({ ok: false, reason });
export const accepted = (message: unknown): ParseResult => ({ ok: true, message }) as ParseResult;
