/** The export-requests module's use cases: unmasked exports above the threshold, approved first. */
export {
  createExportRequest,
  getExportRequest,
  getRequestRow,
  listExportRequests,
  viewRequest,
} from './service/requests.ts';
export { decideExportRequest } from './service/decide.ts';
export type { ExportRequestsContext } from './context.ts';
export { downloadExportRequest, expireExportRequests, makeExportFile } from './service/file.ts';
