import { eq } from 'drizzle-orm';
import { type Db, together } from '../db/client.js';
import { tracks, users } from '../org/schema.js';
import { type BoardDto, DIMENSIONS, type DimensionNo, type MetricDto } from './contract.js';
import { betterOf, competitionRanks, dso, grossMargin, monthRange, ratio, statusOf } from './rules.js';
import { allMeasures, bandsFor, freshness, type SubjectMeasures } from './store.js';

type Fraction = { numerator: number | null; denominator: number | null; value: number | null };

const fraction = (numerator: number | null, denominator: number | null, scale = 1): Fraction => ({
  numerator,
  denominator,
  value: ratio(numerator, denominator, scale),
});

/** The formula of each dimension over one subject's measures (SPEC §3). */
export function dimensionValue(no: DimensionNo, m: SubjectMeasures): Fraction {
  switch (no) {
    case 1:
    case 2:
      return fraction(m.sales, m.salesTarget);
    case 3:
    case 4:
      return fraction(m.orders, m.ordersTarget);
    case 5: {
      const margin = grossMargin(m.salesWithCost, m.cost);
      return fraction(margin.numerator, margin.denominator);
    }
    case 6:
      // Forecast accuracy (SPEC §6.7) is measured by the forecast capability (forecast/accuracy.ts).
      return m.accuracy ?? { numerator: null, denominator: null, value: null };
    case 7:
      return fraction(m.expenses, m.sales, 1000);
    case 8:
      return { numerator: m.arBalance, denominator: m.sales90, value: dso(m.arBalance, m.sales90) };
  }
}

const TRACK_DIMENSIONS = DIMENSIONS.filter((d) => d.subject === 'track').map((d) => d.no as DimensionNo);
const AM_DIMENSIONS = DIMENSIONS.filter((d) => d.subject === 'am').map((d) => d.no as DimensionNo);

type Bands = Awaited<ReturnType<typeof bandsFor>>;

function rankedMetrics(no: DimensionNo, subjects: SubjectMeasures[], bands: Bands): MetricDto[] {
  const fractions = subjects.map((m) => dimensionValue(no, m));
  const better = betterOf(no);
  const ranks = competitionRanks(
    fractions.map((f) => f.value),
    better,
  );
  const band = bands.get(no)!;
  return fractions.map((f, i) => ({ ...f, rank: ranks[i]!, status: statusOf(f.value, band, better) }));
}

/** Within-track ranks for AM dimensions: each AM ranked among the AMs of the same track. */
function trackRanks(no: DimensionNo, subjects: SubjectMeasures[]): number[] {
  const values = subjects.map((m) => dimensionValue(no, m).value);
  const ranks = new Array<number>(subjects.length);
  const byTrack = new Map<number, number[]>();
  subjects.forEach((s, i) => {
    byTrack.set(s.trackId, [...(byTrack.get(s.trackId) ?? []), i]);
  });
  for (const indexes of byTrack.values()) {
    const within = competitionRanks(
      indexes.map((i) => values[i]!),
      betterOf(no),
    );
    indexes.forEach((i, k) => {
      ranks[i] = within[k]!;
    });
  }
  return ranks;
}

/** The board of a period without its data-as-of: what board/cache.ts keeps (the same for every reader). */
export type KeptBoard = Omit<BoardDto, 'dataAsOf'>;

/** "Data as of" per source for a month's board: read fresh on every request, never kept. */
export async function dataAsOf(db: Db, month: string): Promise<BoardDto['dataAsOf']> {
  const sources = await freshness(db);
  return sources.map((s) => ({ ...s, complete: s.closedThrough !== null && s.closedThrough >= month }));
}

/** Every track's and AM's eight dimensions for a period, ranked and banded (SPEC §3). */
export async function computeBoard(db: Db, month: string, view: 'month' | 'ytd'): Promise<KeptBoard> {
  const range = monthRange(month, view);
  const [bands, { tracks: trackMeasures, ams: amMeasures }, trackRows, amRows] = await together(db, [
    () => bandsFor(db, month),
    () => allMeasures(db, range),
    () => db.select({ id: tracks.id, code: tracks.code, name: tracks.name }).from(tracks),
    () => db.select({ id: users.id, code: users.code, name: users.name }).from(users).where(eq(users.role, 'am')),
  ]);
  const trackMetrics = new Map(TRACK_DIMENSIONS.map((no) => [no, rankedMetrics(no, trackMeasures, bands)]));
  const amMetrics = new Map(AM_DIMENSIONS.map((no) => [no, rankedMetrics(no, amMeasures, bands)]));
  const amTrackRanks = new Map(AM_DIMENSIONS.map((no) => [no, trackRanks(no, amMeasures)]));
  const trackNames = new Map(trackRows.map((t) => [t.id, t]));
  const amNames = new Map(amRows.map((a) => [a.id, a]));
  return {
    month,
    view,
    dimensions: DIMENSIONS.map((d) => ({ ...d, bands: bands.get(d.no)! })),
    tracks: trackMeasures.map((m, i) => ({
      id: m.id,
      code: trackNames.get(m.id)?.code ?? '',
      name: trackNames.get(m.id)?.name ?? '',
      metrics: Object.fromEntries(TRACK_DIMENSIONS.map((no) => [String(no), trackMetrics.get(no)![i]!])),
    })),
    ams: amMeasures.map((m, i) => ({
      id: m.id,
      code: amNames.get(m.id)?.code ?? '',
      name: amNames.get(m.id)?.name ?? '',
      trackId: m.trackId,
      metrics: Object.fromEntries(
        AM_DIMENSIONS.map((no) => [String(no), { ...amMetrics.get(no)![i]!, trackRank: amTrackRanks.get(no)![i]! }]),
      ),
    })),
  };
}

/** The board computed now, from the rollups (no kept result): see readBoard (board/cache.ts) for requests. */
export async function buildBoard(db: Db, month: string, view: 'month' | 'ytd'): Promise<BoardDto> {
  const [board, asOf] = await together(db, [() => computeBoard(db, month, view), () => dataAsOf(db, month)]);
  return { ...board, dataAsOf: asOf };
}
