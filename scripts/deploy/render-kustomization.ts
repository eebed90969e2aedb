import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

/** A Kubernetes object as YAML gives it. */
export type Manifest = Record<string, unknown> & { apiVersion: string; kind: string; metadata: { name: string; namespace?: string } & Record<string, unknown> };

interface Kustomization {
  resources?: string[];
  namespace?: string;
  images?: Array<{ name: string; newName?: string; newTag?: string }>;
  patches?: Array<{ path: string }>;
  configMapGenerator?: Array<{ name: string; files?: string[] }>;
  generatorOptions?: { disableNameSuffixHash?: boolean };
}

const KNOWN = new Set(['apiVersion', 'kind', 'resources', 'namespace', 'images', 'patches', 'configMapGenerator', 'generatorOptions']);

function readYaml(file: string): Manifest[] {
  return parseAllDocuments(readFileSync(file, 'utf8'))
    .map((doc) => doc.toJS() as Manifest | null)
    .filter((doc): doc is Manifest => doc !== null);
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Strategic merge as kubectl does it for what these manifests patch: maps merge, lists of named items merge by name, other lists are replaced. */
function merge(base: unknown, patch: unknown): unknown {
  if (isObject(base) && isObject(patch)) {
    const out: Record<string, unknown> = { ...base };
    for (const [key, value] of Object.entries(patch)) out[key] = key in base ? merge(base[key], value) : value;
    return out;
  }
  if (Array.isArray(base) && Array.isArray(patch) && patch.every((item) => isObject(item) && typeof item.name === 'string')) {
    const out = [...base];
    for (const item of patch as Array<Record<string, unknown>>) {
      const at = out.findIndex((existing) => isObject(existing) && existing.name === item.name);
      if (at >= 0) out[at] = merge(out[at], item);
      else out.push(item);
    }
    return out;
  }
  return patch;
}

function setImages(node: unknown, images: NonNullable<Kustomization['images']>): void {
  if (Array.isArray(node)) node.forEach((item) => setImages(item, images));
  if (!isObject(node)) return;
  for (const [key, value] of Object.entries(node)) {
    if ((key === 'containers' || key === 'initContainers') && Array.isArray(value)) {
      for (const container of value as Array<{ image?: string }>) {
        const image = images.find((i) => container.image === i.name || container.image?.startsWith(`${i.name}:`));
        if (image) container.image = `${image.newName ?? image.name}${image.newTag ? `:${image.newTag}` : ''}`;
      }
    }
    setImages(value, images);
  }
}

/**
 * Renders a kustomization offline, for the tests: the subset of Kustomize these manifests
 * use (resources, namespace, images, patches by kind and name, configMapGenerator from
 * files without a hash suffix). Anything else in a kustomization.yaml is refused rather than
 * ignored, so the manifests cannot drift into features this renderer would get wrong. The
 * deploy itself uses `kubectl apply -k` (Kustomize built into kubectl).
 */
export function renderKustomization(dir: string): Manifest[] {
  const kustomization = readYaml(path.join(dir, 'kustomization.yaml'))[0] as unknown as Kustomization;
  const unknown = Object.keys(kustomization).filter((key) => !KNOWN.has(key));
  if (unknown.length) throw new Error(`${dir}/kustomization.yaml: not supported by the offline renderer: ${unknown.join(', ')}`);
  if (kustomization.configMapGenerator && !kustomization.generatorOptions?.disableNameSuffixHash) {
    throw new Error(`${dir}/kustomization.yaml: generated ConfigMaps need disableNameSuffixHash here`);
  }
  let objects: Manifest[] = [];
  for (const resource of kustomization.resources ?? []) {
    const full = path.join(dir, resource);
    objects.push(...(statSync(full).isDirectory() ? renderKustomization(full) : readYaml(full)));
  }
  for (const generator of kustomization.configMapGenerator ?? []) {
    const data = Object.fromEntries((generator.files ?? []).map((file) => [path.basename(file), readFileSync(path.join(dir, file), 'utf8')]));
    objects.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: generator.name }, data });
  }
  for (const patchFile of kustomization.patches ?? []) {
    const file = path.join(dir, patchFile.path);
    if (!existsSync(file)) throw new Error(`${file}: no such patch`);
    for (const patch of readYaml(file)) {
      const at = objects.findIndex((o) => o.kind === patch.kind && o.metadata.name === patch.metadata.name);
      if (at < 0) throw new Error(`${file}: patches ${patch.kind}/${patch.metadata.name}, which no resource defines`);
      objects[at] = merge(objects[at], patch) as Manifest;
    }
  }
  if (kustomization.images) setImages(objects, kustomization.images);
  if (kustomization.namespace) objects = objects.map((o) => ({ ...o, metadata: { ...o.metadata, namespace: kustomization.namespace! } }));
  return objects;
}
