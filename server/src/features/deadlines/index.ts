/** What other features use of deadlines: the table the demo seed fills. */
export { MunicipalitySetting } from './municipality-setting.entity.js';
