/**
 * What other features use of arrears: the lock taken before a corporation writes to a case, the
 * automatic collection pause (on admission), and the tables the demo seed fills.
 */
export { Arrears, ArrearsChange } from './arrears.entity.js';
export { CollectionPause } from './collection-pause.entity.js';
export { CollectionStep } from './collection-step.entity.js';
export { lockForCorporationWrite, refuseClosedForCorporation } from './corporation-write.js';
export { startAutomaticCollectionPause } from './collection-pause.service.js';
