import '@hatago/telemetry/register';
import { runStandalone } from '@hatago/runtime';
import { buildGuestApp } from './guest-app.ts';

await runStandalone('guest', 3001, buildGuestApp);
