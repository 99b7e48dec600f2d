import { PassThrough, Readable } from 'node:stream';
import type { Db } from '../db/client.js';
import { loadExcel } from '../exchange/excel.js';
import { type CellInput, csvLine, safeCell } from '../exchange/safe-cells.js';
import type { ForecastSettingsValues } from '../forecast/contract.js';
import type { FeedItemDto } from './contract.js';
import type { Position } from './cursor.js';
import { feedPage } from './forecast-feed.js';

/** Opportunities read per query while a file streams: memory stays flat whatever the feed's size. */
const PAGE = 500;

/** The columns of the CSV and XLSX feed (SPEC §9.1): one row per opportunity, version and shipment month. */
export const FEED_COLUMNS = [
  'opportunityCode',
  'customerCode',
  'trackCode',
  'amCode',
  'businessLine',
  'kind',
  'stage',
  'probability',
  'version',
  'orderMonth',
  'amount',
  'month',
  'shipmentAmount',
  'updatedAt',
  'removed',
] as const;

/** The rows of one item: a shipment month each, or one row with empty `month` when it has none. */
function rowsOf(item: FeedItemDto): CellInput[][] {
  const head = [
    item.opportunityCode,
    item.customerCode,
    item.trackCode,
    item.amCode,
    item.businessLine,
    item.kind,
    item.stage,
    item.probability,
    item.version,
    item.orderMonth,
    item.amount,
  ];
  const tail = [item.updatedAt, item.removed === true];
  const months = Object.entries(item.shipments);
  if (months.length === 0) return [[...head, null, null, ...tail]];
  return months.map(([month, amount]) => [...head, month, amount, ...tail]);
}

type Query = { since: Date | null; from: Position };
type Settings = Pick<ForecastSettingsValues, 'stageProbabilities'>;

/** Every row of the feed from `from`, read page by page (keyset), never held all at once. */
async function* feedRows(db: Db, query: Query, settings: Settings): AsyncGenerator<CellInput[]> {
  let from: Position | null = query.from;
  while (from) {
    const page = await feedPage(db, { since: query.since, from, limit: PAGE }, settings);
    for (const o of page.opportunities) for (const item of o.items) yield* rowsOf(item);
    from = page.next;
  }
}

/** The feed as UTF-8 CSV (with a BOM, so Excel reads the Chinese right), pulled as the client reads. */
export function feedCsv(db: Db, query: Query, settings: Settings): Readable {
  async function* lines() {
    yield `\uFEFF${csvLine([...FEED_COLUMNS])}`;
    let chunk = '';
    for await (const row of feedRows(db, query, settings)) {
      chunk += csvLine(row);
      if (chunk.length > 64_000) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk) yield chunk;
  }
  return Readable.from(lines(), { objectMode: false });
}

const drainedOrClosed = (stream: PassThrough) =>
  new Promise<void>((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.once('drain', done);
    stream.once('close', done);
  });

/**
 * The feed as XLSX through exceljs's streaming writer: each row is committed (written to the zip) as it
 * comes, and the next page is read only once the client has taken what was written (back-pressure).
 */
export function feedXlsx(db: Db, query: Query, settings: Settings): Readable {
  const out = new PassThrough();
  void (async () => {
    const excel = await loadExcel();
    const workbook = new excel.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
    workbook.creator = '东江集团 销售督导与预测';
    const sheet = workbook.addWorksheet('forecast');
    sheet.addRow([...FEED_COLUMNS]).commit();
    for await (const row of feedRows(db, query, settings)) {
      sheet.addRow(row.map(safeCell)).commit();
      if (out.writableNeedDrain) await drainedOrClosed(out);
      // The client went away: stop reading the database.
      if (out.destroyed) return;
    }
    sheet.commit();
    await workbook.commit();
  })().catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return out;
}
