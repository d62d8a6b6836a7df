// The Overview's own state: its filter, how relations are shown, and what is picked (from a row,
// the graph, an application's detail or the command palette). Picking something the filter hides
// clears the filter, and a relation shows the relations as a table: what is picked is always on
// the page to be seen.
import type { JujuStatus } from '../../../electron/contract/lab-model';
import type { OverviewTarget } from '../../state/view-focus';
import { emptyFilter, type ModelFilter } from './juju-model-view';
import { hiddenBy } from './overview-marks';

export class OverviewSelection {
  filter = $state<ModelFilter>(emptyFilter());
  /** The relations as a picture or as rows; the picture first, it is what a room looks at. */
  relationsShown = $state<'graph' | 'table'>('graph');
  target = $state<OverviewTarget | null>(null);

  pick(target: OverviewTarget, status: JujuStatus): void {
    this.target = target;
    if (hiddenBy(this.filter, target, status)) this.filter = emptyFilter();
    if (target.kind === 'relation') this.relationsShown = 'table';
  }

  /** An application's row opens its detail, and closes it when it is the one open. */
  toggleApplication(name: string, status: JujuStatus): boolean {
    if (this.target?.kind === 'application' && this.target.name === name) {
      this.target = null;
      return false;
    }
    this.pick({ kind: 'application', name }, status);
    return true;
  }
}
