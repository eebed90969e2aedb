import { runStandalone } from '@hatago/runtime';
import { buildOperatorApp } from './operator-app.ts';

await runStandalone('operator', 3003, buildOperatorApp);
