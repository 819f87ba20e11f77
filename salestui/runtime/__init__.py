"""Start-up and read machinery: every speed trick of salestui lives here, apart from the figures.

``startup``: what runs before the first frame (a read in a thread while Textual imports).
``reads``: where reads run side by side (a thread pool, and worker processes for scans of a large
SQLite file, from the size where they pay), work done in a thread meanwhile, and the one computed
customer table kept per data version.
"""
