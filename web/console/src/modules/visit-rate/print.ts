/** On paper: the title, the summary and the table only (no menu, header, filters or buttons). */
export const printStyles = `
.print-only { display: none; }
@media print {
  @page { size: A4 landscape; margin: 12mm; }
  .ant-layout-sider, .ant-layout-header, .ant-layout-footer, .no-print { display: none !important; }
  .ant-layout, .ant-layout-content, .ant-card-body { padding: 0 !important; margin: 0 !important; background: #fff !important; }
  .ant-card { border: none !important; box-shadow: none !important; }
  .ant-card-head { display: none !important; }
  .print-only { display: block !important; }
  .ant-table-measure-row { display: none !important; }
  .ant-table, .ant-table-container, .ant-table-cell { border-color: #000 !important; }
  .ant-table-thead > tr > th, .ant-table-summary td { background: #fff !important; }
  .ant-table-cell-fix-left { position: static !important; }
}`;
