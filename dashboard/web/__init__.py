"""The Flask edge: who is asking (auth, roles, login), what every response carries (security),
and the plain HTTP routes beside the Dash pages (the report, the Excel export, the upload, the
history's files). Imports the views, reports, state and text below it; never the components."""
