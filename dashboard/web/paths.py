"""The addresses of the Flask edge that other parts link to: the login and the logout.

Kept apart from the routes so that the gate (``auth``), the login's routes (``login``) and the
shell's logout button can all name them without importing one another."""

LOGIN_PATH = "/logga-in"
LOGOUT_PATH = "/logga-ut"
FOLLOWUP_PATH = "/uppfoljning"
FOLLOWUP_GUIDE_PATH = "/uppfoljning/sa-fungerar-det"  # the user guide, per role
