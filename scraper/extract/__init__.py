"""Extraction: from a parsed page to talk records (see page.extract_page)."""
from .page import PageExtraction, extract_page, parse_html

__all__ = ["PageExtraction", "extract_page", "parse_html"]
