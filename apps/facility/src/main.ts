import '@hatago/telemetry/register';
import { runStandalone } from '@hatago/runtime';
import { buildFacilityApp } from './facility-app.ts';

await runStandalone('facility', 3002, buildFacilityApp);
