// Every table of the product, for Drizzle's typed queries and drizzle-kit's migrations.

export * from '../alerts/schema.js';
export * from '../board/schema.js';
export * from '../calendar/schema.js';
export * from '../exchange/schema.js';
export * from '../feeds/schema.js';
export * from '../forecast/overview-schema.js';
export * from '../forecast/schema.js';
export * from '../history/schema.js';
export * from '../jobs/schema.js';
export * from '../meetings/schema.js';
export * from '../notifications/schema.js';
export * from '../org/schema.js';
export * from '../projects/schema.js';
export * from '../reports/schema.js';
export * from '../tasks/schema.js';
export * from '../thresholds/schema.js';
export * from '../views/schema.js';
export * from './stamps-schema.js';
