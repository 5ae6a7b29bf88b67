// The search box: every whitespace-separated term must match. `state:` / `host:` / `os:` restrict a term to one
// field; a bare term matches the name, state, host name or OS.
import type { HostId, Vm } from '../../../shared/model';

type Field = 'name' | 'state' | 'host' | 'os';

interface Term {
  readonly field: Field | null;
  readonly text: string;
}

export function parseQuery(query: string): Term[] {
  return query
    .trim()
    .toLowerCase()
    .split(/\s+/)
    .filter((t) => t !== '')
    .map((t) => {
      const match = /^(name|state|host|os):(.*)$/.exec(t);
      if (match && match[2] !== undefined && match[2] !== '') {
        return { field: match[1] as Field, text: match[2] };
      }
      return { field: null, text: t };
    });
}

/**
 * `hostName` gives what a VM's host is known by (for a farm VM, vm-groups.ts hostSearchText: the Mac's and the
 * orchestrator's names), so searching a host's name shows its VMs.
 */
export function filterVms(
  vms: readonly Vm[],
  query: string,
  hostName: (hostId: HostId, farmHostId?: string) => string,
): readonly Vm[] {
  const terms = parseQuery(query);
  if (terms.length === 0) return vms;
  return vms.filter((vm) => {
    const fields: Record<Field, string> = {
      name: vm.name.toLowerCase(),
      state: vm.state, // lower-case from the parsers
      host: `${hostName(vm.hostId, vm.farmHostId)}
${vm.hostId}`.toLowerCase(),
      os: vm.os.toLowerCase(),
    };
    return terms.every((term) =>
      term.field === null
        ? fields.name.includes(term.text) ||
          fields.state.includes(term.text) ||
          fields.host.includes(term.text) ||
          fields.os.includes(term.text)
        : fields[term.field].includes(term.text),
    );
  });
}
