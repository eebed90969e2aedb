/** What differs between the AWS environments: sizes and counts, never code. */
export interface EnvironmentConfig {
  name: 'staging' | 'production';
  /** Tasks per app: the floor and ceiling of its auto scaling. */
  tasks: Record<'guest' | 'facility' | 'operator' | 'mailer', { min: number; max: number; cpu: number; memoryMiB: number }>;
  database: { instanceType: string; allocatedStorageGiB: number; backupDays: number };
  redisNodeType: string;
  region: string;
  /** CloudFront's origin-facing managed prefix list in that region (com.amazonaws.global.cloudfront.origin-facing). */
  cloudFrontPrefixListId: string;
}

export const ENVIRONMENTS: Record<EnvironmentConfig['name'], EnvironmentConfig> = {
  staging: {
    name: 'staging',
    tasks: {
      guest: { min: 2, max: 4, cpu: 256, memoryMiB: 512 },
      facility: { min: 1, max: 2, cpu: 256, memoryMiB: 512 },
      operator: { min: 1, max: 2, cpu: 256, memoryMiB: 512 },
      mailer: { min: 1, max: 2, cpu: 256, memoryMiB: 512 },
    },
    database: { instanceType: 't4g.medium', allocatedStorageGiB: 50, backupDays: 7 },
    redisNodeType: 'cache.t4g.small',
    region: 'ap-northeast-1',
    cloudFrontPrefixListId: 'pl-58a04531',
  },
  production: {
    name: 'production',
    tasks: {
      guest: { min: 3, max: 20, cpu: 512, memoryMiB: 1024 },
      facility: { min: 2, max: 4, cpu: 256, memoryMiB: 512 },
      operator: { min: 2, max: 4, cpu: 256, memoryMiB: 512 },
      mailer: { min: 2, max: 6, cpu: 256, memoryMiB: 512 },
    },
    database: { instanceType: 'm7g.large', allocatedStorageGiB: 200, backupDays: 30 },
    redisNodeType: 'cache.m7g.large',
    region: 'ap-northeast-1',
    cloudFrontPrefixListId: 'pl-58a04531',
  },
};

/**
 * How long a task keeps serving after the load balancer starts draining it: the target
 * group's deregistration delay. The app's own drain (fail /readyz, finish in-flight
 * requests: the edge rules allow an app 15 s to the first byte, the consoles 60 s) fits in
 * it, and the container's stop timeout is longer still, so ECS never kills a draining task.
 */
export const DRAIN_SECONDS = 30;
export const STOP_TIMEOUT_SECONDS = 45;
