"""Every component id of the interface, in one place."""

URL = "url"
PERIOD = "filter-period"
DEPARTMENT = "filter-department"
UNIT = "filter-unit"
LANGUAGE = "filter-language"
NAV = "nav"
APP_SHELL = "app-shell"
NAV_TOGGLE = "nav-toggle"  # the menu button on a narrow screen
PROBLEMS = "address-problems"
NOTIFICATIONS = "notifications"  # a failed callback's message (app.py's on_error)
SUBTITLE = "app-subtitle"
CONTENT = "content"
SKIP_LINK = "skip-link"
USER_MENU = "user-menu"  # who is logged in, and the logout button
REPORT_LINK = "report-link"  # the meeting report of the view (/rapport)
TAKE_AWAY = "take-away"  # the group of the report link and the export button
# the view's numbers as a workbook, made as a background job (dashboard/callbacks/export.py)
EXPORT_BUTTON = "export-button"  # starts the view's export
EXPORT_STATUS = "export-status"  # the job's state in words (a live region)
EXPORT_DETAIL = "export-detail"  # its progress bar, then the finished file's link
EXPORT_JOB = "export-job"  # the id of the job followed
EXPORT_POLL = "export-poll"  # asks for the job's state while it is being made
EXPORT_READY = "export-ready"  # the finished file's address: the browser downloads it
EXPORT_DOWNLOADED = "export-downloaded"  # the file last downloaded (never twice)
# the Verksamhet page
OPERATIONS_GRID = "operations-grid"
OPERATIONS_GRID_HEADING = "operations-grid-heading"
OPERATIONS_GRID_COUNT = "operations-grid-count"
OPERATIONS_QUICK_FILTER = "operations-quick-filter"
# a perspective page's table (Processer, when a view has more key figures than cards)
PERSPECTIVE_TABLE = "perspective-table"
PERSPECTIVE_TABLE_HEADING = "perspective-table-heading"
# the upload page (Ladda upp)
UPLOAD_DROP = "upload-drop"
UPLOAD_INPUT = "upload-input"
UPLOAD_RESPONSE = "upload-response"  # set by assets/upload.js: the route's JSON answer
UPLOAD_PROGRESS = "upload-progress"  # set by assets/upload.js while the file is sent
UPLOAD_STATUS = "upload-status"
UPLOAD_TOKEN = "upload-token"
UPLOAD_POLL = "upload-poll"
UPLOAD_RESULT = "upload-result"
UPLOAD_ISSUES = "upload-issues"  # the check report's table
UPLOAD_PERIOD_BOX = "upload-period-box"
UPLOAD_PERIOD = "upload-period"
UPLOAD_RECHECK = "upload-recheck"
UPLOAD_ACTIONS = "upload-actions"
UPLOAD_CONFIRM = "upload-confirm"
UPLOAD_CANCEL = "upload-cancel"
UPLOAD_OUTCOME = "upload-outcome"
UPLOAD_REPORT_BUTTON = "upload-report-button"
UPLOAD_REPORT_DOWNLOAD = "upload-report-download"
# the import history page (Importhistorik)
HISTORY_GRID = "history-grid"
HISTORY_GRID_HEADING = "history-grid-heading"
HISTORY_ACTIONS_HEADING = "history-actions-heading"
HISTORY_CHOICE = "history-choice"
HISTORY_DOWNLOAD = "history-download"
HISTORY_ROLLBACK = "history-rollback"
HISTORY_RESULT = "history-result"
HISTORY_MODAL = "history-modal"
HISTORY_CONFIRM_TEXT = "history-confirm-text"
HISTORY_CONFIRM = "history-confirm"
HISTORY_CANCEL = "history-cancel"
HISTORY_PENDING = "history-pending"  # the import the open dialog is about
# the audit log (Händelselogg, admins only)
AUDIT_GRID = "audit-grid"
AUDIT_GRID_HEADING = "audit-grid-heading"
AUDIT_KIND = "audit-kind"  # the kind of events shown, written to the address (?typ=)
# the survey page (Enkäter): its own choices, written to the address
SURVEY_PICK = "survey-pick"
SURVEY_MEASUREMENT = "survey-measurement"
SURVEY_GROUP = "survey-group"
# the Uppföljning page (dashboard/pages/followup.py)
FOLLOWUP_BODY = "followup-body"  # the page below its heading, made again after every change
FOLLOWUP_MESSAGE = "followup-message"  # what the last change did, or why it was refused
FOLLOWUP_LAST_DAY = "followup-last-day"
FOLLOWUP_OPEN = "followup-open"
FOLLOWUP_SET_DAY = "followup-set-day"
FOLLOWUP_CLOSE = "followup-close"
FOLLOWUP_REOPEN = "followup-reopen"
FOLLOWUP_READY = "followup-ready"
FOLLOWUP_UNREADY = "followup-unready"
FOLLOWUP_OVERRIDE = "followup-override"  # the departments not ready, ticked to adopt anyway
FOLLOWUP_ADOPT = "followup-adopt"
FOLLOWUP_REASON = "followup-reason"  # why an adopted follow-up is opened for correction
FOLLOWUP_CORRECT = "followup-correct"
FOLLOWUP_EDIT = "followup-edit"  # type of the pattern-matching "Ändra" buttons
FOLLOWUP_MODAL = "followup-modal"
FOLLOWUP_EDITING = "followup-editing"  # the assignment and revision the dialog is about
FOLLOWUP_STATUS = "followup-status"
FOLLOWUP_MOTIVATION = "followup-motivation"
FOLLOWUP_ACTION = "followup-action"
FOLLOWUP_OWNER = "followup-owner"
FOLLOWUP_DUE = "followup-due"
FOLLOWUP_PRIOR_DONE = "followup-prior-done"
FOLLOWUP_SAVE = "followup-save"
FOLLOWUP_CANCEL = "followup-cancel"
FOLLOWUP_EDIT_MESSAGE = "followup-edit-message"
FOLLOWUP_HISTORY = "followup-history"
# the upload's preview: assessments where the file and the app disagree (pattern-matching)
UPLOAD_FILE_CHOICE = "upload-file-choice"  # index "<period>|<id>": take the file's
UPLOAD_REMOVAL_YES = "upload-removal-yes"  # index "yes": the second yes to a large removal
UPLOAD_FILE_ALL = "upload-file-all"  # index "all": take the file's for every one listed
# the overview
DEPARTMENT_MATRIX = "department-matrix"  # departments x perspectives, red first
# the Regeringsuppdrag page
GOVERNMENT_HEADLINE = "government-headline"  # the reports due, overdue and reported
GOVERNMENT_CALENDAR = "government-calendar"  # the view's reports as a calendar (.ics)
GOVERNMENT_TABLE = "government-table"  # the register
