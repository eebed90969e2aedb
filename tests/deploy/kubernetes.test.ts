import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Service } from 'kubernetes-models/v1/Service';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { probeTimingOf, REPO_ROOT } from '@hatago/cluster';
import { compileDeployedVcl } from '../../scripts/build/edge-files.ts';
import { type Manifest, renderKustomization } from '../../scripts/deploy/render-kustomization.ts';

/**
 * The Kustomize overlays rendered offline and every object validated against the
 * OpenAPI schema of Kubernetes 1.33 (kubernetes-models 4.5, generated from v1.33.0), then
 * the rules of the issue checked on what would be applied.
 */
const MODELS: Record<string, { new (data: never): { validate(): void } }> = {
  'v1/ConfigMap': ConfigMap,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'batch/v1/Job': Job,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
};
const APPS = ['guest', 'facility', 'operator', 'mailer'] as const;
const overlays = ['staging', 'production'].map((name) => ({ name, objects: renderKustomization(path.join(REPO_ROOT, 'deploy/kubernetes/overlays', name)) }));

type Container = { name: string; image: string; env?: Array<{ name: string; value?: string; valueFrom?: unknown }>; [key: string]: unknown };
const find = (objects: Manifest[], kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name) as Manifest & { spec: any };
const containerOf = (deployment: { spec: any }) => deployment.spec.template.spec.containers[0] as Container & Record<string, any>;

for (const { name, objects } of overlays) {
  describe(`Kubernetes overlay ${name}`, () => {
    it('renders objects that the Kubernetes 1.33 OpenAPI schemas accept, all in the overlay namespace', () => {
      for (const object of objects) {
        const Model = MODELS[`${object.apiVersion}/${object.kind}`];
        assert.ok(Model, `${object.kind} ${object.apiVersion} has a schema here`);
        assert.doesNotThrow(() => new Model(object as never).validate(), `${object.kind}/${object.metadata.name}`);
        assert.equal(object.metadata.namespace, `hatago-${name}`);
      }
    });

    it('rolls every Deployment with maxUnavailable 0, probes the apps on /readyz and /healthz, and sizes every container', () => {
      for (const deployment of objects.filter((o) => o.kind === 'Deployment') as Array<Manifest & { spec: any }>) {
        assert.equal(deployment.spec.strategy.rollingUpdate.maxUnavailable, 0, deployment.metadata.name);
        const container = containerOf(deployment);
        assert.ok(container.resources.requests.cpu && container.resources.requests.memory && container.resources.limits.memory, deployment.metadata.name);
        assert.equal(container.securityContext.readOnlyRootFilesystem, true);
        assert.equal(deployment.spec.template.spec.securityContext.runAsNonRoot, true);
      }
      for (const app of APPS) {
        const container = containerOf(find(objects, 'Deployment', app));
        assert.equal(container.readinessProbe.httpGet.path, '/readyz', app);
        assert.equal(container.livenessProbe.httpGet.path, '/healthz', app);
        assert.match(container.image, new RegExp(`hatago-${app}(:|$)`), 'the overlay names the registry image');
      }
    });

    it('keeps a draining pod in service as long as the edge takes to notice it (preStop from the edge rules probe)', () => {
      for (const app of APPS) {
        const deployment = find(objects, 'Deployment', app);
        const seconds = containerOf(deployment).lifecycle.preStop.sleep.seconds as number;
        assert.equal(seconds, Math.ceil(probeTimingOf(app).noticeDownMs / 1000), app);
        assert.ok(deployment.spec.template.spec.terminationGracePeriodSeconds > seconds + 15, `${app}: room to drain after preStop`);
      }
    });

    it('autoscales and protects every service; the mailer has its own autoscaler', () => {
      for (const app of [...APPS, 'varnish']) {
        const hpa = find(objects, 'HorizontalPodAutoscaler', app);
        assert.ok(hpa, `${app} HPA`);
        assert.equal(hpa.spec.scaleTargetRef.name, app);
        assert.ok(hpa.spec.maxReplicas > hpa.spec.minReplicas);
        assert.deepEqual(find(objects, 'PodDisruptionBudget', app).spec.selector.matchLabels, { 'app.kubernetes.io/name': app });
      }
    });

    it('migrates in a Job of its own, with the migrate image and the database secret', () => {
      const job = find(objects, 'Job', 'migrate');
      const container = job.spec.template.spec.containers[0] as Container;
      assert.match(container.image, /hatago-migrate/);
      assert.equal(job.spec.template.spec.restartPolicy, 'Never');
      assert.ok(container.env?.some((e) => e.name === 'DATABASE_URL' && e.valueFrom));
    });

    it('runs Varnish on the compiled edge rules from a ConfigMap, its purge port open only to the apps', async () => {
      assert.equal((find(objects, 'ConfigMap', 'varnish-vcl') as unknown as { data: Record<string, string> }).data['edge.vcl'], await compileDeployedVcl(REPO_ROOT), 'deploy/kubernetes/base/varnish/edge.vcl is the current rules: npm run deploy:vcl');
      const varnish = containerOf(find(objects, 'Deployment', 'varnish'));
      assert.ok((varnish.command as string[]).includes('/etc/varnish/edge.vcl'));
      assert.equal(find(objects, 'Service', 'varnish-admin').spec.type, 'ClusterIP');
      const policies = objects.filter((o) => o.kind === 'NetworkPolicy') as Array<Manifest & { spec: any }>;
      assert.ok(policies.some((p) => p.spec.podSelector.matchLabels === undefined && p.spec.policyTypes.includes('Ingress') && !p.spec.ingress), 'default deny');
      const toAdmin = policies.filter((p) => p.spec.podSelector.matchLabels?.['app.kubernetes.io/name'] === 'varnish' && p.spec.ingress?.some((rule: any) => rule.ports?.some((port: any) => port.port === 6090)));
      assert.equal(toAdmin.length, 1);
      assert.deepEqual(toAdmin[0]!.spec.ingress[0].from, [{ podSelector: { matchLabels: { 'hatago.dev/tier': 'app' } } }]);
      const publicRules = policies.flatMap((p) => (p.spec.podSelector.matchLabels?.['app.kubernetes.io/name'] === 'varnish' ? p.spec.ingress : []).filter((rule: any) => !rule.from));
      assert.ok(publicRules.every((rule: any) => rule.ports.every((port: any) => port.port === 8080)), 'only the public port is open to all');
    });

    it('references secrets and never embeds one', () => {
      assert.ok(!objects.some((o) => o.kind === 'Secret'), 'no Secret object');
      const text = JSON.stringify(objects);
      for (const container of objects.flatMap((o: any) => o.spec?.template?.spec?.containers ?? []) as Container[]) {
        for (const variable of container.env ?? []) {
          if (/SECRET|TOKEN|PASSWORD|API_KEY|DATABASE_URL|REDIS_URL/.test(variable.name)) assert.ok(variable.valueFrom && !('value' in variable), `${container.name} ${variable.name}`);
        }
      }
      assert.doesNotMatch(text, /postgres(ql)?:\/\/[^"]*@/, 'no connection string with credentials');
    });
  });
}

it('the production overlay runs more guest pods, spread over zones', () => {
  const production = overlays.find((o) => o.name === 'production')!.objects;
  const staging = overlays.find((o) => o.name === 'staging')!.objects;
  assert.ok(find(production, 'HorizontalPodAutoscaler', 'guest').spec.minReplicas > find(staging, 'HorizontalPodAutoscaler', 'guest').spec.minReplicas);
  assert.ok(find(production, 'Deployment', 'guest').spec.template.spec.topologySpreadConstraints);
  assert.equal(containerOf(find(production, 'Deployment', 'guest')).readinessProbe.httpGet.path, '/readyz', 'a patch merges, never replaces the container');
});

it('evaluates feature flags by the rules of the environment each overlay deploys', () => {
  for (const { name, objects } of overlays) {
    const config = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'hatago-config') as Manifest & { data: Record<string, string> };
    assert.equal(config.data.HATAGO_ENVIRONMENT, name, name);
  }
});

it('the offline renderer refuses Kustomize features it does not implement, and patches of objects that do not exist', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'hatago-kustomize-'));
  try {
    await writeFile(path.join(dir, 'kustomization.yaml'), 'resources: []\ncommonLabels: { a: b }\n');
    assert.throws(() => renderKustomization(dir), /not supported by the offline renderer: commonLabels/);
    await writeFile(path.join(dir, 'kustomization.yaml'), 'resources: []\npatches: [{ path: p.yaml }]\n');
    await writeFile(path.join(dir, 'p.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: nothing }\n');
    assert.throws(() => renderKustomization(dir), /which no resource defines/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
