"""Every write: validate, apply, record history and audit, commit — in one transaction."""
