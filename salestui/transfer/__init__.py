"""Bring your own data: reading other tools' CSV files and mapping them onto salestui's kinds.

Pure core code: bytes and strings in, typed records and row errors out. The database side lives in
``salestui.services.imports.run`` (writes) and ``salestui.db.queries.export`` (reads).
"""
