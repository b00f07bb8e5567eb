"""The Scrapy settings module that ``scrapy.cfg`` names (``scrapy list``, ``scrapy crawl``, scrapyd):
the crawler's Scrapy settings with the project's ``QUOTES_*`` settings on top, read from this process's
environment through the settings table, and the services of tracker/services.py, as ``quotes crawl``
passes them in."""

import crawler.settings as _crawler_settings
from tracker.services import crawl_services
from tracker.settings import get_settings, scrapy_settings

globals().update({name: value for name, value in vars(_crawler_settings).items() if name.isupper()})
globals().update(scrapy_settings(get_settings()))
globals().update(crawl_services())
