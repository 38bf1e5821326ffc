import type { Observation } from '../../probe/observation.ts';
import type { ScenarioStep } from '../../report/run-results.ts';
import type { Judgement } from '../judgement.ts';

/** What carrying a scenario out produced; undefined instead when the run was interrupted first. */
export interface CarriedOut {
  observed: Observation | null;
  steps?: ScenarioStep[];
  judgement: Judgement;
  reproduce?: string;
}
