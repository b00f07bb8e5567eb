"""Per-page extraction shared by the spiders, ``quotes extract page.html`` and ``quotes ingest``.

>>> from crawler.extraction import extract_page
>>> page = extract_page(html_bytes, url, headers={"Content-Type": "text/html; charset=utf-8"})
>>> page.is_article, page.title, page.published, page.text[:80]
"""

from .page import MAX_PAGE_BYTES, MAX_PAGE_ELEMENTS, ExtractedPage, extract_page

__all__ = ["MAX_PAGE_BYTES", "MAX_PAGE_ELEMENTS", "ExtractedPage", "extract_page"]
