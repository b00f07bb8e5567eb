"""The crawler's spiders (``scrapy list`` shows them)."""
