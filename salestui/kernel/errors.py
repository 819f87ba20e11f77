"""The one domain error type: a rule broken, said so a person can act on it; nothing was written."""


class DomainError(Exception):
    pass
