"""Scrapy settings of the quote tracker's crawler: Scrapy's own settings of every crawl, in one place.

``quotes crawl`` starts from this module (:func:`crawler.run.build_settings`) and layers the project's
``QUOTES_*`` settings and the command line on top; ``scrapy list`` / scrapyd read it through
``scrapy.cfg`` (``tracker.scrapy_settings``: this module and the ``QUOTES_*`` settings).
"""

BOT_NAME = "quotes"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

# Identify ourselves: operators of the sites we crawl must be able to reach us.
QUOTES_CONTACT_URL = "https://github.com/quote-tracker/quote-tracker#crawler"
USER_AGENT = f"quote-tracker/0.1 (+{QUOTES_CONTACT_URL})"

# Politeness.
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
COOKIES_ENABLED = False

# Retry only what may succeed later: timeouts, rate limiting and server errors. 401/403 are not
# retried: BlockedResponseMiddleware records them per source as blocked.
RETRY_ENABLED = True
RETRY_TIMES = 2
RETRY_HTTP_CODES = [408, 429, 500, 502, 503, 504, 522, 524]

# Bounds: a news page is rarely above a few MB (CNN's biggest are ~2.5 MB).
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
DOWNLOAD_TIMEOUT = 30
REDIRECT_MAX_TIMES = 10
DEPTH_LIMIT = 3

DOWNLOADER_MIDDLEWARES = {
    # Above RetryMiddleware (550) so it sees 401/403 responses first on the way back.
    "crawler.middlewares.BlockedResponseMiddleware": 560,
    "crawler.warc.WarcArchiveMiddleware": 901,
}
ITEM_PIPELINES = {
    "crawler.pipelines.ExtractPipeline": 100,
    "crawler.pipelines.AttributePipeline": 200,
    "crawler.pipelines.StorePipeline": 300,
}
EXTENSIONS = {
    "crawler.extensions.RunRecorder": 500,
    "crawler.extensions.SharedFrontierGrace": 510,  # only with the shared frontier
    "crawler.fetchlog.FetchLog": 520,
    "crawler.extensions.CrawlProgress": 530,
}

LOG_LEVEL = "INFO"
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False  # no listening port on a crawl server
FEED_EXPORT_ENCODING = "utf-8"

# --- our own settings (QUOTES_*) --------------------------------------------------------------
# Not here: the crawl receives them. Their names, defaults and meaning are the rows of the settings
# table (tracker/settings.py, docs/settings.md); `quotes crawl` passes them in (crawler.run), and for
# `scrapy` and scrapyd, scrapy.cfg names tracker.scrapy_settings: this module with the table on top.
