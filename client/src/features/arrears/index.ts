/** The arrears section of the case page. */
export { ArrearsPanel } from './ArrearsPanel';
