// A farm host backed by a real single-host simulator on 127.0.0.1 (OrchestratorHostSpec.backedBy): the Mac's own
// service, reachable at the URL the orchestrator registered, so a client holding that Mac's credentials can act on
// it directly (ORCH §6.7 "offer a direct-to-host action"). Like the real orchestrator
// (`src/orchestrator/websocket_client.go` `establishConnection()`, ORCH §4.2), the simulator holds a WebSocket to
// that host's hub, subscribed to `pdfm`, authenticated with the host's API key; each VM_STATE_CHANGED it receives
// becomes a change of the farm host's truth, relayed (or lost) by the link rules as any other host change.
import WebSocket from 'ws';
import type { SimVm } from '../types';

/** What the farm needs of the single-host simulator behind a farm host. */
export interface BackingHost {
  readonly url: string;
  readonly credentials: { readonly apiKey: string };
  vms(): SimVm[];
}

export interface BackingLink {
  /** Resolves once the host's hub welcomed the link (changes made before it are not seen). */
  readonly open: Promise<void>;
  close(): void;
}

export function followBackingHost(
  backing: BackingHost,
  onState: (vmId: string, state: string) => void,
): BackingLink {
  const ws = new WebSocket(`${backing.url.replace(/^http/, 'ws')}/api/v1/ws/subscribe?event_types=pdfm`, {
    headers: { 'X-Api-Key': backing.credentials.apiKey },
  });
  const open = new Promise<void>((resolve, reject) => {
    ws.once('error', reject);
    ws.on('message', (data: WebSocket.RawData) => {
      const frame = parse(data);
      if (
        frame?.event_type === 'global' &&
        typeof frame.message === 'string' &&
        frame.message.startsWith('WebSocket')
      )
        resolve();
      if (frame?.event_type !== 'pdfm' || frame.message !== 'VM_STATE_CHANGED') return;
      const body = frame.body as { vm_id?: unknown; current_state?: unknown } | undefined;
      if (typeof body?.vm_id === 'string' && typeof body.current_state === 'string')
        onState(body.vm_id, body.current_state);
    });
  });
  // After the welcome a broken link is a test teardown: nothing to report.
  ws.on('error', () => undefined);
  return { open, close: () => ws.terminate() };
}

function parse(data: WebSocket.RawData): Record<string, unknown> | null {
  try {
    const value = JSON.parse(data.toString()) as unknown;
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
