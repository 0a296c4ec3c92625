"""The app's own records beside the loaded data: the users and their lockout, the audit log, the
Excel export jobs."""
