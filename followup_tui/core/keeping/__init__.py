"""Keeping the book safe: backups by day, the SQLite file's header, where the file lives."""
