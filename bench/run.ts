// `npm run bench -- <name>`: runs one benchmark. Benchmarks measure; tests never assert timings.
import { benchApi } from './api.js';
import { benchBoard } from './board.js';
import { benchForecast } from './forecast.js';
import { benchImport } from './import.js';
import { benchMeetings } from './meetings.js';
import { benchStartup } from './startup.js';
import { benchTasks } from './tasks.js';
import { benchWeb } from './web.js';

const benches: Record<string, () => Promise<void>> = {
  api: benchApi,
  board: benchBoard,
  forecast: benchForecast,
  import: benchImport,
  meetings: benchMeetings,
  startup: benchStartup,
  tasks: benchTasks,
  web: benchWeb,
};
const name = process.argv[2];
const bench = name ? benches[name] : undefined;
if (!bench) {
  console.error(`usage: npm run bench -- <${Object.keys(benches).join('|')}>`);
  process.exit(2);
}
await bench();
