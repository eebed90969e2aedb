import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { ENVIRONMENTS, DRAIN_SECONDS, STOP_TIMEOUT_SECONDS } from '../../deploy/aws/src/environments.ts';
import { HatagoStack } from '../../deploy/aws/src/hatago-stack.ts';
import { cloudWatchBurnAlarms } from '@hatago/slo';
import { slo } from '../../config/slo.ts';

/** `cdk synth` of the production stack in-process (no AWS account, no network), asserted on its template. */
const config = ENVIRONMENTS.production;
const stack = new HatagoStack(new App(), 'Hatago-production', { config, imageTag: 'abc1234', env: { account: '000000000000', region: config.region } });
const template = Template.fromStack(stack);
const json = JSON.stringify(template.toJSON());

describe('AWS CDK stack (production)', () => {
  it('runs every app as a Fargate service of its own image tag, the mailer included, with secrets from Secrets Manager only', () => {
    template.resourceCountIs('AWS::ECS::Service', 4);
    type Container = { Name: string; Image: unknown; ReadonlyRootFilesystem?: boolean; StopTimeout?: number; Secrets?: Array<{ Name: string }>; Environment?: Array<{ Name: string; Value?: unknown }> };
    const containers = Object.values(template.findResources('AWS::ECS::TaskDefinition')).flatMap(
      (definition) => (definition as { Properties: { ContainerDefinitions: Container[] } }).Properties.ContainerDefinitions,
    );
    for (const app of ['guest', 'facility', 'operator', 'mailer']) {
      const container = containers.find((c) => c.Name === app);
      assert.ok(container, app);
      assert.match(JSON.stringify(container.Image), new RegExp(`/hatago-${app}:abc1234"`));
      assert.equal(container.ReadonlyRootFilesystem, true);
      assert.equal(container.StopTimeout, STOP_TIMEOUT_SECONDS);
      assert.equal(container.Environment?.find((v) => v.Name === 'HATAGO_ENVIRONMENT')?.Value, 'production', `${app}: flags by production's rules`);
      assert.deepEqual(
        ['DATABASE_URL', 'REDIS_URL', 'SIGNING_SECRET'].filter((name) => container.Secrets?.some((secret) => secret.Name === name)),
        ['DATABASE_URL', 'REDIS_URL', 'SIGNING_SECRET'],
      );
    }
    assert.ok(containers.some((c) => c.Name === 'migrate'), 'a migrate task definition for the deploy to run first');
    for (const container of containers) {
      for (const variable of container.Environment ?? []) assert.doesNotMatch(variable.Name, /SECRET|TOKEN|PASSWORD|DATABASE_URL|REDIS_URL/, 'secrets never in plain environment');
    }
    template.hasResourceProperties('AWS::ECS::Service', { DeploymentConfiguration: Match.objectLike({ MinimumHealthyPercent: 100, DeploymentCircuitBreaker: { Enable: true, Rollback: true } }) });
  });

  it('checks /readyz from the load balancer and drains a task as long as the app drains', () => {
    template.resourceCountIs('AWS::ElasticLoadBalancingV2::TargetGroup', 3);
    const groups = Object.values(template.findResources('AWS::ElasticLoadBalancingV2::TargetGroup')) as Array<{ Properties: Record<string, any> }>;
    for (const group of groups) {
      assert.equal(group.Properties.HealthCheckPath, '/readyz');
      assert.ok(group.Properties.TargetGroupAttributes.some((a: { Key: string; Value: string }) => a.Key === 'deregistration_delay.timeout_seconds' && a.Value === String(DRAIN_SECONDS)));
    }
    assert.ok(STOP_TIMEOUT_SECONDS > DRAIN_SECONDS, 'ECS never kills a task still draining');
  });

  it('auto scales every service between its environment floor and ceiling', () => {
    template.resourceCountIs('AWS::ApplicationAutoScaling::ScalableTarget', 4);
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', { MinCapacity: config.tasks.guest.min, MaxCapacity: config.tasks.guest.max });
  });

  it('keeps state in RDS PostgreSQL Multi-AZ, ElastiCache Redis with a replica, and a private encrypted bucket', () => {
    template.hasResourceProperties('AWS::RDS::DBInstance', { Engine: 'postgres', MultiAZ: true, StorageEncrypted: true, DeletionProtection: true });
    template.hasResourceProperties('AWS::ElastiCache::ReplicationGroup', { MultiAZEnabled: true, AutomaticFailoverEnabled: true, TransitEncryptionEnabled: true, NumCacheClusters: 2 });
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: Match.anyValue(),
    });
    assert.doesNotMatch(json, /"MasterUserPassword":\s*"[^{]/, 'the database password is generated into Secrets Manager');
  });

  it('puts CloudFront in front of the load balancer, which admits only CloudFront', () => {
    template.hasResourceProperties('AWS::CloudFront::Distribution', { DistributionConfig: Match.objectLike({ DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https' }) }) });
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', { SourcePrefixListId: config.cloudFrontPrefixListId, FromPort: 80, ToPort: 80 });
    const intoBalancer = Object.values(template.findResources('AWS::EC2::SecurityGroupIngress')).filter((r) => JSON.stringify((r as { Properties: { GroupId: unknown } }).Properties.GroupId).includes('BalancerSg'));
    assert.ok(intoBalancer.length > 0);
    assert.ok(intoBalancer.every((r) => JSON.stringify(r).includes(config.cloudFrontPrefixListId)), 'nothing else reaches the load balancer');
  });

  it('raises one composite alarm per SLO and page-level window pair, ANDing a long- and a short-window alarm at the SLO thresholds, to an SNS topic', () => {
    type Alarm = { Properties: Record<string, any> };
    const composites = Object.values(template.findResources('AWS::CloudWatch::CompositeAlarm')) as Alarm[];
    const windows = Object.entries(template.findResources('AWS::CloudWatch::Alarm')) as Array<[string, Alarm]>;
    const page = ['SloErrorBudgetBurnFast', 'SloErrorBudgetBurnSlow'];
    const httpSlos = slo.slos.filter((s) => s.name !== 'mail-delivery');
    assert.equal(composites.length, httpSlos.length * page.length);
    assert.equal(windows.length, composites.length * 2);
    template.resourceCountIs('AWS::SNS::Topic', 1);
    const topic = Object.keys(template.findResources('AWS::SNS::Topic'))[0]!;

    for (const s of httpSlos) {
      for (const [alert, pair, factor] of [['SloErrorBudgetBurnFast', [[3600, '1h'], [300, '5m']], 14.4], ['SloErrorBudgetBurnSlow', [[21_600, '6h'], [1800, '30m']], 6]] as const) {
        const name = `hatago-production-${s.name}-${alert}`;
        const composite = composites.find((c) => c.Properties.AlarmName === name)?.Properties;
        assert.ok(composite, name);
        assert.match(composite.AlarmDescription, new RegExp(`^${s.name}: .*Runbook: docs/operations\\.md#${alert.toLowerCase()}$`));
        assert.match(JSON.stringify(composite.AlarmActions), new RegExp(topic));
        const rule = JSON.stringify(composite.AlarmRule);
        assert.match(rule, /\) AND ALARM\(/);
        const errorRatio = Number((factor * (1 - s.objective)).toPrecision(6));
        for (const [seconds, suffix] of pair) {
          const [id, resource] = windows.find(([, w]) => w.Properties.AlarmName === `${name}-${suffix}`) ?? [];
          assert.ok(id && resource, `${name}-${suffix}`);
          assert.ok(rule.includes(`"${id}"`), 'the composite reads its window alarm');
          const window = resource.Properties;
          assert.equal(window.ComparisonOperator, 'GreaterThanThreshold');
          assert.equal(window.EvaluationPeriods, 1);
          if (s.indicator.kind === 'availability') {
            assert.equal(window.Threshold, errorRatio);
            const queries = window.Metrics as Array<{ Expression?: string; MetricStat?: { Metric: { MetricName: string }; Period: number; Stat: string } }>;
            assert.equal(queries.find((q) => q.Expression)?.Expression, 'FILL(errors, 0) / requests');
            assert.deepEqual(queries.flatMap((q) => (q.MetricStat ? [[q.MetricStat.Metric.MetricName, q.MetricStat.Period, q.MetricStat.Stat]] : [])).sort(), [
              ['HTTPCode_Target_5XX_Count', seconds, 'Sum'],
              ['RequestCount', seconds, 'Sum'],
            ]);
          } else {
            assert.equal(window.Threshold, s.indicator.thresholdSeconds, 'at the exact objective threshold');
            assert.equal(window.MetricName, 'TargetResponseTime');
            assert.equal(window.Period, seconds);
            assert.equal(window.ExtendedStatistic, `p${Number((100 * (1 - errorRatio)).toPrecision(6))}`);
          }
        }
      }
    }
    assert.deepEqual(cloudWatchBurnAlarms(slo).prometheusOnly.map((p) => p.slo), ['mail-delivery'], 'no CloudWatch metric measures mail delivery');
  });
});
