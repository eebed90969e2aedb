export { compileVcl, type CompiledVcl, VclRefusedError } from './compile-vcl.ts';
export type { BackendInstances, VclOptions } from './vcl-options.ts';
