/**
 * Most bytes each artifact may take on disk (bundle, source maps, rules, VCL and its
 * node_modules), in MiB: the sizes measured on 2026-12-07 plus about 15% for the normal
 * growth of dependencies, so an accidental heavy dependency (a devDependency imported at
 * run time, the AWS CDK, a second copy of the AWS SDK) fails the build instead of slipping
 * into every image. The talk's 512 MB limit was for a whole deploy package; these are far
 * below it. docs/operations.md explains how to raise one.
 *
 * Every service carries OpenTelemetry (11 MiB: the SDK, the OTLP exporters with protobufjs,
 * the http and ioredis instrumentations); the commands only its API (1 MiB, a no-op unless
 * a service registers the SDK). The ones that resize or take images carry sharp and its
 * libvips (19.5 MiB): guest, facility and embedded, and operator for banner uploads.
 * Type declarations and dependencies' source maps are not copied (they were about 45%).
 */
export const SIZE_BUDGETS_MIB: Record<string, number> = {
  cluster: 46, // measured 39.6; the preload installs the telemetry hooks in every service (5 MiB of OpenTelemetry)
  edge: 26, // 22.1
  'edge-vcl': 14, // 11.4
  embedded: 85, // 73.7
  facility: 79, // 68.2
  guest: 79, // 68.4
  'mail-purge': 29, // 24.8
  mailer: 56, // 47.9
  migrate: 34, // 29.3
  operator: 81, // 69.9, with sharp since banner image uploads
  'operator-create': 32, // 27.0
};

/** An artifact the budgets do not name yet (a new app) gets this until someone sets one. */
export const DEFAULT_BUDGET_MIB = 64;
