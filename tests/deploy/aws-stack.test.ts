import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { ENVIRONMENTS, DRAIN_SECONDS, STOP_TIMEOUT_SECONDS } from '../../deploy/aws/src/environments.ts';
import { HatagoStack } from '../../deploy/aws/src/hatago-stack.ts';
import { SERVICE_LEVEL_OBJECTIVES } from '../../deploy/aws/src/service-level-objectives.ts';

/** `cdk synth` of the production stack in-process (no AWS account, no network), asserted on its template. */
const config = ENVIRONMENTS.production;
const stack = new HatagoStack(new App(), 'Hatago-production', { config, imageTag: 'abc1234', env: { account: '000000000000', region: config.region } });
const template = Template.fromStack(stack);
const json = JSON.stringify(template.toJSON());

describe('AWS CDK stack (production)', () => {
  it('runs every app as a Fargate service of its own image tag, the mailer included, with secrets from Secrets Manager only', () => {
    template.resourceCountIs('AWS::ECS::Service', 4);
    type Container = { Name: string; Image: unknown; ReadonlyRootFilesystem?: boolean; StopTimeout?: number; Secrets?: Array<{ Name: string }>; Environment?: Array<{ Name: string }> };
    const containers = Object.values(template.findResources('AWS::ECS::TaskDefinition')).flatMap(
      (definition) => (definition as { Properties: { ContainerDefinitions: Container[] } }).Properties.ContainerDefinitions,
    );
    for (const app of ['guest', 'facility', 'operator', 'mailer']) {
      const container = containers.find((c) => c.Name === app);
      assert.ok(container, app);
      assert.match(JSON.stringify(container.Image), new RegExp(`/hatago-${app}:abc1234"`));
      assert.equal(container.ReadonlyRootFilesystem, true);
      assert.equal(container.StopTimeout, STOP_TIMEOUT_SECONDS);
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

  it('has one CloudWatch alarm per service level objective, naming its runbook', () => {
    template.resourceCountIs('AWS::CloudWatch::Alarm', SERVICE_LEVEL_OBJECTIVES.length);
    for (const objective of SERVICE_LEVEL_OBJECTIVES) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: objective.name, AlarmDescription: Match.stringLikeRegexp(`docs/operations.md#${objective.runbook}`) });
    }
  });
});
