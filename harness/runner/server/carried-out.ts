import type { Observation } from '../../probe/observation.ts';
import type { BackendEvidence, RevocationEvidence, ScenarioStep } from '../../report/run-results.ts';
import type { Judgement } from '../judgement.ts';

/** What carrying a scenario out produced, before executeScenario makes it a ScenarioResult. */
export interface CarriedOut {
  observed: Observation | null;
  steps?: ScenarioStep[];
  judgement: Judgement;
  reproduce?: string;
  backend?: BackendEvidence;
  revocation?: RevocationEvidence;
}
