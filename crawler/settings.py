"""Scrapy settings of the quote tracker's crawler: every crawler default lives here, in one place.

``scrapy list`` / scrapyd read this module through ``scrapy.cfg``; ``quotes crawl`` starts from it too
(:func:`crawler.run.build_settings`) and layers the tracker's settings and the command line on top.
Settings of our own are prefixed ``QUOTES_``.
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
# Database the pipeline stores into; None -> tracker settings' QUOTES_DATABASE_URL.
QUOTES_DATABASE_URL = None
# Attribute quotations in the pipeline (False: `quotes attribute` does it later).
QUOTES_ATTRIBUTE = True
QUOTES_SPACY_MODEL = None
# Extraction worker processes (None: one per core, at most 4; 0: on the pipeline thread).
QUOTES_EXTRACT_PROCESSES = None
# Keep the raw HTML of stored articles (compressed by db) so extraction can be rerun.
QUOTES_KEEP_HTML = True
# The sources file (None -> crawler/sources.toml).
QUOTES_SOURCES_FILE = None
# Write fetched responses to WARC files in this directory (None -> no archiving).
QUOTES_WARC_DIR = None
# Progress (pages, articles, quotations, errors, rate) every this many seconds: logged, or handed to
# QUOTES_PROGRESS_SINK, a function (source, line) that `quotes crawl` sets (0: no progress at all).
QUOTES_PROGRESS_INTERVAL = 60.0
QUOTES_PROGRESS_SINK = None
# Every fetched URL is remembered (table fetches): a rerun fetches none again, except URLs that failed
# (HTTP errors, DNS, timeouts), tried again after QUOTES_FETCH_RETRY_BACKOFF seconds, doubling after
# each failure, at most QUOTES_FETCH_MAX_TRIES times in all.
QUOTES_FETCH_MAX_TRIES = 4
QUOTES_FETCH_RETRY_BACKOFF = 3600.0
# Several machines: the Redis frontier's duplicate filter forgets fingerprints after this many
# seconds, so requests lost with a killed process are fetched again by a later run.
QUOTES_REDIS_DUPEFILTER_TTL = 3600
# Several machines: a process whose shared queue is empty stays open this many seconds after its last
# response, in case a sibling is about to enqueue pages (see crawler.extensions.SharedFrontierGrace).
QUOTES_REDIS_IDLE_GRACE = 10.0
# Several machines: how often a process with room for requests looks at the shared queue (Scrapy itself
# looks only after its own responses and every 5 s), so that siblings share the pages.
QUOTES_REDIS_POLL_INTERVAL = 0.5
