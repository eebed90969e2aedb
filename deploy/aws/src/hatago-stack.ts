import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type { Construct } from 'constructs';
import { slo } from '../../../config/slo.ts';
import { AppServices } from './app-services.ts';
import { DataStores } from './data-stores.ts';
import type { EnvironmentConfig } from './environments.ts';
import { SloAlarms } from './slo-alarms.ts';

export interface HatagoStackProps extends StackProps {
  config: EnvironmentConfig;
  imageTag: string;
}

/**
 * One environment of Hatago on AWS: a VPC over two zones, the apps on ECS Fargate behind
 * an Application Load Balancer, RDS PostgreSQL Multi-AZ, ElastiCache Redis, a private S3
 * bucket, Secrets Manager, CloudWatch burn-rate alarms from config/slo.ts to an SNS topic, and
 * CloudFront in front (the cache and TLS edge; the load balancer takes only its traffic).
 */
export class HatagoStack extends Stack {
  constructor(scope: Construct, id: string, props: HatagoStackProps) {
    super(scope, id, props);
    const { config } = props;
    const vpc = new ec2.Vpc(this, 'Vpc', {
      maxAzs: 2,
      natGateways: config.name === 'production' ? 2 : 1,
      subnetConfiguration: [
        { name: 'public', subnetType: ec2.SubnetType.PUBLIC },
        { name: 'apps', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
        { name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      ],
    });
    const balancerGroup = new ec2.SecurityGroup(this, 'BalancerSg', { vpc, description: 'the load balancer: CloudFront only' });
    balancerGroup.addIngressRule(ec2.Peer.prefixList(config.cloudFrontPrefixListId), ec2.Port.tcp(80), 'CloudFront origin-facing');
    const appsGroup = new ec2.SecurityGroup(this, 'AppsSg', { vpc, description: 'the apps: the load balancer only' });
    appsGroup.addIngressRule(balancerGroup, ec2.Port.tcpRange(3001, 3004), 'load balancer to apps');

    const stores = new DataStores(this, 'Data', { vpc, apps: appsGroup, config });
    const balancer = new elbv2.ApplicationLoadBalancer(this, 'Balancer', { vpc, internetFacing: true, securityGroup: balancerGroup });
    const listener = balancer.addListener('Http', { port: 80, open: false });
    const cluster = new ecs.Cluster(this, 'Cluster', { vpc, containerInsightsV2: ecs.ContainerInsights.ENABLED });
    const services = new AppServices(this, 'Apps', { vpc, cluster, appsGroup, listener, stores, config, imageTag: props.imageTag });
    const alarms = new SloAlarms(this, 'Slo', { slos: slo, namePrefix: `hatago-${config.name}-`, targetGroups: services.targetGroups });

    const distribution = new cloudfront.Distribution(this, 'Cdn', {
      defaultBehavior: {
        origin: new origins.LoadBalancerV2Origin(balancer, { protocolPolicy: cloudfront.OriginProtocolPolicy.HTTP_ONLY }),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
        // the apps say what may be cached and for how long (Cache-Control), as they do to the edge
        cachePolicy: cloudfront.CachePolicy.USE_ORIGIN_CACHE_CONTROL_HEADERS_QUERY_STRINGS,
        originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER,
      },
    });
    new CfnOutput(this, 'SiteUrl', { value: `https://${distribution.distributionDomainName}` });
    new CfnOutput(this, 'MigrateTaskDefinition', { value: services.migrateTask.taskDefinitionArn });
    new CfnOutput(this, 'ClusterName', { value: cluster.clusterName });
    new CfnOutput(this, 'AlarmTopic', { value: alarms.topic.topicArn });
  }
}

