/**
 * The CDK app: `npm run deploy:aws:synth` writes the CloudFormation templates of both
 * environments to deploy/aws/cdk.out; the deploy workflow runs
 * `npx aws-cdk@2 deploy --app "npx tsx deploy/aws/src/main.ts" Hatago-<env>` with the image
 * tag it pushed in HATAGO_IMAGE_TAG. No AWS account is needed to synthesize.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { App } from 'aws-cdk-lib';
import { ENVIRONMENTS } from './environments.ts';
import { HatagoStack } from './hatago-stack.ts';

const app = new App({ outdir: path.join(fileURLToPath(new URL('../', import.meta.url)), 'cdk.out') });
const imageTag = process.env.HATAGO_IMAGE_TAG ?? 'latest';
for (const config of Object.values(ENVIRONMENTS)) {
  new HatagoStack(app, `Hatago-${config.name}`, {
    config,
    imageTag,
    env: { account: process.env.CDK_DEFAULT_ACCOUNT ?? '000000000000', region: config.region },
  });
}
app.synth();
