import type { bandsFor } from '../board/store.js';
import type { BandChange, ProposalRow } from './store.js';

type Bands = Awaited<ReturnType<typeof bandsFor>>;
const iso = (d: Date | null) => d?.toISOString() ?? null;

/** A proposal beside the bands in force now, so the decider sees what would change. */
export function presentProposal(row: ProposalRow, inForce: Bands) {
  return {
    id: row.id,
    no: row.no,
    red: Number(row.red),
    yellow: Number(row.yellow),
    reason: row.reason,
    status: row.status,
    proposedBy: row.proposedBy,
    proposedByName: row.proposedByName,
    proposedAt: row.proposedAt.toISOString(),
    decidedBy: row.decidedBy,
    decidedAt: iso(row.decidedAt),
    decisionReason: row.decisionReason,
    effectiveMonth: row.effectiveMonth,
    version: row.version,
    current: inForce.get(row.no) ?? null,
  };
}

/**
 * Per dimension the bands in force in `month` and every change. A dimension whose changes all take
 * effect later shows its first ones (the migrations seed a first row for each).
 */
export function presentThresholds(changes: BandChange[], month: string) {
  const items = [1, 2, 3, 4, 5, 6, 7, 8].map((no) => {
    const history = changes.filter((r) => r.no === no);
    const inForce = history.filter((r) => r.effectiveMonth <= month).at(-1) ?? history[0]!;
    return {
      no,
      current: { red: inForce.red, yellow: inForce.yellow, effectiveMonth: inForce.effectiveMonth },
      history,
    };
  });
  return { items };
}
