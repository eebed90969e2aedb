import { Duration } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { DataStores } from './data-stores.ts';
import { DRAIN_SECONDS, type EnvironmentConfig, STOP_TIMEOUT_SECONDS } from './environments.ts';

/** The apps behind the load balancer, by path; the mailer has no listener. */
export const WEB_APPS = [
  { app: 'guest', port: 3001, paths: undefined },
  { app: 'facility', port: 3002, paths: ['/facility', '/facility/*'] },
  { app: 'operator', port: 3003, paths: ['/operator', '/operator/*'] },
] as const;
const MAILER_PORT = 3004;

export interface AppServicesProps {
  vpc: ec2.IVpc;
  cluster: ecs.Cluster;
  appsGroup: ec2.SecurityGroup;
  listener: elbv2.ApplicationListener;
  stores: DataStores;
  config: EnvironmentConfig;
  /** The image tag every service runs: the commit the workflow built. */
  imageTag: string;
}

/**
 * One Fargate service per app, from the images the workflow pushed (hatago-<app>:<tag>),
 * with secrets from Secrets Manager (never in the task definition), the load balancer's
 * target groups checking /readyz, draining for DRAIN_SECONDS, and CPU-based auto scaling.
 * A task definition of the migrate image runs before a deploy (the workflow's run-task).
 */
export class AppServices extends Construct {
  readonly services = new Map<string, ecs.FargateService>();
  readonly targetGroups = new Map<string, elbv2.ApplicationTargetGroup>();
  readonly migrateTask: ecs.FargateTaskDefinition;

  constructor(scope: Construct, id: string, private readonly props: AppServicesProps) {
    super(scope, id);
    const { stores, listener } = props;
    for (const [index, web] of WEB_APPS.entries()) {
      const service = this.service(web.app, web.port);
      const targetGroup = new elbv2.ApplicationTargetGroup(this, `${web.app}Targets`, {
        vpc: props.vpc,
        port: web.port,
        protocol: elbv2.ApplicationProtocol.HTTP,
        targets: [service],
        deregistrationDelay: Duration.seconds(DRAIN_SECONDS),
        healthCheck: { path: '/readyz', interval: Duration.seconds(5), timeout: Duration.seconds(2), healthyThresholdCount: 2, unhealthyThresholdCount: 2 },
      });
      this.targetGroups.set(web.app, targetGroup);
      if (web.paths) {
        listener.addTargetGroups(`${web.app}Route`, { priority: 10 * (index + 1), conditions: [elbv2.ListenerCondition.pathPatterns([...web.paths])], targetGroups: [targetGroup] });
      } else {
        listener.addTargetGroups(`${web.app}Default`, { targetGroups: [targetGroup] });
      }
      service.autoScaleTaskCount({ minCapacity: props.config.tasks[web.app].min, maxCapacity: props.config.tasks[web.app].max })
        .scaleOnCpuUtilization(`${web.app}Cpu`, { targetUtilizationPercent: 60, scaleInCooldown: Duration.minutes(5) });
    }
    // the mail workers scale on their own, on their CPU: the outbox is leased, so any number share it
    this.service('mailer', MAILER_PORT)
      .autoScaleTaskCount({ minCapacity: props.config.tasks.mailer.min, maxCapacity: props.config.tasks.mailer.max })
      .scaleOnCpuUtilization('mailerCpu', { targetUtilizationPercent: 60 });

    this.migrateTask = new ecs.FargateTaskDefinition(this, 'MigrateTask', { cpu: 256, memoryLimitMiB: 512 });
    this.migrateTask.addContainer('migrate', {
      image: this.image('migrate'),
      secrets: { DATABASE_URL: ecs.Secret.fromSecretsManager(stores.connections, 'DATABASE_URL') },
      logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'migrate', logRetention: logs.RetentionDays.ONE_MONTH }),
      readonlyRootFilesystem: true,
    });
  }

  private image(app: string): ecs.ContainerImage {
    const repository = ecr.Repository.fromRepositoryName(this, `${app}Repository`, `hatago-${app}`);
    return ecs.ContainerImage.fromEcrRepository(repository, this.props.imageTag);
  }

  private service(app: keyof EnvironmentConfig['tasks'], port: number): ecs.FargateService {
    const { stores, config } = this.props;
    const size = config.tasks[app];
    const task = new ecs.FargateTaskDefinition(this, `${app}Task`, { cpu: size.cpu, memoryLimitMiB: size.memoryMiB });
    task.addVolume({ name: 'tmp' });
    const container = task.addContainer(app, {
      image: this.image(app),
      portMappings: [{ containerPort: port }],
      environment: {
        PORT: String(port),
        // which rules of each feature flag apply here
        HATAGO_ENVIRONMENT: config.name,
        S3_BUCKET: stores.objects.bucketName,
        S3_REGION: stores.objects.env.region,
        // the load balancer notices a failing /readyz after 2 checks 5 s apart
        SHUTDOWN_DELAY_MS: '10000',
      },
      secrets: {
        SIGNING_SECRET: ecs.Secret.fromSecretsManager(stores.generated.SIGNING_SECRET),
        METRICS_TOKEN: ecs.Secret.fromSecretsManager(stores.generated.METRICS_TOKEN),
        DATABASE_URL: ecs.Secret.fromSecretsManager(stores.connections, 'DATABASE_URL'),
        REDIS_URL: ecs.Secret.fromSecretsManager(stores.connections, 'REDIS_URL'),
      },
      logging: ecs.LogDrivers.awsLogs({ streamPrefix: app, logRetention: logs.RetentionDays.ONE_MONTH }),
      readonlyRootFilesystem: true,
      stopTimeout: Duration.seconds(STOP_TIMEOUT_SECONDS),
      healthCheck: {
        command: ['CMD', 'node', '-e', `fetch('http://127.0.0.1:${port}/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))`],
        interval: Duration.seconds(10),
        timeout: Duration.seconds(3),
        startPeriod: Duration.seconds(30),
      },
    });
    container.addMountPoints({ containerPath: '/tmp', sourceVolume: 'tmp', readOnly: false });
    stores.objects.grantReadWrite(task.taskRole);
    const service = new ecs.FargateService(this, `${app}Service`, {
      cluster: this.props.cluster,
      taskDefinition: task,
      desiredCount: size.min,
      securityGroups: [this.props.appsGroup],
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      // a rolling deploy never drops below the running count, and a deploy that does not
      // become healthy rolls itself back
      minHealthyPercent: 100,
      maxHealthyPercent: 200,
      circuitBreaker: { enable: true, rollback: true },
    });
    this.services.set(app, service);
    return service;
  }
}
