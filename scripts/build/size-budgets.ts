/**
 * Most bytes each artifact may take on disk (bundle, source maps, rules, VCL and its
 * node_modules), in MiB. Set from the sizes measured when the build was written plus about
 * 15% for the normal growth of dependencies, so an accidental heavy dependency (a
 * devDependency imported at run time, the AWS CDK, a second copy of the AWS SDK) fails the
 * build instead of slipping into every image. The talk's 512 MB limit was for a whole
 * deploy package; these are far below it. docs/operations.md explains how to raise one.
 */
export const SIZE_BUDGETS_MIB: Record<string, number> = {
  cluster: 55, // measured 47.4
  edge: 22, // 18.6
  'edge-vcl': 18, // 15.0
  embedded: 71, // 61.5
  facility: 66, // 57.4
  guest: 68, // 58.8
  'mail-purge': 36, // 30.6
  mailer: 66, // 57.0
  migrate: 45, // 38.8
  operator: 66, // 57.4
};

/** An artifact the budgets do not name yet (a new app) gets this until someone sets one. */
export const DEFAULT_BUDGET_MIB = 64;
