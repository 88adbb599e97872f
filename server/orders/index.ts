/** The plant's plans from its other systems: ERP planned orders and CMMS maintenance work orders of a line. */
export { importPlannedOrders, listPlannedOrders, plannedOrderView } from './orders.ts';
export { importWorkOrders, listWorkOrders, workOrderProblems } from './workOrders.ts';
export { csvItems, jsonItems, MAX_IMPORT_ROWS, type ImportItem } from './items.ts';
export type { ImportResult } from './imports.ts';
export { orderRoutes } from './routes.ts';
