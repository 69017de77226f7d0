"""Extraction: from a fetched resource to talk records (see page.extract and page.PageType)."""
from .page import PAGE_TYPES, PageExtraction, PageType, extract, extract_page, parse_html

__all__ = ["PAGE_TYPES", "PageExtraction", "PageType", "extract", "extract_page", "parse_html"]
