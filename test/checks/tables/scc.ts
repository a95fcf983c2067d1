import misconfigurationAgreement from '../../../src/checks/scc/misconfiguration-agreement/check.js';
import vulnerabilityFindings from '../../../src/checks/scc/vulnerability-findings/check.js';
import type { CheckDefinition, PeerResult } from '../../../src/checks/types.js';
import { DEFAULT_SETTINGS } from '../../../src/matrix/schema.js';
import { DENIED, withError, type CheckCase } from '../../helpers/check-table.js';
import { SCC_NOW, SCC_WORLDS as W } from '../../fixtures/register-worlds.js';
import { KEY } from '../../fixtures/keys.js';

const at = { now: SCC_NOW };
const clusterPassed: PeerResult[] = [
  {
    id: 'gke.regional',
    outcome: 'pass',
    resources: [{ name: 'prod', verdict: 'pass', detail: 'location=us-central1 (region)' }],
  },
];
const clusterFailed: PeerResult[] = [
  { id: 'gke.regional', outcome: 'fail', resources: [{ name: 'prod', verdict: 'fail', detail: 'zonal' }] },
];

// These worlds go through the same filter the API applies (the snapshot source and the emulator share it), so a
// muted or inactive finding reaching a check would mean the filter gtp sends is wrong.
const tables: [CheckDefinition, CheckCase[]][] = [
  [
    vulnerabilityFindings,
    [
      { name: 'an active SCC with no findings', world: W.noFindings, ...at, outcome: 'pass' },
      {
        name: 'a HIGH finding a month old',
        world: W.oldHigh,
        ...at,
        outcome: 'fail',
        mentions: ['OS_VULNERABILITY HIGH', '30 day(s) old, past the 7-day grace period'],
      },
      { name: 'a muted CRITICAL finding', world: W.oldCriticalMuted, ...at, outcome: 'pass' },
      { name: 'an inactive HIGH finding', world: W.oldHighInactive, ...at, outcome: 'pass' },
      {
        name: 'a HIGH finding inside the grace period',
        world: W.youngHigh,
        ...at,
        outcome: 'pass',
        mentions: ['within the 7-day grace period'],
      },
      {
        name: 'a longer grace period from the register',
        world: W.oldHigh,
        ...at,
        settings: { ...DEFAULT_SETTINGS, sccGracePeriodDays: 60 },
        outcome: 'pass',
      },
      {
        name: 'a HIGH finding dated in the future is of unknown age, never young',
        world: W.futureHigh,
        ...at,
        outcome: 'fail',
        mentions: ['created in the future (2099-01-01T00:00:00Z), age unknown'],
      },
      { name: 'a MEDIUM finding', world: W.oldMedium, ...at, outcome: 'pass' },
      {
        name: 'a HIGH finding in the eu data-residency location the register names',
        world: W.oldHighInEu,
        ...at,
        resources: { sccLocations: ['global', 'eu'] },
        outcome: 'fail',
        mentions: ['OS_VULNERABILITY HIGH'],
      },
      {
        name: 'data residency in eu, no findings there',
        world: { ...W.oldHighInEu, [KEY.sccFindingsIn('eu')]: [] },
        ...at,
        resources: { sccLocations: ['eu'] },
        outcome: 'pass',
      },
      {
        name: 'the eu location unreadable',
        world: withError(W.oldHighInEu, 'scc.vulnerabilityFindings', DENIED),
        ...at,
        resources: { sccLocations: ['eu'] },
        outcome: 'error',
      },
      { name: 'no clusters run images', world: W.noClusters, ...at, outcome: 'not-applicable' },
      {
        name: 'SCC not activated or no permission',
        world: withError(W.oldHigh, 'scc.vulnerabilityFindings', {
          kind: 'unknown',
          status: 'FAILED_PRECONDITION',
          message: 'Security Command Center is not activated for this project',
        }),
        ...at,
        outcome: 'error',
        mentions: ['not activated'],
      },
    ],
  ],
  [
    misconfigurationAgreement,
    [
      { name: 'no misconfiguration on what gtp passed', world: W.noFindings, peers: clusterPassed, outcome: 'pass' },
      {
        name: 'SCC flags a cluster gtp passed',
        world: W.misconfiguredPassedCluster,
        peers: clusterPassed,
        outcome: 'fail',
        mentions: ['RELEASE_CHANNEL_DISABLED', 'while gtp passed it in gke.regional'],
      },
      {
        name: 'SCC flags a Cloud SQL instance gtp passed (named //cloudsql.googleapis.com/…)',
        world: W.misconfiguredPassedDatabase,
        peers: [
          {
            id: 'sql.backups',
            outcome: 'pass',
            resources: [{ name: 'orders-db', verdict: 'pass', detail: 'backupConfiguration.enabled=true' }],
          },
        ],
        outcome: 'fail',
        mentions: ['SQL_NO_ROOT_PASSWORD', 'while gtp passed it in sql.backups'],
      },
      {
        name: 'SCC and gtp agree the cluster is wrong',
        world: W.misconfiguredPassedCluster,
        peers: clusterFailed,
        outcome: 'not-applicable',
        mentions: ['gtp agrees'],
      },
      {
        name: 'a finding on something gtp does not judge',
        world: W.misconfiguredElsewhere,
        peers: clusterPassed,
        outcome: 'pass',
        mentions: ['no gtp check judges it'],
      },
      { name: 'gtp verified nothing', world: W.misconfiguredPassedCluster, peers: [], outcome: 'not-applicable' },
      {
        name: 'findings unreadable',
        world: withError(W.noFindings, 'scc.misconfigurationFindings', DENIED),
        peers: clusterPassed,
        outcome: 'error',
      },
    ],
  ],
];

export default tables;
