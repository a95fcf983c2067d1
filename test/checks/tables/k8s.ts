import argocd from '../../../src/checks/k8s/argocd/check.js';
import policyConstraints from '../../../src/checks/k8s/policy-constraints/check.js';
import policyEnforced from '../../../src/checks/k8s/policy-enforced/check.js';
import type { CheckDefinition } from '../../../src/checks/types.js';
import { DENIED, withError, type CheckCase } from '../../helpers/check-table.js';
import { K8S_WORLDS as W } from '../../fixtures/register-worlds.js';

const tables: [CheckDefinition, CheckCase[]][] = [
  [
    argocd,
    [
      { name: 'ArgoCD available, its Application Synced and Healthy', world: W.gitops, outcome: 'pass' },
      { name: 'nothing installed', world: W.nothingInstalled, outcome: 'fail', mentions: ['ArgoCD is not installed'] },
      {
        name: 'a Deployment without available replicas',
        world: W.argocdDown,
        outcome: 'fail',
        mentions: ['not available: argocd-server (0 of 1 replicas available)'],
      },
      {
        name: 'Applications out of sync or degraded',
        world: W.outOfSync,
        outcome: 'fail',
        mentions: ['web (OutOfSync/Healthy)', 'api (Synced/Degraded)'],
      },
      {
        name: 'an Application synced by hand leaves drift in place',
        world: W.manualSync,
        outcome: 'fail',
        mentions: ['web (manual sync: no syncPolicy.automated)'],
      },
      {
        name: 'automated sync switched off with enabled: false',
        world: W.automatedSyncOff,
        outcome: 'fail',
        mentions: ['syncPolicy.automated.enabled is false'],
      },
      {
        name: 'automated sync without self-heal reports a change made in the cluster, never reverts it',
        world: W.noSelfHeal,
        outcome: 'fail',
        mentions: ['self-heal off'],
      },
      {
        name: 'ArgoCD managing nothing',
        world: W.noApplications,
        outcome: 'fail',
        mentions: ['manages no Application'],
      },
      { name: 'no clusters', world: {}, outcome: 'not-applicable' },
      {
        name: 'a private-endpoint cluster cannot be read',
        world: W.privateEndpoint,
        outcome: 'error',
        mentions: ['private endpoint only'],
      },
      { name: 'clusters unreadable', world: withError(W.gitops, 'gke.clusters', DENIED), outcome: 'error' },
    ],
  ],
  [
    policyEnforced,
    [
      {
        name: 'Gatekeeper with denying constraints',
        world: W.gitops,
        outcome: 'pass',
        mentions: ['2 of 2 constraint(s) deny'],
      },
      { name: 'constraints only dry-run or warn', world: W.dryRunOnly, outcome: 'fail', mentions: ['dryrun', 'warn'] },
      {
        // No webhook answers, and Gatekeeper's validating webhook fails open (failurePolicy: Ignore by default).
        name: 'the controller-manager scaled to 0 enforces nothing',
        world: W.gatekeeperScaledToZero,
        outcome: 'fail',
        mentions: ['gatekeeper-controller-manager (scaled to 0 replicas)'],
      },
      { name: 'Gatekeeper not installed', world: W.nothingInstalled, outcome: 'fail' },
      { name: 'no clusters', world: {}, outcome: 'not-applicable' },
      { name: 'a private-endpoint cluster cannot be read', world: W.privateEndpoint, outcome: 'error' },
    ],
  ],
  [
    policyConstraints,
    [
      // An unset enforcementAction is Gatekeeper's default: deny.
      { name: 'limits and public load balancers both denied', world: W.gitops, outcome: 'pass' },
      { name: 'only resource limits', world: W.limitsOnly, outcome: 'fail', mentions: ['no public LoadBalancers'] },
      {
        name: 'both only dry-run',
        world: W.dryRunOnly,
        outcome: 'fail',
        mentions: ['resource limits or no public LoadBalancers'],
      },
      { name: 'no clusters', world: {}, outcome: 'not-applicable' },
      { name: 'a private-endpoint cluster cannot be read', world: W.privateEndpoint, outcome: 'error' },
    ],
  ],
];

export default tables;
