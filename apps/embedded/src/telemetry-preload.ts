/**
 * The built platform's `--import` (`node --import ./dist/embedded/telemetry-preload.js …`):
 * inside the bundle, main.js's own import of the hooks runs only after its external packages
 * (http's users, ioredis) are loaded, too late to patch them. As a preload it runs first.
 */
import '@hatago/telemetry/register';
