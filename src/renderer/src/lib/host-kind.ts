// The words under the host editor's "Kind" menu: what Test connection found at this URL, and what Save will do
// with it. Pure, so every combination is unit-tested; the editor only shows the line.
import type { HostKind } from '../../../shared/model';
import type { HostDraft, KindChoice } from './settings-draft';

export const KIND_OPTIONS: readonly { readonly value: KindChoice; readonly label: string }[] = [
  { value: 'detect', label: 'Detect automatically' },
  { value: 'host', label: 'Single Mac' },
  { value: 'orchestrator', label: 'Orchestrator (farm)' },
];

const FOUND: Readonly<Record<HostKind, string>> = {
  host: 'a single Mac',
  orchestrator: 'an orchestrator (farm)',
};

export interface KindHint {
  readonly tone: 'info' | 'warn';
  readonly text: string;
}

/** null when there is nothing to say (a chosen kind that the last test agrees with, or no test yet). */
export function kindHint(draft: Pick<HostDraft, 'kind' | 'detected' | 'url'>): KindHint | null {
  const found =
    draft.detected !== null && draft.detected.url === draft.url.trim() ? draft.detected.kind : null;
  if (draft.kind === 'detect') {
    return found === null
      ? { tone: 'info', text: 'Test connection (or the first connect) finds out whether this is a farm.' }
      : { tone: 'info', text: `Test connection found ${FOUND[found]}: Save stores it as this host’s kind.` };
  }
  if (found === null || found === draft.kind) return null;
  return found === 'orchestrator'
    ? {
        tone: 'warn',
        text: 'Test connection found an orchestrator here: choose Orchestrator (farm) to watch its whole farm.',
      }
    : { tone: 'warn', text: 'Test connection found a single Mac here, not an orchestrator.' };
}
