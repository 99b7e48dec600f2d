#!/usr/bin/env node
// The `crm` command: the same entry as `npm run crm --`.
import '../scripts/start.mjs';
