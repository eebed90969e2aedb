export { type BackendInstances, compileVcl, type CompiledVcl, type VclOptions, VclRefusedError } from './compile-vcl.ts';
