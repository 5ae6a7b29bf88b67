// The channels the app parses: one table, so a new channel is one file (its parser) plus one line here, and nothing
// else spells a channel name. A connection subscribes to ONE of the subscription sets below: a single host's `pdfm`,
// or an orchestrator's `orchestrator` — never both (orchestrator-protocol.md §1.2: an orchestrator on a Mac would
// report its own VMs twice, as VM_* and as HOST_VM_*).
import type { Channel } from './channel';
import { orchestratorChannel, type OrchestratorMessage } from './orchestrator';
import { pdfmChannel, type PdfmMessage } from './pdfm';

/** Every message a parsed channel can produce. */
export type ChannelMessage = PdfmMessage | OrchestratorMessage;

export const CHANNELS: readonly Channel<ChannelMessage>[] = [pdfmChannel, orchestratorChannel];

/** What a single-host entry subscribes to (?event_types=…). */
export const DEFAULT_EVENT_TYPES: readonly string[] = [pdfmChannel.name];

/** What an orchestrator entry subscribes to: its channel only (§1.2, §3.1). */
export const ORCHESTRATOR_EVENT_TYPES: readonly string[] = [orchestratorChannel.name];
