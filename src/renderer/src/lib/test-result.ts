// Plain-language rendering of every ConnectionTestResult kind (and of a bridge failure).
import type { ConnectionTestResult } from '../../../shared/settings';

export interface TestResultText {
  readonly tone: 'ok' | 'warn' | 'error';
  readonly title: string;
  readonly detail: string;
}

export function describeTestResult(result: ConnectionTestResult): TestResultText {
  switch (result.kind) {
    case 'ok': {
      const version = result.serverVersion ? `version ${result.serverVersion}` : 'version unknown';
      const vms = count(result.vmCount, 'VM');
      const subs =
        result.subscriptions.length > 0 ? ` Subscribed to ${result.subscriptions.join(', ')}.` : '';
      const lifetime = result.tokenLifetime ? ` ${result.tokenLifetime}` : '';
      // An orchestrator leads with the farm: how many Macs and VMs Hubwatch is about to watch.
      const what =
        result.detectedKind === 'orchestrator'
          ? `Orchestrator — ${count(result.farmHostCount ?? 0, 'Mac')}, ${vms}. Events Hub ${version}.`
          : `Events Hub ${version}, ${vms}.`;
      // A pasted token works today and stops soon: say so as a warning, not a plain success.
      return {
        tone: result.tokenLifetime ? 'warn' : 'ok',
        title: 'Connected',
        detail: `${what}${subs}${lifetime}`,
      };
    }
    case 'unreachable':
      return { tone: 'error', title: "Can't reach the host", detail: result.detail };
    case 'tls-untrusted':
      return {
        tone: 'warn',
        title: 'The certificate is not trusted',
        detail: `${sentence(result.detail)} If this is your host's certificate, approve its fingerprint below.`,
      };
    case 'not-events-hub':
      return { tone: 'error', title: 'This is not an Events Hub', detail: result.detail };
    case 'credentials-rejected':
      return { tone: 'error', title: 'Credentials rejected', detail: result.detail };
    case 'error':
      return { tone: 'error', title: 'Test failed', detail: result.detail };
  }
}

/** "1 VM", "1,602 VMs": grouped digits, as a Mac writes counts in English. */
function count(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
}

function sentence(text: string): string {
  const t = text.trim();
  if (t === '') return '';
  return /[.!?]$/.test(t) ? t : `${t}.`;
}
