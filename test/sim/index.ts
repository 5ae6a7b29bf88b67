// Public entry of the project's Events Hub simulator (contract: /work/notes/sim-api.md).
export type { MutationOptions, SimClock, SimOptions, SimStats, SimVm, Simulator, TlsPair } from './types';
export { startSimulator, DEFAULT_API_KEY, DEFAULT_USER } from './simulator';
export {
  ALTERNATE_CERT,
  PRIMARY_CERT,
  PRIVATE_CA_CHAIN,
  PRIVATE_CA_LEAF_ONLY,
  PRIVATE_CA_ROOT_PEM,
} from './certs';
export { MAX_CLIENT_QUEUE, WELCOME_TEXT } from './hub';
export { VALID_EVENT_TYPES, parseEventTypes } from './client-messages';
export { runDemoScenario } from './demo-scenario';
export { startOrchestratorSimulator } from './orchestrator/simulator';
export { ORCHESTRATOR_MESSAGES } from './orchestrator/channel';
export type {
  FarmHostView,
  OrchestratorHostSpec,
  OrchestratorSimOptions,
  OrchestratorSimulator,
} from './orchestrator/types';
