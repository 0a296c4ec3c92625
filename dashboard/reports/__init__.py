"""The meeting pack: the department report's content, its PDF, the view as an Excel workbook
(made in the background by the export runner) and the check report of an upload."""
