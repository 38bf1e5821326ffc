// `npm run gateways`: starts every reference gateway (nginx, Apache httpd, HAProxy, Java, openssl,
// the Node mock) from a fixture set of the built-in spec, measures the server catalogue and every client
// fixture against each, and writes docs/gateway-behaviour.md. A test fails when the committed file
// differs from what this writes on a machine with every gateway (CI installs them all).
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { measureGatewayBehaviour } from '../harness/gateways/measure-gateway-behaviour.ts';
import {
  gatewayBehaviourPath,
  renderGatewayBehaviour,
} from '../harness/gateways/render-gateway-behaviour.ts';
import { generateFixtureSet } from '../harness/pki/generate-fixture-set.ts';
import { openFixtureSet } from '../harness/pki/open-fixture-set.ts';
import { suitePlanners } from '../suites/index.ts';

// Test keys made for this table only, kept between runs in the git-ignored .tmp/ (generation is cached).
const fixturesDir = fileURLToPath(new URL('../.tmp/gateway-fixtures', import.meta.url));
const passphrase = 'gateway-table-fixtures-not-secret';

const report = await generateFixtureSet({ outDir: fixturesDir, passphrase });
const fixtures = await openFixtureSet(report.dir);
const behaviour = await measureGatewayBehaviour({
  fixtures,
  fixturePassphrase: passphrase,
  planners: suitePlanners,
});
if (behaviour.missing.length > 0) {
  for (const { gateway, reason } of behaviour.missing) console.error(`${gateway.title}: ${reason}`);
  console.error(
    `Not written: ${gatewayBehaviourPath} has a column for every gateway, and ${behaviour.missing.length} could not be started here. Install them (scripts/install-system-packages.sh) and run npm run gateways again.`,
  );
  process.exit(2);
}
await writeFile(
  fileURLToPath(new URL(`../${gatewayBehaviourPath}`, import.meta.url)),
  renderGatewayBehaviour(behaviour),
);
console.error(`Wrote ${gatewayBehaviourPath}`);
