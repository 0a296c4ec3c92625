"""Every component id of the interface, in one place."""

URL = "url"
PERIOD = "filter-period"
DEPARTMENT = "filter-department"
UNIT = "filter-unit"
LANGUAGE = "filter-language"
NAV = "nav"
PROBLEMS = "address-problems"
NOTIFICATIONS = "notifications"  # a failed callback's message (app.py's on_error)
SUBTITLE = "app-subtitle"
CONTENT = "content"
# the Verksamhet page
OPERATIONS_GRID = "operations-grid"
OPERATIONS_GRID_HEADING = "operations-grid-heading"
OPERATIONS_GRID_COUNT = "operations-grid-count"
OPERATIONS_QUICK_FILTER = "operations-quick-filter"
# a perspective page's table (Processer, when a view has more key figures than cards)
PERSPECTIVE_TABLE = "perspective-table"
PERSPECTIVE_TABLE_HEADING = "perspective-table-heading"
