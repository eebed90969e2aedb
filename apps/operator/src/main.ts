import '@hatago/telemetry/register';
import { platformTemplates, runStandalone } from '@hatago/runtime';
import { buildOperatorApp } from './operator-app.ts';

await runStandalone('operator', 3003, (deps) => buildOperatorApp({ ...deps, mailTemplates: platformTemplates }));
