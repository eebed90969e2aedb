import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as sns from 'aws-cdk-lib/aws-sns';
import { type CloudWatchCondition, cloudWatchBurnAlarms, type SloSet } from '@hatago/slo';
import { Construct } from 'constructs';

/**
 * The SLOs' page-level burn-rate alerts as CloudWatch alarms on the load balancer's metrics,
 * generated from config/slo.ts like the Prometheus rules: per alert, one metric alarm per
 * window (the window is its period) and a composite alarm, named after the SLO and the
 * alert, in ALARM while both are; it notifies the topic. Nothing subscribes to the topic here
 * (Slack through AWS Chatbot or a webhook is left to the account, see docs/operations.md).
 */
export class SloAlarms extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: cloudwatch.CompositeAlarm[] = [];

  constructor(scope: Construct, id: string, props: { slos: SloSet; namePrefix: string; targetGroups: Map<string, elbv2.ApplicationTargetGroup> }) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'Topic', { displayName: `${props.namePrefix}SLO alarms` });
    for (const alarm of cloudWatchBurnAlarms(props.slos).alarms) {
      const group = props.targetGroups.get(alarm.service);
      if (!group) throw new Error(`SLO ${alarm.slo}: no target group for ${alarm.service}`);
      const name = `${props.namePrefix}${alarm.name}`;
      const windows = alarm.windows.map((window) =>
        measure(group, alarm.condition, Duration.seconds(window.seconds)).createAlarm(this, `${alarm.name}-${window.name}`, {
          alarmName: `${name}-${window.name}`,
          alarmDescription: `${window.name} window of ${name}`,
          threshold: alarm.condition.threshold,
          evaluationPeriods: 1,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
          // no requests is no burn
          treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        }),
      );
      const composite = new cloudwatch.CompositeAlarm(this, alarm.name, {
        compositeAlarmName: name,
        alarmDescription: alarm.description,
        alarmRule: cloudwatch.AlarmRule.allOf(...windows.map((w) => cloudwatch.AlarmRule.fromAlarm(w, cloudwatch.AlarmState.ALARM))),
      });
      composite.addAlarmAction(new actions.SnsAction(this.topic));
      composite.addOkAction(new actions.SnsAction(this.topic));
      this.alarms.push(composite);
    }
  }
}

function measure(group: elbv2.ApplicationTargetGroup, condition: CloudWatchCondition, period: Duration): cloudwatch.Metric | cloudwatch.MathExpression {
  if (condition.metric === 'response-time-percentile') return group.metrics.targetResponseTime({ period, statistic: condition.statistic });
  return new cloudwatch.MathExpression({
    // a period without a 5xx has no 5xx data point at all
    expression: 'FILL(errors, 0) / requests',
    usingMetrics: {
      errors: group.metrics.httpCodeTarget(elbv2.HttpCodeTarget.TARGET_5XX_COUNT, { period, statistic: 'Sum' }),
      requests: group.metrics.requestCount({ period, statistic: 'Sum' }),
    },
    period,
  });
}
