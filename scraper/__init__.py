"""Fetching seminar pages and extracting talks from them (no storage here)."""
__version__ = "0.1.0"
