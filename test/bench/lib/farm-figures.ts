// The issue-15 "Scale" figures (measure/farm.ts, and measure/render.ts at farm size), each with its target.
import type { FarmResult } from '../measure/farm';
import type { RenderResult } from '../measure/render';
import type { BenchConfig } from './config';
import type { Figure } from './report';

type Outcome<T> = T | { error: string };

function value<T extends object>(o: Outcome<T> | undefined): T | null {
  return o !== undefined && !('error' in o) ? o : null;
}

function row(
  id: string,
  figure: string,
  v: number | null,
  unit: string,
  target: string,
  pass: ((v: number) => boolean) | null,
  note?: string,
): Figure {
  if (v === null || Number.isNaN(v))
    return { id, figure, value: null, unit, target, pass: target ? false : null, note: note ?? 'no data' };
  return { id, figure, value: v, unit, target, pass: pass ? pass(v) : null, ...(note ? { note } : {}) };
}

export function farmFigures(
  r: { farm?: Outcome<FarmResult>; farmOneHost?: Outcome<FarmResult>; renderFarm?: Outcome<RenderResult> },
  c: BenchConfig,
): Figure[] {
  const figures: Figure[] = [];
  if (r.farm) {
    const f = value(r.farm);
    const one = value(r.farmOneHost);
    const err = f ? undefined : `error: ${(r.farm as { error: string }).error.split('\n')[0]}`;
    const n = `${c.farm.hosts} hosts × ${c.farm.vmsPerHost}`;
    const lists = f ? f.stormListsPerHost : [];
    figures.push(
      row(
        'farm.timeToLive',
        `8 Farm ${n}: time to live (plain HTTP)`,
        f?.timeToLiveMs ?? null,
        'ms',
        '≤ 2000',
        (v) => v <= 2_000,
        err,
      ),
      row(
        'farm.heap',
        `8 Farm ${n}: heap after live (after GC)`,
        f?.heapMb ?? null,
        'MB',
        '< 50',
        (v) => v < 50,
        err,
      ),
      row(
        'farm.bytesOneChange',
        `8 Farm ${n}: bytes pushed for one VM's change`,
        f?.bytesOneChange ?? null,
        'B',
        '≤ 2048',
        (v) => v <= 2_048,
        err,
      ),
      row(
        'farm.cpuPerEvent',
        `8 Farm ${n}: CPU per event at ${c.farm.rate.toLocaleString('en-US')} ev/s`,
        f?.cpuPerEventUs ?? null,
        'µs',
        '≤ 2× 1 host',
        f && one ? () => f.cpuPerEventUs <= 2 * one.cpuPerEventUs : null,
        one
          ? `1 host × ${one.vmsPerHost} VMs: ${one.cpuPerEventUs.toFixed(1)} µs (${f ? (f.cpuPerEventUs / one.cpuPerEventUs).toFixed(2) : '?'}×)`
          : err,
      ),
      row(
        'farm.idleCpu',
        `8 Farm ${n}: idle CPU over ${Math.round(c.farm.idleMs / 1000)} s`,
        f?.idleCpuMs ?? null,
        'ms',
        '< 50',
        (v) => v < 50,
        err,
      ),
      row(
        'farm.stormSettle',
        `8 Farm ${n}: reconnect storm, all live again`,
        f?.stormSettleMs ?? null,
        'ms',
        '',
        null,
        err,
      ),
      row(
        'farm.stormLists',
        `8 Farm ${n}: storm, lists per host (max)`,
        f ? Math.max(...lists) : null,
        '',
        '= 1',
        (v) => v === 1 && Math.min(...lists) === 1,
        err,
      ),
      row(
        'farm.stormCpu',
        `8 Farm ${n}: storm CPU until settled`,
        f?.stormCpuMs ?? null,
        'ms',
        '',
        null,
        err,
      ),
    );
  }
  if (r.renderFarm) {
    const m = value(r.renderFarm);
    const err = m ? undefined : 'error';
    figures.push(
      row(
        'renderFarm.firstRenderMs',
        `8 Render: first render, ${c.renderFarm.vms} VMs + ${c.renderFarm.events} events`,
        m?.firstRenderMs ?? null,
        'ms',
        '≤ 100',
        (v) => v <= 100,
        err,
      ),
      row(
        'renderFarm.maxLongTaskMs',
        `8 Render: longest task at ${c.renderFarm.vms} VMs, ${c.renderFarm.rate} updates/s`,
        m?.maxLongTaskMs ?? null,
        'ms',
        '≤ 50',
        (v) => v <= 50,
        err,
      ),
    );
  }
  return figures;
}
