/**
 * What other features use of arrears: the locks taken before a case or a corporation's contracts
 * change, the automatic collection pause (on admission), and the tables the demo seed fills.
 */
export { Arrears, ArrearsChange } from './arrears.entity.js';
export { CollectionPause } from './collection-pause.entity.js';
export { CollectionStep } from './collection-step.entity.js';
export { lockContractsOf } from './contracts-lock.js';
export { lockForCorporationWrite } from './corporation-write.js';
export { startAutomaticCollectionPause } from './collection-pause.service.js';
