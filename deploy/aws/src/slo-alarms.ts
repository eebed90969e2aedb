import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { Construct } from 'constructs';
import type { ServiceLevelObjective } from './service-level-objectives.ts';

/**
 * One CloudWatch alarm per objective, on the load balancer's view of the app: the share of
 * 5xx answers over 5 minutes above the error budget, or p99 response time above target, for
 * 3 periods in a row. The deploy workflow watches them after a rollout and rolls back on one.
 */
export class SloAlarms extends Construct {
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: { objectives: ServiceLevelObjective[]; targetGroups: Map<string, elbv2.ApplicationTargetGroup> }) {
    super(scope, id);
    const period = Duration.minutes(5);
    for (const objective of props.objectives) {
      const group = props.targetGroups.get(objective.app);
      if (!group) throw new Error(`objective ${objective.name}: no target group for ${objective.app}`);
      const description = `${objective.name}: runbook docs/operations.md#${objective.runbook}`;
      if (objective.availability !== undefined) {
        const errors = new cloudwatch.MathExpression({
          expression: 'IF(requests > 0, errors / requests, 0)',
          usingMetrics: {
            errors: group.metrics.httpCodeTarget(elbv2.HttpCodeTarget.TARGET_5XX_COUNT, { period, statistic: 'Sum' }),
            requests: group.metrics.requestCount({ period, statistic: 'Sum' }),
          },
          period,
        });
        this.alarms.push(
          errors.createAlarm(this, `${objective.name}Alarm`, {
            alarmName: objective.name,
            alarmDescription: description,
            threshold: 1 - objective.availability,
            evaluationPeriods: 3,
            comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
            treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
          }),
        );
      }
      if (objective.latencyP99Ms !== undefined) {
        this.alarms.push(
          group.metrics.targetResponseTime({ period, statistic: 'p99' }).createAlarm(this, `${objective.name}Alarm`, {
            alarmName: objective.name,
            alarmDescription: description,
            threshold: objective.latencyP99Ms / 1000,
            evaluationPeriods: 3,
            comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
            treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
          }),
        );
      }
    }
  }
}
