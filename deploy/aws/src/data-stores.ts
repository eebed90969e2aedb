import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { EnvironmentConfig } from './environments.ts';

/**
 * Everything with state: PostgreSQL (RDS, Multi-AZ), Redis (ElastiCache, a replica in
 * another zone), the private bucket for exports, and the application's secrets. Only the
 * apps' security group reaches the database and Redis.
 */
export class DataStores extends Construct {
  readonly database: rds.DatabaseInstance;
  readonly redisEndpoint: string;
  readonly objects: s3.Bucket;
  /** Generated values, one secret each (rotated alone): SIGNING_SECRET, METRICS_TOKEN. */
  readonly generated: Record<'SIGNING_SECRET' | 'METRICS_TOKEN', secretsmanager.Secret>;
  /** DATABASE_URL and REDIS_URL as JSON keys, put from the RDS secret and the Redis endpoint (docs/operations.md). */
  readonly connections: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props: { vpc: ec2.IVpc; apps: ec2.ISecurityGroup; config: EnvironmentConfig }) {
    super(scope, id);
    const { vpc, apps, config } = props;
    const production = config.name === 'production';

    const databaseGroup = new ec2.SecurityGroup(this, 'DatabaseSg', { vpc, allowAllOutbound: false, description: 'PostgreSQL: the apps only' });
    databaseGroup.addIngressRule(apps, ec2.Port.tcp(5432), 'apps to PostgreSQL');
    this.database = new rds.DatabaseInstance(this, 'Postgres', {
      engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
      instanceType: new ec2.InstanceType(config.database.instanceType),
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      securityGroups: [databaseGroup],
      multiAz: true,
      allocatedStorage: config.database.allocatedStorageGiB,
      storageEncrypted: true,
      databaseName: 'hatago',
      credentials: rds.Credentials.fromGeneratedSecret('hatago'),
      backupRetention: Duration.days(config.database.backupDays),
      deletionProtection: production,
      removalPolicy: production ? RemovalPolicy.RETAIN : RemovalPolicy.SNAPSHOT,
    });

    const redisGroup = new ec2.SecurityGroup(this, 'RedisSg', { vpc, allowAllOutbound: false, description: 'Redis: the apps only' });
    redisGroup.addIngressRule(apps, ec2.Port.tcp(6379), 'apps to Redis');
    const subnets = new elasticache.CfnSubnetGroup(this, 'RedisSubnets', {
      description: 'Hatago Redis',
      subnetIds: vpc.selectSubnets({ subnetType: ec2.SubnetType.PRIVATE_ISOLATED }).subnetIds,
    });
    const redis = new elasticache.CfnReplicationGroup(this, 'Redis', {
      replicationGroupDescription: 'Hatago cache, rate limits and invalidation channel',
      engine: 'redis',
      cacheNodeType: config.redisNodeType,
      numCacheClusters: 2,
      automaticFailoverEnabled: true,
      multiAzEnabled: true,
      transitEncryptionEnabled: true,
      atRestEncryptionEnabled: true,
      cacheSubnetGroupName: subnets.ref,
      securityGroupIds: [redisGroup.securityGroupId],
    });
    this.redisEndpoint = redis.attrPrimaryEndPointAddress;

    this.objects = new s3.Bucket(this, 'Objects', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      // exports are short-lived signed downloads; nothing needs them after a week
      lifecycleRules: [{ expiration: Duration.days(7) }],
      removalPolicy: production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });

    const generatedSecret = (id: string, description: string) =>
      new secretsmanager.Secret(this, id, { description, generateSecretString: { passwordLength: 64, excludePunctuation: true } });
    this.generated = {
      SIGNING_SECRET: generatedSecret('SigningSecret', 'Hatago SIGNING_SECRET: signs sessions, cookies and links'),
      METRICS_TOKEN: generatedSecret('MetricsToken', 'Hatago METRICS_TOKEN: the scraper bearer for /metrics'),
    };
    this.connections = new secretsmanager.Secret(this, 'Connections', {
      description: 'Hatago DATABASE_URL and REDIS_URL (JSON keys), put by docs/operations.md from the RDS secret and the Redis endpoint',
    });
  }
}
