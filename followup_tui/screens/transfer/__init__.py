"""Screens that bring a book of business in from other CRMs' files."""
