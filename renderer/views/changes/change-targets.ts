// Where a change leads: the view that shows its object, focused on it (a container in Containers,
// a unit or application in the Overview, a machine in Nodes, a profile in Profiles, a namespace
// in Network). A Juju container's machine ("24/lxd/0") has no card in Nodes: its row in the
// Overview's machines is where Juju's view of it is.
import type { LabChange } from '../../../electron/contract/lab-diff';
import type { ViewFocus } from '../../state/view-focus';
import type { ViewId } from '../view-catalog';

export interface ChangeTarget {
  view: ViewId;
  focus: ViewFocus;
  /** The button's words: "Show in Containers". */
  label: string;
}

export function changeTarget(change: LabChange): ChangeTarget {
  const object = change.object;
  switch (object.type) {
    case 'container':
      return { view: 'containers', focus: { view: 'containers', filter: object.container }, label: 'Show in Containers' };
    case 'unit':
      return { view: 'overview', focus: { view: 'overview', target: { kind: 'unit', name: object.unit } }, label: 'Show in Overview' };
    case 'application':
      return { view: 'overview', focus: { view: 'overview', target: { kind: 'application', name: object.application } }, label: 'Show in Overview' };
    case 'relation':
      return { view: 'overview', focus: { view: 'overview', target: { kind: 'relation', key: object.ends.join(' ') } }, label: 'Show in Overview' };
    case 'machine':
      return object.machineId.includes('/')
        ? { view: 'overview', focus: { view: 'overview', target: { kind: 'machine', id: object.machineId } }, label: 'Show in Overview' }
        : { view: 'nodes', focus: { view: 'nodes', machineId: object.machineId }, label: 'Show in Nodes' };
    case 'profile':
      return { view: 'profiles', focus: { view: 'profiles', machineId: object.machineId, profile: object.profile }, label: 'Show in Profiles' };
    case 'namespace':
      return { view: 'network', focus: { view: 'network', machineId: object.machineId, namespace: object.namespace }, label: 'Show in Network' };
  }
}
